import { Command } from './command';
import { Decider } from './decider';
import { DomainEvent } from './envelope';
import { RuleViolation } from './errors';
import { handle } from './handle';
import { newId } from './ids';
import { InMemoryEventStore } from './in-memory-event-store';

type Open = Command<'Open', { ticket: string; number?: number }>;
type Close = Command<'Close', { ticket: string }>;
type Opened = DomainEvent<'Opened', { ticket: string; number?: number }>;
type Closed = DomainEvent<'Closed', { ticket: string }>;
type Ticket = { status: 'new' | 'open' | 'closed'; number?: number };

const ticket: Decider<Open | Close, Opened | Closed, Ticket> = {
  initialState: () => ({ status: 'new' }),
  evolve: (state, event) => (event.type === 'Opened' ? { status: 'open', number: event.data.number } : { ...state, status: 'closed' }),
  decide(command, state) {
    if (command.type === 'Open') {
      if (state.status !== 'new') throw new RuleViolation('already-open', 'The ticket is already open');
      return [{ type: 'Opened', data: command.data }];
    }
    if (state.status !== 'open') throw new RuleViolation('not-open', 'Only an open ticket closes');
    return [{ type: 'Closed', data: command.data }];
  },
};

const metadata = (commandId = newId()) => ({
  commandId,
  at: '2026-12-01T08:00:00.000Z',
  actor: { userId: 'u1', roles: ['agent'], departments: [] },
  correlationId: 'corr-1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
});
const open = (commandId?: string): Open => ({ type: 'Open', data: { ticket: 't1' }, metadata: metadata(commandId) });
const close = (commandId?: string): Close => ({ type: 'Close', data: { ticket: 't1' }, metadata: metadata(commandId) });

describe('handle()', () => {
  let store: InMemoryEventStore;
  beforeEach(() => (store = new InMemoryEventStore()));

  it('decides on the folded stream and appends with the command as causation, correlation and trace', async () => {
    await handle(store, 'ticket-t1', ticket, open());
    const command = close();
    const result = await handle(store, 'ticket-t1', ticket, command);
    expect(result).toMatchObject({ state: { status: 'closed' }, version: 1, replayed: false });
    const [, closed] = await store.readStream('ticket-t1');
    expect(closed.metadata).toMatchObject({ causationId: command.metadata.commandId, correlationId: 'corr-1', traceparent: command.metadata.traceparent });
    expect(result.checkpoint).toBe(closed.checkpoint);
  });

  it('answers a repeated command with its original events, without deciding it again', async () => {
    const first = await handle(store, 'ticket-t1', ticket, open('cmd-open'));
    await handle(store, 'ticket-t1', ticket, close());
    const again = await handle(store, 'ticket-t1', ticket, open('cmd-open'));
    expect(again).toMatchObject({ replayed: true, checkpoint: first.checkpoint, events: [{ type: 'Opened', id: first.events[0].id }] });
    expect(await store.readStream('ticket-t1')).toHaveLength(2);
  });

  it('refuses what the state forbids and appends nothing', async () => {
    await expect(handle(store, 'ticket-t1', ticket, close())).rejects.toMatchObject({ code: 'not-open' });
    expect(await store.streamExists('ticket-t1')).toBe(false);
  });

  it('decides again on the new state when another writer moved the stream meanwhile', async () => {
    await handle(store, 'ticket-t1', ticket, open());
    const results = await Promise.allSettled([handle(store, 'ticket-t1', ticket, close()), handle(store, 'ticket-t1', ticket, close())]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'not-open' });
  });

  it('reads no history for an append-only decider, whatever the stream holds', async () => {
    const log: Decider<Open, Opened, null> = { initialState: () => null, evolve: () => null, decide: (c) => [{ type: 'Opened', data: c.data }], appendOnly: true };
    for (let i = 0; i < 50; i++) await handle(store, 'log', log, open());
    const readStream = jest.spyOn(store, 'readStream');
    const result = await handle(store, 'log', log, open());
    expect(readStream).not.toHaveBeenCalled();
    expect(result.version).toBe(50);
  });

  describe('numbering', () => {
    const numbering = { counter: 'tickets-2026', apply: (c: Open | Close, n: number) => (c.type === 'Open' ? { ...c, data: { ...c.data, number: n } } : c) };

    it('gives each command the counter’s next number, and a refused command none', async () => {
      const first = await handle(store, 'ticket-a', ticket, open(), { numbering });
      await expect(handle(store, 'ticket-a', ticket, open(), { numbering })).rejects.toMatchObject({ code: 'already-open' });
      const second = await handle(store, 'ticket-b', ticket, open(), { numbering });
      expect([first.state.number, second.state.number]).toEqual([1, 2]);
    });

    it('answers a repeated numbered command with its original number', async () => {
      const first = await handle(store, 'ticket-a', ticket, open('cmd-a'), { numbering });
      const again = await handle(store, 'ticket-a', ticket, open('cmd-a'), { numbering });
      expect(again).toMatchObject({ replayed: true, events: [{ data: { number: 1 } }] });
      expect(again.checkpoint).toBe(first.checkpoint);
      expect((await handle(store, 'ticket-b', ticket, open(), { numbering })).state.number).toBe(2);
    });
  });
});
