import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, eventually, startTestApp } from '@serviceledger/platform/testing';
import {
  MEETING_ACTION_OVERDUE_V1,
  MEETING_DEPARTMENTS_NOT_REPORTING_V1,
  MEETING_MISSED_V1,
  SERVICE_DELIVERY_MEETING_TOPIC,
} from '@serviceledger/service-delivery/contracts';
import { ServiceDeliveryModule } from './service-delivery.module';
import { serviceDeliveryService } from './service-delivery.service-definition';

/**
 * The weekly meeting watched over HTTP (C-1.1): the departments expected at it, a week without a meeting
 * raised once at its end, a meeting held without one expected department, and an action chased once its
 * due date passes until it is completed — each published on the meeting topic.
 */
describe('meeting cadence over HTTP', () => {
  // Wednesday 2 December 2026, 10:00 in Shanghai: ISO week 49 (30 Nov – 6 Dec).
  const clock = new ManualClock(new Date('2026-12-02T02:00:00Z'));
  const published: IntegrationMessage[] = [];
  let t: TestApp;
  let agent: RequestHeaders;
  let tsLead: RequestHeaders;
  let techChen: RequestHeaders;
  let smHead: RequestHeaders;
  let logistics: RequestHeaders;
  let meetingId: string;

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, headers: RequestHeaders, payload?: object) => t.app.inject({ method, url, headers, payload });
  const gaps = async (headers: RequestHeaders, query = 'from=2026-11-30&to=2026-12-31') => (await send('GET', `/service-delivery/meetings/cadence-gaps?${query}`, headers)).json();
  const actions = async (status: string, headers = tsLead) => (await send('GET', `/service-delivery/meetings/actions?status=${status}`, headers)).json();
  const publishedAs = (type: string) => published.filter((m) => m.type === type);

  beforeAll(async () => {
    t = await startTestApp({ services: [serviceDeliveryService], modules: [ServiceDeliveryModule], clock });
    await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'meeting-cadence-spec', topics: [SERVICE_DELIVERY_MEETING_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    tsLead = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
    techChen = await t.headersFor({ userId: 'tech-chen', roles: ['technician'], departments: ['tech-support'] });
    smHead = await t.headersFor({ userId: 'sm-head', roles: ['department-head'], departments: ['system-maintenance'] });
    logistics = await t.headersFor({ userId: 'lg-wang', roles: ['department-member'], departments: ['logistics'] });
  });
  afterAll(() => t.close());

  it('sets the departments expected at the weekly meeting, for the whole company, and refuses bad input unchanged', async () => {
    const cadence = '/service-delivery/meetings/cadence/weekly';
    expect((await send('PUT', cadence, agent, { expectedDepartments: [] })).statusCode).toBe(400);
    expect((await send('PUT', cadence, agent, { expectedDepartments: ['Tech Support'] })).statusCode).toBe(400);
    expect((await send('PUT', '/service-delivery/meetings/cadence/project', agent, { expectedDepartments: ['tech-support'] })).statusCode).toBe(400);
    expect((await send('PUT', cadence, agent, { expectedDepartments: ['tech-support', 'tech-support'] })).json()).toMatchObject({ status: 409, code: 'department-expected-twice' });
    expect((await send('PUT', cadence, tsLead, { expectedDepartments: ['tech-support'] })).json()).toMatchObject({ status: 409, code: 'cadence-of-whole-company' });
    expect((await gaps(agent)).cadences).toEqual([]);

    const set = await send('PUT', cadence, agent, { expectedDepartments: ['tech-support', 'system-maintenance'] });
    expect(set.statusCode).toBe(200);
    expect((await gaps(agent, `from=2026-11-30&to=2026-12-31&after=${set.json().checkpoint}`)).cadences).toEqual([
      { kind: 'weekly', version: 1, expectedDepartments: ['system-maintenance', 'tech-support'], setBy: 'agent-li', setAt: '2026-12-02T02:00:00.000Z' },
    ]);
  });

  it('raises a week without its meeting once, at the end of the week, and publishes it', async () => {
    clock.set('2026-12-06T15:59:00Z');
    expect((await gaps(agent)).missed).toEqual([]);
    clock.set('2026-12-06T16:00:01Z');
    const missedWeek49 = { kind: 'weekly', periodKey: '2026-W49', from: '2026-11-30', to: '2026-12-06', endedAt: '2026-12-06T16:00:00.000Z', expectedDepartments: ['system-maintenance', 'tech-support'] };
    await eventually(async () => expect((await gaps(agent)).missed).toEqual([missedWeek49]));
    expect((await gaps(smHead)).missed).toEqual([missedWeek49]);
    expect((await gaps(logistics)).missed).toEqual([]);
    await eventually(async () => expect(publishedAs(MEETING_MISSED_V1.type)).toHaveLength(1));
    expect(publishedAs(MEETING_MISSED_V1.type)[0]).toMatchObject({ key: 'weekly', data: { kind: 'weekly', periodKey: '2026-W49', cadenceVersion: 1 } });
  });

  it('lists an expected department that did not report at a meeting held, and publishes it', async () => {
    clock.set('2026-12-08T04:00:00Z');
    const recorded = await send('POST', '/service-delivery/project-meetings', tsLead, {
      kind: 'weekly',
      heldAt: '2026-12-08T10:00:00+08:00',
      attendees: ['ts-lead', 'tech-chen'],
      reports: [{ departmentId: 'tech-support', progress: 'Queue cleared', problems: 'None', solutions: 'None' }],
      decisions: [],
      actions: [{ description: 'Replace the toner', ownerId: 'tech-chen', departmentId: 'tech-support', dueAt: '2026-12-10T18:00:00+08:00' }],
    });
    expect(recorded.statusCode).toBe(201);
    meetingId = recorded.json().id;
    const notReporting = [{ kind: 'weekly', periodKey: '2026-W50', meetingId, heldAt: '2026-12-08T02:00:00.000Z', departmentId: 'system-maintenance' }];
    await eventually(async () => expect((await gaps(agent)).notReporting).toEqual(notReporting));
    expect((await gaps(smHead)).notReporting).toEqual(notReporting);
    expect((await gaps(tsLead)).notReporting).toEqual([]);
    expect((await gaps(agent, 'from=2026-12-14&to=2026-12-20')).notReporting).toEqual([]);
    await eventually(async () => expect(publishedAs(MEETING_DEPARTMENTS_NOT_REPORTING_V1.type)).toHaveLength(1));
    expect(publishedAs(MEETING_DEPARTMENTS_NOT_REPORTING_V1.type)[0]).toMatchObject({ key: 'weekly', data: { meetingId, departmentIds: ['system-maintenance'] } });
  });

  it('marks an action overdue once its due date passes, lists it until it is completed, and publishes it', async () => {
    expect((await actions('overdue')).items).toEqual([]);
    clock.set('2026-12-10T10:00:01Z');
    await eventually(async () => expect((await actions('overdue')).items).toMatchObject([{ meetingId, actionNumber: 1, ownerId: 'tech-chen', departmentId: 'tech-support', overdue: true, done: false }]));
    expect((await actions('overdue', logistics)).items).toEqual([]);
    await eventually(async () => expect(publishedAs(MEETING_ACTION_OVERDUE_V1.type)).toHaveLength(1));
    expect(publishedAs(MEETING_ACTION_OVERDUE_V1.type)[0]).toMatchObject({ key: meetingId, data: { meetingId, actionNumber: 1, ownerId: 'tech-chen', dueAt: '2026-12-10T18:00:00+08:00' } });

    const done = await send('POST', `/service-delivery/project-meetings/${meetingId}/actions/1/completion`, techChen, { outcome: 'Toner replaced' });
    expect(done.statusCode).toBe(200);
    expect((await send('GET', `/service-delivery/meetings/actions?status=overdue&after=${done.json().checkpoint}`, tsLead)).json().items).toEqual([]);
    expect((await actions('done')).items).toMatchObject([{ meetingId, actionNumber: 1, done: true, late: true, overdue: false }]);
  });

  it('closes a week held without raising it, and raises the next week missed: each week once', async () => {
    clock.set('2026-12-20T16:00:01Z');
    await eventually(async () => expect((await gaps(agent)).missed.map((m: { periodKey: string }) => m.periodKey)).toEqual(['2026-W49', '2026-W51']));
    await eventually(async () => expect(publishedAs(MEETING_MISSED_V1.type)).toHaveLength(2));
    expect(publishedAs(MEETING_MISSED_V1.type).map((m) => (m.data as { periodKey: string }).periodKey)).toEqual(['2026-W49', '2026-W51']);
    expect((await gaps(agent, 'kind=monthly&from=2026-11-30&to=2026-12-31')).missed).toEqual([]);
  });
});
