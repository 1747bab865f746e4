import type { JWTPayload } from 'jose';

/** How far the services trust the times a token carries, whoever issued it. */
export interface TokenLifetimeLimits {
  /** How far the issuer's clock may differ from ours: `iat` and `nbf` no further ahead, `exp` no further behind. */
  clockSkewSeconds: number;
  /** The longest a token may be valid, from its issue (`iat`) to its expiry (`exp`), so a leaked one does not last. */
  maxLifetimeSeconds: number;
}

export const DEFAULT_TOKEN_LIFETIME_LIMITS: TokenLifetimeLimits = {
  clockSkewSeconds: 60,
  // A working day and then some: the embedded default's tokens last 8 hours.
  maxLifetimeSeconds: 12 * 60 * 60,
};

/** Whether a token is valid for longer than the limit, from issue to expiry by the issuer's clock; one without both times is. */
export function exceedsMaxLifetime(claims: Pick<JWTPayload, 'iat' | 'exp'>, limits: TokenLifetimeLimits): boolean {
  if (claims.iat === undefined || claims.exp === undefined) return true;
  return claims.exp - claims.iat > limits.maxLifetimeSeconds;
}
