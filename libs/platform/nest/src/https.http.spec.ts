import { type ClientRequest, type IncomingMessage, get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SelfSignedCertificate, TestApp, selfSignedCertificate, startTestApp } from '@serviceledger/platform/testing';
import { ConfigurationError, loadPlatformConfig } from './platform-config';
import { tlsCredentialsOf } from './tls-credentials';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Resolves with the answer to a GET; rejects when the connection fails before one. */
function answerTo(send: (done: (response: IncomingMessage) => void) => ClientRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    send((response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    }).on('error', reject);
  });
}

/**
 * 五(三)3 「采取有效的安全防護措施,如防火墻、加密技術、訪問控制等」: with a certificate and key configured the
 * API is served over HTTPS, and its port speaks nothing else.
 */
describe('the API over HTTPS', () => {
  let dir: string;
  let certificate: SelfSignedCertificate;
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sl-https-'));
    certificate = selfSignedCertificate(dir);
    t = await startTestApp({
      services: [sampleService],
      modules: [SampleNotesModule],
      env: { EVENT_STORE: 'sqlite', TLS_CERT_FILE: certificate.certFile, TLS_KEY_FILE: certificate.keyFile },
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health over TLS with the configured certificate, which a client trusting it verifies, and tells browsers to keep to HTTPS', async () => {
    const answer = await answerTo((done) => httpsGet({ host: '127.0.0.1', port, path: '/health/ready', ca: certificate.ca }, done));

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'up' });
    expect(answer.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(answerTo((done) => httpsGet({ host: '127.0.0.1', port, path: '/health/live' }, done))).rejects.toThrow(/self-signed certificate/);
  });

  it('serves no plain HTTP on its port: the request gets no answer', async () => {
    await expect(answerTo((done) => httpGet({ host: '127.0.0.1', port, path: '/health/live' }, done))).rejects.toThrow();
  });
});

describe('the HTTPS configuration', () => {
  let dir: string;
  let certificate: SelfSignedCertificate;
  let other: SelfSignedCertificate;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sl-https-config-'));
    certificate = selfSignedCertificate(mkdtempSync(join(dir, 'one-')));
    other = selfSignedCertificate(mkdtempSync(join(dir, 'other-')));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const credentials = (env: Record<string, string>) => () => tlsCredentialsOf(loadPlatformConfig(env), 'TLS_CERT_FILE', 'TLS_KEY_FILE');

  it('is plain HTTP while neither file is set', () => {
    expect(credentials({})()).toBeUndefined();
  });

  it('takes both files or neither', () => {
    expect(credentials({ TLS_CERT_FILE: certificate.certFile })).toThrow(/TLS_KEY_FILE is required with TLS_CERT_FILE/);
    expect(credentials({ TLS_KEY_FILE: certificate.keyFile })).toThrow(/TLS_CERT_FILE is required with TLS_KEY_FILE/);
  });

  it('stops the start, naming the variable, on a file it cannot read or a key that is not the certificate’s', () => {
    const missing = join(dir, 'missing.pem');
    expect(credentials({ TLS_CERT_FILE: missing, TLS_KEY_FILE: certificate.keyFile })).toThrow(ConfigurationError);
    expect(credentials({ TLS_CERT_FILE: missing, TLS_KEY_FILE: certificate.keyFile })).toThrow(`TLS_CERT_FILE=${JSON.stringify(missing)}: cannot be read (ENOENT)`);
    expect(credentials({ TLS_CERT_FILE: certificate.certFile, TLS_KEY_FILE: other.keyFile })).toThrow(/TLS_CERT_FILE, TLS_KEY_FILE: not a PEM certificate and its private key/);
  });
});
