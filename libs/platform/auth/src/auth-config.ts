import type { JWK } from 'jose';
import { LocalKeyVerifier } from './local-key-verifier';
import { localSigningKey } from './local-signing-key';
import { VerifiedTokenCache } from './verified-token-cache';
import { OidcVerifier, OidcVerifierOptions } from './oidc-verifier';
import { DEFAULT_TOKEN_LIFETIME_LIMITS, TokenLifetimeLimits } from './token-lifetime';
import type { TokenVerifier } from './token-verifier';

/**
 * Either a local key (shared by every process in AUTH_SIGNING_KEY, or else the embedded default's own under DATA_DIR),
 * or an OIDC provider; either way, the limits on a token's times.
 */
export type AuthConfig = ({ mode: 'local'; dataDir: string; signingKey?: JWK } | { mode: 'oidc'; oidc: OidcVerifierOptions }) & {
  tokenLimits: TokenLifetimeLimits;
};

type Environment = Readonly<Record<string, string | undefined>>;

/** A skew beyond a few minutes is a broken clock, not drift. */
const MAX_CLOCK_SKEW_SECONDS = 300;
/** A month: beyond it a token is a standing credential, which a bearer token must not be. */
const LONGEST_MAX_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

/**
 * Reads the configuration from the environment:
 * - `OIDC_ISSUER` unset: a local key, `AUTH_SIGNING_KEY` (an ES256 private key as a JWK, shared by every process)
 *   or else the embedded default's, under `DATA_DIR` (default `data`).
 * - `OIDC_ISSUER` set: `OIDC_AUDIENCE` is required; `OIDC_JWKS_URL` overrides discovery; `OIDC_USER_CLAIM`,
 *   `OIDC_NAME_CLAIM`, `OIDC_ROLES_CLAIM`, `OIDC_DEPARTMENTS_CLAIM`, `OIDC_CUSTOMER_CLAIM` map the
 *   principal's parts to claims (dotted paths for nested claims).
 * - Either way: `TOKEN_CLOCK_SKEW_SECONDS` (default 60, at most 300) and `TOKEN_MAX_LIFETIME_SECONDS`
 *   (default 43200, 12 hours; 60 to 2592000) bound the times a token carries.
 */
export function authConfigFromEnv(env: Environment): AuthConfig {
  const tokenLimits = tokenLimitsFromEnv(env);
  const issuer = env.OIDC_ISSUER;
  const signingKey = signingKeyFromEnv(env);
  if (!issuer) return { mode: 'local', dataDir: env.DATA_DIR || 'data', ...(signingKey && { signingKey }), tokenLimits };
  if (signingKey) throw new Error('AUTH_SIGNING_KEY is set with OIDC_ISSUER: tokens come from the identity provider, so unset AUTH_SIGNING_KEY');
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
    tokenLimits,
  };
}

export async function createTokenVerifier(config: AuthConfig): Promise<TokenVerifier> {
  const verifier =
    config.mode === 'oidc' ? new OidcVerifier({ ...config.oidc, limits: config.tokenLimits }) : new LocalKeyVerifier(await localSigningKey(config), config.tokenLimits);
  return new VerifiedTokenCache(verifier);
}

const SIGNING_KEY_SHAPE = 'an ES256 private key as a JWK: {"kty":"EC","crv":"P-256","x":…,"y":…,"d":…,"kid":…}, as in DATA_DIR/auth/signing-key.json';

function signingKeyFromEnv(env: Environment): JWK | undefined {
  const text = env.AUTH_SIGNING_KEY;
  if (!text) return undefined;
  let jwk: JWK | undefined;
  try {
    jwk = JSON.parse(text) as JWK;
  } catch {
    throw new Error(`AUTH_SIGNING_KEY is not JSON: it must be ${SIGNING_KEY_SHAPE}`);
  }
  const fields = [jwk?.x, jwk?.y, jwk?.d, jwk?.kid];
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || fields.some((f) => typeof f !== 'string' || f === '')) {
    throw new Error(`AUTH_SIGNING_KEY must be ${SIGNING_KEY_SHAPE}`);
  }
  return jwk;
}

function tokenLimitsFromEnv(env: Environment): TokenLifetimeLimits {
  return {
    clockSkewSeconds: wholeSeconds(env, 'TOKEN_CLOCK_SKEW_SECONDS', DEFAULT_TOKEN_LIFETIME_LIMITS.clockSkewSeconds, 0, MAX_CLOCK_SKEW_SECONDS),
    maxLifetimeSeconds: wholeSeconds(env, 'TOKEN_MAX_LIFETIME_SECONDS', DEFAULT_TOKEN_LIFETIME_LIMITS.maxLifetimeSeconds, 60, LONGEST_MAX_LIFETIME_SECONDS),
  };
}

function wholeSeconds(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const given = env[name];
  if (given === undefined || given === '') return fallback;
  const seconds = /^\d+$/.test(given) ? Number(given) : Number.NaN;
  if (!(seconds >= min && seconds <= max)) throw new Error(`${name}=${JSON.stringify(given)}: a whole number of seconds from ${min} to ${max}`);
  return seconds;
}
