import { randomUUID } from 'node:crypto';
import { EventStore, ManualClock, commandIdFrom } from '@serviceledger/platform/core';
import { MessageBus } from '@serviceledger/platform/messaging';
import { Commands, EVENT_STORE, MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, eventually, publishedMessage, startTestApp } from '@serviceledger/platform/testing';
import { DEMAND_RELEASED_TO_DELIVERY_V1, INTAKE_SOURCE } from '@serviceledger/intake/contracts';
import { followUpVisitStream, followUpVisits } from '@serviceledger/service-delivery/domain';
import { caseIdFor } from './configuration';
import { ServiceDeliveryModule } from './service-delivery.module';
import { serviceDeliveryService } from './service-delivery.service-definition';

/**
 * Satisfaction surveys over HTTP (P-6.1, C-2.1): the seeded default, versions defined by quality
 * monitors, and follow-up visits bound to the version current when they were recorded.
 */
describe('satisfaction surveys over HTTP', () => {
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
  let t: TestApp;
  let agent: RequestHeaders;
  let monitor: RequestHeaders;
  let caseId: string;

  const put = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'PUT', url, payload, headers });
  const post = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers: RequestHeaders) => t.app.inject({ method: 'GET', url, headers });
  const surveys = '/service-delivery/satisfaction-surveys';
  const zeroToTen = { name: '回訪滿意度 0–10', scale: { lowest: 0, highest: 10 }, asksRecommendation: false, commentBelow: 7 };

  /** A visit of the case, scheduled as the case's acceptance would schedule it. */
  async function scheduledVisit(visitNumber: number): Promise<string> {
    const visitId = `${caseId}-visit-${visitNumber}`;
    const commandId = commandIdFrom('survey-spec', visitId);
    await t.app.get(Commands).execute(followUpVisits, {
      type: 'ScheduleFollowUpVisit',
      data: { visitId, caseId, visitNumber, customerId: 'customer-1', departmentId: 'tech-support', acceptedAt: '2026-11-20T01:00:00.000Z', dueAt: '2026-11-27T01:00:00.000Z' },
      metadata: { commandId, at: clock.now().toISOString(), actor: { userId: 'system', roles: [], departments: [] }, correlationId: commandId },
    });
    return visitId;
  }
  const record = (visitId: string, answers: object) =>
    post(`/service-delivery/follow-up-visits/${visitId}/record`, { channel: 'phone', findings: [], ...answers }, agent);
  const recorded = async (visitId: string) => (await t.app.get<EventStore>(EVENT_STORE).readStream(followUpVisitStream(visitId))).find((e) => e.type === 'FollowUpVisitRecorded')?.data;

  beforeAll(async () => {
    t = await startTestApp({ services: [serviceDeliveryService], modules: [ServiceDeliveryModule], clock });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    monitor = await t.headersFor({ userId: 'qm-zhao', roles: ['quality-monitor'], departments: ['quality'] });
    const demandId = randomUUID();
    await t.app.get<MessageBus>(MESSAGE_BUS).publish([
      publishedMessage(
        DEMAND_RELEASED_TO_DELIVERY_V1,
        { source: INTAKE_SOURCE, key: demandId },
        { demandId, reference: 'SR-2026-000900', customerId: 'customer-1', departmentId: 'tech-support', ownerId: 'ts-lead', complexity: 'routine', occurredAt: clock.now().toISOString() },
        clock.now().toISOString(),
      ),
    ]);
    caseId = caseIdFor(demandId);
  });
  afterAll(() => t.close());

  it('starts with the default survey, version 1 on 1–5 as visits were scored before, read by whoever reads delivery', async () => {
    const survey = await get(`${surveys}/follow-up`, agent);
    expect(survey.statusCode).toBe(200);
    expect(survey.json()).toEqual({
      surveyId: 'follow-up',
      versions: [expect.objectContaining({ version: 1, scale: { lowest: 1, highest: 5 }, asksRecommendation: true, commentBelow: 3, definedBy: 'system:seed' })],
    });
    expect((await get(`${surveys}/exit-interview`, agent)).statusCode).toBe(404);
  });

  it('is defined and revised by quality monitors, each change a new version and a repeat none', async () => {
    expect((await put(`${surveys}/follow-up`, zeroToTen, agent)).statusCode).toBe(403);
    const bad = await put(`${surveys}/follow-up`, { ...zeroToTen, commentBelow: 0 }, monitor);
    expect(bad.statusCode).toBe(409);
    expect(bad.json().code).toBe('invalid-comment-threshold');
    expect((await put(`${surveys}/follow-up`, { ...zeroToTen, scale: { lowest: 0, highest: 100 } }, monitor)).statusCode).toBe(400);
    // A malformed survey id in the path is refused at the edge, naming it (issue 15, item 9).
    const malformed = await put(`${surveys}/Follow-Up`, zeroToTen, monitor);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toEqual([expect.objectContaining({ field: 'surveyId' })]);

    const onSite = await put(`${surveys}/on-site`, { name: '上門回訪 1–7', scale: { lowest: 1, highest: 7 }, asksRecommendation: true, commentBelow: 4 }, monitor);
    expect(onSite.statusCode).toBe(200);
    expect(onSite.json()).toMatchObject({ id: 'on-site', version: 1 });
    const again = await put(`${surveys}/on-site`, { name: '上門回訪 1–7', scale: { lowest: 1, highest: 7 }, asksRecommendation: true, commentBelow: 4 }, monitor);
    expect(again.json()).toMatchObject({ id: 'on-site', version: 1 });
    expect(again.json().checkpoint).toBeUndefined();
    expect((await get(`${surveys}/on-site`, monitor)).json().versions).toHaveLength(1);
  });

  it('binds each visit to the survey version current when it was recorded', async () => {
    // Recorded under the default survey's v1, sending no survey, as clients did before surveys.
    const first = await scheduledVisit(1);
    expect((await record(first, { satisfaction: 4, recommendation: 9 })).statusCode).toBe(200);

    const revised = await put(`${surveys}/follow-up`, zeroToTen, monitor);
    expect(revised.json()).toMatchObject({ id: 'follow-up', version: 2 });
    const versions = (await get(`${surveys}/follow-up`, agent)).json().versions;
    expect(versions.map((v: { version: number; scale: object }) => [v.version, v.scale])).toEqual([
      [1, { lowest: 1, highest: 5 }],
      [2, { lowest: 0, highest: 10 }],
    ]);

    // v2 scores 0–10, does not ask the recommendation question, and wants a comment below 7.
    const second = await scheduledVisit(2);
    expect((await record(second, { satisfaction: 8, recommendation: 9 })).json().code).toBe('recommendation-not-asked');
    expect((await record(second, { satisfaction: 6 })).json().code).toBe('low-score-needs-comment');
    const answered = await record(second, { satisfaction: 8 });
    expect(answered.statusCode).toBe(200);

    const third = await scheduledVisit(3);
    expect((await record(third, { satisfaction: 8, surveyId: 'on-site' })).json().code).toBe('invalid-satisfaction');
    expect((await record(third, { satisfaction: 5, surveyId: 'exit-interview' })).statusCode).toBe(404);
    expect((await record(third, { satisfaction: 6, recommendation: 10, surveyId: 'on-site' })).statusCode).toBe(200);

    expect(await recorded(first)).toMatchObject({ survey: { surveyId: 'follow-up', version: 1, scale: { lowest: 1, highest: 5 } }, satisfaction: 4, recommendation: 9 });
    expect(await recorded(second)).toMatchObject({ survey: { surveyId: 'follow-up', version: 2, scale: { lowest: 0, highest: 10 } }, satisfaction: 8 });
    expect(await recorded(third)).toMatchObject({ survey: { surveyId: 'on-site', version: 1, scale: { lowest: 1, highest: 7 } }, satisfaction: 6 });

    // The case's departments see each answer with the version and scale it was given on.
    await eventually(async () => {
      const visits = (await get(`/service-delivery/cases/${caseId}`, agent)).json().followUpVisits;
      expect(visits.map((v: Record<string, unknown>) => [v.surveyId, v.surveyVersion, v.scaleLowest, v.scaleHighest, v.satisfaction])).toEqual([
        ['follow-up', 1, 1, 5, 4],
        ['follow-up', 2, 0, 10, 8],
        ['on-site', 1, 1, 7, 6],
      ]);
    });
  });
});
