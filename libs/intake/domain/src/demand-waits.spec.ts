import { Actor, InMemoryEventStore, NewEvent, Upcasters, handle, withUpcasting } from '@serviceledger/platform/core';
import { DemandEvent, demand, demandStream } from './demand';
import { demandUpcasters } from './demand-waits';
import { AT, registered } from './testing/demand-fixtures';

const LATER = '2026-03-02T11:00:00.000Z';
const agent: Actor = { userId: 'agent-1', roles: ['agent'], departments: ['customer-service'] };

/** A domain event as it was stored at the given schema version. */
function stored(event: DemandEvent, schemaVersion = 1, index = 0): NewEvent {
  return {
    id: `e-${index}`,
    type: event.type,
    data: event.data,
    metadata: { correlationId: 'cor-1', causationId: `cmd-${index}`, actor: agent, schemaVersion },
    occurredAt: AT,
  };
}

describe('the schema of a resumption', () => {
  it('reads one recorded before a demand could wait on a third party as the end of a wait on the customer', async () => {
    const raw = new InMemoryEventStore();
    const store = withUpcasting(raw, new Upcasters(demandUpcasters));
    const before = { demandId: 'd-1', trigger: 'agent', waitingSince: AT, resumedAt: LATER };
    const now = { ...before, waitedOn: 'third-party' };
    await raw.appendToStream(demandStream('d-1'), [
      stored({ type: 'DemandResumed', data: before } as DemandEvent, 1, 1),
      stored({ type: 'DemandResumed', data: now } as DemandEvent, 2, 2),
    ]);
    const read = await store.readStream(demandStream('d-1'));
    expect(read.map((e) => [e.data, e.metadata.schemaVersion])).toEqual([
      [{ ...before, waitedOn: 'customer' }, 2],
      [now, 2],
    ]);
  });

  it('records which wait ended, at the version that says so', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream(demandStream('d-1'), [
      stored(registered(), 1, 1),
      stored(
        {
          type: 'DemandWaitingOnThirdParty',
          data: { demandId: 'd-1', party: 'HP support', reason: 'Board on order', since: AT },
        },
        1,
        2,
      ),
    ]);
    await handle(store, demandStream('d-1'), demand, {
      type: 'ResumeDemand',
      data: { demandId: 'd-1' },
      metadata: { commandId: 'cmd-resume', at: LATER, actor: agent, correlationId: 'cor-2' },
    });
    const [, , resumed] = await store.readStream(demandStream('d-1'));
    expect(resumed.metadata.schemaVersion).toBe(2);
    expect(resumed.data).toEqual({
      demandId: 'd-1',
      trigger: 'agent',
      waitedOn: 'third-party',
      waitingSince: AT,
      resumedAt: LATER,
    });
  });
});
