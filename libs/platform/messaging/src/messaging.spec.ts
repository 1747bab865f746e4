import { EntitySchema } from 'typeorm';
import { EventEnvelope, InMemoryEventStore, newId } from '@serviceledger/platform/core';
import { CheckpointTable, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { TestBackend, newEvent, readModelBackends } from '@serviceledger/platform/testing';
import { DeadLetter, DeadLetterSink } from './dead-letters';
import { InProcessBus } from './in-process-bus';
import { DeadLetterTable, InboxTable } from './inbox';
import { InboxConsumer } from './inbox-consumer';
import { IntegrationMessage, MessageBus } from './integration-message';
import { Relay } from './relay';

const Effects = new EntitySchema<{ id: number; messageId: string }>({
  name: 'test_effect',
  columns: { id: { type: Number, primary: true, generated: 'increment' }, messageId: { type: String, name: 'message_id' } },
});

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

  function consumer(handle: (m: IntegrationMessage) => Promise<void> = async () => undefined, attempts = 3) {
    const c = new InboxConsumer(db, bus, {
      name: 'test.consumer',
      topics: ['serviceledger.test.thing.v1'],
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
    const r = new Relay(store, db, onBus, { name: 'test', map: toMessage, retryDelayMs: 10 });
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
});
