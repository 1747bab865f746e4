import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueLocalToken, loadOrCreateLocalKey, localKeyPath, localSigningKey } from '@serviceledger/platform/auth';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { loadPlatformConfig } from './platform-config';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

/**
 * Issue 16: without OIDC, each pod made its own signing key under its own DATA_DIR, so a token worked on
 * one pod only. AUTH_SIGNING_KEY gives every process the same key.
 */
describe('tokens across processes without OIDC (AUTH_SIGNING_KEY)', () => {
  const keyDir = mkdtempSync(join(tmpdir(), 'sl-key-'));
  let sharedKey: string;
  const pods: TestApp[] = [];

  beforeAll(async () => {
    await loadOrCreateLocalKey(keyDir);
    sharedKey = readFileSync(localKeyPath(keyDir), 'utf8');
    // Two "pods": separate processes' worth of app, each with a DATA_DIR of its own.
    for (let i = 0; i < 2; i++) pods.push(await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { AUTH_SIGNING_KEY: sharedKey } }));
  });
  afterAll(async () => {
    for (const pod of pods) await pod.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  const write = (pod: TestApp, token: string) =>
    pod.app.inject({ method: 'POST', url: `/sample/notes/${randomUUID()}`, payload: { title: '跨節點' }, headers: { authorization: `Bearer ${token}` } });

  it('a token signed with the shared key is accepted by every process', async () => {
    const token = await issueLocalToken(await localSigningKey({ dataDir: keyDir, signingKey: JSON.parse(sharedKey) }), { userId: 'alice', roles: ['agent'], departments: [] });
    for (const pod of pods) expect((await write(pod, token)).statusCode).toBe(201);
  });

  it('a token signed with the key under the DATA_DIR of a process is refused: the shared key replaces it', async () => {
    const own = await pods[0].tokenFor({ roles: ['agent'] });
    expect((await write(pods[0], own)).statusCode).toBe(401);
  });

  it('refuses to start with a key that is not an ES256 private JWK, naming the variable', () => {
    expect(() => loadPlatformConfig({ AUTH_SIGNING_KEY: 'secret' })).toThrow(/AUTH_SIGNING_KEY is not JSON/);
    const { d: _private, ...publicOnly } = JSON.parse(sharedKey);
    expect(() => loadPlatformConfig({ AUTH_SIGNING_KEY: JSON.stringify(publicOnly) })).toThrow(/AUTH_SIGNING_KEY must be an ES256 private key as a JWK/);
    expect(() => loadPlatformConfig({ AUTH_SIGNING_KEY: sharedKey, OIDC_ISSUER: 'https://sso.example.com', OIDC_AUDIENCE: 'sl' })).toThrow(/AUTH_SIGNING_KEY is set with OIDC_ISSUER/);
  });
});
