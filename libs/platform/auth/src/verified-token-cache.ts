import type { Actor } from '@serviceledger/platform/core';
import { decodeJwt } from 'jose';
import { TokenVerifier } from './token-verifier';

/** The longest a verified token is taken on trust: a key the issuer withdrew stops working within it. */
const HOLD_MS = 60_000;
const CAPACITY = 10_000;

/**
 * Remembers the tokens it verified, so a client that sends the same token with every request has its signature
 * checked once a minute rather than each time (the verification took 2–5 % of the standalone app's time under
 * load). A token is remembered until its expiry or for a minute, whichever comes first; a refused token is never
 * remembered. Each caller gets its own copy of the principal (ADR 0027).
 */
export class VerifiedTokenCache implements TokenVerifier {
  private readonly verified = new Map<string, { actor: Actor; until: number }>();

  constructor(
    /** The verifier that checks what is not remembered. */
    readonly verifier: TokenVerifier,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known && known.until > this.now()) return copyOf(known.actor);
    this.verified.delete(token);
    const actor = await this.verifier.verify(token);
    // The verifier refuses a token whose lifetime is longer than the services accept, so its expiry comes first.
    const until = Math.min(this.now() + HOLD_MS, (decodeJwt(token).exp ?? 0) * 1000);
    if (this.verified.size >= CAPACITY) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { actor: copyOf(actor), until });
    return actor;
  }
}

function copyOf(actor: Actor): Actor {
  return { ...actor, roles: [...actor.roles], departments: [...actor.departments] };
}
