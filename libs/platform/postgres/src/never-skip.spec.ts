import { Client } from 'pg';
import { EventEnvelope, newId } from '@serviceledger/platform/core';
import { newEvent } from '@serviceledger/platform/testing';
import { PostgresEventStore } from './postgres-event-store';
import { ScratchSchema, scratchSchema } from './scratch-schema';
import { quoteIdent } from './sql';

/**
 * DESIGN.md §4: the PostgreSQL store must never skip an event. A position is taken from the sequence
 * when the row is inserted, not when its transaction commits, so a transaction that inserted first but
 * commits last leaves a gap behind readers that have already moved past it.
 *
 * A statement trigger, installed in the test's schema only, makes appends commit late on demand:
 * `Gated` events wait for an advisory lock the test holds, `Jittered` ones sleep a random while.
 */
describe('PostgreSQL event store never skips an event that commits late', () => {
  let scratch: ScratchSchema;
  let control: Client;
  const stores: PostgresEventStore[] = [];
  const gate = Math.floor(Math.random() * 2 ** 30);
  const GATE_CLASS = 0x7e57;

  async function openStore(): Promise<PostgresEventStore> {
    const store = await PostgresEventStore.open({ connectionString: scratch.url, schema: scratch.schema, poolSize: 2, pollIntervalMs: 5000 });
    stores.push(store);
    return store;
  }

  beforeEach(async () => {
    scratch = scratchSchema();
    await openStore();
    control = new Client({ connectionString: scratch.url });
    await control.connect();
    const s = quoteIdent(scratch.schema);
    await control.query(`
      CREATE FUNCTION ${s}.commit_late() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_rows WHERE type = 'Gated') THEN
          PERFORM pg_advisory_xact_lock_shared(${GATE_CLASS}, ${gate});
        END IF;
        IF EXISTS (SELECT 1 FROM new_rows WHERE type = 'Jittered') THEN
          PERFORM pg_sleep(random() * 0.015);
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER commit_late AFTER INSERT ON ${s}.events
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.commit_late();
    `);
  });

  afterEach(async () => {
    await control.end();
    for (const store of stores.splice(0)) await store.close();
    await scratch.drop();
  });

  /** What a reader ordering by the sequence alone would do. */
  async function naiveRead(after: number): Promise<Array<{ id: string; position: number }>> {
    const { rows } = await control.query<{ id: string; position: string }>(
      `SELECT event_id::text AS id, global_position::text AS position FROM ${quoteIdent(scratch.schema)}.events
        WHERE global_position > $1 ORDER BY global_position`,
      [after],
    );
    return rows.map((r) => ({ id: r.id, position: Number(r.position) }));
  }

  /** Resolves once an append has inserted its row and waits at the gate, uncommitted. */
  async function waitingAtGate(): Promise<void> {
    await until(async () => {
      const { rowCount } = await control.query('SELECT 1 FROM pg_locks WHERE locktype = $1 AND classid = $2 AND objid = $3 AND NOT granted', [
        'advisory',
        GATE_CLASS,
        gate,
      ]);
      return (rowCount ?? 0) > 0;
    });
  }

  async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it('an append that took its position first but commits last is read, where a position-ordered reader misses it', async () => {
    const [reader] = stores;
    const slowWriter = await openStore();
    const fastWriter = await openStore();
    const gated = newEvent('Gated');
    const fast = newEvent('Fast');

    await control.query('SELECT pg_advisory_lock($1, $2)', [GATE_CLASS, gate]);
    const slowAppend = slowWriter.appendToStream(`test.slow-${newId()}`, [gated]);
    // The slow append has inserted its row (position taken) and now waits on the gate, uncommitted.
    await waitingAtGate();
    const { checkpoint: fastCheckpoint } = await fastWriter.appendToStream(`test.fast-${newId()}`, [fast]);

    // Both readers look now: the naive one sees the later position and moves past the earlier one.
    const naiveFirst = await naiveRead(0);
    expect(naiveFirst.map((e) => e.id)).toEqual([fast.id]);
    const blocked = await reader.readAll({});
    expect(blocked.events).toEqual([]);
    expect(blocked.isEnd).toBe(true);
    // The head is consistent with that horizon: nothing behind it can still commit.
    expect(await reader.headCheckpoint()).toBeUndefined();
    // Yet the fast append has committed and answered its checkpoint: `?after=` it is a real position, not a forged one.
    expect(await reader.newestCheckpoint()).toBe(fastCheckpoint);

    await control.query('SELECT pg_advisory_unlock($1, $2)', [GATE_CLASS, gate]);
    const { checkpoint: gatedCheckpoint } = await slowAppend;

    const naiveAfter = await naiveRead(naiveFirst[0].position);
    expect(naiveAfter).toEqual([]);
    const naiveSeen = [...naiveFirst, ...naiveAfter].map((e) => e.id);
    expect(naiveSeen).not.toContain(gated.id); // the anomaly is real: sequence order loses the late commit

    const read = await reader.readAll({ after: blocked.checkpoint });
    expect(read.events.map((e) => e.id)).toEqual([gated.id, fast.id]);
    expect(read.events[0].checkpoint).toBe(gatedCheckpoint);
    expect(reader.checkpoints.compare(read.events[0].checkpoint, read.events[1].checkpoint)).toBeLessThan(0);
    // In (transaction, position) order, the earlier position of the later-committing transaction comes first,
    // yet it is the position order that differs: the slow event had the smaller position.
    const [slowPosition, fastPosition] = read.events.map((e) => BigInt(e.checkpoint.split(':')[1]));
    expect(slowPosition < fastPosition).toBe(true);
    expect(await reader.headCheckpoint()).toBe(read.checkpoint);
  });

  it('concurrent writers with late commits and a polling reader: every event read exactly once, in order', async () => {
    const [reader] = stores;
    const writers = await Promise.all(Array.from({ length: 6 }, () => openStore()));
    const appended: string[] = [];
    let writing = true;
    let writesEndedAt = 0;

    const write = async (store: PostgresEventStore, w: number) => {
      const streams = [`test.w${w}a-${newId()}`, `test.w${w}b-${newId()}`];
      for (let i = 0; i < 20; i++) {
        const events = Array.from({ length: 1 + (i % 3) }, (_, k) => newEvent(k === 0 && i % 2 === 0 ? 'Jittered' : 'Plain'));
        await store.appendToStream(streams[i % 2], events);
        appended.push(...events.map((e) => e.id));
        if (i % 5 === 0) await new Promise((r) => setTimeout(r, Math.random() * 5));
      }
    };

    // A second transaction, held open while the others commit: its event takes an early position.
    const holder = await openStore();
    const held = newEvent('Gated');
    await control.query('SELECT pg_advisory_lock($1, $2)', [GATE_CLASS, gate]);
    const heldAppend = holder.appendToStream(`test.held-${newId()}`, [held]).then(() => appended.push(held.id));
    await waitingAtGate();

    const read: EventEnvelope[] = [];
    const naive: string[] = [];
    const readLoop = (async () => {
      let checkpoint: string | undefined;
      let naivePosition = 0;
      for (;;) {
        const batch = await reader.readAll({ after: checkpoint, batchSize: 7 });
        read.push(...batch.events);
        checkpoint = batch.checkpoint;
        const naiveBatch = await naiveRead(naivePosition);
        naive.push(...naiveBatch.map((e) => e.id));
        naivePosition = naiveBatch.at(-1)?.position ?? naivePosition;
        if (!writing && batch.isEnd && read.length >= appended.length) return;
        // A reader that lost an event would wait for it forever: give up, and let the assertions say which.
        if (!writing && Date.now() - writesEndedAt > 3000) return;
        if (batch.isEnd) await new Promise((r) => setTimeout(r, 2));
      }
    })();

    const writes = Promise.all(writers.map((store, w) => write(store, w)));
    // The gate opens only once the position-ordered reader has gone past the held event's position (every
    // other event took a later one), however slowly the writers run on a loaded machine.
    while (!naive.some((id) => appended.includes(id))) await new Promise((r) => setTimeout(r, 5));
    await control.query('SELECT pg_advisory_unlock($1, $2)', [GATE_CLASS, gate]);
    await Promise.all([writes, heldAppend]);
    writesEndedAt = Date.now();
    writing = false;
    await readLoop;

    const ids = read.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length); // nothing twice
    expect([...ids].sort()).toEqual([...appended].sort()); // nothing missed
    const perWriter = Array.from({ length: 20 }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b, 0);
    expect(appended).toHaveLength(6 * perWriter + 1);
    for (let i = 1; i < read.length; i++) {
      expect(reader.checkpoints.compare(read[i - 1].checkpoint, read[i].checkpoint)).toBeLessThan(0);
    }
    // Within each stream, the reader saw the events in stream order.
    const lastPosition = new Map<string, number>();
    for (const event of read) {
      expect(event.streamPosition).toBe((lastPosition.get(event.stream) ?? -1) + 1);
      lastPosition.set(event.stream, event.streamPosition);
    }
    // The held event took an early position and committed after many others: sequence order lost it.
    expect(naive).not.toContain(held.id);
  });

  it('a subscription is woken by NOTIFY from another connection, well before its poll interval', async () => {
    const [subscriber] = stores;
    const writer = await openStore();
    const received: string[] = [];
    const subscription = subscriber.subscribe({ after: await subscriber.headCheckpoint() }, async (events) => {
      received.push(...events.map((e) => e.type));
    });
    // Let the first read reach the head and start waiting on the 5 s poll interval.
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await writer.appendToStream(`test.notified-${newId()}`, [newEvent('Notified')]);
    await until(async () => received.length > 0, 4000);
    expect(Date.now() - started).toBeLessThan(4000); // well short of the 5 s it must not wait, on a loaded machine too
    expect(received).toEqual(['Notified']);
    await subscription.stop();
  });
});
