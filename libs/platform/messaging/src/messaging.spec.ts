import { EntitySchema } from 'typeorm';
import { ContractViolation, EventEnvelope, InMemoryEventStore, defineContract, newId } from '@serviceledger/platform/core';
import { CheckpointTable, ReadModelDatabase, loadCheckpoint } from '@serviceledger/platform/read-models';
import { TestBackend, newEvent, readModelBackends } from '@serviceledger/platform/testing';
import { DeadLetter, DeadLetterSink } from './dead-letters';
import { InProcessBus } from './in-process-bus';
import { DeadLetterTable, InboxTable } from './inbox';
import { HANDLED_TOGETHER, InboxConsumer } from './inbox-consumer';
import { IntegrationMessage, MessageBus } from './integration-message';
import { MessagingLog } from './messaging-log';
import { OutboundContractViolation, Relay } from './relay';

const Effects = new EntitySchema<{ id: number; messageId: string }>({
  name: 'test_effect',
  columns: { id: { type: Number, primary: true, generated: 'increment' }, messageId: { type: String, name: 'message_id' } },
});

/** The test service's contracts: a thing is opened under a reference, then updated and closed. */
const thingContract = (event: string, schema: Record<string, unknown> = {}) =>
  defineContract({ service: 'test', event, version: 1, topic: 'serviceledger.test.thing.v1', description: `A thing was ${event}.`, schema: { type: 'object', ...schema } });
const THING_CONTRACTS = [
  thingContract('Opened', { additionalProperties: false, properties: { reference: { type: 'string', minLength: 1 } } }),
  thingContract('Updated'),
  thingContract('Closed'),
];

/** A log that keeps what it is told, for the specs to read. */
function recordingLog(): MessagingLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (m) => void lines.push(`warn: ${m}`), error: (m) => void lines.push(`error: ${m}`) };
}

function toMessage(event: EventEnvelope): IntegrationMessage | undefined {
  if (event.type === 'Private') return undefined;
  return {
    id: event.id,
    source: '/serviceledger/test',
    type: `serviceledger.test.${event.type}.v1`,
    subject: event.stream,
    time: event.occurredAt,
    topic: 'serviceledger.test.thing.v1',
    key: event.stream,
    data: event.data,
    extensions: { correlationid: event.metadata.correlationId, causationid: event.metadata.causationId },
  };
}

describe.each(readModelBackends)('relay → bus → inbox consumer on $name', ({ create }) => {
  let backend: TestBackend;
  let store: InMemoryEventStore;
  let db: ReadModelDatabase;
  let bus: InProcessBus;
  const running: Array<{ stop(): Promise<void> }> = [];

  beforeEach(async () => {
    backend = create();
    store = new InMemoryEventStore();
    db = await ReadModelDatabase.open(backend.config, [
      CheckpointTable,
      InboxTable,
      DeadLetterTable,
      Effects,
    ]);
    bus = new InProcessBus();
  });
  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop();
    await db.close();
    await backend.dispose();
  });

  let log: ReturnType<typeof recordingLog>;
  beforeEach(() => {
    log = recordingLog();
  });

  function consumer(handle: (m: IntegrationMessage) => Promise<void> = async () => undefined, attempts = 3) {
    const c = new InboxConsumer(db, bus, {
      name: 'test.consumer',
      topics: ['serviceledger.test.thing.v1'],
      contracts: THING_CONTRACTS,
      log,
      attempts,
      backoffMs: 1,
      handle: async (message, manager) => {
        await handle(message);
        await manager.getRepository(Effects).insert({ messageId: message.id });
      },
    });
    running.push(c);
    return c;
  }

  function relay(onBus: MessageBus = bus) {
    const r = new Relay(store, db, onBus, { name: 'test', map: toMessage, contracts: THING_CONTRACTS, retryDelayMs: 10, log });
    running.push(r);
    return r;
  }

  const effects = async () => (await db.manager.getRepository(Effects).find({ order: { id: 'ASC' } })).map((e) => e.messageId);

  async function until(check: () => Promise<boolean>, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it('publishes public events only, in order, and checkpoints after the bus acknowledged', async () => {
    await consumer().start();
    const r = relay();
    await r.start();
    const events = [newEvent('Opened'), newEvent('Private'), newEvent('Closed')];
    const { checkpoint } = await store.appendToStream(`test.thing-${newId()}`, events);
    await until(async () => r.checkpoint === checkpoint);
    expect(await effects()).toEqual([events[0].id, events[2].id]);
  });

  it('passes over events with nothing to publish without a commit each, and checkpoints with the next it publishes', async () => {
    await consumer().start();
    const r = relay();
    await r.start();
    const transactions = jest.spyOn(db, 'transaction');
    for (let i = 0; i < 20; i++) {
      const { checkpoint } = await store.appendToStream(`test.thing-${newId()}`, [newEvent('Private')]);
      await until(async () => r.checkpoint === checkpoint);
    }
    expect(transactions.mock.calls.length).toBeLessThanOrEqual(10);

    const opened = newEvent('Opened');
    const { checkpoint } = await store.appendToStream(`test.thing-${newId()}`, [opened]);
    await until(async () => r.checkpoint === checkpoint);
    expect(await effects()).toEqual([opened.id]);
    expect(await loadCheckpoint(db.manager, r.checkpointName)).toBe(checkpoint);
  });

  it('a relay stopped while it starts stays stopped: nothing is published, nothing keeps running', async () => {
    await consumer().start();
    const r = relay();
    const starting = r.start();
    await r.stop();
    await starting;
    await store.appendToStream(`test.thing-${newId()}`, [newEvent('Opened')]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await effects()).toEqual([]);
    expect(r.checkpoint).toBeUndefined();
  });

  it('a consumer stopped while it subscribes stays stopped: a message published after is not handled', async () => {
    const c = consumer();
    const starting = c.start();
    await c.stop();
    await starting;
    const r = relay();
    await r.start();
    const { checkpoint } = await store.appendToStream(`test.thing-${newId()}`, [newEvent('Opened')]);
    await until(async () => r.checkpoint === checkpoint);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await effects()).toEqual([]);
  });

  it('a failed publish is retried from the checkpoint: nothing lost, nothing applied twice', async () => {
    await consumer().start();
    let failures = 1;
    const flaky: MessageBus = {
      ...bus,
      publish: async (messages) => {
        await bus.publish(messages.slice(0, 1));
        if (failures-- > 0) throw new Error('broker unavailable');
        await bus.publish(messages.slice(1));
      },
      subscribe: bus.subscribe.bind(bus),
      isHealthy: async () => true,
      close: async () => undefined,
    };
    const r = relay(flaky);
    await r.start();
    const events = [newEvent('Opened'), newEvent('Updated'), newEvent('Closed')];
    const { checkpoint } = await store.appendToStream(`test.thing-${newId()}`, events);
    await until(async () => r.checkpoint === checkpoint);
    expect(r.failure?.message).toBe('broker unavailable');
    expect(await effects()).toEqual(events.map((e) => e.id));
  });

  it('a relay whose filter grew publishes, once, what the new streams held before it took them, then goes on', async () => {
    await consumer().start();
    const published: string[] = [];
    const counting: MessageBus = { ...bus, publish: async (messages) => { published.push(...messages.map((m) => m.id)); await bus.publish(messages); }, subscribe: bus.subscribe.bind(bus), isHealthy: async () => true, close: async () => undefined };
    const relayOf = (options: Partial<ConstructorParameters<typeof Relay>[3]>) => {
      const r = new Relay(store, db, counting, { name: 'test', map: toMessage, contracts: THING_CONTRACTS, retryDelayMs: 10, log, ...options });
      running.push(r);
      return r;
    };
    const narrow = relayOf({ filter: { streamPrefixes: ['test.thing-'] } });
    await narrow.start();
    const skipped = newEvent('Closed');
    await store.appendToStream(`test.other-${newId()}`, [skipped]);
    const thing = newEvent('Opened');
    const { checkpoint } = await store.appendToStream(`test.thing-${newId()}`, [thing]);
    await until(async () => narrow.checkpoint === checkpoint);
    await narrow.stop();
    expect(published).toEqual([thing.id]);

    const grown = { filter: { streamPrefixes: ['test.thing-', 'test.other-'] }, catchUp: { name: 'other-streams', filter: { streamPrefixes: ['test.other-'] } } };
    const wider = relayOf(grown);
    await wider.start();
    const later = newEvent('Closed');
    const { checkpoint: head } = await store.appendToStream(`test.other-${newId()}`, [later]);
    await until(async () => wider.checkpoint === head);
    expect(published).toEqual([thing.id, skipped.id, later.id]);
    expect(await effects()).toEqual([thing.id, skipped.id, later.id]);
    await wider.stop();

    // Done once: a restart publishes nothing it published before.
    const again = relayOf(grown);
    await again.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(published).toEqual([thing.id, skipped.id, later.id]);
    expect(await db.manager.getRepository(CheckpointTable).findOneBy({ name: again.catchUpCheckpointName! })).toMatchObject({ checkpoint });
  });

  it('a relay that never ran has nothing to catch up: it reads the log from its start anyway', async () => {
    await consumer().start();
    const events = [newEvent('Opened'), newEvent('Closed')];
    const { checkpoint } = await store.appendToStream(`test.thing-${newId()}`, events);
    const r = new Relay(store, db, bus, { name: 'test', map: toMessage, contracts: THING_CONTRACTS, log, catchUp: { name: 'things', filter: { streamPrefixes: ['test.thing-'] } } });
    running.push(r);
    await r.start();
    await until(async () => r.checkpoint === checkpoint);
    expect(await effects()).toEqual(events.map((e) => e.id));
  });

  it('a relay that lost its checkpoint republishes, and the inbox turns the redelivery into nothing', async () => {
    await consumer().start();
    const first = relay();
    await first.start();
    const { checkpoint } = await store.appendToStream(`test.thing-${newId()}`, [newEvent('Opened'), newEvent('Closed')]);
    await until(async () => first.checkpoint === checkpoint);
    await first.stop();
    await db.manager.getRepository(CheckpointTable).delete({ name: first.checkpointName });

    const second = relay();
    await second.start();
    await until(async () => second.checkpoint === checkpoint);
    expect(await effects()).toHaveLength(2);
  });

  it('handles a delivery’s messages of different keys at once and each key’s in order, their effects and inbox records together', async () => {
    const log: string[] = [];
    await consumer(async (m) => {
      log.push(`start ${m.subject} ${m.type}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`end ${m.subject} ${m.type}`);
    }).start();
    const [opened, updated, other] = [newEvent('Opened'), newEvent('Updated'), newEvent('Opened')];
    await store.appendToStream('test.thing-a', [opened, updated]);
    const { checkpoint } = await store.appendToStream('test.thing-b', [other]);
    const r = relay();
    await r.start();
    await until(async () => r.checkpoint === checkpoint);

    const at = (entry: string) => log.indexOf(entry);
    expect(at('start test.thing-b serviceledger.test.Opened.v1')).toBeLessThan(at('end test.thing-a serviceledger.test.Opened.v1'));
    expect(at('start test.thing-a serviceledger.test.Updated.v1')).toBeGreaterThan(at('end test.thing-a serviceledger.test.Opened.v1'));
    expect((await effects()).sort()).toEqual([opened.id, updated.id, other.id].sort());
    expect(await db.manager.getRepository(InboxTable).countBy({ consumer: 'test.consumer' })).toBe(3);
  });

  it('handles a long delivery HANDLED_TOGETHER messages at a time, so that no transaction holds the read models for long', async () => {
    let running = 0;
    const together: number[] = [];
    await consumer(async () => {
      together.push(++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    }).start();
    let checkpoint = '';
    for (let i = 0; i < HANDLED_TOGETHER + 4; i++) ({ checkpoint } = await store.appendToStream(`test.thing-${i}`, [newEvent('Opened')]));
    const r = relay();
    await r.start();
    await until(async () => r.checkpoint === checkpoint);

    expect(Math.max(...together)).toBe(HANDLED_TOGETHER);
    expect(await effects()).toHaveLength(HANDLED_TOGETHER + 4);
  });

  it('a delivery with a message that keeps failing: the others are handled once, and that one alone is set aside', async () => {
    const failing = newEvent('Updated');
    let calls = 0;
    await consumer(async (m) => {
      if (m.id !== failing.id) return;
      calls++;
      throw new Error('downstream refused');
    }, 2).start();
    const [before, after] = [newEvent('Opened'), newEvent('Opened')];
    await store.appendToStream('test.thing-a', [before]);
    await store.appendToStream('test.thing-b', [failing]);
    const { checkpoint } = await store.appendToStream('test.thing-c', [after]);
    const r = relay();
    await r.start();
    await until(async () => r.checkpoint === checkpoint);

    // Once together, then twice alone.
    expect(calls).toBe(3);
    expect((await effects()).sort()).toEqual([before.id, after.id].sort());
    expect((await db.manager.getRepository(DeadLetterTable).find()).map((letter) => letter.messageId)).toEqual([failing.id]);
  });

  it('retries with backoff, then dead-letters with the error; a replay processes it once', async () => {
    let broken = true;
    let calls = 0;
    const c = consumer(async () => {
      calls++;
      if (broken) throw new Error('downstream refused');
    }, 3);
    const message = toMessage({ ...newEvent('Opened'), stream: 'test.thing-1', streamPosition: 0, checkpoint: '1' })!;

    expect(await c.process(message)).toBe('dead-lettered');
    expect(calls).toBe(3);
    const [letter] = await db.manager.getRepository(DeadLetterTable).find();
    expect(letter).toMatchObject({ consumer: 'test.consumer', messageId: message.id, attempts: 3, error: 'Error: downstream refused' });
    expect(await effects()).toEqual([]);

    expect(await c.replayDeadLetters()).toEqual({ replayed: 0, failed: 1 });
    expect((await db.manager.getRepository(DeadLetterTable).findOneByOrFail({ id: letter.id })).attempts).toBe(4);

    broken = false;
    expect(await c.replayDeadLetters()).toEqual({ replayed: 1, failed: 0 });
    expect(await db.manager.getRepository(DeadLetterTable).count()).toBe(0);
    expect(await effects()).toEqual([message.id]);
    expect(await c.process(message)).toBe('duplicate');
    expect(await effects()).toEqual([message.id]);
  });

  it('keeps dead letters where the bus keeps them, when it has such a place', async () => {
    const kept: DeadLetter[] = [];
    const sink: DeadLetterSink = {
      record: async (letter) => void kept.push(letter),
      replay: async (_consumer, retry) => {
        for (const letter of kept.splice(0)) await retry(letter.message, letter);
        return { replayed: 1, failed: 0 };
      },
      count: async () => kept.length,
    };
    const withSink: MessageBus = Object.assign(new InProcessBus(), { deadLetters: () => sink });
    let broken = true;
    const c = new InboxConsumer(db, withSink, {
      name: 'test.consumer',
      topics: ['serviceledger.test.thing.v1'],
      contracts: THING_CONTRACTS,
      log,
      attempts: 2,
      backoffMs: 1,
      handle: async (m, manager) => {
        if (broken) throw new Error('downstream refused');
        await manager.getRepository(Effects).insert({ messageId: m.id });
      },
    });
    const message = toMessage({ ...newEvent('Opened'), stream: 'test.thing-1', streamPosition: 0, checkpoint: '1' })!;

    expect(await c.process(message)).toBe('dead-lettered');
    expect(kept).toMatchObject([{ consumer: 'test.consumer', message, error: 'Error: downstream refused', attempts: 2 }]);
    expect(await db.manager.getRepository(DeadLetterTable).count()).toBe(0);
    expect(await c.deadLetters.count('test.consumer')).toBe(1);

    broken = false;
    expect(await c.replayDeadLetters()).toEqual({ replayed: 1, failed: 0 });
    expect(await effects()).toEqual([message.id]);
    expect(await c.processOnce(message)).toBe('duplicate');
  });

  const stored = (type: string, data: unknown = {}) => ({ ...newEvent(type, data), stream: 'test.thing-1', streamPosition: 0, checkpoint: '1' });

  it('dead-letters a message that breaks its contract at once, with the schema’s complaints, and appends nothing', async () => {
    let calls = 0;
    const c = consumer(async () => void calls++);
    const broken = toMessage(stored('Opened', { reference: '', colour: 'red' }))!;

    expect(await c.process(broken)).toBe('dead-lettered');
    expect(calls).toBe(0);
    expect(await effects()).toEqual([]);
    const [letter] = await db.manager.getRepository(DeadLetterTable).find();
    expect(letter).toMatchObject({ messageId: broken.id, attempts: 0 });
    expect(letter.error).toBe(
      'ContractViolation: serviceledger.test.Opened.v1: data must NOT have additional properties, data/reference must NOT have fewer than 1 characters',
    );
    expect(c.counts.deadLettered).toEqual(new Map([['contract-violation', 1]]));
    expect(log.lines).toEqual([`error: Consumer test.consumer set aside serviceledger.test.Opened.v1 ${broken.id} from serviceledger.test.thing.v1: ${letter.error}`]);

    // A replay cannot mend it: it stays a dead letter.
    expect(await c.replayDeadLetters()).toEqual({ replayed: 0, failed: 1 });
    expect(await effects()).toEqual([]);
  });

  it('dead-letters without retrying when the handler finds the contract broken', async () => {
    let calls = 0;
    const c = consumer(async () => {
      calls++;
      throw new ContractViolation('serviceledger.test.Updated.v1', 'data must have required property reference');
    }, 5);
    expect(await c.process(toMessage(stored('Updated'))!)).toBe('dead-lettered');
    expect(calls).toBe(1);
    expect((await db.manager.getRepository(DeadLetterTable).findOneByOrFail({})).error).toBe(
      'ContractViolation: serviceledger.test.Updated.v1: data must have required property reference',
    );
    expect(c.counts.deadLettered).toEqual(new Map([['contract-violation', 1]]));
  });

  it('acknowledges a message of a type none of its contracts defines, counts it by type and logs each type once', async () => {
    let calls = 0;
    const c = consumer(async () => void calls++);
    const unknown = () => toMessage(stored('Teleported'))!;

    expect(await c.process(unknown())).toBe('unknown-type');
    expect(await c.process(unknown())).toBe('unknown-type');
    expect(await c.process({ ...unknown(), type: 'com.example.other.v1' })).toBe('unknown-type');
    expect(calls).toBe(0);
    expect(await effects()).toEqual([]);
    expect(await db.manager.getRepository(DeadLetterTable).count()).toBe(0);
    expect(c.counts.unknownTypes).toEqual(new Map([['serviceledger.test.Teleported.v1', 2], ['com.example.other.v1', 1]]));
    expect(log.lines).toEqual([
      'warn: Consumer test.consumer acknowledges messages of type serviceledger.test.Teleported.v1, which none of its contracts defines, without reading them',
      'warn: Consumer test.consumer acknowledges messages of type com.example.other.v1, which none of its contracts defines, without reading them',
    ]);

    // Types anyone can mint: beyond 50 named ones, the rest count (and log once) as `other`, so the metric stays bounded.
    for (let i = 0; i < 50; i++) await c.process({ ...unknown(), type: `com.example.minted-${i}.v1` });
    expect(c.counts.unknownTypes.size).toBe(51);
    expect(c.counts.unknownTypes.get('other')).toBe(2);
    expect(log.lines).toHaveLength(51);
    expect(log.lines[50]).toMatch(/type com\.example\.minted-48\.v1, .* \(counted as other: more than 50 unknown types\)$/);
  });

  it('stops the relay at an event whose message breaks its contract: nothing from there on is published, and it says where', async () => {
    const published: string[] = [];
    const watching: MessageBus = {
      publish: async (messages) => void published.push(...messages.map((m) => m.id)),
      subscribe: bus.subscribe.bind(bus),
      isHealthy: async () => true,
      close: async () => undefined,
    };
    const r = relay(watching);
    await r.start();
    const before = [newEvent('Opened', { reference: 'T-1' })];
    const { checkpoint } = await store.appendToStream('test.thing-a', before);
    await until(async () => r.checkpoint === checkpoint);

    await store.appendToStream('test.thing-b', [newEvent('Opened', { reference: 42 })]);
    await store.appendToStream('test.thing-c', [newEvent('Closed')]);
    await until(async () => r.halted !== undefined);

    const halted = r.halted!;
    expect(halted).toBeInstanceOf(OutboundContractViolation);
    expect(halted.event).toMatchObject({ type: 'Opened', stream: 'test.thing-b', streamPosition: 0 });
    expect(halted.message).toMatch(
      /^Relay test stopped before event Opened [\w-]+ \(stream test\.thing-b position 0, checkpoint \d+\): its message serviceledger\.test\.Opened\.v1 breaks the contract: data\/reference must be string\./,
    );
    expect(log.lines).toEqual([`error: ${halted.message}`]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(published).toEqual(before.map((e) => e.id));
    expect(r.checkpoint).toBe(checkpoint);
  });
});
