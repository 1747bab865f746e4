import { randomUUID } from 'node:crypto';
import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus } from '@serviceledger/platform/messaging';
import { Commands, EVENT_STORE, MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, pollUntil, startTestApp } from '@serviceledger/platform/testing';
import {
  DEMAND_RELEASED_TO_DELIVERY_V1,
  DEMAND_RELEASED_TO_DELIVERY_V2,
  DEMAND_RELEASED_TO_DELIVERY_V3,
  DEMAND_WITHDRAWN_V1,
  DEMAND_WITHDRAWN_V2,
  DemandReleasedToDeliveryV1,
  INTAKE_DEMAND_TOPIC,
  INTAKE_SOURCE,
} from '@serviceledger/intake/contracts';
import { afterSalesProblems, projectTeamStream, serviceCaseStream, servicePlanStream } from '@serviceledger/service-delivery/domain';
import { caseIdFor } from './configuration';
import { ServiceDeliveryModule } from './service-delivery.module';
import { serviceDeliveryService } from './service-delivery.service-definition';

/**
 * The service on its own, fed intake's contract events straight onto the in-process bus, as the relay
 * of intake would publish them: the hand-off, the withdrawal, and the due times the scheduler keeps.
 */
describe('service-delivery over HTTP', () => {
  const HOUR = 60 * 60 * 1000;
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
  let t: TestApp;
  let agent: RequestHeaders;
  let tsLead: RequestHeaders;
  let tsHead: RequestHeaders;
  let smMember: RequestHeaders;
  let reference = 100;

  const post = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers: RequestHeaders) => t.app.inject({ method: 'GET', url, headers });

  function intakeMessage<Data extends { demandId: string }>(type: string, data: Data, id = randomUUID()): IntegrationMessage<Data> {
    return {
      id,
      source: INTAKE_SOURCE,
      type,
      subject: data.demandId,
      time: clock.now().toISOString(),
      topic: INTAKE_DEMAND_TOPIC,
      key: data.demandId,
      data,
      extensions: { correlationid: id, causationid: id },
    };
  }

  function release(overrides: Partial<DemandReleasedToDeliveryV1> = {}): IntegrationMessage<DemandReleasedToDeliveryV1> {
    return intakeMessage(DEMAND_RELEASED_TO_DELIVERY_V1.type, {
      demandId: randomUUID(),
      reference: `SR-2026-${String(reference++).padStart(6, '0')}`,
      customerId: 'customer-1',
      departmentId: 'tech-support',
      ownerId: 'ts-lead',
      complexity: 'routine',
      occurredAt: clock.now().toISOString(),
      ...overrides,
    });
  }

  const publish = (...messages: IntegrationMessage[]) => t.app.get<MessageBus>(MESSAGE_BUS).publish(messages);
  const caseDetail = (caseId: string, headers = agent) => get(`/service-delivery/cases/${caseId}`, headers);
  const opened = (caseId: string) =>
    pollUntil(async () => caseDetail(caseId), (r) => r.statusCode === 200, `case ${caseId} to open`).then((r) => r.json());

  const plan = {
    goals: ['Restore printing'],
    content: 'Diagnose and repair the office printers.',
    steps: [{ stepId: 's1', description: 'Diagnose', milestoneId: 'm1' }],
    milestones: [{ milestoneId: 'm1', title: 'Diagnosed', dueAt: '2026-12-02T01:00:00Z' }],
    expectedResults: ['Everyone prints'],
    acceptanceCriteria: [{ criterionId: 'c1', text: 'Prints from every desk' }],
  };

  /** The case's plan submitted and approved, and a full team on it: ready for delivery to start. */
  async function plannedAndStaffed(base: string, content: typeof plan): Promise<void> {
    expect((await post(`${base}/plan/versions`, { plan: content }, tsLead)).statusCode).toBe(201);
    expect((await post(`${base}/plan/versions/1/approval`, {}, tsHead)).statusCode).toBe(200);
    for (const member of [
      { memberId: 'pm-zhao', role: 'project-manager', duties: 'Runs the project' },
      { memberId: 'tech-chen', role: 'technician', duties: 'Repairs' },
      { memberId: 'agent-li', role: 'customer-service', duties: 'Acceptance and visits' },
    ]) {
      expect((await post(`${base}/team/members`, member, tsHead)).statusCode).toBe(201);
    }
  }

  beforeAll(async () => {
    // A site's own plan-drafting time (P-3.1), instead of the default 48 hours.
    t = await startTestApp({ services: [serviceDeliveryService], modules: [ServiceDeliveryModule], clock, env: { DELIVERY_PLAN_DRAFTING_HOURS: '24' } });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    tsLead = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
    tsHead = await t.headersFor({ userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] });
    smMember = await t.headersFor({ userId: 'sm-lead', roles: ['department-member'], departments: ['system-maintenance'] });
  });
  afterAll(() => t.close());

  it('opens one case per demand, with its plan, however often the release is delivered', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const released = release();
    const message = { ...released, extensions: { ...released.extensions, traceparent } };
    await publish(message, message);
    await publish({ ...message, id: randomUUID() });
    const caseId = caseIdFor(message.data.demandId);
    const detail = await opened(caseId);
    expect(detail).toMatchObject({ demandId: message.data.demandId, status: 'planning', planDueAt: '2026-12-02T01:00:00.000Z' });
    // The in-process bus resolves `publish` once every consumer has handled the message.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const caseEvents = await store.readStream(serviceCaseStream(caseId));
    expect(caseEvents.map((e) => e.type)).toEqual(['ServiceCaseOpened']);
    // The case carries the release's correlation and trace, so one trace follows the demand across services.
    expect(caseEvents[0].metadata).toMatchObject({ correlationId: message.extensions.correlationid, traceparent });
    expect((await store.readStream(servicePlanStream(caseId))).map((e) => e.type)).toEqual(['ServicePlanOpened']);
  });

  it('opens a coordinated case for every department that took on work, led by the lead department', async () => {
    const message = release({
      complexity: 'complex',
      departmentId: 'tech-support',
      leadDepartmentId: 'system-maintenance',
      responsibilities: [
        { departmentId: 'system-maintenance', responsibility: 'Prepare the target environment' },
        { departmentId: 'tech-support', responsibility: 'Roll out on site' },
      ],
    });
    await publish(message);
    const caseId = caseIdFor(message.data.demandId);
    const detail = await opened(caseId);
    expect(detail).toMatchObject({ responsibleDepartmentId: 'system-maintenance', complexity: 'complex' });
    expect(detail.departments).toEqual(['system-maintenance', 'tech-support']);
    expect((await caseDetail(caseId, smMember)).statusCode).toBe(200);
    // P-3.2: a complex case's plan is reviewed by named experts; there is no way round it.
    const unreviewed = await post(`/service-delivery/cases/${caseId}/plan/versions`, { plan }, smMember);
    expect(unreviewed.statusCode).toBe(409);
    expect(unreviewed.json().code).toBe('expert-review-required');
  });

  it('opens a case for a complex demand of one department, released without a meeting (P-2.2 對於涉及多個部門的復雜需求: release v2)', async () => {
    const { data } = release({ complexity: 'complex' });
    const message = intakeMessage(DEMAND_RELEASED_TO_DELIVERY_V2.type, { ...data, departmentIds: ['tech-support'] });
    await publish(message);
    const detail = await opened(caseIdFor(data.demandId));
    expect(detail).toMatchObject({ complexity: 'complex', responsibleDepartmentId: 'tech-support', departments: ['tech-support'] });
  });

  it('opens a coordinated case from release v3, which names the departments that took on work, not what they took on (R-3.1)', async () => {
    const { data } = release({ complexity: 'complex', departmentId: 'tech-support' });
    const departments = { departmentIds: ['tech-support', 'system-maintenance'], leadDepartmentId: 'system-maintenance', responsibleDepartmentIds: ['system-maintenance', 'tech-support'] };
    await publish(intakeMessage(DEMAND_RELEASED_TO_DELIVERY_V3.type, { ...data, ...departments }));
    const caseId = caseIdFor(data.demandId);
    const detail = await opened(caseId);
    expect(detail).toMatchObject({ complexity: 'complex', responsibleDepartmentId: 'system-maintenance' });
    expect([...detail.departments].sort()).toEqual(['system-maintenance', 'tech-support']);
    expect((await caseDetail(caseId, smMember)).statusCode).toBe(200);
  });

  it('cancels the case when intake withdraws its demand, in version 2 without a reason (R-3.1) as in version 1', async () => {
    const withdrawn = release();
    await publish(withdrawn);
    await opened(caseIdFor(withdrawn.data.demandId));
    await publish(intakeMessage(DEMAND_WITHDRAWN_V2.type, { demandId: withdrawn.data.demandId, previousStatus: 'in-delivery' as const, occurredAt: clock.now().toISOString() }));
    await pollUntil(async () => (await caseDetail(caseIdFor(withdrawn.data.demandId))).json().status, (s) => s === 'cancelled', 'the case to be cancelled');

    const message = release();
    await publish(message);
    const caseId = caseIdFor(message.data.demandId);
    await opened(caseId);
    await publish(
      intakeMessage(DEMAND_WITHDRAWN_V1.type, {
        demandId: message.data.demandId,
        reason: 'Customer cancelled the order',
        previousStatus: 'in-delivery' as const,
        occurredAt: clock.now().toISOString(),
      }),
    );
    await pollUntil(async () => (await caseDetail(caseId)).json().status, (s) => s === 'cancelled', 'the case to be cancelled');
  });

  it('flags a late plan, a missed progress report and an overdue milestone when the clock passes them', async () => {
    clock.set('2026-12-01T01:00:00Z');
    const message = release();
    await publish(message);
    const caseId = caseIdFor(message.data.demandId);
    const base = `/service-delivery/cases/${caseId}`;
    await opened(caseId);

    clock.set('2026-12-03T01:01:00Z');
    await pollUntil(async () => (await caseDetail(caseId)).json().planOverdue, (overdue) => overdue === true, 'the plan to be overdue');

    await plannedAndStaffed(base, plan);
    const started = await post(`${base}/delivery`, {}, tsHead);
    expect(started.statusCode).toBe(200);
    const overdueMilestones = (await get(`/service-delivery/cases?overdueMilestone=true&after=${started.json().checkpoint}`, agent)).json();
    expect(overdueMilestones.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    expect((await get('/service-delivery/cases?overdueReport=true', agent)).json().items.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);

    clock.set(new Date(Date.parse('2026-12-03T01:01:00Z') + 72 * HOUR + 60_000));
    const missed = await pollUntil(async () => (await caseDetail(caseId)).json(), (d) => d.reportsMissed === 1, 'the report to be missed');
    expect(missed).toMatchObject({ lastReportMissed: true, reportDueAt: new Date(Date.parse('2026-12-03T01:01:00Z') + 144 * HOUR).toISOString() });
    expect(missed.progressReports).toEqual([expect.objectContaining({ kind: 'missed' })]);
    const overdueReports = (await get('/service-delivery/cases?overdueReport=true&manager=pm-zhao', agent)).json();
    expect(overdueReports.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);

    const sent = await post(`${base}/progress-reports`, { progress: 'Diagnosed', problems: [] }, tsLead);
    expect(sent.statusCode).toBe(201);
    const after = (await get(`/service-delivery/cases?overdueReport=true&after=${sent.json().checkpoint}`, agent)).json();
    expect(after.items.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
  });

  it('answers 400 for bad input, and 404 for a case of another department', async () => {
    const message = release();
    await publish(message);
    const caseId = caseIdFor(message.data.demandId);
    await opened(caseId);
    const bad = await post(`/service-delivery/cases/${caseId}/progress-reports`, { progress: '', problems: 'none', extra: 1 }, tsLead);
    expect(bad.statusCode).toBe(400);
    expect((await caseDetail(caseId, smMember)).statusCode).toBe(404);
    const hidden = await post(`/service-delivery/cases/${caseId}/plan/versions`, { plan }, smMember);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().detail).toBe(`Service case ${caseId} was not found`);
  });

  async function caseInDelivery(): Promise<string> {
    const message = release();
    await publish(message);
    const caseId = caseIdFor(message.data.demandId);
    const base = `/service-delivery/cases/${caseId}`;
    await opened(caseId);
    await plannedAndStaffed(base, { ...plan, milestones: [{ ...plan.milestones[0], dueAt: '2027-06-01T00:00:00Z' }] });
    expect((await post(`${base}/delivery`, {}, tsHead)).statusCode).toBe(200);
    return caseId;
  }

  it('scopes the case’s commands and its team by the case: another department gets 404, and changes nothing', async () => {
    const caseId = await caseInDelivery();
    const base = `/service-delivery/cases/${caseId}`;
    const report = await post(`${base}/progress-reports`, { progress: 'Diagnosed', problems: [] }, smMember);
    expect(report.statusCode).toBe(404);
    expect(report.json().detail).toBe(`Service case ${caseId} was not found`);
    const smHead = await t.headersFor({ userId: 'sm-head', roles: ['department-head'], departments: ['system-maintenance'] });
    const joined = await post(`${base}/team/members`, { memberId: 'sm-lead', role: 'technician', duties: 'Helps' }, smHead);
    expect(joined.statusCode).toBe(404);
    expect(joined.json().detail).toBe(`Service case ${caseId} was not found`);
    const store = t.app.get<EventStore>(EVENT_STORE);
    expect((await store.readStream(serviceCaseStream(caseId))).map((e) => e.type)).not.toContain('ProgressReportSent');
    expect((await store.readStream(projectTeamStream(caseId))).map((e) => e.data)).not.toContainEqual(expect.objectContaining({ memberId: 'sm-lead' }));
  });

  it('scopes an after-sales problem by its case: to another department it does not exist', async () => {
    const message = release();
    await publish(message);
    const caseId = caseIdFor(message.data.demandId);
    await opened(caseId);
    const problemId = randomUUID();
    await t.app.get(Commands).execute(afterSalesProblems, {
      type: 'RaiseAfterSalesProblem',
      data: {
        problemId,
        serviceCase: { caseId, reference: message.data.reference, customerId: 'customer-1', departmentId: 'tech-support', acceptedAt: clock.now().toISOString() },
        source: 'customer',
        description: 'The printer jams again',
      },
      metadata: { commandId: randomUUID(), at: clock.now().toISOString(), actor: { userId: 'system', roles: [], departments: [] }, correlationId: problemId },
    });
    const hidden = await post(`/service-delivery/after-sales-problems/${problemId}/handler`, { handlerId: 'sm-lead' }, smMember);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().detail).toBe(`After-sales problem ${problemId} was not found`);
    expect((await post(`/service-delivery/after-sales-problems/${problemId}/handler`, { handlerId: 'ts-lead' }, tsLead)).statusCode).toBe(200);
  });

  it('lets every department taking part in a coordinated case act on it, not only the responsible one', async () => {
    const message = release({
      complexity: 'complex',
      leadDepartmentId: 'system-maintenance',
      responsibilities: [{ departmentId: 'system-maintenance', responsibility: 'Prepare the target environment' }],
    });
    await publish(message);
    const caseId = caseIdFor(message.data.demandId);
    await opened(caseId);
    const joined = await post(`/service-delivery/cases/${caseId}/team/members`, { memberId: 'pm-zhao', role: 'project-manager', duties: 'Runs the project' }, tsHead);
    expect(joined.statusCode).toBe(201);
  });

  it('keeps the team’s history, the deviations, the coordination issues and the meetings with their actions', async () => {
    const caseId = await caseInDelivery();
    const base = `/service-delivery/cases/${caseId}`;
    expect((await post(`${base}/team/members/tech-chen/duties`, { duties: 'Repairs and training' }, tsHead)).statusCode).toBe(200);
    expect((await post(`${base}/team/project-manager`, { memberId: 'pm-sun', duties: 'Runs the project', reason: 'Zhao moves to another project' }, tsHead)).statusCode).toBe(200);
    const pmGone = await post(`${base}/team/members/pm-sun/removal`, { reason: 'x' }, tsHead);
    expect(pmGone.statusCode).toBe(409);
    expect(pmGone.json().code).toBe('project-manager-needs-successor');
    expect((await post(`${base}/milestones/m1/deviations`, { expectedAt: '2027-06-15T00:00:00Z', reason: 'Parts delayed' }, tsLead)).statusCode).toBe(201);
    const issue = await post(`${base}/coordination-issues`, { description: 'Spare parts stuck in the warehouse', departmentIds: ['tech-support', 'logistics'] }, tsLead);
    expect(issue.statusCode).toBe(201);
    expect((await post(`${base}/coordination-issues/1/resolution`, { resolution: 'Released by logistics' }, tsLead)).statusCode).toBe(200);
    const meeting = await post(
      '/service-delivery/project-meetings',
      {
        kind: 'project',
        caseId,
        heldAt: '2026-12-04T02:00:00Z',
        attendees: ['pm-sun', 'tech-chen'],
        reports: [{ departmentId: 'tech-support', progress: 'Diagnosed', problems: 'Parts late', solutions: 'Loan printer' }],
        decisions: ['Install a loan printer'],
        actions: [{ description: 'Install the loan printer', ownerId: 'tech-chen', departmentId: 'tech-support', dueAt: '2026-12-06T00:00:00Z' }],
      },
      tsLead,
    );
    expect(meeting.statusCode).toBe(201);
    const meetingId = meeting.json().id;
    const techChen = await t.headersFor({ userId: 'tech-chen', roles: ['technician'], departments: ['tech-support'] });
    const work = (await get(`/service-delivery/my-work?after=${meeting.json().checkpoint}`, techChen)).json();
    expect(work.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    expect(work.meetingActions).toEqual([expect.objectContaining({ meetingId, actionNumber: 1, done: false })]);
    const done = await post(`/service-delivery/project-meetings/${meetingId}/actions/1/completion`, { outcome: 'Installed' }, techChen);
    expect(done.statusCode).toBe(200);

    const detail = (await get(`${base}?after=${done.json().checkpoint}`, agent)).json();
    expect(detail.projectManagerId).toBe('pm-sun');
    expect(detail.team.map((m: { memberId: string; leftAt: string | null }) => [m.memberId, m.leftAt === null])).toEqual(
      expect.arrayContaining([
        ['pm-zhao', false],
        ['pm-sun', true],
      ]),
    );
    expect(detail.team.find((m: { memberId: string }) => m.memberId === 'tech-chen').duties).toBe('Repairs and training');
    expect(detail.milestones[0]).toMatchObject({ milestoneId: 'm1', expectedAt: '2027-06-15T00:00:00Z', status: 'open' });
    expect(detail.coordinationIssues).toEqual([expect.objectContaining({ issueNumber: 1, resolved: true })]);
    expect(detail.meetings[0].actions).toEqual([expect.objectContaining({ actionNumber: 1, done: true, outcome: 'Installed' })]);
    expect((await get(`/service-delivery/my-work`, techChen)).json().meetingActions).toEqual([]);

    // A customer sees their own case, without the internal coordination.
    const customer = await t.headersFor({ userId: 'c-user', roles: ['customer'], customerId: 'customer-1' });
    const seen = (await get(base, customer)).json();
    expect(seen.caseId).toBe(caseId);
    expect(seen.coordinationIssues).toBeUndefined();
    expect(seen.meetings).toBeUndefined();
    const other = await t.headersFor({ userId: 'o-user', roles: ['customer'], customerId: 'customer-2' });
    expect((await get(base, other)).statusCode).toBe(404);
  });

  it('routes a major plan through its named experts before the head approves it, and waives a milestone with a reason', async () => {
    const message = release();
    await publish(message);
    const caseId = caseIdFor(message.data.demandId);
    const base = `/service-delivery/cases/${caseId}`;
    await opened(caseId);
    const expert = await t.headersFor({ userId: 'expert-wu', roles: ['expert-reviewer'], departments: ['tech-support'] });
    expect((await post(`${base}/plan/versions`, { plan, major: true }, tsLead)).statusCode).toBe(409);
    expect((await post(`${base}/plan/versions`, { plan, major: true, experts: ['expert-wu'] }, tsLead)).statusCode).toBe(201);
    const bypass = await post(`${base}/plan/versions/1/approval`, {}, tsHead);
    expect(bypass.statusCode).toBe(409);
    expect(bypass.json().code).toBe('expert-review-pending');
    expect((await post(`${base}/plan/versions/1/expert-opinions`, { opinion: 'Sound plan', conclusion: 'approve' }, expert)).statusCode).toBe(201);
    const approved = await post(`${base}/plan/versions/1/approval`, {}, tsHead);
    expect(approved.statusCode).toBe(200);
    const detail = (await get(`${base}?after=${approved.json().checkpoint}`, agent)).json();
    expect(detail.planVersions[0]).toMatchObject({ status: 'approved', major: true, experts: ['expert-wu'] });
    expect(detail.planVersions[0].reviews).toEqual([expect.objectContaining({ kind: 'expert-opinion', by: 'expert-wu', conclusion: 'approve' })]);

    for (const member of [
      { memberId: 'pm-zhao', role: 'project-manager', duties: 'Runs the project' },
      { memberId: 'tech-chen', role: 'technician', duties: 'Repairs' },
      { memberId: 'agent-li', role: 'customer-service', duties: 'Acceptance and visits' },
    ]) {
      await post(`${base}/team/members`, member, tsHead);
    }
    expect((await post(`${base}/delivery`, {}, tsHead)).statusCode).toBe(200);
    expect((await post(`${base}/milestones/m1/waiver`, { reason: 'Customer no longer needs it' }, tsHead)).statusCode).toBe(200);
    const criteria = { contractReference: 'SC-2026-0001', version: 1, criteria: plan.acceptanceCriteria };
    expect((await post(`${base}/acceptance/criteria`, criteria, agent)).statusCode).toBe(201);
    const organised = await post(`${base}/acceptance`, {}, agent);
    expect(organised.statusCode).toBe(200);
    expect((await get(`${base}?after=${organised.json().checkpoint}`, agent)).json()).toMatchObject({ status: 'awaiting-acceptance', acceptanceRound: 1 });
  });
});
