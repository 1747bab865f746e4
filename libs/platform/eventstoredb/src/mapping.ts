import {
  ANY,
  AppendExpectedRevision,
  ErrorType,
  EventData,
  Filter,
  NO_STREAM,
  Position,
  STREAM_EXISTS,
  eventTypeFilter,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  EventEnvelope,
  EventFilter,
  EventMetadata,
  ExpectedVersion,
  NewEvent,
  WrongExpectedVersionError,
  matchesFilter,
} from '@serviceledger/platform/core';
import { formatCheckpoint } from './checkpoints';

/** Our four expected-version modes as the client's `expectedRevision`. */
export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) {
        throw new RangeError(`An expected version is a stream position (an integer >= 0), not ${expected}`);
      }
      return BigInt(expected);
  }
}

/** The client's current revision (`'no_stream'` or a bigint) as our "last position" (`undefined` = no stream). */
export function toActualVersion(current: unknown): number | undefined {
  return typeof current === 'bigint' ? Number(current) : undefined;
}

/** The client's WrongExpectedVersionError as ours: what the caller expected, where the stream really is. */
export function toWrongExpectedVersion(stream: string, expected: ExpectedVersion, error: unknown): WrongExpectedVersionError {
  return new WrongExpectedVersionError(stream, expected, toActualVersion((error as { actualVersion?: unknown }).actualVersion));
}

/** The client's errors carry a `type` (ErrorType); fakes in tests only need that field. */
export function hasErrorType(error: unknown, ...types: ErrorType[]): boolean {
  const type = (error as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' && (types as string[]).includes(type);
}

export const isWrongExpectedVersion = (error: unknown) => hasErrorType(error, ErrorType.WRONG_EXPECTED_VERSION);
/** A stream that never existed, was (soft-)deleted, or tombstoned: all "no such stream" to us. */
export const isMissingStream = (error: unknown) => hasErrorType(error, ErrorType.STREAM_NOT_FOUND, ErrorType.STREAM_DELETED);

/**
 * What we store as the event's metadata: ours, plus the time it happened (EventStoreDB's own `created` is
 * the server's clock at append time, not the business time), plus `$correlationId` / `$causationId` under
 * the names EventStoreDB's tooling and the `$by_correlation_id` projection read. Reading strips the extras.
 */
export interface StoredMetadata extends EventMetadata {
  occurredAt: string;
  $correlationId: string;
  $causationId: string;
}

export function toEventData(event: NewEvent): EventData {
  const metadata: StoredMetadata = {
    ...event.metadata,
    occurredAt: event.occurredAt,
    $correlationId: event.metadata.correlationId,
    $causationId: event.metadata.causationId,
  };
  // The client's JSONType excludes top-level numbers, booleans and null, though it JSON-encodes them fine.
  return jsonEvent({ id: event.id, type: event.type, data: event.data as Record<string, unknown>, metadata });
}

/** The few fields of the client's RecordedEvent the envelope needs. */
export interface RecordedLike {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata?: unknown;
  isJson: boolean;
  created: Date;
  position?: Position;
}

/** The highest value an unsigned 64-bit position takes: servers before 22.6 send it for "no position". */
const NO_POSITION = (1n << 64n) - 1n;

/** The `$all` position of a recorded event, if the server sent a real one. */
export function positionOf(record: Pick<RecordedLike, 'position'>): Position | undefined {
  const p = record.position;
  if (!p || p.commit === NO_POSITION || p.prepare === NO_POSITION || p.commit < 0n || p.prepare < 0n) return undefined;
  return p;
}

export function toEnvelope(record: RecordedLike, position: Position): EventEnvelope {
  const stored = asObject(record.metadata);
  const { occurredAt, $correlationId: _c, $causationId: _k, ...metadata } = stored;
  return {
    id: record.id,
    type: record.type,
    stream: record.streamId,
    streamPosition: Number(record.revision),
    checkpoint: formatCheckpoint(position),
    occurredAt: typeof occurredAt === 'string' ? occurredAt : record.created.toISOString(),
    data: decodeData(record),
    metadata: metadata as unknown as EventMetadata,
  };
}

function asObject(value: unknown): Record<string, unknown> {
  if (value instanceof Uint8Array) value = tryJson(Buffer.from(value).toString('utf8'));
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** JSON events arrive parsed by the client; a binary event written by someone else is decoded if it is JSON. */
function decodeData(record: RecordedLike): unknown {
  if (record.isJson || !(record.data instanceof Uint8Array)) return record.data;
  const text = Buffer.from(record.data).toString('utf8');
  const parsed = tryJson(text);
  return parsed === undefined ? record.data : parsed;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * System events never reach our callers: streams starting with `$` (`$stats-…`, `$$…` metadata, projection
 * output such as `$ce-…`) and event types starting with `$` (`$metadata`, `$>` links, `$streamDeleted`
 * tombstones, which live in the deleted stream itself). Also hidden: this adapter's own event-id claims.
 */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$') || event.type === EVENT_ID_CLAIM_TYPE || event.type === COUNTER_TAKEN_TYPE;
}

/** What every read and subscription of this adapter delivers: not a system event, and within the filter. */
export function isDelivered(event: { streamId: string; type: string }, filter?: EventFilter): boolean {
  return !isSystemEvent(event) && matchesFilter({ stream: event.streamId, type: event.type }, filter);
}

/** The event type of the claim records that make event ids unique across streams (see the store). */
export const EVENT_ID_CLAIM_TYPE = 'serviceledger.event-id-claimed';

/** The event type of the records that take a counter's next number (see `appendNumbered`). */
export const COUNTER_TAKEN_TYPE = 'serviceledger.counter-taken';

/** Escapes a literal for a regular expression; the result means the same in JavaScript and .NET (the server). */
export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex that matches exactly these names and nothing else (not a prefix, not a suffix). */
export function exactNamesRegex(names: string[]): string {
  return `^(?:${names.map(escapeRegex).join('|')})$`;
}

/** Event types that are neither system events, claims nor counters, for subscriptions without a filter. */
export const NON_SYSTEM_TYPES_REGEX = `^(?![$])(?!(?:${escapeRegex(EVENT_ID_CLAIM_TYPE)}|${escapeRegex(COUNTER_TAKEN_TYPE)})$)`;

export interface ServerFilterOptions {
  /** How often the server reports how far it has scanned, in multiples of its search window (32 events). */
  checkpointInterval: number;
  checkpointReached: NonNullable<Filter['checkpointReached']>;
}

/**
 * The server-side filter for a subscription. The server filters on one thing only, stream name or event
 * type, so:
 * - stream prefixes → `streamNameFilter({ prefixes })` (event types, if also given, are checked here);
 * - event types only → `eventTypeFilter({ regex })`, a regex anchored on the exact, escaped names (the
 *   server offers prefixes or a regex, and a prefix would also let `RegisteredLate` through for `Registered`);
 * - neither → event types not starting with `$` (system events) and not our claims.
 * Whatever passes the server is checked again here with `isDelivered`, so the result is exact either way.
 */
export function serverFilter(filter: EventFilter | undefined, options: ServerFilterOptions): Filter {
  const common = { checkpointInterval: options.checkpointInterval, checkpointReached: options.checkpointReached };
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: filter.streamPrefixes, ...common });
  if (filter?.eventTypes?.length) return eventTypeFilter({ regex: exactNamesRegex(filter.eventTypes), ...common });
  return eventTypeFilter({ regex: NON_SYSTEM_TYPES_REGEX, ...common });
}
