import type { Actor } from '@serviceledger/platform/core';
import { JWTVerifyGetKey, createLocalJWKSet } from 'jose';
import { DEFAULT_CLAIM_MAPPING } from './claims';
import { LOCAL_ALGORITHM, LOCAL_AUDIENCE, LOCAL_ISSUER, LocalSigningKey } from './local-signing-key';
import { DEFAULT_TOKEN_LIFETIME_LIMITS, TokenLifetimeLimits } from './token-lifetime';
import { TokenVerifier, verifyJwt } from './token-verifier';

/** Verifies the tokens of the embedded default, signed by the local key under DATA_DIR. */
export class LocalKeyVerifier implements TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    key: Pick<LocalSigningKey, 'publicJwk'>,
    private readonly limits: TokenLifetimeLimits = DEFAULT_TOKEN_LIFETIME_LIMITS,
  ) {
    // A key set of one, so that a token naming another key id fails as an unknown key.
    this.keys = createLocalJWKSet({ keys: [key.publicJwk] });
  }

  verify(token: string): Promise<Actor> {
    return verifyJwt(token, this.keys, {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: [LOCAL_ALGORITHM],
      claims: DEFAULT_CLAIM_MAPPING,
      limits: this.limits,
    });
  }
}
