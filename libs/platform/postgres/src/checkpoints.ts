import { CheckpointOrder } from '@serviceledger/platform/core';

/**
 * A PostgreSQL checkpoint: `<transaction id>:<global position>` of the last event read.
 * The log is ordered by (transaction id, global position); both are 64-bit, hence bigint.
 */
export interface PgPosition {
  transactionId: bigint;
  globalPosition: bigint;
}

export const START: PgPosition = { transactionId: 0n, globalPosition: 0n };

export function formatCheckpoint(position: PgPosition): string {
  return `${position.transactionId}:${position.globalPosition}`;
}

/** `undefined` is the start of the log; anything that is not `<digits>:<digits>` is refused. */
export function parseCheckpoint(checkpoint: string | undefined): PgPosition {
  if (checkpoint === undefined) return START;
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(checkpoint);
  if (!match) throw new Error(`Not a PostgreSQL event store checkpoint: ${JSON.stringify(checkpoint)} (expected "<txid>:<position>")`);
  return { transactionId: BigInt(match[1]), globalPosition: BigInt(match[2]) };
}

function compare(a: PgPosition, b: PgPosition): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.globalPosition !== b.globalPosition) return a.globalPosition < b.globalPosition ? -1 : 1;
  return 0;
}

/**
 * Orders checkpoints by (transaction id, global position), exactly as `readAll` does.
 *
 * `distance` is an approximation: the difference of the global positions. Positions are taken from a
 * sequence before commit, so they are close to, but not exactly, commit order; sequence gaps (rolled
 * back appends) count too. It is meant for lag gauges, not for arithmetic on events.
 */
export const postgresCheckpoints: CheckpointOrder = {
  compare(a, b) {
    return compare(parseCheckpoint(a), parseCheckpoint(b));
  },
  distance(from, to) {
    const d = parseCheckpoint(to).globalPosition - parseCheckpoint(from).globalPosition;
    return d > 0n ? Number(d) : 0;
  },
};
