import { Client } from 'pg';

export interface OverlappingQueries {
  /** The stack of each query issued on a client that already had one waiting. */
  readonly stacks: string[];
  restore(): void;
}

type QueuedClient = Client & { _queryQueue?: unknown[]; pipeline?: boolean };

/**
 * For tests: records every `client.query()` issued while the client already has a query waiting, the
 * condition on which pg warns "Calling client.query() when the client is already executing a query is
 * deprecated" (and which pg 9 refuses). pg warns only once per process, through Node's own `process`,
 * which a jest sandbox does not see; this records each occurrence, with the stack that caused it.
 */
export function recordOverlappingQueries(): OverlappingQueries {
  const prototype = Client.prototype as unknown as { query: (this: QueuedClient, ...args: unknown[]) => unknown };
  const original = prototype.query;
  const stacks: string[] = [];
  prototype.query = function (this: QueuedClient, ...args: unknown[]) {
    if ((this._queryQueue?.length ?? 0) > 0 && !this.pipeline) stacks.push(new Error('overlapping query').stack ?? '');
    return original.apply(this, args);
  };
  return {
    stacks,
    restore: () => {
      prototype.query = original;
    },
  };
}
