import { causedBy, followOn } from './follow-on';
import { commandIdFrom } from './ids';

describe('follow-on command metadata', () => {
  const actor = { userId: 'u1', roles: ['agent'], departments: [] };
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('a command following another in one use case: a derived id, the first as its cause, the same correlation and trace', () => {
    const first = { commandId: 'c1', at: '2026-12-01T00:00:00Z', actor, correlationId: 'corr', traceparent };
    expect(followOn(first, 'step')).toEqual({ ...first, commandId: commandIdFrom('c1', 'step'), causationId: 'c1' });
  });

  it('a command a message causes: the message as its cause, its correlation and trace', () => {
    const message = { id: 'm1', extensions: { correlationid: 'corr', traceparent } };
    expect(causedBy(message, { commandId: 'c2', at: '2026-12-01T00:00:00Z', actor })).toEqual({
      commandId: 'c2',
      at: '2026-12-01T00:00:00Z',
      actor,
      correlationId: 'corr',
      causationId: 'm1',
      traceparent,
    });
    expect(causedBy({ id: 'm2' }, { commandId: 'c3', at: '2026-12-01T00:00:00Z', actor })).toMatchObject({ correlationId: 'm2', causationId: 'm2' });
  });
});
