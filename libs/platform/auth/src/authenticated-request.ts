import type { Actor } from '@serviceledger/platform/core';

/** The parts of the HTTP request the guard reads, and the principal it leaves there for the handler. */
export interface AuthenticatedRequest {
  headers: { authorization?: string };
  actor?: Actor;
}
