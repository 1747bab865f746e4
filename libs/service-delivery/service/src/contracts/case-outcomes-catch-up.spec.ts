import { InMemoryEventStore, newId } from '@serviceledger/platform/core';
import { InProcessBus, IntegrationMessage, Relay, eachMessage } from '@serviceledger/platform/messaging';
import { CheckpointTable, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { readModelBackends, relayCaughtUpTo } from '@serviceledger/platform/testing';
import { CASE_OPENED_V1, SERVICE_DELIVERY_CASE_TOPIC } from '@serviceledger/service-delivery/contracts';
import { serviceCaseStream } from '@serviceledger/service-delivery/domain';
import { CASE_ID, OPENED_AT, caseOpened, people } from '@serviceledger/service-delivery/domain/testing';
import { serviceDeliveryRelay } from './service-delivery-contract-mapper';

/**
 * Intake resolves a demand in delivery by its case's acceptance, from the case's public messages. A case opened
 * before intake consumed them was published to the other consumers only: the relay publishes its opening once
 * more, under the same message id, so intake learns which demand the case delivers.
 */
describe("the cases' openings published before intake consumed them", () => {
  const store = new InMemoryEventStore();
  const bus = new InProcessBus();
  const running: Relay[] = [];
  let db: ReadModelDatabase;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const backend = readModelBackends[0].create();
    dispose = () => backend.dispose();
    db = await ReadModelDatabase.open(backend.config, [CheckpointTable]);
  });
  afterAll(async () => {
    for (const relay of running) await relay.stop();
    await db.close();
    await dispose();
  });

  const relay = (options: Partial<ConstructorParameters<typeof Relay>[3]> = {}) => {
    const r = new Relay(store, db, bus, { name: 'service-delivery', ...serviceDeliveryRelay, retryDelayMs: 10, ...options });
    running.push(r);
    return r;
  };

  it('publishes an opening the relay passed before, once, under its first id, to a consumer that joined since', async () => {
    const opened = caseOpened();
    const id = newId();
    const metadata = { correlationId: 'open-1', causationId: 'open-1', actor: people.manager, schemaVersion: 1 };
    await store.appendToStream(serviceCaseStream(CASE_ID), [{ id, type: opened.type, data: opened.data, metadata, occurredAt: OPENED_AT }]);
    const before = relay({ catchUp: undefined });
    await before.start();
    await relayCaughtUpTo(before, await store.headCheckpoint());
    await before.stop();

    const received: IntegrationMessage[] = [];
    await bus.subscribe({ group: 'intake.delivery-outcome', topics: [SERVICE_DELIVERY_CASE_TOPIC] }, eachMessage(async (message) => void received.push(message)));
    const now = relay();
    await now.start();
    await relayCaughtUpTo(now, await store.headCheckpoint());
    expect(received.map((m) => [m.type, m.key, m.id])).toEqual([[CASE_OPENED_V1.type, CASE_ID, id]]);
    await now.stop();

    const again = relay();
    await again.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toHaveLength(1);
  });
});
