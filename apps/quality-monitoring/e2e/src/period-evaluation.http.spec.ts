import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, createJsonSchemaValidator, eventually } from '@serviceledger/platform/testing';
import { QUALITY_PERIOD_TOPIC, findQualityPeriodContract } from '@serviceledger/quality-monitoring/contracts';
import {
  CASE_ACCEPTANCE_PASSED_V1,
  CASE_ACCEPTANCE_REJECTED_V1,
  CASE_FOLLOW_UP_VISIT_COMPLETED_V1,
  CASE_OPENED_V1,
} from '@serviceledger/service-delivery/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { QualityE2e, serviceDeliveryPublisher, startQualityE2e } from './quality-e2e';
import type { Scorecard as Card } from '@serviceledger/quality-monitoring/domain';

/**
 * Issue 6, period evaluation (Q-2.2) through HTTP: intake and quality monitoring in one app, service
 * delivery's contract events published on the bus as service-delivery would, on a faked clock from
 * Monday 2 November 2026, 09:00 in Shanghai (01:00Z). The seeded office calendar works 09:00–12:00 and
 * 13:30–18:00; the P3 demands' (complaints included) targets are own 60, first response 240, resolution 1800
 * business minutes. The official scheme `standard` is seeded as version 1; the test revises it twice.
 */
describe('quality monitoring over HTTP: a month evaluated, closed, adjusted and re-scored', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let e2e: QualityE2e;
  let hr: RequestHeaders;
  let deliver: ReturnType<typeof serviceDeliveryPublisher>;

  const post = (url: string, payload: object = {}, headers = e2e.agent) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const put = (url: string, payload: object) => e2e.t.app.inject({ method: 'PUT', url, payload, headers: e2e.monitor });
  const get = (url: string, headers = e2e.monitor) => e2e.t.app.inject({ method: 'GET', url, headers });
  const cards = async (url: string): Promise<Record<string, Card>> => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    return Object.fromEntries((response.json().scorecards as Card[]).map((c) => [c.departmentId, c]));
  };

  beforeAll(async () => {
    e2e = await startQualityE2e(clock, QUALITY_PERIOD_TOPIC);
    hr = await e2e.t.headersFor({ userId: 'hr-sun', roles: ['hr'], departments: [] });
    deliver = serviceDeliveryPublisher(e2e.t, clock);
  });
  afterAll(() => e2e.t.close());

  const demand = (businessCategory: string, subject: string) => phoneEnquiry(e2e.customerId, { businessCategory, subject });
  const complaint = (businessCategory: string, subject: string, promisedHandlingHours: number) => ({
    ...demand(businessCategory, subject),
    kind: 'complaint',
    promisedHandlingHours,
    promisedResult: '修復報表導出並說明原因',
  });

  it('scores November per department, ranks, closes it for HR, adjusts it, and re-scores it under a second scheme version', async () => {
    // The seeded scheme is version 1 (its weights: fresh-install.http.spec.ts). v2 revises it: satisfaction ×2 (a third of the
    // weight, above the G-1 floor), response compliance ×2, resolution rate ×1, average FRT ×1 (0 at 240 minutes); a repeat is
    // no revision.
    const seeded = (await get('/quality-monitoring/scoring-schemes/standard')).json();
    expect(seeded.versions).toEqual([expect.objectContaining({ version: 1, definedBy: 'system:seed' })]);
    const v2 = { name: 'Standard', weights: { satisfaction: 2, responseCompliance: 2, resolutionRate: 1, frtAverage: 1 }, referenceMinutes: { frtAverage: 240 } };
    expect((await put('/quality-monitoring/scoring-schemes/standard', v2)).json()).toMatchObject({ id: 'standard', version: 2 });
    expect((await put('/quality-monitoring/scoring-schemes/standard', v2)).json()).toMatchObject({ version: 2 });
    expect((await put('/quality-monitoring/scoring-schemes/standard', { ...v2, weights: { speed: 1 } })).json()).toMatchObject({ status: 409, code: 'unknown-indicator' });

    // 09:00 Monday 2 November: A and C for tech-support, B for software-development.
    const a = (await post('/intake/demands', demand('technical-support', '打印機無法連線'))).json().id as string;
    const b = (await post('/intake/demands', demand('software-development', '報表導出錯誤'))).json().id as string;
    const c = (await post('/intake/demands', demand('technical-support', '網絡時斷時續'))).json().id as string;
    for (const id of [a, b, c]) {
      expect((await post(`/intake/demands/${id}/triage`)).statusCode).toBe(200);
      expect((await post(`/intake/demands/${id}/assignment`)).statusCode).toBe(200);
    }
    // 09:20 B answered (20 minutes), 09:30 C answered (30), 10:00 B waits on the customer.
    clock.set('2026-11-02T01:20:00Z');
    expect((await post(`/intake/demands/${b}/replies`, { channel: 'phone', body: '已收到。' })).statusCode).toBe(201);
    clock.set('2026-11-02T01:30:00Z');
    expect((await post(`/intake/demands/${c}/replies`, { channel: 'phone', body: '已收到。' })).statusCode).toBe(201);
    clock.set('2026-11-02T02:00:00Z');
    expect((await post(`/intake/demands/${b}/waiting-on-customer`, { text: '請提供報表樣本' })).statusCode).toBe(200);
    // 14:31 A's first response has breached (240 minutes at 14:30); 14:40 A answered: 250 minutes.
    clock.set('2026-11-02T06:31:00Z');
    await eventually(async () => {
      expect((await get('/quality-monitoring/breaches?period=2026-11')).json()).toMatchObject({ total: 1, byDepartment: [{ departmentId: 'tech-support' }] });
    });
    clock.set('2026-11-02T06:40:00Z');
    expect((await post(`/intake/demands/${a}/replies`, { channel: 'phone', body: '工程師明天上門。' })).statusCode).toBe(201);
    // 15:00 B resumes (paused 10:00–15:00); 16:00 B resolved: 60 + 60 = 120 minutes. 16:30 C resolved: 180 + 180 = 360.
    clock.set('2026-11-02T07:00:00Z');
    expect((await post(`/intake/demands/${b}/resumption`)).statusCode).toBe(200);
    clock.set('2026-11-02T08:00:00Z');
    expect((await post(`/intake/demands/${b}/resolution`, { text: '已修復' })).statusCode).toBe(200);
    clock.set('2026-11-02T08:30:00Z');
    expect((await post(`/intake/demands/${c}/resolution`, { text: '已更換路由器' })).statusCode).toBe(200);

    // 17:00 a spot check of tech-support: 8 of 10 = 80.
    clock.set('2026-11-02T09:00:00Z');
    expect((await put('/quality-monitoring/checklists/period-check', { name: '抽查', items: [{ itemId: 'handling', text: '處理規範', weight: 1, maxScore: 10 }] })).statusCode).toBe(200);
    const spot = await post(
      '/quality-monitoring/checks',
      { kind: 'spot-check', caseId: a, departmentId: 'tech-support', checklistId: 'period-check', scores: [{ itemId: 'handling', score: 8 }] },
      e2e.monitor,
    );
    expect(spot.json().score).toBe(80);

    // 09:00 Tuesday 3 November: complaints D (promised 24 hours) and E (promised 1 hour) for software-development.
    // 09:40 D's result told (its first response: 40 minutes), 10:00 D resolved (60), well within its promise and with the
    // result promised; 10:00 E's result told (60), 10:30 E resolved (90), half an hour past its promise (due 10:00), and
    // without the result promised.
    clock.set('2026-11-03T01:00:00Z');
    const d = (await post('/intake/demands', complaint('software-development', '報表導出一再延誤', 24))).json().id as string;
    const e = (await post('/intake/demands', complaint('software-development', '修復承諾未兌現', 1))).json().id as string;
    for (const id of [d, e]) {
      expect((await post(`/intake/demands/${id}/triage`)).statusCode).toBe(200);
      expect((await post(`/intake/demands/${id}/assignment`)).statusCode).toBe(200);
    }
    clock.set('2026-11-03T01:40:00Z');
    expect((await post(`/intake/demands/${d}/complaint-result`, { channel: 'phone', result: '已修復並致歉' })).statusCode).toBe(200);
    clock.set('2026-11-03T02:00:00Z');
    expect((await post(`/intake/demands/${d}/resolution`, { text: '客戶接受', promisedResultDelivered: true })).statusCode).toBe(200);
    expect((await post(`/intake/demands/${e}/complaint-result`, { channel: 'phone', result: '已修復並致歉' })).statusCode).toBe(200);
    clock.set('2026-11-03T02:30:00Z');
    const late = await post(`/intake/demands/${e}/resolution`, { text: '客戶接受', promisedResultDelivered: false, promisedResultNote: '只能提供臨時方案' });
    expect((await get(`/intake/demands/${e}?after=${late.json().checkpoint}`, e2e.agent)).json()).toMatchObject({ complaintWithinPromise: false });

    // Service delivery of C: acceptance rejected in round 1, passed in round 2, a follow-up visit scoring 4 and 9.
    clock.set('2026-11-10T02:00:00Z');
    await deliver(CASE_OPENED_V1, {
      caseId: 'case-c',
      demandId: c,
      reference: 'SR-2026-000001',
      customerId: e2e.customerId,
      responsibleDepartmentId: 'tech-support',
      departments: ['tech-support'],
      complexity: 'routine',
      planDueAt: '2026-11-12T02:00:00.000Z',
    });
    clock.set('2026-11-16T02:00:00Z');
    await deliver(CASE_ACCEPTANCE_REJECTED_V1, { caseId: 'case-c', round: 1, criteriaCount: 3, criteriaMet: 2, rectificationItemCount: 1, rejectedAt: clock.now().toISOString() });
    clock.set('2026-11-18T02:00:00Z');
    await deliver(CASE_ACCEPTANCE_PASSED_V1, { caseId: 'case-c', round: 2, criteriaCount: 3, criteriaMet: 3, conditionCount: 0, acceptedAt: clock.now().toISOString(), followUpVisitsDueAt: ['2026-11-25T02:00:00.000Z'] });
    clock.set('2026-11-25T02:00:00Z');
    await deliver(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, {
      caseId: 'case-c',
      visitId: 'visit-1',
      visitNumber: 1,
      channel: 'phone',
      satisfaction: 4,
      recommendation: 9,
      findingStages: [],
      dueAt: '2026-11-25T02:00:00.000Z',
      visitedAt: clock.now().toISOString(),
    });

    // The live scorecards, every figure counted by hand.
    // tech-support: FRT A 250 breached, C 30 met → compliance 1 ÷ 2, average 140, p90 (2nd of 2) 250; TTR C 360 (A still runs);
    // received A C, resolved C → 0.5, on time 0.5; acceptance rounds 1 rejected of 2; one visit 4 / 9 → CSAT 4, 100 % satisfied, NPS 100;
    // no complaint → 0 ÷ 2, none resolved → promised-time compliance null; spot check 80; no record review → record accuracy
    // null; C's first acceptance round rejected → first time right 0 ÷ 1.
    // Score under v2: (2 × 4/5 + 2 × 0.5 + 0.5 + (1 − 140/240)) ÷ 6 = 58.6111.
    // software-development: FRT B 20, D 40, E 60, all met → 1, average 40, p90 (3rd of 3) 60; TTR B 120, D 60, E 90 → average 90,
    // p90 (3rd of 3) 120; received B D E (a complaint is a demand), all resolved → 1, on time (1800 minutes) → 1; complaints D E
    // of 3 demands → 2 ÷ 3 = 0.6667; complaints resolved D within and E past its promise → 1 ÷ 2; D's promised result delivered,
    // E's not → 1 ÷ 2. No visit: score (2 + 1 + (1 − 40/240)) ÷ 4 = 95.8333.
    const tech = {
      satisfaction: 4,
      satisfiedShare: 1,
      nps: 100,
      responseCompliance: 0.5,
      resolutionRate: 0.5,
      resolutionRateByDueDate: 0.5,
      frtAverage: 140,
      frtP90: 250,
      ttrAverage: 360,
      ttrP90: 360,
      rectificationRate: 0.5,
      complaintRate: 0,
      promisedTimeCompliance: null,
      promisedResultCompliance: null,
      spotCheckScore: 80,
      recordAccuracy: null,
      firstTimeRight: 0,
    };
    const dev = {
      satisfaction: null,
      satisfiedShare: null,
      nps: null,
      responseCompliance: 1,
      resolutionRate: 1,
      resolutionRateByDueDate: 1,
      frtAverage: 40,
      frtP90: 60,
      ttrAverage: 90,
      ttrP90: 120,
      rectificationRate: null,
      complaintRate: 0.6667,
      promisedTimeCompliance: 0.5,
      promisedResultCompliance: 0.5,
      spotCheckScore: null,
      recordAccuracy: null,
      firstTimeRight: null,
    };
    await eventually(async () => {
      const live = await cards('/quality-monitoring/periods/2026-11/scorecards');
      expect(live['tech-support']).toEqual({
        departmentId: 'tech-support',
        indicators: tech,
        counts: expect.objectContaining({ firstResponsesMet: 1, firstResponsesBreached: 1, demandsReceived: 2, demandsResolved: 1, acceptancesSubmitted: 2, complaints: 0, spotChecks: 1 }),
        score: 58.6111,
        rank: 2,
      });
      expect(live['software-development']).toMatchObject({
        indicators: dev,
        counts: {
          firstResponsesMet: 3,
          demandsReceived: 3,
          demandsResolved: 3,
          complaints: 2,
          complaintsResolved: 2,
          complaintsWithinPromise: 1,
          complaintsResultKnown: 2,
          complaintsResultDelivered: 1,
        },
        score: 95.8333,
        rank: 1,
      });
    });
    const live = (await get('/quality-monitoring/periods/2026-11/scorecards')).json();
    expect(live).toMatchObject({ view: 'live', closed: false, scheme: { schemeId: 'standard', version: 2 } });
    expect(live.ranking).toEqual([
      { rank: 1, departmentId: 'software-development', score: 95.8333 },
      { rank: 2, departmentId: 'tech-support', score: 58.6111 },
    ]);

    // Per person, for appraisal: A's owner answered late.
    const ownerOfA = (await get(`/intake/demands/${a}`, e2e.agent)).json().ownerId as string;
    const persons = (await get('/quality-monitoring/periods/2026-11/persons', hr)).json();
    expect(persons.live).toBe(true);
    expect(persons.persons.find((p: { personId: string }) => p.personId === ownerOfA).counts.firstResponsesBreached).toBe(1);

    // November cannot close before it ends; on 1 December it closes under the latest version, v2, once.
    expect((await post('/quality-monitoring/periods/2026-11/closing', { schemeId: 'standard' }, e2e.monitor)).json()).toMatchObject({ status: 409, code: 'period-not-ended' });
    clock.set('2026-12-01T01:00:00Z');
    const closed = await post('/quality-monitoring/periods/2026-11/closing', { schemeId: 'standard' }, e2e.monitor);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ id: '2026-11', scheme: { schemeId: 'standard', version: 2 } });
    expect((await post('/quality-monitoring/periods/2026-11/closing', {}, e2e.monitor)).json()).toMatchObject({ status: 409, code: 'period-closed' });
    expect((await post('/quality-monitoring/periods/2026-11/closing', {}, hr)).statusCode).toBe(403);

    // HR receives every frozen figure, valid against period.closed's schema.
    await eventually(async () => expect(e2e.published.map((m) => m.type)).toEqual(['serviceledger.quality-monitoring.period.closed.v1']));
    const ajv = createJsonSchemaValidator();
    expect(ajv.validate(findQualityPeriodContract(e2e.published[0].type)!.schema, e2e.published[0].data)).toBe(true);
    expect(e2e.published[0]).toMatchObject({ key: '2026-11', data: { period: '2026-11', scheme: { schemeId: 'standard', version: 2 }, closedBy: 'qm-zhao' } });
    expect((e2e.published[0].data as { scorecards: Card[] }).scorecards.map((s) => [s.departmentId, s.score, s.rank])).toEqual([
      ['software-development', 95.8333, 1],
      ['tech-support', 58.6111, 2],
    ]);

    // A third version of the scheme weighs quality: compliance, spot checks, CSAT, NPS and rectification, 1 each.
    // tech-support: (0.5 + 0.8 + 4/5 + (100 + 100)/200 + (1 − 0.5)) ÷ 5 = 72; software-development: only compliance has a value: 100.
    const v3 = { name: 'Standard', weights: { responseCompliance: 1, spotCheckScore: 1, satisfaction: 1, nps: 1, rectificationRate: 1 } };
    expect((await put('/quality-monitoring/scoring-schemes/standard', v3)).json()).toMatchObject({ version: 3 });
    const recomputed = (await get('/quality-monitoring/periods/2026-11/recomputation?scheme=standard&version=3')).json();
    expect(recomputed.recomputed).toMatchObject({ view: 'live', scheme: { schemeId: 'standard', version: 3 } });
    expect(recomputed.differences).toEqual([
      { departmentId: 'software-development', officialScore: 95.8333, recomputedScore: 100, officialRank: 1, recomputedRank: 1 },
      { departmentId: 'tech-support', officialScore: 58.6111, recomputedScore: 72, officialRank: 2, recomputedRank: 2 },
    ]);
    // The seeded v1 (CSAT ×6, NPS ×3; compliance, resolution rate ×2; complaint rate, promised time, promised result,
    // rectification, spot checks ×1) counts the complaints. software-development: (2 × 1 + 2 × 1 + (1 − 0.6667) + 0.5 + 0.5) ÷ 7
    // = 76.19, nothing else having a value; tech-support: (6 × 4/5 + 3 × 1 + 2 × 0.5 + 2 × 0.5 + (1 − 0) + (1 − 0.5) + 0.8) ÷ 16
    // = 75.625, promised time and result having none.
    const underSeed = (await get('/quality-monitoring/periods/2026-11/recomputation?scheme=standard&version=1')).json();
    expect(underSeed.differences).toEqual([
      { departmentId: 'software-development', officialScore: 95.8333, recomputedScore: 76.19, officialRank: 1, recomputedRank: 1 },
      { departmentId: 'tech-support', officialScore: 58.6111, recomputedScore: 75.625, officialRank: 2, recomputedRank: 2 },
    ]);
    // The indicators are the same; only the scheme differs. The closed period is untouched.
    expect(recomputed.recomputed.scorecards.find((s: Card) => s.departmentId === 'tech-support').indicators).toEqual(tech);
    const asClosed = await cards('/quality-monitoring/periods/2026-11/scorecards?view=closed');
    expect(asClosed['tech-support']).toMatchObject({ indicators: tech, score: 58.6111, rank: 2 });
    expect(asClosed['software-development']).toMatchObject({ indicators: dev, score: 95.8333, rank: 1 });

    // A correction: A was in fact resolved by phone on 2 November. Resolution rate 0.5 → 1, re-scored under v2:
    // (2 × 4/5 + 2 × 0.5 + 1 + (1 − 140/240)) ÷ 6 = 66.9444.
    expect((await post('/quality-monitoring/periods/2026-11/adjustments', { departmentId: 'tech-support', indicators: { resolutionRate: 1 }, reason: '' }, e2e.monitor)).statusCode).toBe(400);
    const adjusted = await post(
      '/quality-monitoring/periods/2026-11/adjustments',
      { departmentId: 'tech-support', indicators: { resolutionRate: 1 }, reason: 'A 已電話解決，系統登記遲了' },
      e2e.monitor,
    );
    expect(adjusted.json()).toMatchObject({ id: '2026-11', adjustments: 1 });
    const withAdjustments = (await get('/quality-monitoring/periods/2026-11/scorecards')).json();
    expect(withAdjustments).toMatchObject({ view: 'adjusted', closed: true });
    expect(withAdjustments.ranking).toEqual([
      { rank: 1, departmentId: 'software-development', score: 95.8333 },
      { rank: 2, departmentId: 'tech-support', score: 66.9444 },
    ]);
    expect((await cards('/quality-monitoring/periods/2026-11/scorecards?view=closed'))['tech-support'].score).toBe(58.6111);
    await eventually(async () => {
      expect(e2e.published.map((m) => m.type)).toEqual(['serviceledger.quality-monitoring.period.closed.v1', 'serviceledger.quality-monitoring.period.scorecard-adjusted.v1']);
    });
    expect(e2e.published[1].data).toMatchObject({ departmentId: 'tech-support', indicatorsBefore: { resolutionRate: 0.5 }, indicatorsAfter: { resolutionRate: 1 }, scoreBefore: 58.6111, scoreAfter: 66.9444 });
    expect(ajv.validate(findQualityPeriodContract(e2e.published[1].type)!.schema, e2e.published[1].data)).toBe(true);

    // The live view still computes from the facts, and the persons' figures are now the frozen ones.
    expect((await cards('/quality-monitoring/periods/2026-11/scorecards?view=live'))['tech-support']).toMatchObject({ indicators: tech, score: 72 });
    expect((await get('/quality-monitoring/periods/2026-11/persons', hr)).json().live).toBe(false);

    // Every scorecard as CSV: as closed and with adjustments, customer satisfaction first (G-1).
    const csv = await get(`/quality-monitoring/scorecards.csv?after=${adjusted.json().checkpoint}`, hr);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'period,view,schemeId,schemeVersion,departmentId,rank,score,satisfaction,satisfiedShare,nps,responseCompliance,resolutionRate,resolutionRateByDueDate,frtAverage,frtP90,ttrAverage,ttrP90,rectificationRate,complaintRate,promisedTimeCompliance,promisedResultCompliance,spotCheckScore,recordAccuracy,firstTimeRight',
    );
    expect(lines.slice(1)).toEqual([
      '2026-11,closed,standard,2,software-development,1,95.8333,,,,1,1,1,40,60,90,120,,0.6667,0.5,0.5,,,',
      '2026-11,closed,standard,2,tech-support,2,58.6111,4,1,100,0.5,0.5,0.5,140,250,360,360,0.5,0,,,80,,0',
      '2026-11,adjusted,standard,2,software-development,1,95.8333,,,,1,1,1,40,60,90,120,,0.6667,0.5,0.5,,,',
      '2026-11,adjusted,standard,2,tech-support,2,66.9444,4,1,100,0.5,1,0.5,140,250,360,360,0.5,0,,,80,,0',
    ]);

    // Periods are months or quarters (anything else is a malformed path parameter); the quarter counts November's facts as well.
    expect((await get('/quality-monitoring/periods/2026-13/scorecards')).json()).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'period' })] });
    const quarter = await cards('/quality-monitoring/periods/2026-Q4/scorecards?scheme=standard&version=2');
    expect(quarter['tech-support']).toMatchObject({ indicators: tech, score: 58.6111 });
  });
});
