import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { DemandCommand, RegisterDemand, demand } from './demand';
import { AT, registered, registration } from './testing/demand-fixtures';

const agent = actor('agent-1', ['agent'], ['customer-service']);
const command = commandsOf<DemandCommand, { demandId: string }>({ at: AT, actor: agent, data: { demandId: 'd-1' } });
const { when, refusal } = deciderSpec(demand);

const register = (data: Partial<RegisterDemand['data']>) => command('RegisterDemand', { ...registration, ...data });
const minutesFromAt = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

describe('when a demand was received (二(一)2 及時記錄：客服人員接到客戶需求后，應詳細、準確地記錄)', () => {
  it('records a phone call taken 40 minutes before the demand was registered', () => {
    expect(when([], register({ receivedAt: '2026-03-02T16:20:00+08:00' }))).toEqual([registered({ receivedAt: minutesFromAt(-40) })]);
  });

  it('records an e-mail delivered before it was registered', () => {
    const byEmail = { channel: 'email' as const, emailMessageId: '<a1@acme.cn>' };
    const [event] = when([], register({ ...byEmail, receivedAt: minutesFromAt(-5) }));
    expect(event).toEqual(registered({ ...byEmail, receivedAt: minutesFromAt(-5) }));
  });

  it.each([
    ['no time of receipt', {}],
    ['the registration instant', { receivedAt: AT }],
    ['an instant up to the clock skew ahead of ours', { receivedAt: minutesFromAt(2) }],
  ])('takes a demand given %s as received when it was registered, recording no other instant', (_, given) => {
    const [event] = when([], register(given));
    expect(event).toEqual(registered());
    expect(event.data).not.toHaveProperty('receivedAt');
  });

  it('takes a portal demand as received when the customer registered it', () => {
    const portal = { channel: 'web' as const, subChannel: 'portal' as const };
    expect(when([], register({ ...portal, receivedAt: AT }))).toEqual([registered(portal)]);
    expect(refusal([], register({ ...portal, receivedAt: minutesFromAt(-10) }))).toMatchObject(refused('received-at-portal'));
  });

  it('lets an agent on the web chat record when the chat began', () => {
    const chat = { channel: 'web' as const, subChannel: 'chat' as const };
    expect(when([], register({ ...chat, receivedAt: minutesFromAt(-15) }))).toEqual([registered({ ...chat, receivedAt: minutesFromAt(-15) })]);
  });

  it.each([
    ['received-in-the-future', minutesFromAt(3)],
    ['received-in-the-future', minutesFromAt(24 * 60)],
    ['invalid-received-at', 'yesterday afternoon'],
  ])('refuses with %s a receipt at %s', (code, receivedAt) => {
    expect(refusal([], register({ receivedAt }))).toMatchObject(refused(code));
  });
});
