import { ManualClock } from '@serviceledger/platform/core';
import { eventually, pollUntil } from '@serviceledger/platform/testing';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { StandaloneE2e, startStandaloneE2e } from './testing/standalone-e2e';
import type { Scorecard as Card } from '@serviceledger/quality-monitoring/domain';

/**
 * Issue 6's end-to-end proof ("Quality-monitoring service") through the standalone app's composition:
 * intake, service-delivery and quality monitoring in one app as apps/standalone runs them, nothing faked
 * but the clock. November 2026 in Shanghai (UTC+8), from Monday 2 November, 09:00 (01:00Z). The seeded
 * calendar cn-office works 09:00–12:00 and 13:30–18:00 on weekdays (450 minutes a day); every demand is P3
 * (impact 2 × urgency 2), whose seeded policy standard-sla-p3 gives: own 60, first response 240,
 * resolution 1800 business minutes, the resolution clock paused while waiting on the customer. The month
 * is closed under the seeded official scheme `standard` v1 (satisfaction 6, NPS 3: customer satisfaction half
 * the weight, G-1; response compliance 2, resolution rate 2; complaint rate, promised time, promised result,
 * rectification rate, spot checks 1 each).
 *
 * Demands: A and C for tech-support, B for software-development. A breaches its first response, B waits
 * on the customer, C is delivered by service-delivery over HTTP.
 */
describe('a month of quality monitoring through the standalone app', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let e2e: StandaloneE2e;

  const post = (url: string, payload: object = {}, headers = e2e.agent) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const put = (url: string, payload: object) => e2e.t.app.inject({ method: 'PUT', url, payload, headers: e2e.monitor });
  const get = (url: string, headers = e2e.monitor) => e2e.t.app.inject({ method: 'GET', url, headers });
  const cards = async (url: string): Promise<Record<string, Card>> => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    return Object.fromEntries((response.json().scorecards as Card[]).map((c) => [c.departmentId, c]));
  };
  const clockOf = async (demandId: string, metric: string) => (await get(`/quality-monitoring/clocks?demand=${demandId}&metric=${metric}`)).json().items[0];

  beforeAll(async () => {
    e2e = await startStandaloneE2e(clock);
  });
  afterAll(() => e2e.t.close());

  const demand = async (businessCategory: string, subject: string): Promise<string> => {
    const registered = await post('/intake/demands', phoneEnquiry(e2e.customerId, { businessCategory, subject }));
    expect(registered.statusCode).toBe(201);
    const id = registered.json().id as string;
    expect((await post(`/intake/demands/${id}/triage`)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${id}/assignment`)).statusCode).toBe(200);
    return id;
  };

  // Every indicator of November, by hand (period-evaluation.ts; sla-and-metrics.md).
  // tech-support, A and C received:
  //   first response A 250 breached, C 90 met → compliance 1 ÷ 2 = 0.5, average (250 + 90) ÷ 2 = 170, p90 (⌈0.9 × 2⌉ = 2nd of 2) 250;
  //   resolution A 390, C 510 (resolved by its acceptance, Tuesday 10:00), both within 1800 → resolved 2 ÷ 2 = 1, on time 2 ÷ 2 = 1,
  //   average (390 + 510) ÷ 2 = 450, p90 510 (by hand at Tuesday 12:00, C's 630 made them 510 and 630);
  //   acceptance rounds: 1 rejected of 2 → rectification rate 0.5; one visit scoring 4, recommending 9 → CSAT 4, satisfied 1 ÷ 1,
  //   NPS 100 (one promoter); no complaint → 0 ÷ 2 = 0, none resolved → promised time and result null; one spot check, 80;
  //   no record review → record accuracy null; C's first acceptance round rejected → first time right 0 ÷ 1 = 0.
  // Customer satisfaction first, as a scorecard lists it (G-1).
  const tech = {
    satisfaction: 4,
    satisfiedShare: 1,
    nps: 100,
    responseCompliance: 0.5,
    resolutionRate: 1,
    resolutionRateByDueDate: 1,
    frtAverage: 170,
    frtP90: 250,
    ttrAverage: 450,
    ttrP90: 510,
    rectificationRate: 0.5,
    complaintRate: 0,
    promisedTimeCompliance: null,
    promisedResultCompliance: null,
    spotCheckScore: 80,
    recordAccuracy: null,
    firstTimeRight: 0,
  };
  // software-development, B received: first response 20 met → 1, 20, 20; resolution 120 (the wait left out) → 1, 1, 120, 120;
  // no acceptance, visit, complaint resolved, spot check or record review → null; complaint rate 0 ÷ 1 = 0.
  const dev = {
    satisfaction: null,
    satisfiedShare: null,
    nps: null,
    responseCompliance: 1,
    resolutionRate: 1,
    resolutionRateByDueDate: 1,
    frtAverage: 20,
    frtP90: 20,
    ttrAverage: 120,
    ttrP90: 120,
    rectificationRate: null,
    complaintRate: 0,
    promisedTimeCompliance: null,
    promisedResultCompliance: null,
    spotCheckScore: null,
    recordAccuracy: null,
    firstTimeRight: null,
  };
  // Under the seeded v1, score = 100 × Σ weight × normalised ÷ Σ weight over the indicators with a value:
  //   tech-support: (6 × 4/5 + 3 × (100 + 100)/200 + 2 × 0.5 + 2 × 1 + 1 × (1 − 0) + 1 × (1 − 0.5) + 1 × 80/100) ÷ (6 + 3 + 2 + 2 + 1 + 1 + 1)
  //   = 13.1 ÷ 16 = 81.875;
  //   software-development: (2 × 1 + 2 × 1 + 1 × (1 − 0)) ÷ (2 + 2 + 1) = 100.
  const officialRanking = [
    { rank: 1, departmentId: 'software-development', score: 100 },
    { rank: 2, departmentId: 'tech-support', score: 81.875 },
  ];

  it('evaluates November from real intake, delivery and checks, closes it under the seeded scheme, and recomputes it', async () => {
    // Monday 09:00: A and C for tech-support, B for software-development.
    const a = await demand('technical-support', '打印機無法連線');
    const b = await demand('software-development', '報表導出錯誤');
    const c = await demand('technical-support', '辦公室網絡改造');

    // 09:20 B answered (20 minutes); 10:00 B waits on the customer.
    clock.set('2026-11-02T01:20:00Z');
    expect((await post(`/intake/demands/${b}/replies`, { channel: 'phone', body: '已收到。' })).statusCode).toBe(201);
    clock.set('2026-11-02T02:00:00Z');
    expect((await post(`/intake/demands/${b}/waiting-on-customer`, { text: '請提供報表樣本' })).statusCode).toBe(200);

    // 10:30 C answered (90 minutes) and released to delivery; service-delivery opens its case for tech-support.
    clock.set('2026-11-02T02:30:00Z');
    expect((await post(`/intake/demands/${c}/replies`, { channel: 'phone', body: '安排項目實施。' })).statusCode).toBe(201);
    expect((await post(`/intake/demands/${c}/release-to-delivery`)).statusCode).toBe(200);
    let caseId = '';
    await eventually(async () => {
      const page = (await get(`/service-delivery/cases?customer=${e2e.customerId}`, e2e.agent)).json();
      expect(page.items).toEqual([expect.objectContaining({ demandId: c })]);
      caseId = page.items[0].caseId;
    });
    const base = `/service-delivery/cases/${caseId}`;
    expect((await get(base, e2e.tsLead)).json()).toMatchObject({ status: 'planning', responsibleDepartmentId: 'tech-support', ownerId: 'ts-lead' });

    // The plan, approved by the head; the team; delivery; a progress report; the milestone done.
    const plan = {
      goals: ['辦公室網絡穩定'],
      content: '更換交換機並重新佈線。',
      steps: [{ stepId: 's1', description: '更換交換機', milestoneId: 'm1' }],
      milestones: [{ milestoneId: 'm1', title: '網絡改造完成', dueAt: '2026-11-05T10:00:00Z' }],
      expectedResults: ['所有工位可連線'],
      acceptanceCriteria: [
        { criterionId: 'c1', text: '所有工位可連線' },
        { criterionId: 'c2', text: '網速符合合同' },
      ],
    };
    expect((await post(`${base}/plan/versions`, { plan }, e2e.tsLead)).statusCode).toBe(201);
    expect((await post(`${base}/plan/versions/1/approval`, { comments: '同意' }, e2e.tsHead)).statusCode).toBe(200);
    for (const member of [
      { memberId: 'pm-zhao', role: 'project-manager', duties: '統籌項目' },
      { memberId: 'tech-chen', role: 'technician', duties: '現場施工' },
      { memberId: 'agent-li', role: 'customer-service', duties: '驗收與回訪' },
    ]) {
      expect((await post(`${base}/team/members`, member, e2e.tsHead)).statusCode).toBe(201);
    }
    expect((await post(`${base}/delivery`, {}, e2e.tsHead)).statusCode).toBe(200);
    clock.set('2026-11-02T03:00:00Z');
    expect((await post(`${base}/progress-reports`, { progress: '交換機已更換', problems: [] }, e2e.tsLead)).statusCode).toBe(201);
    expect((await post(`${base}/steps/s1/completion`, { evidence: '施工記錄' }, e2e.tsLead)).statusCode).toBe(200);
    expect((await post(`${base}/milestones/m1/completion`, { evidence: '客戶確認' }, e2e.tsLead)).statusCode).toBe(200);

    // 11:30 acceptance round 1, against the contract's criteria, rejected by the customer in the portal: the speed
    // falls short; the item is fixed.
    clock.set('2026-11-02T03:30:00Z');
    const contractCriteria = { contractReference: 'SC-2026-1102', version: 1, criteria: plan.acceptanceCriteria };
    expect((await post(`${base}/acceptance/criteria`, contractCriteria)).statusCode).toBe(201);
    expect((await post(`${base}/acceptance`)).statusCode).toBe(200);
    const customerUser = await e2e.t.headersFor({ userId: 'wang@customer', roles: ['customer'], customerId: e2e.customerId });
    const rejected = await post(
      `${base}/acceptance/rounds/1/report`,
      {
        results: [
          { criterionId: 'c1', met: true },
          { criterionId: 'c2', met: false, note: '網速不足' },
        ],
        signatory: { name: '王小明', title: '行政經理' },
        verdict: 'rejected',
        rectificationItems: [{ description: '調整交換機設定', criterionId: 'c2' }],
      },
      customerUser,
    );
    expect(rejected.statusCode).toBe(200);
    expect((await post(`${base}/rectification-items/1.1/fix`, { note: '已調整' }, e2e.tsLead)).statusCode).toBe(200);

    // 14:31 A's first response breached at 14:30 (180 morning + 60 afternoon minutes); B's resolution clock stands still.
    clock.set('2026-11-02T06:31:00Z');
    await eventually(async () => {
      const breaches = (await get('/quality-monitoring/breaches?period=2026-11')).json();
      expect(breaches).toMatchObject({ total: 1, byDepartment: [{ departmentId: 'tech-support', breaches: 1, byMetric: { 'first-response': 1 } }] });
      expect(breaches.items).toEqual([expect.objectContaining({ caseId: a, metric: 'first-response', dueAt: '2026-11-02T06:30:00.000Z' })]);
    });
    expect(await clockOf(b, 'resolution')).toMatchObject({ status: 'paused', usedMinutes: 60 });

    // 14:40 A answered: 180 + 70 = 250 minutes. 15:00 B resumes; 16:00 B resolved: 09:00–10:00 and 15:00–16:00 = 120 used,
    // the wait 10:00–12:00 and 13:30–15:00 = 210 paused. 17:00 A resolved: 180 + 210 = 390.
    clock.set('2026-11-02T06:40:00Z');
    expect((await post(`/intake/demands/${a}/replies`, { channel: 'phone', body: '工程師明天上門。' })).statusCode).toBe(201);
    clock.set('2026-11-02T07:00:00Z');
    expect((await post(`/intake/demands/${b}/resumption`)).statusCode).toBe(200);
    clock.set('2026-11-02T08:00:00Z');
    expect((await post(`/intake/demands/${b}/resolution`, { text: '已修復' })).statusCode).toBe(200);
    clock.set('2026-11-02T09:00:00Z');
    expect((await post(`/intake/demands/${a}/resolution`, { text: '已更換網線' })).statusCode).toBe(200);
    await eventually(async () => {
      expect(await clockOf(a, 'first-response')).toMatchObject({ outcome: 'breached', usedMinutes: 250 });
      expect(await clockOf(b, 'resolution')).toMatchObject({ outcome: 'met', usedMinutes: 120, pausedMinutes: 210 });
    });

    // Tuesday 10:00 round 2 passes, on the paper report the customer signed: visits due in 7 and 30 days. C is in
    // delivery, so nobody resolves it by hand: its acceptance does (intake consumes case.acceptance-passed), dated at the
    // acceptance: 450 Monday + 60 Tuesday = 510 minutes (by hand at 12:00 it was 450 + 180 = 630).
    clock.set('2026-11-03T02:00:00Z');
    expect((await post(`${base}/acceptance`)).statusCode).toBe(200);
    const passed = await post(`${base}/acceptance/rounds/2/paper-report`, {
      results: [
        { criterionId: 'c1', met: true },
        { criterionId: 'c2', met: true },
      ],
      signatory: { name: '王小明' },
      verdict: 'accepted',
      rectificationItems: [],
      signedDocument: { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    });
    expect(passed.statusCode).toBe(200);
    const accepted = (await get(`${base}?after=${passed.json().checkpoint}`, e2e.agent)).json();
    expect(accepted.status).toBe('after-sales');
    expect(accepted.followUpVisits.map((v: { dueAt: string }) => v.dueAt)).toEqual(['2026-11-10T02:00:00.000Z', '2026-12-03T02:00:00.000Z']);
    const resolvedC = await pollUntil(() => get(`/intake/demands/${c}`, e2e.agent).then((r) => r.json()), (d) => d.status === 'resolved', 'C resolved by its acceptance');
    expect(resolvedC).toMatchObject({ resolvedAt: '2026-11-03T02:00:00.000Z' });
    await eventually(async () => expect(await clockOf(c, 'resolution')).toMatchObject({ outcome: 'met', usedMinutes: 510 }));

    // Wednesday 09:00 a spot check of tech-support: 8 of 10 = 80.
    clock.set('2026-11-04T01:00:00Z');
    const checklist = { name: '抽查', items: [{ itemId: 'handling', text: '處理規範', weight: 1, maxScore: 10 }] };
    expect((await put('/quality-monitoring/checklists/month-check', checklist)).statusCode).toBe(200);
    const spot = await post(
      '/quality-monitoring/checks',
      { kind: 'spot-check', caseId: a, departmentId: 'tech-support', checklistId: 'month-check', scores: [{ itemId: 'handling', score: 8 }] },
      e2e.monitor,
    );
    expect(spot.statusCode).toBe(201);
    expect(spot.json().score).toBe(80);

    // A finding for tech-support, rectified on the second re-check.
    const raised = await post(
      '/quality-monitoring/findings',
      { departmentId: 'tech-support', responsibleId: 'ts-head', subject: '回覆未使用標準模板', requirements: '所有回覆使用核准模板', suggestions: '把模板置頂' },
      e2e.monitor,
    );
    expect(raised.statusCode).toBe(201);
    const finding = `/quality-monitoring/findings/${raised.json().id}`;
    expect((await post(`${finding}/measures`, { measures: '全員培訓', deadline: '2026-11-06T10:00:00Z' }, e2e.tsHead)).json()).toMatchObject({ status: 'measures-submitted', round: 1 });
    clock.set('2026-11-04T02:00:00Z');
    expect((await post(`${finding}/report`, { report: '已培訓 5 人' }, e2e.tsHead)).statusCode).toBe(200);
    clock.set('2026-11-04T03:00:00Z');
    expect((await post(`${finding}/recheck`, { passed: false, notes: '抽查仍有未用模板' }, e2e.monitor)).json()).toMatchObject({ status: 'reopened', round: 2 });
    clock.set('2026-11-04T04:00:00Z');
    expect((await post(`${finding}/measures`, { measures: '每日抽查', deadline: '2026-11-09T10:00:00Z' }, e2e.tsHead)).statusCode).toBe(200);
    clock.set('2026-11-05T02:00:00Z');
    expect((await post(`${finding}/report`, { report: '連續三日抽查全部合格' }, e2e.tsHead)).statusCode).toBe(200);
    clock.set('2026-11-05T03:00:00Z');
    const rechecked = await post(`${finding}/recheck`, { passed: true, notes: '複查通過' }, e2e.monitor);
    expect(rechecked.json()).toMatchObject({ status: 'passed', round: 2 });
    expect((await get(`${finding}?after=${rechecked.json().checkpoint}`)).json()).toMatchObject({
      status: 'passed',
      rechecks: [
        { round: 1, passed: false },
        { round: 2, passed: true },
      ],
    });

    // Tuesday 10 November: the first visit falls due and is made: satisfaction 4, recommendation 9.
    clock.set('2026-11-10T02:01:00Z');
    const visits = async () => (await get(base, e2e.agent)).json().followUpVisits as Array<{ visitId: string; status: string }>;
    await eventually(async () => expect((await visits())[0].status).toBe('due'));
    const visit = (await visits())[0].visitId;
    expect((await post(`/service-delivery/follow-up-visits/${visit}/record`, { channel: 'phone', satisfaction: 4, recommendation: 9, findings: [] })).statusCode).toBe(200);

    // The live scorecards under the official scheme, as counted above.
    await eventually(async () => {
      const live = (await get('/quality-monitoring/periods/2026-11/scorecards')).json();
      expect(live).toMatchObject({ view: 'live', closed: false, scheme: { schemeId: 'standard', version: 1 } });
      expect(live.scorecards.map((s: Card) => [s.departmentId, s.indicators])).toEqual([
        ['software-development', dev],
        ['tech-support', tech],
      ]);
    });

    // 1 December: November has ended and closes under the seeded scheme. Its only breach is still A's first
    // response. C's next-update cycles: 1 answered by report 1; 2 ended when acceptance was put to the
    // customer, who then had the work; the one reports were owed again in after round 1's rejection ended
    // when round 2 was put to the customer. No report is owed after delivery.
    clock.set('2026-12-01T01:00:00Z');
    await eventually(async () => {
      expect((await get('/quality-monitoring/breaches?period=2026-11')).json()).toMatchObject({ total: 1 });
      expect(await clockOf(a, 'first-response')).toMatchObject({ outcome: 'breached' });
    });
    const cycles = (await get(`/quality-monitoring/clocks?demand=${c}&metric=next-update`)).json().items;
    expect(cycles.map((k: { clockId: string; status: string; outcome: string | null }) => [k.clockId, k.status, k.outcome])).toEqual([
      [`${c}.next-update.1`, 'stopped', 'met'],
      [`${c}.next-update.2`, 'cancelled', null],
      [`${c}.next-update.after-rejection-1`, 'cancelled', null],
    ]);
    const closed = await post('/quality-monitoring/periods/2026-11/closing', {}, e2e.monitor);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ id: '2026-11', scheme: { schemeId: 'standard', version: 1 } });
    const asClosed = (await get('/quality-monitoring/periods/2026-11/scorecards?view=closed')).json();
    expect(asClosed).toMatchObject({ view: 'closed', closed: true, scheme: { schemeId: 'standard', version: 1 } });
    expect(asClosed.ranking).toEqual(officialRanking);
    const closedCards = await cards('/quality-monitoring/periods/2026-11/scorecards?view=closed');
    expect(closedCards['tech-support']).toEqual({
      departmentId: 'tech-support',
      indicators: tech,
      counts: expect.objectContaining({ firstResponsesMet: 1, firstResponsesBreached: 1, demandsReceived: 2, demandsResolved: 2, acceptancesSubmitted: 2, acceptancesRejected: 1, visits: 1, spotChecks: 1 }),
      score: 81.875,
      rank: 2,
    });
    expect(closedCards['software-development']).toEqual({
      departmentId: 'software-development',
      indicators: dev,
      counts: expect.objectContaining({ firstResponsesMet: 1, firstResponsesBreached: 0, demandsReceived: 1, demandsResolved: 1, complaints: 0 }),
      score: 100,
      rank: 1,
    });

    // Why tech-support's response compliance is 0.5, fact by fact: A's answer breached at 250 minutes, C's met at 90.
    const explanation = (await get('/quality-monitoring/periods/2026-11/departments/tech-support/explanation')).json();
    expect(explanation).toMatchObject({ period: '2026-11', departmentId: 'tech-support', indicators: tech, asClosed: tech });
    expect(explanation.facts.firstResponses.map((f: { caseId: string; outcome: string; usedMinutes: number }) => [f.caseId, f.outcome, f.usedMinutes])).toEqual(
      expect.arrayContaining([
        [a, 'breached', 250],
        [c, 'met', 90],
      ]),
    );
    expect(explanation.facts.firstResponses).toHaveLength(2);
    expect(explanation.facts.demandsReceived.map((d: { demandId: string }) => d.demandId).sort()).toEqual([a, c].sort());
    expect((await get('/quality-monitoring/periods/2026-11/departments/no-such-department/explanation')).statusCode).toBe(404);

    // Version 2 of `standard` weighs timeliness beside satisfaction: satisfaction 2 (of 5, above the G-1 floor), response
    // compliance, average FRT (0 at 400 minutes) and average TTR (0 at 1200), 1 each.
    // tech-support: (2 × 4/5 + 0.5 + (1 − 170/400) + (1 − 450/1200)) ÷ 5 = (1.6 + 0.5 + 0.575 + 0.625) ÷ 5 = 66 (65 with C
    // resolved by hand at 12:00, its TTR average 510);
    // software-development, without a visit: (1 + (1 − 20/400) + (1 − 120/1200)) ÷ 3 = (1 + 0.95 + 0.9) ÷ 3 = 95.
    const v2 = {
      name: '時效評分',
      weights: { satisfaction: 2, responseCompliance: 1, frtAverage: 1, ttrAverage: 1 },
      referenceMinutes: { frtAverage: 400, ttrAverage: 1200 },
    };
    expect((await put('/quality-monitoring/scoring-schemes/standard', v2)).json()).toMatchObject({ id: 'standard', version: 2 });
    const underV2 = (await get('/quality-monitoring/periods/2026-11/recomputation?scheme=standard&version=2')).json();
    expect(underV2.recomputed).toMatchObject({ scheme: { schemeId: 'standard', version: 2 } });
    expect(underV2.differences).toEqual([
      { departmentId: 'software-development', officialScore: 100, recomputedScore: 95, officialRank: 1, recomputedRank: 1 },
      { departmentId: 'tech-support', officialScore: 81.875, recomputedScore: 66, officialRank: 2, recomputedRank: 2 },
    ]);
    expect((await get('/quality-monitoring/periods/2026-11/scorecards?view=closed')).json()).toEqual(asClosed);

    // The P3 policy revised: first response within 60 minutes. Replayed, C's 90-minute answer breaches as A's did; B's 20 stays met.
    // tech-support's compliance 0.5 → 0 ÷ 2 = 0, nothing else moves; under v1: 81.875 − 2 × 0.5 ÷ 16 × 100 = 75.625.
    const p3 = (await get('/quality-monitoring/policies/standard-sla-p3')).json();
    expect(p3).toMatchObject({ version: 1, targets: { 'first-response': 240 } });
    const { kind, name, match, calendarId, targets, warningThreshold, escalations, pauseOn } = p3;
    const revised = await put('/quality-monitoring/policies/standard-sla-p3', {
      ...{ kind, name, match, calendarId, warningThreshold, escalations, pauseOn },
      targets: { ...targets, 'first-response': 60 },
    });
    expect(revised.json()).toMatchObject({ id: 'standard-sla-p3', version: 2 });
    // With no scheme named, the replay is scored under the closed card's scheme (v1), so only the policy differs.
    const underPolicy = (await get('/quality-monitoring/periods/2026-11/recomputation?policies=current')).json();
    expect(underPolicy.recomputed.scheme).toMatchObject({ schemeId: 'standard', version: 1 });
    expect(underPolicy.policies).toEqual(expect.arrayContaining([{ policyId: 'standard-sla-p3', version: 2, kind: 'SLA' }]));
    expect(underPolicy.refusedSignals).toEqual([]);
    const replayed = Object.fromEntries((underPolicy.recomputed.scorecards as Card[]).map((s) => [s.departmentId, s]));
    expect(replayed['tech-support']).toEqual({
      departmentId: 'tech-support',
      indicators: { ...tech, responseCompliance: 0 },
      counts: expect.objectContaining({ firstResponsesMet: 0, firstResponsesBreached: 2 }),
      score: 75.625,
      rank: 2,
    });
    expect(replayed['software-development'].indicators).toEqual(dev);
    expect(underPolicy.differences).toEqual([
      { departmentId: 'software-development', officialScore: 100, recomputedScore: 100, officialRank: 1, recomputedRank: 1 },
      { departmentId: 'tech-support', officialScore: 81.875, recomputedScore: 75.625, officialRank: 2, recomputedRank: 2 },
    ]);
    expect((await get('/quality-monitoring/periods/2026-11/scorecards?view=closed')).json()).toEqual(asClosed);
  });
});
