import type { Actor } from '@serviceledger/platform/core';
import { KeyLike, SignJWT, generateKeyPair } from 'jose';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthenticationError } from './authentication-error';
import { LocalKeyVerifier } from './local-key-verifier';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalSigningKey, issueLocalToken, loadOrCreateLocalKey, localKeyPath } from './local-signing-key';

const alice: Actor = { userId: 'alice', displayName: 'Alice', roles: ['agent'], departments: ['tech-support'] };

let dataDir: string;
let key: LocalSigningKey;
let verifier: LocalKeyVerifier;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'auth-'));
  key = await loadOrCreateLocalKey(dataDir);
  verifier = new LocalKeyVerifier(key);
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** A token like the local one, but signed, labelled and addressed as the test wants. */
async function craftedToken(options: { signWith: KeyLike; kid: string; audience?: string; expires?: boolean }) {
  const token = new SignJWT({ roles: ['administrator'], departments: [] })
    .setProtectedHeader({ alg: 'ES256', kid: options.kid })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(options.audience ?? LOCAL_AUDIENCE)
    .setSubject('mallory');
  if (options.expires ?? true) token.setExpirationTime('1h');
  return token.sign(options.signWith);
}

async function strangerKey(): Promise<KeyLike> {
  return (await generateKeyPair('ES256')).privateKey;
}

async function failureOf(token: string): Promise<AuthenticationError> {
  const error = await verifier.verify(token).then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe('the local signing key', () => {
  it('is created on first use under DATA_DIR/auth, readable by its owner only', async () => {
    const file = await stat(localKeyPath(dataDir));
    expect(file.mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(localKeyPath(dataDir), 'utf8'))).toMatchObject({ kty: 'EC', crv: 'P-256', kid: key.kid });
  });

  it('is the same key on the next start, so earlier tokens stay valid', async () => {
    const token = await issueLocalToken(key, alice);
    const reloaded = await loadOrCreateLocalKey(dataDir);
    expect(reloaded.kid).toBe(key.kid);
    await expect(new LocalKeyVerifier(reloaded).verify(token)).resolves.toEqual(alice);
  });

  it('is one key when several processes create it at once', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'auth-race-'));
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateLocalKey(fresh)));
    expect(new Set(keys.map(({ kid }) => kid)).size).toBe(1);
    await rm(fresh, { recursive: true, force: true });
  });

  it('publishes only the public half', () => {
    expect(key.publicJwk).not.toHaveProperty('d');
  });
});

describe('LocalKeyVerifier', () => {
  it('returns the principal of a valid token', async () => {
    await expect(verifier.verify(await issueLocalToken(key, alice))).resolves.toEqual(alice);
  });

  it('carries a customer principal’s organisation', async () => {
    const customer: Actor = { userId: 'c-9', roles: ['customer'], departments: [], customerId: 'acme' };
    await expect(verifier.verify(await issueLocalToken(key, customer))).resolves.toEqual(customer);
  });

  it('rejects an expired token', async () => {
    const error = await failureOf(await issueLocalToken(key, alice, '-1m'));
    expect(error.reason).toBe('expired');
    expect(error.message).toBe('Authentication failed (expired): the token has expired');
  });

  it('rejects a token for another audience', async () => {
    expect((await failureOf(await craftedToken({ signWith: key.privateKey, kid: key.kid, audience: 'billing' }))).reason).toBe('wrong-audience');
  });

  it('rejects a token whose signature is not the local key’s', async () => {
    expect((await failureOf(await craftedToken({ signWith: await strangerKey(), kid: key.kid }))).reason).toBe('bad-signature');
  });

  it('rejects a token signed with another key id, e.g. another installation’s', async () => {
    const otherInstallation = await mkdtemp(join(tmpdir(), 'auth-other-'));
    const otherKey = await loadOrCreateLocalKey(otherInstallation);
    await rm(otherInstallation, { recursive: true, force: true });
    expect((await failureOf(await issueLocalToken(otherKey, alice))).reason).toBe('unknown-key');
  });

  it('rejects what is not a JWT', async () => {
    expect((await failureOf('not.a.jwt')).reason).toBe('malformed');
  });

  it('rejects a token without an expiry', async () => {
    const token = await craftedToken({ signWith: key.privateKey, kid: key.kid, expires: false });
    expect((await failureOf(token)).reason).toBe('malformed');
  });
});
