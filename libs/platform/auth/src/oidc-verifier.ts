import type { Actor } from '@serviceledger/platform/core';
import { JWTVerifyGetKey, RemoteJWKSetOptions, createRemoteJWKSet } from 'jose';
import { ClaimMapping, claimMappingWith } from './claims';
import { DEFAULT_TOKEN_LIFETIME_LIMITS, TokenLifetimeLimits } from './token-lifetime';
import { TokenVerifier, verifyJwt } from './token-verifier';

export interface OidcVerifierOptions {
  issuer: string;
  audience: string | string[];
  /** Where the issuer publishes its keys; when absent, found through OIDC discovery. */
  jwksUrl?: string;
  /** Which claims hold the principal's parts; unset ones keep DEFAULT_CLAIM_MAPPING. */
  claims?: Partial<ClaimMapping>;
  /** Signature algorithms accepted; by default any that fits the published key. */
  algorithms?: string[];
  /** The clock skew allowed and the longest lifetime accepted; by default DEFAULT_TOKEN_LIFETIME_LIMITS. */
  limits?: TokenLifetimeLimits;
  /** Key-set cache tuning: how long keys are kept and how soon an unknown key id may refetch. */
  jwks?: RemoteJWKSetOptions;
  /** A key set to use instead of fetching one, e.g. `createLocalJWKSet` in tests. */
  keys?: JWTVerifyGetKey;
}

const DISCOVERY_TIMEOUT_MS = 5000;

/**
 * Verifies bearer tokens from an OIDC provider against its published keys. The remote key set is
 * cached and fetched again when a token names a key id it has not seen: that is how rotation works.
 */
export class OidcVerifier implements TokenVerifier {
  private readonly claims: ClaimMapping;
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(private readonly options: OidcVerifierOptions) {
    this.claims = claimMappingWith(options.claims);
  }

  async verify(token: string): Promise<Actor> {
    return verifyJwt(token, await this.keySet(), {
      issuer: this.options.issuer,
      audience: this.options.audience,
      algorithms: this.options.algorithms,
      limits: this.options.limits ?? DEFAULT_TOKEN_LIFETIME_LIMITS,
      claims: this.claims,
    });
  }

  /** Resolved once; a failed discovery is forgotten so the next request tries again. */
  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.resolveKeySet().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async resolveKeySet(): Promise<JWTVerifyGetKey> {
    if (this.options.keys) return this.options.keys;
    const url = this.options.jwksUrl ?? (await discoverJwksUrl(this.options.issuer));
    return createRemoteJWKSet(new URL(url), this.options.jwks);
  }
}

/** Reads `jwks_uri` from the issuer's discovery document; an issuer without one publishes at the well-known path. */
async function discoverJwksUrl(issuer: string): Promise<string> {
  const base = issuer.replace(/\/+$/, '');
  const discoveryUrl = `${base}/.well-known/openid-configuration`;
  const response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
  if (response.status === 404) return `${base}/.well-known/jwks.json`;
  if (!response.ok) throw new Error(`OIDC discovery at ${discoveryUrl} answered ${response.status}`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
  if (typeof jwksUri !== 'string') throw new Error(`OIDC discovery at ${discoveryUrl} names no jwks_uri`);
  return jwksUri;
}
