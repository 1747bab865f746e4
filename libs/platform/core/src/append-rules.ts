import { NewEvent } from './envelope';
import { DuplicateEventIdError, WrongExpectedVersionError } from './errors';
import { AppendResult, ExpectedVersion } from './event-store';

/** Throws WrongExpectedVersionError unless the stream's current position satisfies `expected`. */
export function checkExpectedVersion(stream: string, expected: ExpectedVersion, current: number | undefined): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'exists' && current !== undefined) ||
    (typeof expected === 'number' && current === expected);
  if (!ok) throw new WrongExpectedVersionError(stream, expected, current);
}

interface StoredRef {
  stream: string;
  streamPosition: number;
  checkpoint: string;
}

/**
 * A retried append (same ids, same stream, already stored) is answered with the original result,
 * as EventStoreDB does; a partial overlap, or an id stored on another stream, is an error.
 */
export function findRepeatedAppend(
  stream: string,
  events: NewEvent[],
  lookup: (id: string) => StoredRef | undefined,
): AppendResult | undefined {
  if (events.length === 0) return undefined;
  const found = events.map((e) => lookup(e.id));
  if (found.every((f) => f === undefined)) return undefined;
  const consistent = found.every(
    (f, i) => f !== undefined && f.stream === stream && (i === 0 || f.streamPosition === found[i - 1]!.streamPosition + 1),
  );
  if (!consistent) {
    const clash = events[found.findIndex((f) => f !== undefined)];
    throw new DuplicateEventIdError(clash.id, stream);
  }
  const last = found[found.length - 1]!;
  return { nextExpectedVersion: last.streamPosition, checkpoint: last.checkpoint };
}
