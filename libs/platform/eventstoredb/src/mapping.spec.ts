import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import { NewEvent, WrongExpectedVersionError } from '@serviceledger/platform/core';
import {
  EVENT_ID_CLAIM_TYPE,
  NON_SYSTEM_TYPES_REGEX,
  RecordedLike,
  escapeRegex,
  exactNamesRegex,
  isDelivered,
  isSystemEvent,
  positionOf,
  serverFilter,
  toEnvelope,
  toEventData,
  toExpectedRevision,
  toWrongExpectedVersion,
} from './mapping';

const event: NewEvent = {
  id: '5f0c6d1e-2f43-4b8e-9a51-0d7b3c2e9f10',
  type: 'DemandRegistered',
  data: { reference: 'SR-2026-000001', 名稱: '服務熱線', nested: { list: [1, 'two', null] } },
  occurredAt: '2026-11-30T08:00:00.000Z',
  metadata: {
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    actor: { userId: 'u-1', roles: ['agent'], departments: ['service-desk'] },
    schemaVersion: 2,
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  },
};

/** What the client hands back for a stored JSON event: data and metadata JSON-decoded. */
function recorded(stored: ReturnType<typeof toEventData>, overrides: Partial<RecordedLike> = {}): RecordedLike {
  return {
    streamId: 'intake-demand-1',
    id: stored.id,
    revision: 4n,
    type: stored.type,
    data: JSON.parse(JSON.stringify(stored.data)),
    metadata: JSON.parse(JSON.stringify(stored.metadata)),
    isJson: true,
    created: new Date('2030-01-01T00:00:00Z'),
    position: { commit: 8192n, prepare: 8192n },
    ...overrides,
  };
}

describe('expected version → expectedRevision', () => {
  it.each([
    ['no_stream', NO_STREAM],
    ['exists', STREAM_EXISTS],
    ['any', ANY],
    [0, 0n],
    [41, 41n],
  ] as const)('%j → %j', (ours, theirs) => {
    expect(toExpectedRevision(ours)).toBe(theirs);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('refuses the position %j', (bad) => {
    expect(() => toExpectedRevision(bad)).toThrow(RangeError);
  });

  it('maps the client error to ours, with where the stream really is', () => {
    const atSeven = toWrongExpectedVersion('s', 3, { type: 'wrong-expected-version', actualVersion: 7n });
    expect(atSeven).toBeInstanceOf(WrongExpectedVersionError);
    expect(atSeven).toMatchObject({ stream: 's', expected: 3, actual: 7 });
    expect(toWrongExpectedVersion('s', 'exists', { actualVersion: 'no_stream' })).toMatchObject({ expected: 'exists', actual: undefined });
  });
});

describe('envelope mapping', () => {
  it('writes a JSON event with our id and type, and the time it happened in the metadata', () => {
    const stored = toEventData(event);
    expect(stored).toMatchObject({ id: event.id, type: event.type, contentType: 'application/json', data: event.data });
    expect(stored.metadata).toEqual({
      ...event.metadata,
      occurredAt: event.occurredAt,
      $correlationId: 'corr-1',
      $causationId: 'cmd-1',
    });
  });

  it('reads back exactly what was written, position as checkpoint and revision as stream position', () => {
    const envelope = toEnvelope(recorded(toEventData(event)), { commit: 8192n, prepare: 8190n });
    expect(envelope).toEqual({ ...event, stream: 'intake-demand-1', streamPosition: 4, checkpoint: '8192:8190' });
    expect(envelope.metadata).not.toHaveProperty('occurredAt');
  });

  it('keeps data that is not an object (the client types only objects, arrays and strings)', () => {
    for (const data of [null, 0, true, 'text', [1, 2]]) {
      const stored = toEventData({ ...event, data });
      expect(toEnvelope(recorded(stored), { commit: 1n, prepare: 1n }).data).toEqual(data);
    }
  });

  it('falls back to the server time for events written by others without occurredAt, and decodes binary JSON', () => {
    const foreign = recorded(toEventData(event), {
      isJson: false,
      data: new TextEncoder().encode('{"a":1}'),
      metadata: new TextEncoder().encode('not json'),
    });
    const envelope = toEnvelope(foreign, { commit: 1n, prepare: 1n });
    expect(envelope.occurredAt).toBe('2030-01-01T00:00:00.000Z');
    expect(envelope.data).toEqual({ a: 1 });
    expect(envelope.metadata).toEqual({});
  });

  it('treats a missing or all-ones position (servers before 22.6) as no position', () => {
    expect(positionOf({ position: { commit: 5n, prepare: 4n } })).toEqual({ commit: 5n, prepare: 4n });
    expect(positionOf({})).toBeUndefined();
    expect(positionOf({ position: { commit: (1n << 64n) - 1n, prepare: (1n << 64n) - 1n } })).toBeUndefined();
  });
});

describe('system events and filters', () => {
  it.each([
    ['$stats-127.0.0.1:2113', '$statsCollected', true],
    ['$$intake-demand-1', '$metadata', true],
    ['intake-demand-1', '$streamDeleted', true],
    ['$ce-intake', '$>', true],
    ['serviceledger-event-id-x', EVENT_ID_CLAIM_TYPE, true],
    ['intake-demand-1', 'DemandRegistered', false],
    ['intake-$odd', 'Odd$Type', false],
  ])('%s / %s is a system event: %s', (streamId, type, system) => {
    expect(isSystemEvent({ streamId, type })).toBe(system);
  });

  it('delivers an event only when it is not a system event and passes the filter', () => {
    expect(isDelivered({ streamId: 'a-1', type: 'X' }, { streamPrefixes: ['a-'] })).toBe(true);
    expect(isDelivered({ streamId: 'b-1', type: 'X' }, { streamPrefixes: ['a-'] })).toBe(false);
    expect(isDelivered({ streamId: 'a-1', type: 'X' }, { streamPrefixes: ['a-'], eventTypes: ['Y'] })).toBe(false);
    expect(isDelivered({ streamId: 'a-1', type: '$metadata' }, { streamPrefixes: ['a-'] })).toBe(false);
  });

  const nasty = ['Registered', 'a.b', 'a*b', 'x+y?', '^start$', '(group)|[set]{2}', 'back\\slash', '服務方案已提交', 'with space', 'dash-ed'];

  it('escapes every regex metacharacter, so a name only ever matches itself', () => {
    for (const name of nasty) expect(new RegExp(`^${escapeRegex(name)}$`).test(name)).toBe(true);
    expect(new RegExp(escapeRegex('a.b')).test('axb')).toBe(false);
    expect(new RegExp(escapeRegex('a*b')).test('aaab')).toBe(false);
  });

  it('anchors the event-type regex on the exact names: no prefixes, no suffixes, no near misses', () => {
    const regex = new RegExp(exactNamesRegex(nasty));
    for (const name of nasty) expect(regex.test(name)).toBe(true);
    for (const miss of ['RegisteredLate', 'PreRegistered', 'axb', 'aaab', 'start', '(group)', 'backslash', '服務方案', 'a.b.c', '']) {
      expect(regex.test(miss)).toBe(false);
    }
  });

  it('excludes system event types and claims when there is no filter', () => {
    const regex = new RegExp(NON_SYSTEM_TYPES_REGEX);
    expect(regex.test('DemandRegistered')).toBe(true);
    expect(regex.test('$metadata')).toBe(false);
    expect(regex.test(EVENT_ID_CLAIM_TYPE)).toBe(false);
    expect(regex.test(`${EVENT_ID_CLAIM_TYPE}Later`)).toBe(true);
  });

  it('filters on the server by stream prefixes, else by exact event types, else by non-system types', () => {
    const options = { checkpointInterval: 10, checkpointReached: () => undefined };
    expect(serverFilter({ streamPrefixes: ['intake-'], eventTypes: ['X'] }, options)).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['intake-'],
      checkpointInterval: 10,
    });
    expect(serverFilter({ eventTypes: ['A.b', 'C'] }, options)).toMatchObject({ filterOn: 'eventType', regex: '^(?:A\\.b|C)$' });
    expect(serverFilter({ streamPrefixes: [], eventTypes: [] }, options)).toMatchObject({
      filterOn: 'eventType',
      regex: NON_SYSTEM_TYPES_REGEX,
    });
    expect(serverFilter(undefined, options).checkpointReached).toBe(options.checkpointReached);
  });
});
