import { randomUUID } from 'node:crypto';
import { ManualClock } from '@serviceledger/platform/core';
import { MessageBus } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, pollUntil, startTestApp } from '@serviceledger/platform/testing';
import { DEMAND_RELEASED_TO_DELIVERY_V1, INTAKE_DEMAND_TOPIC, INTAKE_SOURCE } from '@serviceledger/intake/contracts';
import { caseIdFor } from '../configuration';
import { ServiceDeliveryModule } from '../service-delivery.module';
import { serviceDeliveryService } from '../service-delivery.service-definition';

/**
 * Issue 23, item 7: `GET /service-delivery/cases/:id?asOf=<instant>` answers the case as it stood then, folded from its
 * events up to that instant, to whoever may read its detail now; an instant that is not one, or is still to come, is 400.
 */
describe('a service case as of an instant over HTTP (?asOf=)', () => {
  const clock = new ManualClock(new Date('2026-12-07T01:00:00Z'));
  let t: TestApp;
  const as: Record<string, RequestHeaders> = {};
  let caseId: string;
  const post = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers = as.agent) => t.app.inject({ method: 'GET', url, headers });
  const asOf = (instant: string, headers = as.agent) => get(`/service-delivery/cases/${caseId}?asOf=${encodeURIComponent(instant)}`, headers);

  beforeAll(async () => {
    t = await startTestApp({ services: [serviceDeliveryService], modules: [ServiceDeliveryModule], clock });
    as.agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    as.tsLead = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
    as.tsHead = await t.headersFor({ userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] });
    as.otherDepartment = await t.headersFor({ userId: 'sm-lead', roles: ['department-member'], departments: ['system-maintenance'] });

    const demandId = randomUUID();
    const id = randomUUID();
    clock.set('2026-12-07T01:10:00Z');
    await t.app.get<MessageBus>(MESSAGE_BUS).publish([
      {
        id,
        source: INTAKE_SOURCE,
        type: DEMAND_RELEASED_TO_DELIVERY_V1.type,
        subject: demandId,
        time: clock.now().toISOString(),
        topic: INTAKE_DEMAND_TOPIC,
        key: demandId,
        data: { demandId, reference: 'SR-2026-000923', customerId: 'customer-1', departmentId: 'tech-support', ownerId: 'ts-lead', complexity: 'routine', occurredAt: clock.now().toISOString() },
        extensions: { correlationid: id, causationid: id },
      },
    ]);
    caseId = caseIdFor(demandId);
    await pollUntil(() => get(`/service-delivery/cases/${caseId}`), (r) => r.statusCode === 200, `case ${caseId} to open`);

    const base = `/service-delivery/cases/${caseId}`;
    clock.set('2026-12-07T01:20:00Z');
    const plan = {
      goals: ['Restore printing'],
      content: 'Diagnose and repair the office printers.',
      steps: [{ stepId: 's1', description: 'Diagnose', milestoneId: 'm1' }],
      milestones: [{ milestoneId: 'm1', title: 'Diagnosed', dueAt: '2026-12-09T01:00:00Z' }],
      expectedResults: ['Everyone prints'],
      acceptanceCriteria: [{ criterionId: 'c1', text: 'Prints from every desk' }],
    };
    expect((await post(`${base}/plan/versions`, { plan }, as.tsLead)).statusCode).toBe(201);
    expect((await post(`${base}/plan/versions/1/approval`, {}, as.tsHead)).statusCode).toBe(200);
    for (const member of [
      { memberId: 'pm-zhao', role: 'project-manager', duties: 'Runs the project' },
      { memberId: 'tech-chen', role: 'technician', duties: 'Repairs' },
      { memberId: 'agent-li', role: 'customer-service', duties: 'Acceptance and visits' },
    ]) {
      expect((await post(`${base}/team/members`, member, as.tsHead)).statusCode).toBe(201);
    }
    clock.set('2026-12-07T01:30:00Z');
    expect((await post(`${base}/delivery`, {}, as.tsHead)).statusCode).toBe(200);
    clock.set('2026-12-07T02:00:00Z');
  });
  afterAll(() => t.close());

  it('answers the status while the plan was drafted, once it was approved and staffed, and once delivery had started', async () => {
    const planning = await asOf('2026-12-07T09:15:00+08:00');
    expect(planning.statusCode).toBe(200);
    expect(planning.json()).toMatchObject({ asOf: '2026-12-07T01:15:00.000Z', version: 0, state: { caseId, status: 'planning' } });
    const ready = (await asOf('2026-12-07T01:25:00Z')).json();
    expect(ready).toMatchObject({ state: { caseId, status: 'ready' } });
    const delivering = (await asOf('2026-12-07T01:45:00Z')).json();
    expect(delivering).toMatchObject({ state: { caseId, status: 'in-delivery', planVersion: 1 } });
    expect(delivering.version).toBeGreaterThan(ready.version);
    expect((await get(`/service-delivery/cases/${caseId}`)).json()).toMatchObject({ status: 'in-delivery' });
  });

  it('is 404 before the case opened, and to another department, as the detail is', async () => {
    expect((await asOf('2026-12-07T01:05:00Z')).statusCode).toBe(404);
    expect((await asOf('2026-12-07T01:45:00Z', as.otherDepartment)).statusCode).toBe(404);
    expect((await get(`/service-delivery/cases/${caseId}`, as.otherDepartment)).statusCode).toBe(404);
  });

  it('refuses an instant that is not one or is still to come, as 400 problem details naming asOf', async () => {
    for (const instant of ['now', '2026-12-07T01:45', '2026-12-08T00:00:00Z']) {
      const response = await asOf(instant);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'asOf' })]));
    }
  });
});
