import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, TestApp, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { phoneEnquiry, registerEnquiringCustomer } from '../testing/phone-enquiry';

/**
 * Issue 23, item 7: `GET /intake/demands/:id?asOf=<instant>` answers the demand as it stood then, folded from its
 * events up to that instant, to whoever may read its detail now; an instant that is not one, or is still to come, is 400.
 */
describe('a demand as of an instant over HTTP (?asOf=)', () => {
  const clock = new ManualClock(new Date('2026-12-07T01:00:00Z'));
  let t: TestApp;
  const as: Record<string, RequestHeaders> = {};
  let demandId: string;
  const { get, ok } = readYourWrites(() => t.app, () => as.agent);
  const asOf = (instant: string, headers = as.agent) => get(`/intake/demands/${demandId}?asOf=${encodeURIComponent(instant)}`, headers);

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock });
    as.agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    const customerId = await registerEnquiringCustomer(t, as.agent);
    as.customer = await t.headersFor({ userId: 'wang', roles: ['customer'], customerId });
    as.otherCustomer = await t.headersFor({ userId: 'chan', roles: ['customer'], customerId: (await ok('/intake/customers', { organisation: '香港某某物流有限公司', contactPerson: '陳大文', phone: '+85291234567', tier: 'standard' })).id });
    clock.set('2026-12-07T01:10:00Z');
    demandId = (await ok('/intake/demands', phoneEnquiry(customerId))).id;
    clock.set('2026-12-07T01:20:00Z');
    await ok(`/intake/demands/${demandId}/triage`);
    clock.set('2026-12-07T01:30:00Z');
    await ok(`/intake/demands/${demandId}/assignment`);
    clock.set('2026-12-07T02:00:00Z');
  });
  afterAll(() => t.close());

  it('answers the status before the assignment and after it, whatever the offset the instant is written in', async () => {
    const beforeAssignment = await asOf('2026-12-07T09:25:00+08:00');
    expect(beforeAssignment.statusCode).toBe(200);
    expect(beforeAssignment.json()).toMatchObject({ asOf: '2026-12-07T01:25:00.000Z', version: 1, state: { demandId, status: 'triaged' } });
    expect(beforeAssignment.json().state.assignment).toBeUndefined();
    const atAssignment = (await asOf('2026-12-07T01:30:00Z')).json();
    expect(atAssignment).toMatchObject({ version: 2, state: { status: 'assigned', assignment: expect.objectContaining({ departmentId: expect.any(String) }) } });
    expect((await asOf('2026-12-07T01:15:00Z')).json()).toMatchObject({ version: 0, state: { status: 'registered' } });
    expect((await get(`/intake/demands/${demandId}`, as.agent)).json()).toMatchObject({ status: 'assigned' });
  });

  it('is 404 before the demand was registered, and to whoever may not read the demand now', async () => {
    expect((await asOf('2026-12-07T01:05:00Z')).json()).toMatchObject({ status: 404, type: expect.stringContaining('not-found') });
    expect((await asOf('2026-12-07T01:25:00Z', as.otherCustomer)).statusCode).toBe(404);
    expect((await get(`/intake/demands/${demandId}`, as.otherCustomer)).statusCode).toBe(404);
  });

  it('shows the customer their demand then without how the company coordinated it', async () => {
    const seen = (await asOf('2026-12-07T01:35:00Z', as.customer)).json();
    expect(seen.state).toMatchObject({ status: 'assigned' });
    expect(Object.keys(seen.state)).not.toContain('messageIds');
  });

  it('refuses an instant that is not one, has no offset, does not exist or is still to come, as 400 problem details naming asOf', async () => {
    for (const instant of ['yesterday', '2026-12-07', '2026-12-07T01:25:00', '2026-02-30T10:00:00Z', '2026-12-07T02:00:01Z']) {
      const response = await asOf(instant);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'asOf' })]));
    }
  });
});
