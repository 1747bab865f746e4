import { LocalKeyVerifier } from './local-key-verifier';
import { loadOrCreateLocalKey } from './local-signing-key';
import { OidcVerifier, OidcVerifierOptions } from './oidc-verifier';
import type { TokenVerifier } from './token-verifier';

/** Either the embedded default's own key under DATA_DIR, or an OIDC provider. */
export type AuthConfig = { mode: 'local'; dataDir: string } | { mode: 'oidc'; oidc: OidcVerifierOptions };

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads the configuration from the environment:
 * - `OIDC_ISSUER` unset: the embedded default, key under `DATA_DIR` (default `data`).
 * - `OIDC_ISSUER` set: `OIDC_AUDIENCE` is required; `OIDC_JWKS_URL` overrides discovery; `OIDC_USER_CLAIM`,
 *   `OIDC_NAME_CLAIM`, `OIDC_ROLES_CLAIM`, `OIDC_DEPARTMENTS_CLAIM`, `OIDC_CUSTOMER_CLAIM` map the
 *   principal's parts to claims (dotted paths for nested claims).
 */
export function authConfigFromEnv(env: Environment): AuthConfig {
  const issuer = env.OIDC_ISSUER;
  if (!issuer) return { mode: 'local', dataDir: env.DATA_DIR || 'data' };
  const audience = env.OIDC_AUDIENCE;
  if (!audience) throw new Error('OIDC_ISSUER is set but OIDC_AUDIENCE is not: tokens must be checked for their audience');
  return {
    mode: 'oidc',
    oidc: {
      issuer,
      audience,
      jwksUrl: env.OIDC_JWKS_URL || undefined,
      claims: {
        userId: env.OIDC_USER_CLAIM,
        displayName: env.OIDC_NAME_CLAIM,
        roles: env.OIDC_ROLES_CLAIM,
        departments: env.OIDC_DEPARTMENTS_CLAIM,
        customerId: env.OIDC_CUSTOMER_CLAIM,
      },
    },
  };
}

export async function createTokenVerifier(config: AuthConfig): Promise<TokenVerifier> {
  if (config.mode === 'oidc') return new OidcVerifier(config.oidc);
  return new LocalKeyVerifier(await loadOrCreateLocalKey(config.dataDir));
}
