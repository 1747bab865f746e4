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

/** A token like the local one, but signed, labelled, addressed and dated as the test wants (times in epoch seconds). */
async function craftedToken(options: {
  signWith: KeyLike;
  kid: string;
  audience?: string;
  expires?: boolean;
  issuedAt?: number;
  notBefore?: number;
  expiresAt?: number;
}) {
  const token = new SignJWT({ roles: ['administrator'], departments: [] })
    .setProtectedHeader({ alg: 'ES256', kid: options.kid })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(options.audience ?? LOCAL_AUDIENCE)
    .setSubject('mallory')
    .setIssuedAt(options.issuedAt);
  if (options.notBefore !== undefined) token.setNotBefore(options.notBefore);
  if (options.expires ?? true) token.setExpirationTime(options.expiresAt ?? '1h');
  return token.sign(options.signWith);
}

const secondsFromNow = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

async function strangerKey(): Promise<KeyLike> {
  return (await generateKeyPair('ES256')).privateKey;
}

async function failureOf(token: string, by: LocalKeyVerifier = verifier): Promise<AuthenticationError> {
  const error = await by.verify(token).then(() => undefined, (thrown: unknown) => thrown);
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

describe('LocalKeyVerifier and the times a token carries', () => {
  const signed = (times: { issuedAt?: number; notBefore?: number; expiresAt?: number }) =>
    craftedToken({ signWith: key.privateKey, kid: key.kid, ...times });

  it('rejects a token issued in the future beyond the clock skew', async () => {
    const error = await failureOf(await signed({ issuedAt: secondsFromNow(120), expiresAt: secondsFromNow(3720) }));
    expect(error.reason).toBe('not-yet-valid');
  });

  it('rejects a token not valid until beyond the clock skew', async () => {
    const error = await failureOf(await signed({ notBefore: secondsFromNow(120), expiresAt: secondsFromNow(3600) }));
    expect(error.reason).toBe('not-yet-valid');
  });

  it('accepts a token issued, or valid from, within the clock skew of now', async () => {
    await expect(verifier.verify(await signed({ issuedAt: secondsFromNow(30), notBefore: secondsFromNow(30), expiresAt: secondsFromNow(3600) }))).resolves.toMatchObject({
      userId: 'mallory',
    });
  });

  it('rejects a token valid for longer than the maximum lifetime, however its times are arranged', async () => {
    const longLived = await failureOf(await signed({ expiresAt: secondsFromNow(13 * 3600) }));
    expect(longLived.reason).toBe('lifetime-too-long');
    expect(longLived.message).toBe(
      'Authentication failed (lifetime-too-long): the token is valid for longer than the services accept; ask for one with a shorter lifetime',
    );
    const backdated = await failureOf(await signed({ issuedAt: secondsFromNow(-13 * 3600), expiresAt: secondsFromNow(3600) }));
    expect(backdated.reason).toBe('lifetime-too-long');
  });

  it('accepts the embedded default’s 8-hour token, and applies the configured skew and maximum', async () => {
    await expect(verifier.verify(await issueLocalToken(key, alice, '8h'))).resolves.toEqual(alice);
    const strict = new LocalKeyVerifier(key, { clockSkewSeconds: 0, maxLifetimeSeconds: 3600 });
    expect((await failureOf(await issueLocalToken(key, alice, '2h'), strict)).reason).toBe('lifetime-too-long');
    expect((await failureOf(await signed({ issuedAt: secondsFromNow(30), expiresAt: secondsFromNow(1800) }), strict)).reason).toBe('not-yet-valid');
  });

  it('rejects a token without an issue time, whose lifetime cannot be known', async () => {
    const token = await new SignJWT({ roles: ['administrator'] })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(key.privateKey);
    expect((await failureOf(token)).reason).toBe('malformed');
  });
});
