import { ManualClock } from '@serviceledger/platform/core';
import { eventually } from '@serviceledger/platform/testing';
import { QUALITY_PERIOD_TOPIC } from '@serviceledger/quality-monitoring/contracts';
import { CASE_FOLLOW_UP_VISIT_COMPLETED_V1, CASE_OPENED_V1 } from '@serviceledger/service-delivery/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { QualityE2e, serviceDeliveryPublisher, startQualityE2e } from './quality-e2e';

/**
 * Issue 17, point 4 (G-1 / Q-2.2), over HTTP: 一(三)1 客戶至上原則 "始終將客戶需求放在首位，以客戶滿意度為衡量
 * 服務質量的核心標準". Customer satisfaction (satisfaction, the share satisfied, NPS) is the core measure: a
 * scoring scheme that gives it less than the configured floor (30 % by default) of its weight is refused,
 * the seeded official scheme gives it half, and a scorecard lists it first. Intake and quality monitoring in
 * one app on SQLite, a follow-up visit published as service-delivery would; faked clock from Monday 7 December 2026,
 * 09:00 in Shanghai (01:00Z).
 */
describe('quality monitoring over HTTP: customer satisfaction is the core measure of quality (G-1)', () => {
  const clock = new ManualClock(new Date('2026-12-07T01:00:00Z'));
  let e2e: QualityE2e;

  const post = (url: string, payload: object = {}, headers = e2e.agent) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const put = (url: string, payload: object) => e2e.t.app.inject({ method: 'PUT', url, payload, headers: e2e.monitor });
  const get = (url: string) => e2e.t.app.inject({ method: 'GET', url, headers: e2e.monitor });

  beforeAll(async () => {
    e2e = await startQualityE2e(clock, QUALITY_PERIOD_TOPIC, { EVENT_STORE: 'sqlite' });
  });
  afterAll(() => e2e.t.close());

  it('refuses a scheme in which customer satisfaction weighs 10 %, naming G-1 and the floor, and defines nothing', async () => {
    const refused = await put('/quality-monitoring/scoring-schemes/timeliness-first', {
      name: '時效優先',
      weights: { satisfaction: 1, responseCompliance: 5, resolutionRate: 4 },
    });
    expect(refused.statusCode).toBe(409);
    const problem = refused.json();
    expect(problem).toMatchObject({ status: 409, code: 'satisfaction-below-floor' });
    expect(problem.detail).toContain('G-1');
    expect(problem.detail).toContain('以客戶滿意度為衡量服務質量的核心標準');
    expect(problem.detail).toContain('carries 10 %');
    expect(problem.detail).toContain('at least 30 %');
    expect((await get('/quality-monitoring/scoring-schemes/timeliness-first')).statusCode).toBe(404);

    // Nor may the official scheme be revised below the floor: it stays at its seeded version.
    const revision = await put('/quality-monitoring/scoring-schemes/standard', { name: '時效', weights: { responseCompliance: 1, resolutionRate: 1 } });
    expect(revision.json()).toMatchObject({ status: 409, code: 'satisfaction-below-floor' });
    expect((await get('/quality-monitoring/scoring-schemes/standard')).json().versions).toHaveLength(1);
  });

  it('seeds the official scheme with customer satisfaction at half its weight, which a monitor may define as well', async () => {
    const seeded = (await get('/quality-monitoring/scoring-schemes/standard')).json();
    const { weights } = seeded.versions[0] as { weights: Record<string, number> };
    // The weights themselves are pinned by the fresh-install spec, whose scores follow from them; here, G-1's share.
    const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
    const customerSatisfaction = (weights.satisfaction ?? 0) + (weights.satisfiedShare ?? 0) + (weights.nps ?? 0);
    expect(customerSatisfaction / total).toBe(0.5);
    const accepted = await put('/quality-monitoring/scoring-schemes/as-seeded', { name: '如種子', weights });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ id: 'as-seeded', version: 1 });
    // At the floor exactly (3 of 10) is enough.
    expect((await put('/quality-monitoring/scoring-schemes/at-the-floor', { name: '底線', weights: { satisfaction: 2, satisfiedShare: 1, responseCompliance: 7 } })).statusCode).toBe(200);
  });

  it('lists customer satisfaction first in every scorecard and in the CSV export', async () => {
    // 09:00 a demand for tech-support, answered at 09:30 and resolved at 10:00; its case's follow-up visit scores 5 and 10.
    const id = (await post('/intake/demands', phoneEnquiry(e2e.customerId, { businessCategory: 'technical-support', subject: '打印機無法連線' }))).json().id as string;
    expect((await post(`/intake/demands/${id}/triage`)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${id}/assignment`)).statusCode).toBe(200);
    clock.set('2026-12-07T01:30:00Z');
    expect((await post(`/intake/demands/${id}/replies`, { channel: 'phone', body: '已收到。' })).statusCode).toBe(201);
    clock.set('2026-12-07T02:00:00Z');
    expect((await post(`/intake/demands/${id}/resolution`, { text: '已修復' })).statusCode).toBe(200);
    const deliver = serviceDeliveryPublisher(e2e.t, clock);
    await deliver(CASE_OPENED_V1, {
      caseId: 'case-g1',
      demandId: id,
      reference: 'SR-2026-000001',
      customerId: e2e.customerId,
      responsibleDepartmentId: 'tech-support',
      departments: ['tech-support'],
      complexity: 'routine',
      planDueAt: '2026-12-09T02:00:00.000Z',
    });
    clock.set('2026-12-14T02:00:00Z');
    await deliver(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, {
      caseId: 'case-g1',
      visitId: 'visit-g1',
      visitNumber: 1,
      channel: 'phone',
      satisfaction: 5,
      recommendation: 10,
      findingStages: [],
      dueAt: '2026-12-14T02:00:00.000Z',
      visitedAt: clock.now().toISOString(),
    });

    await eventually(async () => {
      const [card] = (await get('/quality-monitoring/periods/2026-12/scorecards')).json().scorecards;
      expect(card).toMatchObject({ departmentId: 'tech-support', indicators: { satisfaction: 5, satisfiedShare: 1, nps: 100 } });
      expect(Object.keys(card.indicators).slice(0, 3)).toEqual(['satisfaction', 'satisfiedShare', 'nps']);
      // The live figures settle once every fact is in (the resolution's as well as the visit's).
      const csv = (await get('/quality-monitoring/scorecards.csv?period=2026-12')).body.trim().split('\r\n');
      expect(csv[0].split(',').slice(7, 10)).toEqual(['satisfaction', 'satisfiedShare', 'nps']);
      expect(csv[1].split(',').slice(0, 10)).toEqual(['2026-12', 'live', 'standard', '1', 'tech-support', '1', '100', '5', '1', '100']);
    });

    // Closed, the frozen scorecard reads the same way.
    clock.set('2027-01-01T01:00:00Z');
    expect((await post('/quality-monitoring/periods/2026-12/closing', {}, e2e.monitor)).statusCode).toBe(200);
    const [closed] = (await get('/quality-monitoring/periods/2026-12/scorecards?view=closed')).json().scorecards;
    expect(Object.keys(closed.indicators).slice(0, 3)).toEqual(['satisfaction', 'satisfiedShare', 'nps']);
  });
});
