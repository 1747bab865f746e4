import { Aggregate, Command, Decider, DomainEvent, InMemoryEventStore, ManualClock, NotFoundError, newId } from '@serviceledger/platform/core';
import { Commands } from './commands';
import { Seeds } from './seeds';

type Open = Command<'Open', { ticketId: string; departmentId: string; number?: number }>;
type Note = Command<'Note', { ticketId: string }>;
type Opened = DomainEvent<'Opened', { ticketId: string; departmentId: string; number?: number }>;
type Noted = DomainEvent<'Noted', { ticketId: string }>;
type Ticket = { departmentId?: string; number?: number; notes: number };

const decider: Decider<Open | Note, Opened | Noted, Ticket> = {
  initialState: () => ({ notes: 0 }),
  evolve: (state, event) => (event.type === 'Opened' ? { ...state, departmentId: event.data.departmentId, number: event.data.number } : { ...state, notes: state.notes + 1 }),
  decide: (command) => (command.type === 'Open' ? [{ type: 'Opened', data: command.data }] : [{ type: 'Noted', data: command.data }]),
};

const tickets: Aggregate<Open | Note, Opened | Noted, Ticket> = {
  name: 'Ticket',
  streamPrefix: 'test.ticket-',
  decider,
  idOf: (command) => command.data.ticketId,
  creates: ['Open'],
  scope: (ticket) => ({ departments: ticket.departmentId ? [ticket.departmentId] : [] }),
  numbering: (command) =>
    command.type === 'Open' ? { counter: 'tickets', apply: (c, n) => (c.type === 'Open' ? { ...c, data: { ...c.data, number: n } } : c) } : undefined,
};

const member = (departments: string[]) => ({ userId: 'm1', roles: ['department-member'], departments });
const service = { userId: 'quality-monitoring', roles: [], departments: [] };
const command = <C extends Open | Note>(type: C['type'], data: C['data'], actor = member(['tech-support'])) =>
  ({ type, data, metadata: { commandId: newId(), at: '2026-12-01T00:00:00Z', actor, correlationId: 'c' } }) as C;

describe('Commands: the one command path', () => {
  let store: InMemoryEventStore;
  let commands: Commands;
  beforeEach(() => {
    store = new InMemoryEventStore();
    commands = new Commands(store);
  });

  it('appends to the instance’s stream and answers its id and checkpoint, numbered when the aggregate says so', async () => {
    const accepted = await commands.execute(tickets, command<Open>('Open', { ticketId: 't1', departmentId: 'tech-support' }));
    expect(accepted).toEqual({ id: 't1', checkpoint: expect.any(String) });
    expect(await commands.state(tickets, 't1')).toEqual({ departmentId: 'tech-support', number: 1, notes: 0 });
  });

  it('answers 404 for a command on a missing instance, unless the command creates one', async () => {
    await expect(commands.execute(tickets, command<Note>('Note', { ticketId: 'missing' }))).rejects.toEqual(new NotFoundError('Ticket', 'missing'));
    expect(await store.streamExists('test.ticket-missing')).toBe(false);
  });

  it('answers a principal outside the instance’s scope 404, as a read would, and changes nothing', async () => {
    await commands.execute(tickets, command<Open>('Open', { ticketId: 't1', departmentId: 'tech-support' }));
    await expect(commands.execute(tickets, command<Note>('Note', { ticketId: 't1' }, member(['software-development'])))).rejects.toBeInstanceOf(NotFoundError);
    expect((await commands.state(tickets, 't1')).notes).toBe(0);
    await commands.execute(tickets, command<Note>('Note', { ticketId: 't1' }));
    expect((await commands.state(tickets, 't1')).notes).toBe(1);
  });

  it('lets the services’ own actors (no roles) act on any instance, and says when a command was a retry', async () => {
    await commands.execute(tickets, command<Open>('Open', { ticketId: 't1', departmentId: 'tech-support' }));
    const note = command<Note>('Note', { ticketId: 't1' }, service);
    const decided = await commands.decide(tickets, note);
    expect(decided).toMatchObject({ state: { notes: 1 }, replayed: false });
    expect(decided.events.map((e) => e.type)).toEqual(['Noted']);
    expect(await commands.decide(tickets, note)).toMatchObject({ state: { notes: 1 }, replayed: true, events: [{ id: decided.events[0].id }] });
  });

  it('gives a use case the state only of an instance the actor may see', async () => {
    await commands.execute(tickets, command<Open>('Open', { ticketId: 't1', departmentId: 'tech-support' }));
    expect(await commands.stateFor(tickets, 't1', member(['tech-support']))).toMatchObject({ departmentId: 'tech-support' });
    await expect(commands.stateFor(tickets, 't1', member(['software-development']))).rejects.toBeInstanceOf(NotFoundError);
    await expect(commands.stateFor(tickets, 'missing', service)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('sows a seed once, only while its instance is empty, whoever sows it', async () => {
    const seeds = new Seeds(commands, new ManualClock(new Date('2026-12-01T00:00:00Z')));
    const seed = {
      aggregate: tickets,
      id: 'seeded',
      isEmpty: (ticket: Ticket) => ticket.departmentId === undefined,
      commands: [
        { key: 'ticket', command: { type: 'Open' as const, data: { ticketId: 'seeded', departmentId: 'tech-support' } } },
        { key: 'note', command: { type: 'Note' as const, data: { ticketId: 'seeded' } } },
      ],
    };
    await Promise.all([seeds.sow('test', [seed]), new Seeds(commands, new ManualClock(new Date('2026-12-01T00:00:05Z'))).sow('test', [seed])]);
    await seeds.sow('test', [seed]);
    expect(await commands.state(tickets, 'seeded')).toEqual({ departmentId: 'tech-support', number: 1, notes: 1 });
  });
});
