import { EventEnvelope, NewEvent } from '../envelope';
import { EventStore, ReadAllOptions, StreamRange, SubscribeOptions, SubscriptionHandler } from '../event-store';
import { DataKey, DataKeys } from './data-keys';
import { decryptField, encryptField, erasedValue, isEncryptedField } from './field-cipher';
import { PersonalDataPolicy, fieldValues, mapFields } from './personal-data-policy';

const STREAMS_REMEMBERED = 10_000;

/**
 * Wraps any adapter so that personal fields are stored encrypted with their subject's data key and
 * read back decrypted: every reader, projections and rebuilds included, sees plain data, and
 * an erased subject's fields read as the erased marker. A field stored before encryption (not an
 * envelope) reads as it was written until its subject is erased, then as the marker too (its bytes stay
 * in the log: ADR 0016). An erasure event destroys the subject's key before it is appended.
 */
export function withPersonalData(store: EventStore, policy: PersonalDataPolicy, keys: DataKeys): EventStore {
  if (policy.isEmpty) return store;

  /** Each event's data key (undefined: nothing personal, or nobody's), after shredding what the events erase. */
  async function keysFor(stream: string, events: NewEvent[]): Promise<Array<DataKey | undefined>> {
    const found: Array<DataKey | undefined> = [];
    for (const event of events) {
      for (const erased of policy.erasedBy(event)) await keys.shred(erased);
      const declaration = policy.declarationOf(event.type);
      if (!declaration || fieldValues(event.data, declaration.fields).length === 0) {
        found.push(undefined);
        continue;
      }
      const subject = await subjectOf(event, stream, events);
      if (subject === undefined) throw new Error(`${event.type} on ${stream} carries personal data but names no data subject`);
      found.push(subject === null ? undefined : await keys.forSubject(subject));
    }
    return found;
  }

  /** A stream's subject never changes: remembered, within a bound, so a rebuild does not look it up per event. */
  const streamSubjects = new Map<string, string | null>();

  /** The event's data subject; null when its fields are nobody's, undefined when none can be found. */
  async function subjectOf(event: Pick<EventEnvelope, 'type' | 'data'>, stream: string, appending: NewEvent[]): Promise<string | null | undefined> {
    const rule = policy.subjectRuleOf(event);
    if (!rule) return undefined;
    if ('named' in rule) return rule.named;
    if ('ofOwnStream' in rule) return subjectOfStream(stream, appending);
    return rule.ofStream === null ? null : subjectOfStream(rule.ofStream, rule.ofStream === stream ? appending : []);
  }

  async function subjectOfStream(stream: string, appending: NewEvent[]): Promise<string | null | undefined> {
    const known = streamSubjects.get(stream);
    if (known !== undefined) return known;
    const [first] = (await store.streamExists(stream)) ? await store.readStream(stream, { maxCount: 1 }) : appending;
    // The first event names its subject, or another stream's; "its own stream's" would ask itself.
    const rule = first && policy.subjectRuleOf(first);
    const subject = !rule || 'ofOwnStream' in rule ? undefined : await subjectOf(first, stream, []);
    if (streamSubjects.size >= STREAMS_REMEMBERED) streamSubjects.clear();
    if (subject !== undefined) streamSubjects.set(stream, subject);
    return subject;
  }

  function encrypted(event: NewEvent, key: DataKey | undefined): NewEvent {
    const declaration = policy.declarationOf(event.type);
    if (!declaration || !key) return event;
    // Personal data of an erased subject is not kept at all.
    const data = mapFields(event.data, declaration.fields, (value) => (key === 'shredded' ? erasedValue(value) : encryptField(value, key.keyId, key.key)));
    return { ...event, data };
  }

  async function decrypted<T extends EventEnvelope>(event: T): Promise<T> {
    const declaration = policy.declarationOf(event.type);
    if (!declaration) return event;
    const values = fieldValues(event.data, declaration.fields);
    if (values.length === 0) return event;
    const byId = new Map<string, DataKey>();
    for (const { $encrypted } of values.filter(isEncryptedField)) byId.set($encrypted.keyId, await keys.byId($encrypted.keyId));
    // A field stored before encryption passes through, unless its subject has been erased since.
    const plainErased = values.some((value) => !isEncryptedField(value)) && (await subjectErased(event));
    const data = mapFields(event.data, declaration.fields, (value) => {
      if (!isEncryptedField(value)) return plainErased ? erasedValue(value) : value;
      const key = byId.get(value.$encrypted.keyId)!;
      return key === 'shredded' ? erasedValue(value) : decryptField(value, key.key);
    });
    return { ...event, data };
  }

  async function subjectErased(event: EventEnvelope): Promise<boolean> {
    const subject = await subjectOf(event, event.stream, []);
    return typeof subject === 'string' && (await keys.isErased(subject));
  }

  const all = <T extends EventEnvelope>(events: T[]): Promise<T[]> => Promise.all(events.map(decrypted));

  return {
    checkpoints: store.checkpoints,
    appendToStream: async (stream, events, options) => {
      const found = await keysFor(stream, events);
      return store.appendToStream(stream, events.map((e, i) => encrypted(e, found[i])), options);
    },
    appendNumbered: async (stream, counter, build, options) => {
      // `build` runs synchronously in the store's transaction: the keys are looked up beforehand, from
      // a trial build (an event's subject does not depend on its number).
      const found = await keysFor(stream, build(1));
      return store.appendNumbered(stream, counter, (n) => build(n).map((e, i) => encrypted(e, found[i])), options);
    },
    readEvent: async (eventId: string) => {
      const event = await store.readEvent(eventId);
      return event && decrypted(event);
    },
    readStream: async (stream: string, range?: StreamRange) => all(await store.readStream(stream, range)),
    readAll: async (options?: ReadAllOptions) => {
      const result = await store.readAll(options);
      return { ...result, events: await all(result.events) };
    },
    subscribe: (options: SubscribeOptions, handler: SubscriptionHandler) =>
      store.subscribe(options, async (events, checkpoint) => handler(await all(events), checkpoint)),
    streamExists: (stream: string) => store.streamExists(stream),
    headCheckpoint: () => store.headCheckpoint(),
    newestCheckpoint: () => store.newestCheckpoint(),
    close: async () => {
      await store.close();
      await keys.close();
    },
  };
}
