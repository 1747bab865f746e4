import { JWK, JWTPayload, KeyLike, SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { createHmac } from 'node:crypto';
import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthenticationError } from './authentication-error';
import { OidcVerifier, OidcVerifierOptions } from './oidc-verifier';

const ISSUER = 'https://idp.example.com/realms/serviceledger';
const AUDIENCE = 'serviceledger-api';

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** What an identity provider would issue; every part can be overridden to make it wrong. */
function tokenFrom(
  key: SigningKey,
  options: { issuer?: string; audience?: string; kid?: string; issuedAt?: number; notBefore?: number; expiresAt?: number; claims?: JWTPayload } = {},
): Promise<string> {
  const token = new SignJWT({ name: 'Alice Chen', roles: ['agent'], departments: ['tech-support'], ...options.claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? key.kid })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject('alice')
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresAt ?? '1h');
  if (options.notBefore !== undefined) token.setNotBefore(options.notBefore);
  return token.sign(key.privateKey);
}

const secondsFromNow = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

async function failureOf(verifier: OidcVerifier, token: string): Promise<AuthenticationError> {
  const error = await verifier.verify(token).then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe('OidcVerifier with the issuer’s keys at hand', () => {
  let published: SigningKey;
  let verifier: OidcVerifier;
  const verifierWith = (options: Partial<OidcVerifierOptions> = {}) =>
    new OidcVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      keys: createLocalJWKSet({ keys: [published.publicJwk] }),
      ...options,
    });

  beforeAll(async () => {
    published = await signingKey('key-2025');
    verifier = verifierWith();
  });

  it('returns the principal of a valid token', async () => {
    await expect(verifier.verify(await tokenFrom(published))).resolves.toEqual({
      userId: 'alice',
      displayName: 'Alice Chen',
      roles: ['agent'],
      departments: ['tech-support'],
    });
  });

  it('reads roles, departments and organisation where the provider puts them, keeping only known roles', async () => {
    const keycloakStyle = verifierWith({
      claims: { roles: 'realm_access.roles', departments: 'groups', displayName: 'preferred_username', customerId: 'org.id' },
    });
    const token = await tokenFrom(published, {
      claims: {
        preferred_username: 'bob',
        realm_access: { roles: ['customer', 'offline_access', 'uma_authorization'] },
        groups: 'acme-portal',
        org: { id: 'acme' },
      },
    });
    await expect(keycloakStyle.verify(token)).resolves.toEqual({
      userId: 'alice',
      displayName: 'bob',
      roles: ['customer'],
      departments: ['acme-portal'],
      customerId: 'acme',
    });
  });

  it('rejects an expired token', async () => {
    const error = await failureOf(verifier, await tokenFrom(published, { expiresAt: secondsFromNow(-3600) }));
    expect(error.reason).toBe('expired');
  });

  it('tolerates a few seconds of difference between the issuer’s clock and ours', async () => {
    await expect(verifier.verify(await tokenFrom(published, { expiresAt: secondsFromNow(-5) }))).resolves.toMatchObject({
      userId: 'alice',
    });
  });

  it('rejects a token for another audience', async () => {
    expect((await failureOf(verifier, await tokenFrom(published, { audience: 'billing' }))).reason).toBe('wrong-audience');
  });

  it('rejects a token from another issuer', async () => {
    const error = await failureOf(verifier, await tokenFrom(published, { issuer: 'https://evil.example.com' }));
    expect(error.reason).toBe('wrong-issuer');
  });

  it('rejects a token whose signature is not made with the published key', async () => {
    const impostor = await signingKey(published.kid);
    expect((await failureOf(verifier, await tokenFrom(impostor))).reason).toBe('bad-signature');
  });

  it('rejects a token signed with a key id the issuer does not publish', async () => {
    const unpublished = await signingKey('key-unknown');
    expect((await failureOf(verifier, await tokenFrom(unpublished))).reason).toBe('unknown-key');
  });

  it('rejects a token signed with a shared secret instead of the issuer’s key', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const unsigned = `${encode({ alg: 'HS256', kid: published.kid })}.${encode({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: 'mallory',
      roles: ['administrator'],
      exp: secondsFromNow(3600),
    })}`;
    const token = `${unsigned}.${createHmac('sha256', JSON.stringify(published.publicJwk)).update(unsigned).digest('base64url')}`;
    expect((await failureOf(verifier, token)).reason).toBe('unsupported-algorithm');
  });

  it('rejects a token without a subject', async () => {
    const token = await new SignJWT({ roles: ['agent'] })
      .setProtectedHeader({ alg: 'RS256', kid: published.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(published.privateKey);
    expect((await failureOf(verifier, token)).reason).toBe('malformed');
  });

  it('rejects a token issued, or valid from, further in the future than the clock skew', async () => {
    const issuedLater = await tokenFrom(published, { issuedAt: secondsFromNow(120), expiresAt: secondsFromNow(3720) });
    expect((await failureOf(verifier, issuedLater)).reason).toBe('not-yet-valid');
    const validLater = await tokenFrom(published, { notBefore: secondsFromNow(120) });
    expect((await failureOf(verifier, validLater)).reason).toBe('not-yet-valid');
    const withinSkew = await tokenFrom(published, { issuedAt: secondsFromNow(30), notBefore: secondsFromNow(30) });
    await expect(verifier.verify(withinSkew)).resolves.toMatchObject({ userId: 'alice' });
  });

  it('rejects a token valid for longer than the maximum lifetime, or without an issue time', async () => {
    expect((await failureOf(verifier, await tokenFrom(published, { expiresAt: secondsFromNow(13 * 3600) }))).reason).toBe('lifetime-too-long');
    const backdated = await tokenFrom(published, { issuedAt: secondsFromNow(-13 * 3600), expiresAt: secondsFromNow(3600) });
    expect((await failureOf(verifier, backdated)).reason).toBe('lifetime-too-long');
    const undated = await new SignJWT({ roles: ['agent'] })
      .setProtectedHeader({ alg: 'RS256', kid: published.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('alice')
      .setExpirationTime('1h')
      .sign(published.privateKey);
    expect((await failureOf(verifier, undated)).reason).toBe('malformed');
  });

  it('applies the configured skew and maximum lifetime', async () => {
    const strict = verifierWith({ limits: { clockSkewSeconds: 0, maxLifetimeSeconds: 1800 } });
    expect((await failureOf(strict, await tokenFrom(published))).reason).toBe('lifetime-too-long');
    const slightlyLater = await tokenFrom(published, { issuedAt: secondsFromNow(30), expiresAt: secondsFromNow(600) });
    expect((await failureOf(strict, slightlyLater)).reason).toBe('not-yet-valid');
    await expect(verifier.verify(slightlyLater)).resolves.toMatchObject({ userId: 'alice' });
  });
});

/** A tiny identity provider on 127.0.0.1 that publishes whatever keys the test says, and counts requests. */
class FakeIdentityProvider {
  keys: JWK[] = [];
  discovery = true;
  readonly requests: string[] = [];
  private readonly server: Server = createServer((request, response) => {
    this.requests.push(request.url ?? '');
    const body =
      request.url === '/.well-known/openid-configuration' && this.discovery
        ? { issuer: this.issuer, jwks_uri: `${this.issuer}/protocol/openid-connect/certs` }
        : request.url === '/protocol/openid-connect/certs' || request.url === '/.well-known/jwks.json'
          ? { keys: this.keys }
          : undefined;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });

  get issuer(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  requestsFor(path: string): number {
    return this.requests.filter((url) => url === path).length;
  }
}

describe('OidcVerifier fetching the issuer’s keys', () => {
  const idp = new FakeIdentityProvider();
  let current: SigningKey;
  let next: SigningKey;

  beforeAll(async () => {
    await idp.start();
    [current, next] = await Promise.all([signingKey('key-current'), signingKey('key-next')]);
  });
  afterAll(() => idp.stop());
  beforeEach(() => {
    idp.keys = [current.publicJwk];
    idp.discovery = true;
    idp.requests.length = 0;
  });

  // No cooldown, so that a refetch on an unknown key id can be seen at once.
  const remoteVerifier = (options: Partial<OidcVerifierOptions> = {}) =>
    new OidcVerifier({ issuer: idp.issuer, audience: AUDIENCE, jwks: { cooldownDuration: 0 }, ...options });
  const token = (key: SigningKey) => tokenFrom(key, { issuer: idp.issuer });

  it('finds the key set through discovery, fetches it once and keeps it', async () => {
    const verifier = remoteVerifier();
    await expect(verifier.verify(await token(current))).resolves.toMatchObject({ userId: 'alice' });
    await expect(verifier.verify(await token(current))).resolves.toMatchObject({ userId: 'alice' });
    expect(idp.requests).toEqual(['/.well-known/openid-configuration', '/protocol/openid-connect/certs']);
  });

  it('follows a key rotation: a token with a new key id makes it fetch the key set again', async () => {
    const verifier = remoteVerifier();
    await verifier.verify(await token(current));
    idp.keys = [current.publicJwk, next.publicJwk];
    await expect(verifier.verify(await token(next))).resolves.toMatchObject({ userId: 'alice' });
    expect(idp.requestsFor('/protocol/openid-connect/certs')).toBe(2);
  });

  it('rejects a key id that is still unknown after fetching again', async () => {
    const verifier = remoteVerifier();
    await verifier.verify(await token(current));
    const error = await failureOf(verifier, await token(next));
    expect(error.reason).toBe('unknown-key');
    expect(idp.requestsFor('/protocol/openid-connect/certs')).toBe(2);
  });

  it('stops accepting a retired key once the cached key set is older than cacheMaxAge', async () => {
    const verifier = remoteVerifier({ jwks: { cooldownDuration: 0, cacheMaxAge: 0 } });
    await verifier.verify(await token(current));
    idp.keys = [next.publicJwk];
    expect((await failureOf(verifier, await token(current))).reason).toBe('unknown-key');
  });

  it('uses the well-known key set location when the issuer has no discovery document', async () => {
    idp.discovery = false;
    await expect(remoteVerifier().verify(await token(current))).resolves.toMatchObject({ userId: 'alice' });
    expect(idp.requests).toEqual(['/.well-known/openid-configuration', '/.well-known/jwks.json']);
  });

  it('uses a configured key set URL without discovery', async () => {
    const verifier = remoteVerifier({ jwksUrl: `${idp.issuer}/.well-known/jwks.json` });
    await expect(verifier.verify(await token(current))).resolves.toMatchObject({ userId: 'alice' });
    expect(idp.requests).toEqual(['/.well-known/jwks.json']);
  });
});
