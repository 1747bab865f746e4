import { EvaluationFacts, INDICATORS, countedFacts, evaluate, inPeriod, percentile90, periodHasEnded, periodOf, satisfactionOnFive, subjectsOf } from './period-evaluation';

const tech = { departmentId: 'tech-support' };
const li = { departmentId: 'tech-support', personId: 'ts-li' };
const wang = { departmentId: 'tech-support', personId: 'ts-wang' };
const dev = { departmentId: 'software-development', personId: 'sd-chen' };

/**
 * November 2026 for tech-support, every figure below counted by hand. Instants are UTC; the period is
 * read in Asia/Shanghai (UTC+8), so 2026-10-31T16:30Z is 1 November and 2026-11-30T17:00Z is 1 December.
 */
const facts: EvaluationFacts = {
  demands: [
    { ...li, demandId: 'd1', registeredAt: '2026-11-02T02:00:00Z', resolvedAt: '2026-11-03T02:00:00Z', resolvedWithinTarget: true },
    { ...li, demandId: 'd2', registeredAt: '2026-11-05T02:00:00Z', resolvedAt: '2026-11-20T02:00:00Z', resolvedWithinTarget: false },
    { ...wang, demandId: 'd3', registeredAt: '2026-11-10T02:00:00Z' },
    { ...wang, demandId: 'd4', registeredAt: '2026-10-28T02:00:00Z', resolvedAt: '2026-11-02T02:00:00Z', resolvedWithinTarget: true },
    { ...wang, demandId: 'd5', registeredAt: '2026-11-30T17:00:00Z' },
    { ...li, demandId: 'd6', registeredAt: '2026-10-31T16:30:00Z' },
    { ...dev, demandId: 'd7', registeredAt: '2026-11-02T02:00:00Z', resolvedAt: '2026-11-02T08:00:00Z', resolvedWithinTarget: true },
  ],
  clocks: [
    { ...li, caseId: 'd1', metric: 'first-response', outcome: 'met', usedMinutes: 30, stoppedAt: '2026-11-02T02:30:00Z' },
    { ...li, caseId: 'd2', metric: 'first-response', outcome: 'breached', usedMinutes: 250, stoppedAt: '2026-11-05T08:00:00Z' },
    { ...wang, caseId: 'd3', metric: 'first-response', outcome: 'met', usedMinutes: 60, stoppedAt: '2026-11-10T03:00:00Z' },
    { ...wang, caseId: 'd4', metric: 'first-response', outcome: 'met', usedMinutes: 100, stoppedAt: '2026-11-01T02:00:00Z' },
    { ...li, caseId: 'd6', metric: 'first-response', outcome: 'met', usedMinutes: 20, stoppedAt: '2026-11-02T01:20:00Z' },
    { ...wang, caseId: 'd5', metric: 'first-response', outcome: 'breached', usedMinutes: 900, stoppedAt: '2026-12-02T02:00:00Z' },
    { ...li, caseId: 'd1', metric: 'resolution', outcome: 'met', usedMinutes: 120, stoppedAt: '2026-11-03T02:00:00Z' },
    { ...li, caseId: 'd2', metric: 'resolution', outcome: 'met', usedMinutes: 600, stoppedAt: '2026-11-20T02:00:00Z' },
    { ...wang, caseId: 'd4', metric: 'resolution', outcome: 'breached', usedMinutes: 1900, stoppedAt: '2026-11-02T02:00:00Z' },
    { ...li, caseId: 'd1', metric: 'time-to-own', outcome: 'met', usedMinutes: 5, stoppedAt: '2026-11-02T02:05:00Z' },
    { ...dev, caseId: 'd7', metric: 'first-response', outcome: 'breached', usedMinutes: 300, stoppedAt: '2026-11-02T07:00:00Z' },
  ],
  acceptances: [
    { ...li, caseId: 'c1', round: 1, passed: false, at: '2026-11-12T02:00:00Z' },
    { ...li, caseId: 'c1', round: 2, passed: true, at: '2026-11-19T02:00:00Z' },
    { ...wang, caseId: 'c2', round: 1, passed: true, at: '2026-11-19T02:00:00Z' },
    { ...wang, caseId: 'c3', round: 1, passed: false, at: '2026-11-25T02:00:00Z' },
    { ...wang, caseId: 'c3', round: 2, passed: true, at: '2026-12-01T02:00:00Z' },
  ],
  visits: [
    { ...li, caseId: 'c1', satisfaction: 5, recommendation: 10, at: '2026-11-21T02:00:00Z' },
    { ...li, caseId: 'c1', satisfaction: 4, recommendation: 8, at: '2026-11-26T02:00:00Z' },
    { ...wang, caseId: 'c2', satisfaction: 3, recommendation: 6, at: '2026-11-22T02:00:00Z' },
    { ...wang, caseId: 'c2', satisfaction: 2, at: '2026-11-27T02:00:00Z' },
  ],
  complaints: [
    { ...li, demandId: 'k1', registeredAt: '2026-11-03T02:00:00Z', resolvedAt: '2026-11-03T05:00:00Z', withinPromise: true, promisedResultDelivered: true },
    { ...wang, demandId: 'k2', registeredAt: '2026-11-04T02:00:00Z', resolvedAt: '2026-11-06T05:00:00Z', withinPromise: false, promisedResultDelivered: false },
    // Resolved before closing recorded the promised result (a complaint.resolved.v1): not known either way.
    { ...wang, demandId: 'k3', registeredAt: '2026-10-29T02:00:00Z', resolvedAt: '2026-11-01T05:00:00Z', withinPromise: true },
  ],
  spotChecks: [
    { ...li, checkId: 's1', score: 72.5, at: '2026-11-09T02:00:00Z' },
    { ...wang, checkId: 's2', score: 86, at: '2026-11-16T02:00:00Z' },
    { ...dev, checkId: 's3', score: 40, at: '2026-11-16T02:00:00Z' },
  ],
  recordReviews: [
    { ...li, checkId: 'r1', compliant: true, at: '2026-11-04T02:00:00Z' },
    { ...li, checkId: 'r2', compliant: false, at: '2026-11-11T02:00:00Z' },
    { ...wang, checkId: 'r3', compliant: true, at: '2026-11-18T02:00:00Z' },
    // A review of the department's records that names nobody counts for the department only.
    { ...tech, personId: null, checkId: 'r4', compliant: true, at: '2026-11-24T02:00:00Z' },
    // 1 December in Shanghai.
    { ...wang, checkId: 'r5', compliant: false, at: '2026-11-30T17:00:00Z' },
  ],
};

describe('period evaluation (Q-2.2)', () => {
  it('reads months and quarters, in Asia/Shanghai', () => {
    expect(periodOf('2026-11')).toEqual({ key: '2026-11', kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    expect(periodOf('2028-02')).toMatchObject({ to: '2028-02-29' });
    expect(periodOf('2026-Q4')).toEqual({ key: '2026-Q4', kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('2026-Q1')).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(() => periodOf('2026-13')).toThrow(expect.objectContaining({ code: 'invalid-period' }));
    expect(inPeriod(periodOf('2026-11'), '2026-10-31T16:00:00Z')).toBe(true);
    expect(inPeriod(periodOf('2026-11'), '2026-10-31T15:59:59Z')).toBe(false);
    expect(inPeriod(periodOf('2026-11'), '2026-11-30T16:00:00Z')).toBe(false);
    expect(periodHasEnded(periodOf('2026-11'), '2026-11-30T15:59:59Z')).toBe(false);
    expect(periodHasEnded(periodOf('2026-11'), '2026-11-30T16:00:00Z')).toBe(true);
  });

  it('takes the p90 by nearest rank', () => {
    expect(percentile90([])).toBeNull();
    expect(percentile90([7])).toBe(7);
    expect(percentile90([30, 250, 60, 100, 20])).toBe(250); // ⌈4.5⌉ = 5th
    expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9); // ⌈9⌉ = 9th
    expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10); // ⌈9.9⌉ = 10th
  });

  // indicator, value, how it was counted by hand
  const department: Array<[string, number | null, string]> = [
    ['satisfaction', 3.5, '(5 + 4 + 3 + 2) ÷ 4'],
    ['satisfiedShare', 0.5, '≥ 4: 2 of 4'],
    ['nps', 0, 'asked 3: promoters 1 (10), detractors 1 (6): (1 − 1) ÷ 3'],
    ['responseCompliance', 0.8, 'FRT met d1 d3 d4 d6 = 4, breached d2 = 1 (d5 stopped in December, TTO not counted): 4 ÷ 5'],
    ['resolutionRate', 0.75, 'resolved in Nov d1 d2 d4 = 3; received d1 d2 d3 d6 = 4 (d4 in Oct, d5 on 1 Dec local)'],
    ['resolutionRateByDueDate', 0.5, 'resolved within target d1 d4 = 2 ÷ 4'],
    ['frtAverage', 92, '(30 + 250 + 60 + 100 + 20) ÷ 5'],
    ['frtP90', 250, '5th of 5 sorted'],
    ['ttrAverage', 873.3333, '(120 + 600 + 1900) ÷ 3'],
    ['ttrP90', 1900, '3rd of 3'],
    ['rectificationRate', 0.5, 'rejected c1r1 c3r1 = 2 ÷ submitted 4 (c3r2 in December)'],
    ['complaintRate', 0.5, 'complaints registered k1 k2 = 2 ÷ received 4'],
    ['promisedTimeCompliance', 0.6667, 'resolved in Nov k1 k2 k3, within promise k1 k3: 2 ÷ 3'],
    ['promisedResultCompliance', 0.5, 'resolved in Nov k1 k2 k3, result known k1 k2 (k3 not: v1), delivered k1: 1 ÷ 2 (C-2.3)'],
    ['spotCheckScore', 79.25, '(72.5 + 86) ÷ 2'],
    ['recordAccuracy', 0.75, 'record reviews in Nov r1 r2 r3 r4 (r5 on 1 Dec local), compliant r1 r3 r4: 3 ÷ 4 (G-1, accuracy)'],
    ['firstTimeRight', 0.3333, 'first rounds decided in Nov c1r1 c2r1 c3r1 (c1r2 is a second round), passed c2r1: 1 ÷ 3 (G-1, accuracy)'],
  ];
  const { indicators, counts } = evaluate(facts, periodOf('2026-11'), tech);
  it.each(department)('tech-support November: %s = %p (%s)', (indicator, expected) => {
    expect(indicators[indicator as keyof typeof indicators]).toBe(expected);
  });

  it('lists customer satisfaction first: 以客戶滿意度為衡量服務質量的核心標準 (G-1)', () => {
    expect(Object.keys(indicators)).toEqual([...INDICATORS]);
    expect(INDICATORS.slice(0, 3)).toEqual(['satisfaction', 'satisfiedShare', 'nps']);
    expect(department.map(([indicator]) => indicator)).toEqual([...INDICATORS]);
  });

  it('keeps what each figure was counted from', () => {
    expect(counts).toEqual({
      firstResponsesMet: 4,
      firstResponsesBreached: 1,
      demandsReceived: 4,
      demandsResolved: 3,
      demandsResolvedWithinTarget: 2,
      firstResponses: 5,
      resolutions: 3,
      acceptancesSubmitted: 4,
      acceptancesRejected: 2,
      visits: 4,
      satisfiedVisits: 2,
      npsResponses: 3,
      promoters: 1,
      detractors: 1,
      complaints: 2,
      complaintsResolved: 3,
      complaintsWithinPromise: 2,
      complaintsResultKnown: 2,
      complaintsResultDelivered: 1,
      spotChecks: 2,
      recordReviews: 4,
      recordReviewsCompliant: 3,
      firstAcceptanceRounds: 3,
      firstAcceptanceRoundsPassed: 1,
    });
  });

  it('names the facts behind every count: the explanation of a scorecard', () => {
    const counted = countedFacts(facts, periodOf('2026-11'), { departmentId: 'tech-support' });
    // d5 stopped in December and d7 is software-development's: neither counts in tech-support's November.
    expect(counted.firstResponses.map((c) => [c.caseId, c.outcome])).toEqual([
      ['d1', 'met'],
      ['d2', 'breached'],
      ['d3', 'met'],
      ['d4', 'met'],
      ['d6', 'met'],
    ]);
    const lengths = {
      firstResponses: counted.firstResponses.length,
      resolutions: counted.resolutions.length,
      demandsReceived: counted.demandsReceived.length,
      demandsResolved: counted.demandsResolved.length,
      acceptancesSubmitted: counted.acceptances.length,
      visits: counted.visits.length,
      complaints: counted.complaintsRegistered.length,
      complaintsResolved: counted.complaintsResolved.length,
      spotChecks: counted.spotChecks.length,
      recordReviews: counted.recordReviews.length,
    };
    expect(counts).toMatchObject(lengths);
  });

  it('computes a person’s indicators for appraisal from the facts they own', () => {
    const mine = evaluate(facts, periodOf('2026-11'), { personId: 'ts-li' }).indicators;
    expect(mine).toMatchObject({
      responseCompliance: 0.6667, // d1 d6 met, d2 breached
      resolutionRate: 0.6667, // d1 d2 of d1 d2 d6
      frtAverage: 100, // (30 + 250 + 20) ÷ 3
      frtP90: 250,
      ttrAverage: 360, // (120 + 600) ÷ 2
      rectificationRate: 0.5,
      satisfaction: 4.5,
      nps: 50, // promoter 10, passive 8
      complaintRate: 0.3333, // k1 ÷ 3
      promisedTimeCompliance: 1,
      promisedResultCompliance: 1, // k1 delivered
      spotCheckScore: 72.5,
      recordAccuracy: 0.5, // r1 compliant, r2 not
      firstTimeRight: 0, // c1 rejected at its first round
    });
    // r5 is December's; c2 passed its first round, c3 did not.
    expect(evaluate(facts, periodOf('2026-11'), { personId: 'ts-wang' }).indicators).toMatchObject({ recordAccuracy: 1, firstTimeRight: 0.5 });
  });

  it('leaves an indicator with nothing to count null, and names whom there is something for', () => {
    const quiet = evaluate(facts, periodOf('2026-11'), { departmentId: 'software-development' }).indicators;
    expect(quiet).toMatchObject({ responseCompliance: 0, resolutionRate: 1, rectificationRate: null, satisfaction: null, nps: null, promisedTimeCompliance: null, promisedResultCompliance: null, spotCheckScore: 40, recordAccuracy: null, firstTimeRight: null });
    const nothing = evaluate(facts, periodOf('2026-09'), tech).indicators;
    expect(Object.values(nothing).every((v) => v === null)).toBe(true);
    expect(subjectsOf(facts, 'departmentId')).toEqual(['software-development', 'tech-support']);
    expect(subjectsOf(facts, 'personId')).toEqual(['sd-chen', 'ts-li', 'ts-wang']);
  });

  it('scales a satisfaction score to 5 linearly, the lowest of its scale to 1 and the highest to 5', () => {
    expect([1, 2, 3, 4, 5].map((score) => satisfactionOnFive(score))).toEqual([1, 2, 3, 4, 5]);
    expect([1, 2, 3, 4, 5].map((score) => satisfactionOnFive(score, { lowest: 1, highest: 5 }))).toEqual([1, 2, 3, 4, 5]);
    expect([0, 5, 7, 8, 10].map((score) => satisfactionOnFive(score, { lowest: 0, highest: 10 }))).toEqual([1, 3, 3.8, 4.2, 5]);
    expect([1, 4, 7].map((score) => satisfactionOnFive(score, { lowest: 1, highest: 7 }))).toEqual([1, 3, 5]);
  });

  it('counts a quarter as its three months', () => {
    const quarter = evaluate(facts, periodOf('2026-Q4'), tech);
    expect(quarter.counts).toMatchObject({ demandsReceived: 6, firstResponses: 6, acceptancesSubmitted: 5, complaints: 3, recordReviews: 5, firstAcceptanceRounds: 3 });
    expect(quarter.indicators).toMatchObject({ responseCompliance: 0.6667, recordAccuracy: 0.6, firstTimeRight: 0.3333 }); // 3 of 5 reviews; c3's second round is not a first
  });

  it('counts a breached first response in response compliance from its breach, still running or answered late, and its time in FRT once it stops (Q-1.1)', () => {
    const late: EvaluationFacts = {
      ...facts,
      clocks: [
        { ...li, caseId: 'd1', metric: 'first-response', outcome: 'met', usedMinutes: 30, stoppedAt: '2026-11-02T02:30:00Z' },
        // Breached on 30 November, never answered.
        { ...li, caseId: 'd2', metric: 'first-response', outcome: 'breached', usedMinutes: 240, stoppedAt: null, breachedAt: '2026-11-05T06:00:00Z' },
        // Breached on 30 November, answered on 2 December.
        { ...wang, caseId: 'd3', metric: 'first-response', outcome: 'breached', usedMinutes: 900, stoppedAt: '2026-12-02T02:00:00Z', breachedAt: '2026-11-30T08:00:00Z' },
      ],
    };
    const november = evaluate(late, periodOf('2026-11'), tech);
    expect(november.indicators).toMatchObject({ responseCompliance: 0.3333, frtAverage: 30 });
    expect(november.counts).toMatchObject({ firstResponsesMet: 1, firstResponsesBreached: 2, firstResponses: 1 });
    expect(countedFacts(late, periodOf('2026-11'), tech).firstResponses.map((c) => c.caseId)).toEqual(['d1', 'd2', 'd3']);
    // December counts d3's late reply in its FRT, not its breach a second time.
    const december = evaluate(late, periodOf('2026-12'), tech);
    expect(december.indicators).toMatchObject({ responseCompliance: null, frtAverage: 900 });
  });
});
