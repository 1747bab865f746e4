import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, createJsonSchemaValidator, eventually } from '@serviceledger/platform/testing';
import { PeriodClosedV1, QUALITY_PERIOD_TOPIC, findQualityPeriodContract } from '@serviceledger/quality-monitoring/contracts';
import { CASE_ACCEPTANCE_PASSED_V1, CASE_ACCEPTANCE_REJECTED_V1, CASE_OPENED_V1 } from '@serviceledger/service-delivery/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import type { Scorecard as Card } from '@serviceledger/quality-monitoring/domain';
import { QualityE2e, serviceDeliveryPublisher, startQualityE2e } from './quality-e2e';

/**
 * G-1 一(三)2 專業高效 "確保服務的及時性和準確性" as quality monitoring measures accuracy, over HTTP: the month's
 * scorecards count, beside the timeliness indicators, record accuracy (record reviews found compliant ÷ record
 * reviews: the demands recorded 詳細、準確, 二(一)2) and first time right (cases whose first acceptance round
 * passed ÷ cases whose first round was decided). Both are explained fact by fact, exported, weighed by a scheme
 * that still gives customer satisfaction its floor, recomputed, and frozen into period.closed v1 as optional
 * indicators. Intake and quality monitoring in one app on SQLite, service delivery's events published on the
 * bus as it would, on a faked clock from Monday 30 November 2026, 09:00 in Shanghai (01:00Z), when the demands the
 * reviews and cases are of are registered, assigned and answered (so that nothing of theirs counts in December), then
 * from Monday 7 December.
 */
describe('quality monitoring over HTTP: accuracy measured in the month’s scorecards (G-1)', () => {
  const clock = new ManualClock(new Date('2026-11-30T01:00:00Z'));
  let e2e: QualityE2e;
  let hr: RequestHeaders;
  let deliver: ReturnType<typeof serviceDeliveryPublisher>;

  const post = (url: string, payload: object = {}) => e2e.t.app.inject({ method: 'POST', url, payload, headers: e2e.monitor });
  const put = (url: string, payload: object) => e2e.t.app.inject({ method: 'PUT', url, payload, headers: e2e.monitor });
  const get = (url: string, headers = e2e.monitor) => e2e.t.app.inject({ method: 'GET', url, headers });
  const cards = async (url: string): Promise<Record<string, Card>> => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    return Object.fromEntries((response.json().scorecards as Card[]).map((c) => [c.departmentId, c]));
  };

  beforeAll(async () => {
    e2e = await startQualityE2e(clock, QUALITY_PERIOD_TOPIC, { EVENT_STORE: 'sqlite' });
    hr = await e2e.t.headersFor({ userId: 'hr-sun', roles: ['hr'], departments: [] });
    deliver = serviceDeliveryPublisher(e2e.t, clock);
  });
  afterAll(() => e2e.t.close());

  /**
   * A demand registered, assigned to the department its category names and answered at once (its first response met in
   * November): a check names a demand quality monitoring knows and a department answering for it.
   */
  const assignedDemand = async (businessCategory: string, subject: string, departmentId: string): Promise<string> => {
    const asAgent = (url: string, payload: object = {}) => e2e.t.app.inject({ method: 'POST', url, payload, headers: e2e.agent });
    const registered = await asAgent('/intake/demands', phoneEnquiry(e2e.customerId, { businessCategory, subject }));
    expect(registered.statusCode).toBe(201);
    const id = registered.json().id as string;
    expect((await asAgent(`/intake/demands/${id}/triage`)).statusCode).toBe(200);
    expect((await asAgent(`/intake/demands/${id}/assignment`)).statusCode).toBe(200);
    expect((await asAgent(`/intake/demands/${id}/replies`, { channel: 'phone', body: '已收到，正在處理。' })).statusCode).toBe(201);
    await eventually(async () => {
      const clocks = (await get(`/quality-monitoring/clocks?demand=${id}&metric=first-response`)).json();
      expect(clocks.items).toEqual([expect.objectContaining({ status: 'stopped', outcome: 'met', departmentId })]);
    });
    return id;
  };

  const review = async (caseId: string, departmentId: string, personId: string | null, compliant: boolean): Promise<string> => {
    const recorded = await post('/quality-monitoring/checks', {
      kind: 'record-review',
      caseId,
      departmentId,
      ...(personId ? { personId } : {}),
      compliant,
      ...(compliant ? {} : { notes: '聯繫人電話與需求描述未記錄' }),
    });
    expect(recorded.statusCode).toBe(201);
    return recorded.json().checkpoint as string;
  };

  const opened = (caseId: string, departmentId: string, demandId: string, number: number) =>
    deliver(CASE_OPENED_V1, {
      caseId,
      demandId,
      reference: `SR-2026-00000${number}`,
      customerId: e2e.customerId,
      responsibleDepartmentId: departmentId,
      departments: [departmentId],
      complexity: 'routine',
      planDueAt: '2026-12-09T02:00:00.000Z',
    });
  const rejected = (caseId: string, round: number) =>
    deliver(CASE_ACCEPTANCE_REJECTED_V1, { caseId, round, criteriaCount: 3, criteriaMet: 2, rectificationItemCount: 1, rejectedAt: clock.now().toISOString() });
  const passed = (caseId: string, round: number) =>
    deliver(CASE_ACCEPTANCE_PASSED_V1, { caseId, round, criteriaCount: 3, criteriaMet: 3, conditionCount: 0, acceptedAt: clock.now().toISOString(), followUpVisitsDueAt: [] });

  it('scores December’s record accuracy and first-time-right per department and person, explains, exports, weighs, recomputes and publishes them', async () => {
    // Monday 30 November: the demands A, B and C of tech-support and D of software-development, answered at once.
    const demandA = await assignedDemand('technical-support', '打印機無法連線', 'tech-support');
    const demandB = await assignedDemand('technical-support', '郵件無法收發', 'tech-support');
    const demandC = await assignedDemand('technical-support', '網絡時斷時續', 'tech-support');
    const demandD = await assignedDemand('software-development', '報表導出錯誤', 'software-development');
    clock.set('2026-12-07T01:00:00Z');

    // 09:00–12:00 Monday: four record reviews of tech-support — Li's compliant and not, Wang's compliant, one naming nobody
    // compliant — and one of software-development, not compliant.
    await review(demandA, 'tech-support', 'ts-li', true);
    clock.set('2026-12-07T02:00:00Z');
    await review(demandB, 'tech-support', 'ts-li', false);
    clock.set('2026-12-07T03:00:00Z');
    await review(demandC, 'tech-support', 'ts-wang', true);
    await review(demandC, 'tech-support', null, true);
    const last = await review(demandD, 'software-development', 'sd-chen', false);

    // Service delivery: tech-support's A and C pass their first acceptance round; B is rejected at round 1 and passes round 2.
    await opened('case-a', 'tech-support', demandA, 1);
    await opened('case-b', 'tech-support', demandB, 2);
    await opened('case-c', 'tech-support', demandC, 3);
    clock.set('2026-12-09T02:00:00Z');
    await passed('case-a', 1);
    await rejected('case-b', 1);
    clock.set('2026-12-11T02:00:00Z');
    await passed('case-b', 2);
    await passed('case-c', 1);

    // tech-support: record accuracy 3 ÷ 4 = 0.75; first time right A C of A B C = 2 ÷ 3 = 0.6667 (B's second round is not a
    // first); rectification rate 1 rejected of 4 rounds = 0.25. software-development: 0 ÷ 1 = 0, no acceptance → null.
    await eventually(async () => {
      const live = await cards(`/quality-monitoring/periods/2026-12/scorecards?after=${last}`);
      expect(live['tech-support']).toMatchObject({
        indicators: { recordAccuracy: 0.75, firstTimeRight: 0.6667, rectificationRate: 0.25 },
        counts: { recordReviews: 4, recordReviewsCompliant: 3, firstAcceptanceRounds: 3, firstAcceptanceRoundsPassed: 2, acceptancesSubmitted: 4 },
      });
      expect(live['software-development']).toMatchObject({
        indicators: { recordAccuracy: 0, firstTimeRight: null },
        counts: { recordReviews: 1, recordReviewsCompliant: 0, firstAcceptanceRounds: 0 },
      });
    });
    // Listed after the indicators they were added beside, customer satisfaction still first.
    const [first] = (await get('/quality-monitoring/periods/2026-12/scorecards')).json().scorecards as Card[];
    expect(Object.keys(first.indicators).slice(0, 1)).toEqual(['satisfaction']);
    expect(Object.keys(first.indicators).slice(-3)).toEqual(['spotCheckScore', 'recordAccuracy', 'firstTimeRight']);

    // Per person, for appraisal: Li 1 ÷ 2, Wang 1 ÷ 1; the review naming nobody counts for the department only. The
    // demands' owners, sd-lead and ts-lead, are listed as their demands name them, with no record review naming them.
    const persons = (await get('/quality-monitoring/periods/2026-12/persons', hr)).json().persons as Array<{ personId: string; indicators: Card['indicators'] }>;
    expect(persons.map((p) => [p.personId, p.indicators.recordAccuracy])).toEqual([
      ['sd-chen', 0],
      ['sd-lead', null],
      ['ts-lead', null],
      ['ts-li', 0.5],
      ['ts-wang', 1],
    ]);

    // The explanation names every record review and acceptance round behind the figures.
    const explanation = (await get('/quality-monitoring/periods/2026-12/departments/tech-support/explanation')).json();
    expect(explanation.indicators).toMatchObject({ recordAccuracy: 0.75, firstTimeRight: 0.6667 });
    expect(explanation.facts.recordReviews.map((r: { personId: string | null; compliant: boolean }) => [r.personId, r.compliant])).toEqual([
      ['ts-li', true],
      ['ts-li', false],
      ['ts-wang', true],
      [null, true],
    ]);
    expect(explanation.facts.acceptances.map((a: { caseId: string; round: number; passed: boolean }) => [a.caseId, a.round, a.passed])).toEqual(
      expect.arrayContaining([
        ['case-a', 1, true],
        ['case-b', 1, false],
        ['case-b', 2, true],
        ['case-c', 1, true],
      ]),
    );

    // The export carries both, after the spot-check score.
    const csv = (await get('/quality-monitoring/scorecards.csv?period=2026-12')).body.trim().split('\r\n');
    const columns = csv[0].split(',');
    expect(columns.slice(-3)).toEqual(['spotCheckScore', 'recordAccuracy', 'firstTimeRight']);
    const tech = csv.find((line) => line.includes(',tech-support,'))!.split(',');
    expect([tech[columns.indexOf('recordAccuracy')], tech[columns.indexOf('firstTimeRight')]]).toEqual(['0.75', '0.6667']);

    // A scheme may weigh them, as long as customer satisfaction keeps its floor (30 % by default): 1 of 5 is refused, 2 of 4 is not.
    const refused = await put('/quality-monitoring/scoring-schemes/accuracy', { name: 'Accuracy', weights: { satisfaction: 1, recordAccuracy: 2, firstTimeRight: 2 } });
    expect(refused.json()).toMatchObject({ status: 409, code: 'satisfaction-below-floor' });
    const weighs = { satisfaction: 2, recordAccuracy: 1, firstTimeRight: 1 };
    expect((await put('/quality-monitoring/scoring-schemes/accuracy', { name: 'Accuracy', weights: weighs })).json()).toMatchObject({ id: 'accuracy', version: 1 });
    // No visit, so satisfaction has no value: tech-support (0.75 + 0.6667) ÷ 2 = 70.835; software-development (0) ÷ 1 = 0.
    // The official seeded scheme weighs neither: tech-support only has its rectification rate, 1 − 0.25 → 75; software-development nothing.
    const recomputed = (await get('/quality-monitoring/periods/2026-12/recomputation?scheme=accuracy')).json();
    expect(recomputed.differences).toEqual([
      { departmentId: 'software-development', officialScore: null, recomputedScore: 0, officialRank: null, recomputedRank: 2 },
      { departmentId: 'tech-support', officialScore: 75, recomputedScore: 70.835, officialRank: 1, recomputedRank: 1 },
    ]);

    // December closes under the accuracy scheme: period.closed v1 carries both, for every department and person, valid against its schema.
    clock.set('2027-01-01T01:00:00Z');
    expect((await post('/quality-monitoring/periods/2026-12/closing', { schemeId: 'accuracy' })).statusCode).toBe(200);
    await eventually(async () => expect(e2e.published.map((m) => m.type)).toEqual(['serviceledger.quality-monitoring.period.closed.v1']));
    const message = e2e.published[0].data as unknown as PeriodClosedV1;
    expect(createJsonSchemaValidator().validate(findQualityPeriodContract(e2e.published[0].type)!.schema, message)).toBe(true);
    expect(message.scheme).toMatchObject({ schemeId: 'accuracy', version: 1, weights: weighs });
    expect(message.scorecards.map((s) => [s.departmentId, s.indicators.recordAccuracy, s.indicators.firstTimeRight, s.score, s.rank])).toEqual([
      ['tech-support', 0.75, 0.6667, 70.835, 1],
      ['software-development', 0, null, 0, 2],
    ]);
    expect(message.persons.find((p) => p.personId === 'ts-li')!.indicators).toMatchObject({ recordAccuracy: 0.5 });
    const closedCards = await cards('/quality-monitoring/periods/2026-12/scorecards?view=closed');
    expect(closedCards['tech-support'].indicators).toMatchObject({ recordAccuracy: 0.75, firstTimeRight: 0.6667 });
  });
});
