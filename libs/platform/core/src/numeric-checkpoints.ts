import { CheckpointOrder } from './event-store';

/** Checkpoints that are a global sequence number written in decimal (in-memory and SQLite stores). */
export const numericCheckpoints: CheckpointOrder = {
  compare(a, b) {
    return Math.sign(toNumber(a) - toNumber(b));
  },
  distance(from, to) {
    return Math.max(0, toNumber(to) - toNumber(from));
  },
};

function toNumber(checkpoint: string | undefined): number {
  return checkpoint === undefined ? 0 : Number(checkpoint);
}
