import { ManualClock } from '@serviceledger/platform/core';
import { MessageBus } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, eventually, publishedMessage, startTestApp } from '@serviceledger/platform/testing';
import { DEMAND_ASSIGNED_V2, DEMAND_REGISTERED_V2, DEMAND_REPLY_SENT_V1, DEMAND_WAITING_ON_CUSTOMER_V1, INTAKE_SOURCE } from '@serviceledger/intake/contracts';
import { QualityMonitoringModule } from '../quality-monitoring.module';
import { qualityMonitoringService } from '../quality-monitoring.service-definition';

const DEMAND = '0b7c6a3e-5f1d-4c2a-9e8b-7d6c5b4a3f21';

/**
 * What a new user found, over HTTP: quality monitoring alone, fed intake's events
 * as intake publishes them, on a faked clock from Monday 30 November 2026, 09:00 in Shanghai (01:00Z). The demand
 * is P3 (first response 240 business minutes on the seeded office calendar, 09:00–12:00 and 13:30–18:00),
 * registered by customer service and assigned to tech-support.
 */
describe('quality monitoring over HTTP: whom a check, a finding and a breach are credited to', () => {
  const clock = new ManualClock(new Date('2026-11-30T01:00:00Z'));
  let t: TestApp;
  let monitor: RequestHeaders;
  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: monitor });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: monitor });
  const publish = async (contract: Parameters<typeof publishedMessage>[0], data: object, time: string) =>
    t.app.get<MessageBus>(MESSAGE_BUS).publish([publishedMessage(contract, { source: INTAKE_SOURCE, key: DEMAND }, { demandId: DEMAND, ...data }, time)]);
  const november = async () => (await get('/quality-monitoring/periods/2026-11/scorecards')).json();

  beforeAll(async () => {
    t = await startTestApp({ services: [qualityMonitoringService], modules: [QualityMonitoringModule], env: { EVENT_STORE: 'sqlite' }, clock });
    monitor = await t.headersFor({ userId: 'qm-zhao', roles: ['quality-monitor'] });
    await publish(
      DEMAND_REGISTERED_V2,
      {
        reference: 'SR-2026-000001',
        customerId: 'c-1',
        customerTier: 'gold',
        channel: 'phone',
        kind: 'enquiry',
        businessCategory: 'technical-support',
        impact: 2,
        urgency: 2,
        priority: 'P3',
        registeredAt: '2026-11-30T01:00:00.000Z',
        registeringDepartmentId: 'customer-service',
        occurredAt: '2026-11-30T01:00:00.100Z',
      },
      '2026-11-30T01:00:00.100Z',
    );
    await publish(DEMAND_ASSIGNED_V2, { departmentId: 'tech-support', ownerId: 'ts-lead', assignedBy: 'agent-li', occurredAt: '2026-11-30T01:05:00Z' }, '2026-11-30T01:05:00Z');
    await eventually(async () => {
      const clocks = (await get(`/quality-monitoring/clocks?demand=${DEMAND}&metric=first-response`)).json();
      expect(clocks.items).toEqual([expect.objectContaining({ status: 'running', departmentId: 'tech-support' })]);
    });
  });
  afterAll(() => t.close());

  describe('a check (Q-2.1) names a case quality monitoring knows and a department answering for it', () => {
    const review = (caseId: string, departmentId: string) => post('/quality-monitoring/checks', { kind: 'record-review', caseId, departmentId, compliant: true });

    it('refuses a demand no service told it of with 404', async () => {
      const refused = await review('no-such-demand', 'marketing');
      expect(refused.statusCode).toBe(404);
      expect(refused.json().detail).toBe('Case no-such-demand was not found');
    });

    it('refuses a department the demand is not assigned to, or an invented one, with 409 naming who answers', async () => {
      for (const departmentId of ['software-development', 'marketing']) {
        const refused = await review(DEMAND, departmentId);
        expect([departmentId, refused.statusCode]).toEqual([departmentId, 409]);
        expect(refused.json()).toMatchObject({
          code: 'department-not-answerable',
          detail: `Department ${departmentId} does not answer for case ${DEMAND}: tech-support and customer-service do`,
        });
      }
    });

    it('credits the department the demand is assigned to, and keeps the ranking to the departments it knows', async () => {
      expect((await review(DEMAND, 'tech-support')).statusCode).toBe(201);
      await eventually(async () => {
        const { ranking } = await november();
        expect(ranking.map((r: { departmentId: string }) => r.departmentId)).toEqual(['tech-support']);
      });
    });
  });

  describe('a finding (Q-3.1) is fed back to a department answering for it', () => {
    const raise = (payload: object) =>
      post('/quality-monitoring/findings', { responsibleId: 'ts-lead', subject: 'Late reply', requirements: 'Reply within the target', ...payload });

    it('of its case, or of no case a department it knows; not one it does not', async () => {
      expect((await raise({ departmentId: 'software-development', caseId: DEMAND })).json()).toMatchObject({ status: 409, code: 'department-not-answerable' });
      expect((await raise({ departmentId: 'tech-support', caseId: 'no-such-demand' })).statusCode).toBe(404);
      await eventually(async () => expect((await raise({ departmentId: 'marketing' })).json()).toMatchObject({ status: 409, code: 'unknown-department' }));
      expect((await raise({ departmentId: 'tech-support', caseId: DEMAND })).statusCode).toBe(201);
      expect((await raise({ departmentId: 'tech-support' })).statusCode).toBe(201);
    });
  });

  describe('a first response breached and still running (Q-1.1)', () => {
    it('counts as breached from its breach, so a late reply does not lower the score further', async () => {
      // 14:31: the 240 business minutes ran out at 14:30; the scheduler raises the breach, and no reply was sent.
      clock.set('2026-11-30T06:31:00Z');
      await eventually(async () => {
        const tech = (await november()).scorecards.find((c: { departmentId: string }) => c.departmentId === 'tech-support');
        expect(tech.indicators.responseCompliance).toBe(0);
        expect(tech.counts).toMatchObject({ firstResponsesMet: 0, firstResponsesBreached: 1, firstResponses: 0 });
      });
      const before = (await november()).scorecards[0].score;

      // 15:00: the late reply stops the clock; the outcome was decided at the breach, so nothing moves but the FRT.
      clock.set('2026-11-30T07:00:00Z');
      await publish(DEMAND_REPLY_SENT_V1, { channel: 'phone', firstResponse: true, sentAt: '2026-11-30T07:00:00Z', sentBy: 'ts-lead', occurredAt: '2026-11-30T07:00:00.100Z' }, '2026-11-30T07:00:00.100Z');
      await eventually(async () => {
        const tech = (await november()).scorecards[0];
        expect(tech.counts).toMatchObject({ firstResponsesMet: 0, firstResponsesBreached: 1, firstResponses: 1 });
        expect(tech.indicators).toMatchObject({ responseCompliance: 0, frtAverage: 270 });
      });
      // Never answered scores no better than answered late (it scored higher before: the breach was left out).
      expect((await november()).scorecards[0].score).toBe(before);
    });
  });

  describe('deadlines as a clock shows them', () => {
    it("runs a finding's rectification clock to the deadline set, to the second", async () => {
      clock.set('2026-11-30T07:00:15.095Z');
      const raised = await post('/quality-monitoring/findings', { departmentId: 'tech-support', caseId: DEMAND, responsibleId: 'ts-lead', subject: 'Late reply', requirements: 'Reply within the target' });
      const findingId = raised.json().id as string;
      const head = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
      const measures = await t.app.inject({
        method: 'POST',
        url: `/quality-monitoring/findings/${findingId}/measures`,
        payload: { measures: 'Reply templates pinned', deadline: '2026-12-11T10:00:00Z' },
        headers: head,
      });
      expect(measures.statusCode).toBe(200);
      await eventually(async () => {
        const clocks = (await get(`/quality-monitoring/clocks?demand=${findingId}`)).json();
        expect(clocks.items).toEqual([expect.objectContaining({ metric: 'rectification-deadline', status: 'running', deadlineAt: '2026-12-11T10:00:00.000Z' })]);
      });
    });

    it('shows no deadline while a clock is paused, and the minutes it has left', async () => {
      clock.set('2026-11-30T07:30:00Z');
      await publish(DEMAND_WAITING_ON_CUSTOMER_V1, { since: '2026-11-30T07:30:00Z', occurredAt: '2026-11-30T07:30:00.100Z' }, '2026-11-30T07:30:00.100Z');
      await eventually(async () => {
        const [resolution] = (await get(`/quality-monitoring/clocks?demand=${DEMAND}&metric=resolution`)).json().items;
        // 09:00–12:00 and 13:30–15:30: 300 of the 1800 minutes used.
        expect(resolution).toMatchObject({ status: 'paused', deadlineAt: null, remainingMinutes: 1500 });
      });
    });
  });
});
