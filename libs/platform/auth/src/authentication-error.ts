import { errors } from 'jose';

export type AuthenticationFailure =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'not-yet-valid'
  | 'lifetime-too-long'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'bad-signature'
  | 'unknown-key'
  | 'unsupported-algorithm';

const EXPLANATIONS: Record<AuthenticationFailure, string> = {
  missing: 'no bearer token was sent; send "Authorization: Bearer <token>"',
  malformed: 'the token is not a well-formed JWT with the required claims',
  expired: 'the token has expired',
  'not-yet-valid': 'the token is not valid yet',
  'lifetime-too-long': 'the token is valid for longer than the services accept; ask for one with a shorter lifetime',
  'wrong-issuer': 'the token was issued by another issuer',
  'wrong-audience': 'the token was issued for another audience',
  'bad-signature': 'the token signature does not verify',
  'unknown-key': 'the token is signed with a key id the issuer does not publish',
  'unsupported-algorithm': 'the token is signed with an algorithm that is not accepted',
};

/** A request whose credentials do not prove who is acting: the HTTP layer answers 401. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  constructor(
    readonly reason: AuthenticationFailure,
    options?: { cause?: unknown },
  ) {
    super(`Authentication failed (${reason}): ${EXPLANATIONS[reason]}`, options);
  }
}

/**
 * Translates what jose reports about the token into a failure the caller can act on. Anything else
 * (the issuer's key set unreachable, a bug) is not the caller's fault and is rethrown as it is.
 */
export function authenticationErrorFrom(error: unknown): AuthenticationError {
  const failure = failureOf(error);
  if (!failure) throw error;
  return new AuthenticationError(failure, { cause: error });
}

function failureOf(error: unknown): AuthenticationFailure | undefined {
  // jose checks `exp` first, so an `iat` too long ago on a token not yet expired means a lifetime too long.
  if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'lifetime-too-long' : 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'wrong-audience';
    if (error.claim === 'iss') return 'wrong-issuer';
    if (error.claim === 'nbf') return 'not-yet-valid';
    // An `iat` later than now, beyond the skew: issued in the future.
    if (error.claim === 'iat' && error.reason === 'check_failed') return 'not-yet-valid';
    return 'malformed';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return 'unknown-key';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return 'unsupported-algorithm';
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  return undefined;
}
