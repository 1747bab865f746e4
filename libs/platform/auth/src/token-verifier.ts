import type { Actor } from '@serviceledger/platform/core';
import { JWTPayload, JWTVerifyGetKey, jwtVerify } from 'jose';
import { AuthenticationError, authenticationErrorFrom } from './authentication-error';
import { ClaimMapping, actorFromClaims } from './claims';
import { TokenLifetimeLimits, exceedsMaxLifetime } from './token-lifetime';

/** Turns a bearer token into the principal who acts, or rejects it with an AuthenticationError. */
export interface TokenVerifier {
  verify(token: string): Promise<Actor>;
}

/** Injection token for the TokenVerifier the guard uses. */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

export interface TokenExpectations {
  issuer: string;
  audience: string | string[];
  claims: ClaimMapping;
  algorithms?: string[];
  limits: TokenLifetimeLimits;
}

/** The checks both verifiers share: signature by a known key, issuer, audience, lifetime, then the claims. */
export async function verifyJwt(token: string, keys: JWTVerifyGetKey, expected: TokenExpectations): Promise<Actor> {
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, keys, {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: expected.algorithms,
      clockTolerance: expected.limits.clockSkewSeconds,
      // A token without an expiry would stay valid for ever once leaked.
      requiredClaims: ['exp'],
      // Requires `iat` and refuses one further ahead than the skew: a token dated in the future outlives its lifetime.
      maxTokenAge: expected.limits.maxLifetimeSeconds,
    }));
  } catch (error) {
    throw authenticationErrorFrom(error);
  }
  if (exceedsMaxLifetime(claims, expected.limits)) throw new AuthenticationError('lifetime-too-long');
  return actorFromClaims(claims, expected.claims);
}
