import type { Position } from '@eventstore/db-client';
import { CheckpointOrder } from '@serviceledger/platform/core';

/**
 * An EventStoreDB checkpoint: the `$all` position of an event (or of a point the server says it has
 * scanned up to), written `<commit>:<prepare>` in decimal. Both are unsigned 64-bit byte offsets in the
 * transaction log, hence bigint. `undefined` is the start of the log.
 */
export function formatCheckpoint(position: Position): string {
  return `${position.commit}:${position.prepare}`;
}

/** Anything that is not `<digits>:<digits>` (each at most 20 digits, i.e. 64 bits) is refused. */
export function parseCheckpoint(checkpoint: string): Position {
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(checkpoint);
  const position = match && { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
  if (!position || position.commit > MAX_U64 || position.prepare > MAX_U64) {
    throw new Error(`Not an EventStoreDB checkpoint: ${JSON.stringify(checkpoint)} (expected "<commit>:<prepare>")`);
  }
  return position;
}

const MAX_U64 = (1n << 64n) - 1n;

/** Orders positions the way `$all` does: by commit position, then by prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** `a` strictly after `b`; anything is after the start (`undefined`). */
export function isAfter(a: Position, b: Position | undefined): boolean {
  return b === undefined || comparePositions(a, b) > 0;
}

/**
 * Orders checkpoints by (commit, prepare), `undefined` first.
 *
 * `distance` is the difference of the commit positions: **bytes of transaction log, not events**. An
 * EventStoreDB position is a byte offset, and how many events lie between two offsets cannot be known
 * without reading them; system records (stats, metadata, scavenges) and events of other streams count too.
 * It is fit for lag gauges and "is it moving" alarms, not for arithmetic on events.
 */
export const eventStoreDbCheckpoints: CheckpointOrder = {
  compare(a, b) {
    if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
    return comparePositions(parseCheckpoint(a), parseCheckpoint(b));
  },
  distance(from, to) {
    if (to === undefined) return 0;
    const d = parseCheckpoint(to).commit - (from === undefined ? 0n : parseCheckpoint(from).commit);
    return d > 0n ? Number(d) : 0;
  },
};
