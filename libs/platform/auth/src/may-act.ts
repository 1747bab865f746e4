import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { ScopedRecord, accessScope, canSee } from './scoping';

/** Returns the record the actor may act on, or throws the 404 a read of it would answer. */
export type MayActGuard<R> = (actor: Actor, record: R | null | undefined, id: string) => R;

/**
 * Scoping on the write side: acting on a record one may not see answers 404, exactly as reading it
 * would, so its existence does not leak. `what` names the record in that 404 ("Demand").
 */
export function mayActGuard<R>(what: string, scopeOf: (record: R) => ScopedRecord): MayActGuard<R> {
  return (actor, record, id) => {
    if (!record || !canSee(accessScope(actor), scopeOf(record))) throw new NotFoundError(what, id);
    return record;
  };
}
