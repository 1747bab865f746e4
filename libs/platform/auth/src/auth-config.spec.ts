import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authConfigFromEnv, createTokenVerifier } from './auth-config';
import { LocalKeyVerifier } from './local-key-verifier';
import { issueLocalToken, loadOrCreateLocalKey } from './local-signing-key';
import { OidcVerifier } from './oidc-verifier';
import { DEFAULT_TOKEN_LIFETIME_LIMITS } from './token-lifetime';
import { VerifiedTokenCache } from './verified-token-cache';

describe('authConfigFromEnv', () => {
  it('runs the embedded default under DATA_DIR when no OIDC issuer is configured', () => {
    expect(authConfigFromEnv({ DATA_DIR: '/var/lib/serviceledger' })).toEqual({
      mode: 'local',
      dataDir: '/var/lib/serviceledger',
      tokenLimits: DEFAULT_TOKEN_LIFETIME_LIMITS,
    });
    expect(authConfigFromEnv({})).toEqual({ mode: 'local', dataDir: 'data', tokenLimits: DEFAULT_TOKEN_LIFETIME_LIMITS });
  });

  it('reads the issuer, audience, key set and claim mapping of an OIDC provider', () => {
    expect(
      authConfigFromEnv({
        OIDC_ISSUER: 'https://sso.example.com/realms/it',
        OIDC_AUDIENCE: 'serviceledger',
        OIDC_ROLES_CLAIM: 'realm_access.roles',
        OIDC_DEPARTMENTS_CLAIM: 'groups',
      }),
    ).toEqual({
      mode: 'oidc',
      oidc: {
        issuer: 'https://sso.example.com/realms/it',
        audience: 'serviceledger',
        jwksUrl: undefined,
        claims: {
          userId: undefined,
          displayName: undefined,
          roles: 'realm_access.roles',
          departments: 'groups',
          customerId: undefined,
        },
      },
      tokenLimits: DEFAULT_TOKEN_LIFETIME_LIMITS,
    });
  });

  it('bounds a token’s times by 60 seconds of clock skew and 12 hours of lifetime unless configured', () => {
    expect(DEFAULT_TOKEN_LIFETIME_LIMITS).toEqual({ clockSkewSeconds: 60, maxLifetimeSeconds: 43200 });
    expect(authConfigFromEnv({ TOKEN_CLOCK_SKEW_SECONDS: '5', TOKEN_MAX_LIFETIME_SECONDS: '3600' }).tokenLimits).toEqual({
      clockSkewSeconds: 5,
      maxLifetimeSeconds: 3600,
    });
    const oidc = authConfigFromEnv({ OIDC_ISSUER: 'https://sso.example.com', OIDC_AUDIENCE: 'x', TOKEN_MAX_LIFETIME_SECONDS: '900' });
    expect(oidc.tokenLimits).toEqual({ clockSkewSeconds: 60, maxLifetimeSeconds: 900 });
  });

  it.each([
    ['TOKEN_MAX_LIFETIME_SECONDS', '12h'],
    ['TOKEN_MAX_LIFETIME_SECONDS', '59'],
    ['TOKEN_MAX_LIFETIME_SECONDS', '2592001'],
    ['TOKEN_MAX_LIFETIME_SECONDS', '-60'],
    ['TOKEN_CLOCK_SKEW_SECONDS', '301'],
    ['TOKEN_CLOCK_SKEW_SECONDS', '1.5'],
  ])('refuses %s=%s, naming the range', (name, value) => {
    expect(() => authConfigFromEnv({ [name]: value })).toThrow(`${name}="${value}": a whole number of seconds from`);
  });

  it('refuses an OIDC issuer without an audience', () => {
    expect(() => authConfigFromEnv({ OIDC_ISSUER: 'https://sso.example.com' })).toThrow(
      'OIDC_ISSUER is set but OIDC_AUDIENCE is not',
    );
  });
});

describe('createTokenVerifier', () => {
  it('builds the local verifier over the key under DATA_DIR, creating it if needed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'auth-config-'));
    const verifier = await createTokenVerifier({ mode: 'local', dataDir, tokenLimits: DEFAULT_TOKEN_LIFETIME_LIMITS });
    const token = await issueLocalToken(await loadOrCreateLocalKey(dataDir), { userId: 'a', roles: ['hr'], departments: [] });
    expect(verifier).toBeInstanceOf(VerifiedTokenCache);
    expect((verifier as VerifiedTokenCache).verifier).toBeInstanceOf(LocalKeyVerifier);
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'a', roles: ['hr'], departments: [] });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('builds the OIDC verifier without contacting the provider yet', async () => {
    const verifier = await createTokenVerifier({ mode: 'oidc', oidc: { issuer: 'https://sso.invalid', audience: 'x' }, tokenLimits: DEFAULT_TOKEN_LIFETIME_LIMITS });
    expect((verifier as VerifiedTokenCache).verifier).toBeInstanceOf(OidcVerifier);
  });
});
