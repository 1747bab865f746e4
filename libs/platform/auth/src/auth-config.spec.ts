import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authConfigFromEnv, createTokenVerifier } from './auth-config';
import { LocalKeyVerifier } from './local-key-verifier';
import { issueLocalToken, loadOrCreateLocalKey } from './local-signing-key';
import { OidcVerifier } from './oidc-verifier';

describe('authConfigFromEnv', () => {
  it('runs the embedded default under DATA_DIR when no OIDC issuer is configured', () => {
    expect(authConfigFromEnv({ DATA_DIR: '/var/lib/serviceledger' })).toEqual({
      mode: 'local',
      dataDir: '/var/lib/serviceledger',
    });
    expect(authConfigFromEnv({})).toEqual({ mode: 'local', dataDir: 'data' });
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
    });
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
    const verifier = await createTokenVerifier({ mode: 'local', dataDir });
    const token = await issueLocalToken(await loadOrCreateLocalKey(dataDir), { userId: 'a', roles: ['hr'], departments: [] });
    expect(verifier).toBeInstanceOf(LocalKeyVerifier);
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'a', roles: ['hr'], departments: [] });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('builds the OIDC verifier without contacting the provider yet', async () => {
    const verifier = await createTokenVerifier({ mode: 'oidc', oidc: { issuer: 'https://sso.invalid', audience: 'x' } });
    expect(verifier).toBeInstanceOf(OidcVerifier);
  });
});
