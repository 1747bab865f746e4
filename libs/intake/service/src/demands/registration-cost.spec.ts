import { EventStore, ManualClock, newId } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { demandReferenceCounter, demandStream, formatDemandReference } from '@serviceledger/intake/domain';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { phoneEnquiry } from '../testing/phone-enquiry';

/** Issue 12: what one registration reads must not grow with the demands already registered that year. */
describe('the cost of registering a demand', () => {
  const clock = new ManualClock(new Date('2026-11-30T01:00:00Z'));
  let t: TestApp;
  let store: EventStore;
  let agent: Record<string, string>;
  let customerId: string;
  let eventsRead = 0;

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock });
    agent = { authorization: `Bearer ${await t.tokenFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] })}` };
    store = t.app.get<EventStore>(EVENT_STORE);
    // Counts what the write side reads: whole streams and single events (projections read through readAll).
    const readStream = store.readStream.bind(store);
    const readEvent = store.readEvent.bind(store);
    store.readStream = async (...args) => {
      const events = await readStream(...args);
      eventsRead += events.length;
      return events;
    };
    store.readEvent = async (id) => {
      const event = await readEvent(id);
      if (event) eventsRead += 1;
      return event;
    };
    const customer = await t.app.inject({
      method: 'POST',
      url: '/intake/customers',
      headers: agent,
      payload: { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' },
    });
    customerId = customer.json().id;
  });
  afterAll(() => t.close());

  async function register(): Promise<{ id: string; reference: string; read: number }> {
    eventsRead = 0;
    const response = await t.app.inject({
      method: 'POST',
      url: '/intake/demands',
      headers: agent,
      payload: phoneEnquiry(customerId),
    });
    expect(response.statusCode).toBe(201);
    return { id: response.json().id, reference: response.json().reference, read: eventsRead };
  }

  // Seeding ten thousand numbered appends, each its own commit, outlasts jest's default timeout on a loaded machine.
  it('reads as many events for the 10,000th demand of the year as for the 10th', async () => {
    for (let i = 1; i < 10; i++) await register();
    const tenth = await register();
    expect(tenth.reference).toBe('SR-2026-000010');
    expect(tenth.read).toBeGreaterThan(0);

    // The year's demands 11 to 9,999, like the 10th and numbered by the same counter the registrations use.
    const [registered] = await store.readStream(demandStream(tenth.id));
    for (let i = 11; i < 10_000; i++) {
      const demandId = newId();
      await store.appendNumbered(demandStream(demandId), demandReferenceCounter(2026), (n) => [
        { ...registered, id: newId(), data: { ...(registered.data as object), demandId, reference: formatDemandReference(2026, n) } },
      ]);
    }

    const tenThousandth = await register();
    expect(tenThousandth.reference).toBe('SR-2026-010000');
    expect(tenThousandth.read).toBe(tenth.read);
  }, 180_000);
});
