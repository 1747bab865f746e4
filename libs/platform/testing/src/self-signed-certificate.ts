import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A certificate for localhost and 127.0.0.1 signed by its own key: the files a server is configured with, and the CA a client trusts. */
export interface SelfSignedCertificate {
  certFile: string;
  keyFile: string;
  /** The certificate itself, PEM: a client that trusts it as its CA verifies the server. */
  ca: Buffer;
}

/** Writes a fresh self-signed certificate and its key (P-256, valid a day) into `dir`, with the openssl command line. */
export function selfSignedCertificate(dir: string): SelfSignedCertificate {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, ca: readFileSync(certFile) };
}
