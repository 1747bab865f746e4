import { randomUUID } from 'node:crypto';
import { ManualClock } from '@serviceledger/platform/core';
import { MessageBus } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, eventually, publishedMessage, startTestApp } from '@serviceledger/platform/testing';
import { DEMAND_RELEASED_TO_DELIVERY_V1, INTAKE_SOURCE } from '@serviceledger/intake/contracts';
import { caseIdFor } from './configuration';
import { ServiceDeliveryModule } from './service-delivery.module';
import { serviceDeliveryService } from './service-delivery.service-definition';

/**
 * Internal meetings over HTTP (C-1.1): weekly, monthly and project meetings recorded, listed and read
 * back as minutes, scoped by the departments that reported at them, and the weekly cadence with a
 * week missed.
 */
describe('meetings over HTTP', () => {
  // Monday 21 December 2026, 10:00 in Shanghai.
  const clock = new ManualClock(new Date('2026-12-21T02:00:00Z'));
  let t: TestApp;
  let agent: RequestHeaders;
  let tsLead: RequestHeaders;
  let smMember: RequestHeaders;
  let logistics: RequestHeaders;
  let customer: RequestHeaders;
  let techChen: RequestHeaders;

  const post = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers: RequestHeaders) => t.app.inject({ method: 'GET', url, headers });
  const ids = (page: { items: Array<{ meetingId: string }> }) => page.items.map((m) => m.meetingId);
  const report = (departmentId: string, progress: string) => ({ departmentId, progress, problems: 'None', solutions: 'None' });

  let week49: string;
  let week51: string;
  let november: string;
  let project: string;
  let checkpoint: string;

  async function record(minutes: object, headers = tsLead): Promise<string> {
    const response = await post('/service-delivery/project-meetings', minutes, headers);
    expect(response.statusCode).toBe(201);
    checkpoint = response.json().checkpoint;
    return response.json().id;
  }

  beforeAll(async () => {
    t = await startTestApp({ services: [serviceDeliveryService], modules: [ServiceDeliveryModule], clock });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    tsLead = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
    smMember = await t.headersFor({ userId: 'sm-lead', roles: ['department-head'], departments: ['system-maintenance'] });
    logistics = await t.headersFor({ userId: 'lg-wang', roles: ['department-member'], departments: ['logistics'] });
    customer = await t.headersFor({ userId: 'c-user', roles: ['customer'], customerId: 'customer-1' });
    techChen = await t.headersFor({ userId: 'tech-chen', roles: ['technician'], departments: ['tech-support'] });

    // Week 49 (30 Nov – 6 Dec): Monday 00:30 in Shanghai, still Sunday in UTC.
    week49 = await record({
      kind: 'weekly',
      heldAt: '2026-11-29T16:30:00Z',
      attendees: ['ts-lead'],
      reports: [report('tech-support', 'Queue cleared')],
      decisions: [],
      actions: [],
    });
    // Week 50 (7 – 13 Dec): no weekly meeting. Week 51 (14 – 20 Dec): two departments report, so customer
    // service, which may speak for both, takes the minutes.
    week51 = await record(
      {
      kind: 'weekly',
      heldAt: '2026-12-14T10:00:00+08:00',
      attendees: ['ts-lead', 'sm-lead', 'tech-chen'],
      reports: [
        { departmentId: 'tech-support', progress: 'Printers repaired', problems: 'Spare parts late', solutions: 'Loan printers' },
        { departmentId: 'system-maintenance', progress: 'Backups verified', problems: 'Disk nearly full', solutions: 'Order disks' },
      ],
      decisions: ['Order two disks this week'],
      actions: [{ description: 'Order the disks', ownerId: 'tech-chen', departmentId: 'tech-support', dueAt: '2026-12-18T18:00:00+08:00' }],
      },
      agent,
    );
    november = await record(
      {
        kind: 'monthly',
        heldAt: '2026-11-20T02:00:00Z',
        attendees: ['agent-li'],
        reports: [report('software-development', 'Release 3.2 shipped')],
        decisions: [],
        actions: [],
      },
      agent,
    );
    // A project meeting about a tech-support case, at which no department reported: the case scopes it.
    const demandId = randomUUID();
    const release = publishedMessage(
      DEMAND_RELEASED_TO_DELIVERY_V1,
      { source: INTAKE_SOURCE, key: demandId },
      { demandId, reference: 'SR-2026-000900', customerId: 'customer-1', departmentId: 'tech-support', ownerId: 'ts-lead', complexity: 'routine', occurredAt: '2026-12-01T01:00:00Z' },
      '2026-12-01T01:00:00Z',
    );
    await t.app.get<MessageBus>(MESSAGE_BUS).publish([release]);
    const caseId = caseIdFor(demandId);
    await eventually(async () => expect((await get(`/service-delivery/cases/${caseId}`, agent)).statusCode).toBe(200));
    project = await record({ kind: 'project', caseId, heldAt: '2026-12-09T02:00:00Z', attendees: ['ts-lead'], reports: [], decisions: [], actions: [] });
  });
  afterAll(() => t.close());

  it('lists the meetings newest first, by kind, by a department that reported, and by when they were held', async () => {
    const all = (await get(`/service-delivery/meetings?after=${checkpoint}`, agent)).json();
    expect(ids(all)).toEqual([week51, project, week49, november]);
    expect(all.total).toBe(4);
    expect(all.items[0]).toMatchObject({
      kind: 'weekly',
      heldAt: '2026-12-14T02:00:00.000Z',
      departments: ['tech-support', 'system-maintenance'],
      actions: { total: 1, open: 1, overdue: 1 },
      recordedBy: 'agent-li',
    });
    expect(ids((await get('/service-delivery/meetings?kind=weekly', agent)).json())).toEqual([week51, week49]);
    expect(ids((await get('/service-delivery/meetings?department=system-maintenance', agent)).json())).toEqual([week51]);
    const december = '/service-delivery/meetings?from=2026-12-01T00:00:00%2B08:00&to=2026-12-14T10:00:00%2B08:00';
    expect(ids((await get(december, agent)).json())).toEqual([project]);
    const paged = (await get('/service-delivery/meetings?page=2&pageSize=3', agent)).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 3, total: 4 });
    expect(ids(paged)).toEqual([november]);
    expect((await get('/service-delivery/meetings?from=2026-12-01', agent)).statusCode).toBe(400);
  });

  it('shows a department the meetings it reported at and those about its cases, and hides the rest', async () => {
    expect(ids((await get('/service-delivery/meetings', tsLead)).json())).toEqual([week51, project, week49]);
    expect(ids((await get('/service-delivery/meetings', smMember)).json())).toEqual([week51]);
    const none = (await get('/service-delivery/meetings', logistics)).json();
    expect(none).toMatchObject({ items: [], total: 0 });
    expect((await get(`/service-delivery/meetings/${week51}`, logistics)).statusCode).toBe(404);
    expect((await get(`/service-delivery/meetings/${project}`, smMember)).statusCode).toBe(404);
    expect((await get(`/service-delivery/meetings/${project}`, tsLead)).statusCode).toBe(200);
    // Meetings are internal: a customer sees none, even about their own case.
    expect((await get('/service-delivery/meetings', customer)).json().total).toBe(0);
    expect((await get(`/service-delivery/meetings/${project}`, customer)).statusCode).toBe(404);
  });

  it('lets a department record and follow up only its own departments\' meetings', async () => {
    const others = { kind: 'weekly', heldAt: '2026-12-21T10:00:00+08:00', attendees: ['lg-wang'], reports: [report('tech-support', 'Queue cleared')], decisions: [], actions: [] };
    const refused = await post('/service-delivery/project-meetings', others, logistics);
    expect(refused.json()).toMatchObject({ status: 409, code: 'meeting-of-other-departments' });
    expect((await post(`/service-delivery/project-meetings/${week51}/actions/1/completion`, { outcome: 'Ordered' }, logistics)).statusCode).toBe(404);
  });

  it('lets no one report, or assign work, in another department\'s name, nor complete someone else\'s action', async () => {
    const joint = {
      kind: 'weekly',
      heldAt: '2026-12-21T10:00:00+08:00',
      attendees: ['ts-lead', 'sm-lead'],
      reports: [report('tech-support', 'Queue cleared'), report('system-maintenance', 'Disks full')],
      decisions: [],
      actions: [{ description: 'Clean the disks', ownerId: 'sm-lead', departmentId: 'system-maintenance', dueAt: '2026-12-22T18:00:00+08:00' }],
    };
    expect((await post('/service-delivery/project-meetings', joint, tsLead)).json()).toMatchObject({
      status: 409,
      code: 'report-for-other-department',
      detail: 'ts-lead reports for their own departments only, not for system-maintenance (C-1.1)',
    });
    const absentDepartment = { ...joint, reports: [report('tech-support', 'Queue cleared')] };
    expect((await post('/service-delivery/project-meetings', absentDepartment, agent)).json()).toMatchObject({ status: 409, code: 'action-department-not-reporting' });
    // A head of the other department at the meeting, and a colleague of the owner, may not close it for them.
    for (const headers of [smMember, tsLead]) {
      expect((await post(`/service-delivery/project-meetings/${week51}/actions/1/completion`, { outcome: 'Ordered' }, headers)).json()).toMatchObject({
        status: 409,
        code: 'not-action-owner',
      });
    }
  });

  it('reads back the minutes, and shows an overdue action done once it is completed', async () => {
    const minutes = (await get(`/service-delivery/meetings/${week51}`, smMember)).json();
    expect(minutes).toMatchObject({
      meetingId: week51,
      kind: 'weekly',
      caseId: null,
      attendees: ['ts-lead', 'sm-lead', 'tech-chen'],
      decisions: ['Order two disks this week'],
      reports: [
        { reportNumber: 1, departmentId: 'tech-support', progress: 'Printers repaired', problems: 'Spare parts late', solutions: 'Loan printers' },
        { reportNumber: 2, departmentId: 'system-maintenance', progress: 'Backups verified', problems: 'Disk nearly full', solutions: 'Order disks' },
      ],
      actions: [{ actionNumber: 1, description: 'Order the disks', ownerId: 'tech-chen', dueAt: '2026-12-18T10:00:00.000Z', done: false, outcome: null, overdue: true }],
    });

    const done = await post(`/service-delivery/project-meetings/${week51}/actions/1/completion`, { outcome: 'Two disks ordered' }, techChen);
    expect(done.statusCode).toBe(200);
    const after = (await get(`/service-delivery/meetings/${week51}?after=${done.json().checkpoint}`, agent)).json();
    expect(after.actions).toEqual([
      expect.objectContaining({ done: true, outcome: 'Two disks ordered', late: true, completedBy: 'tech-chen', completedAt: '2026-12-21T02:00:00.000Z', overdue: false }),
    ]);
    expect((await get('/service-delivery/meetings?kind=weekly', agent)).json().items[0].actions).toEqual({ total: 1, open: 0, overdue: 0 });
  });

  it('keeps the cadence: three weeks with the middle one missed, the month and the quarter', async () => {
    const cadence = (await get('/service-delivery/meetings/cadence?from=2026-11-30&to=2026-12-20', agent)).json();
    expect(cadence).toMatchObject({ from: '2026-11-30', to: '2026-12-20', timeZone: 'Asia/Shanghai' });
    expect(cadence.weekly).toEqual([
      { key: '2026-W49', from: '2026-11-30', to: '2026-12-06', held: true, ended: true, meetingIds: [week49] },
      { key: '2026-W50', from: '2026-12-07', to: '2026-12-13', held: false, ended: true, meetingIds: [] },
      { key: '2026-W51', from: '2026-12-14', to: '2026-12-20', held: true, ended: true, meetingIds: [week51] },
    ]);
    expect(cadence.monthly.map((m: { key: string; held: boolean }) => [m.key, m.held])).toEqual([
      ['2026-11', true],
      ['2026-12', false],
    ]);
    expect(cadence.quarterly).toEqual([{ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31', held: false, ended: false, meetingIds: [] }]);
    // A department counts the meetings it may see.
    const scoped = (await get('/service-delivery/meetings/cadence?from=2026-11-30&to=2026-12-20', smMember)).json();
    expect(scoped.weekly.map((w: { held: boolean }) => w.held)).toEqual([false, false, true]);
    expect((await get('/service-delivery/meetings/cadence?from=2026-12-20&to=2026-11-30', agent)).statusCode).toBe(400);
    expect((await get('/service-delivery/meetings/cadence?from=2026-11-30', agent)).statusCode).toBe(400);
  });
});
