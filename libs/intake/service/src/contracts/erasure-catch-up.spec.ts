import { Actor, InMemoryEventStore, commandIdFrom, handle } from '@serviceledger/platform/core';
import { InProcessBus, IntegrationMessage, Relay, eachMessage } from '@serviceledger/platform/messaging';
import { CheckpointTable, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { TestBackend, readModelBackends, relayCaughtUpTo } from '@serviceledger/platform/testing';
import { CUSTOMER_ERASED_V1, INTAKE_CUSTOMER_TOPIC, INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { customer, customerStream, demand, demandStream } from '@serviceledger/intake/domain';
import { intakeRelay } from './intake-contract-mapper';

const dpo: Actor = { userId: 'dpo-wu', roles: ['administrator'], departments: [] };
let commands = 0;
const metadata = () => ({ commandId: commandIdFrom('catch-up-spec', String(++commands)), at: '2026-11-02T01:00:00.000Z', actor: dpo, correlationId: `corr-${commands}` });

/**
 * every service that keeps a customer's data must learn of the customer's erasure. Intake's relay
 * read demand streams only before erasures were published; a customer erased then was passed by it. The
 * relay, started with customer streams in its filter, publishes that erasure once, and goes on.
 */
describe.each(readModelBackends)('customer erasures recorded before the relay read customer streams, on $name', ({ create }) => {
  let backend: TestBackend;
  let db: ReadModelDatabase;
  const store = new InMemoryEventStore();
  const bus = new InProcessBus();
  const received: IntegrationMessage[] = [];
  const running: Relay[] = [];

  beforeAll(async () => {
    backend = create();
    db = await ReadModelDatabase.open(backend.config, [CheckpointTable]);
    await bus.subscribe({ group: 'catch-up-spec', topics: [INTAKE_DEMAND_TOPIC, INTAKE_CUSTOMER_TOPIC] }, eachMessage(async (message) => void received.push(message)));
  });
  afterAll(async () => {
    for (const relay of running) await relay.stop();
    await db.close();
    await backend.dispose();
  });

  const relay = (options: Partial<ConstructorParameters<typeof Relay>[3]> = {}) => {
    const r = new Relay(store, db, bus, { name: 'intake', ...intakeRelay, retryDelayMs: 10, ...options });
    running.push(r);
    return r;
  };

  it('publishes the erasure the relay passed before, once, under the id the relay gives it, and then the erasures after it', async () => {
    const register = (customerId: string) =>
      handle(store, customerStream(customerId), customer, {
        type: 'RegisterCustomer',
        data: { customerId, organisation: '某某貿易有限公司', contactPerson: '陳先生', phone: '+86 139 0000 0001', tier: 'standard' },
        metadata: metadata(),
      });
    const erase = (customerId: string) => handle(store, customerStream(customerId), customer, { type: 'EraseCustomer', data: { customerId, reason: 'Asked to be forgotten' }, metadata: metadata() });
    await register('c-early');
    await erase('c-early');
    await handle(store, demandStream('d-1'), demand, {
      type: 'RegisterDemand',
      data: {
        demandId: 'd-1',
        reference: 'SR-2026-000001',
        customerId: 'c-early',
        customerTier: 'standard',
        contact: { name: '陳先生', phone: '+86 139 0000 0001' },
        channel: 'phone',
        kind: 'enquiry',
        subject: '打印機',
        description: '無法連線',
        impact: 2,
        urgency: 2,
      },
      metadata: metadata(),
    });

    // The relay as it was: demand streams only. It passes the erasure.
    const before = relay({ filter: { streamPrefixes: ['intake.demand-'] }, catchUp: undefined });
    await before.start();
    await relayCaughtUpTo(before, await store.headCheckpoint());
    await before.stop();
    expect(received.map((m) => m.type)).not.toContain(CUSTOMER_ERASED_V1.type);

    const now = relay();
    await now.start();
    await register('c-late');
    await erase('c-late');
    await relayCaughtUpTo(now, await store.headCheckpoint());
    const erasures = received.filter((m) => m.type === CUSTOMER_ERASED_V1.type);
    const erasureEvent = (await store.readStream(customerStream('c-early'))).find((e) => e.type === 'CustomerErased')!;
    expect(erasures.map((m) => [m.key, m.id])).toEqual([
      ['c-early', erasureEvent.id],
      ['c-late', expect.any(String)],
    ]);
    // Nothing else of a customer stream goes out, and the demand is not published twice.
    expect(received.filter((m) => m.topic === INTAKE_CUSTOMER_TOPIC)).toHaveLength(2);
    expect(received.filter((m) => m.key === 'd-1').map((m) => m.type)).toEqual(['serviceledger.intake.demand.registered.v2']);
    await now.stop();

    // Once: started again, the relay publishes nothing it has published.
    const again = relay();
    await again.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.filter((m) => m.type === CUSTOMER_ERASED_V1.type)).toHaveLength(2);
  });
});
