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

/** `undefined` is the start of the log; anything but a decimal sequence number is refused. */
function toNumber(checkpoint: string | undefined): number {
  if (checkpoint === undefined) return 0;
  if (!/^\d{1,15}$/.test(checkpoint)) throw new Error(`Not a sequence-number checkpoint: ${JSON.stringify(checkpoint)}`);
  return Number(checkpoint);
}
