import { ManualClock } from '@serviceledger/platform/core';
import { eventually } from '@serviceledger/platform/testing';
import { QUALITY_PERIOD_TOPIC } from '@serviceledger/quality-monitoring/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { QualityE2e, startQualityE2e } from './quality-e2e';

/**
 * Issue 6, item 8: a closed month re-evaluated under a new policy version, side by side with the official
 * figures, through HTTP. Intake and quality monitoring in one app on a faked clock from Monday 2 November
 * 2026, 09:00 in Shanghai (01:00Z). The seeded office calendar works 09:00–12:00 and 13:30–18:00; the
 * seeded P3 policy (standard-sla-p3, version 1) answers in 240 and resolves in 1800 business minutes, its
 * resolution clock paused while waiting on the customer.
 */
describe('quality monitoring over HTTP: a closed month recomputed under a revised policy', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let e2e: QualityE2e;
  const post = (url: string, payload: object = {}, headers = e2e.agent) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const put = (url: string, payload: object) => e2e.t.app.inject({ method: 'PUT', url, payload, headers: e2e.monitor });
  const get = (url: string) => e2e.t.app.inject({ method: 'GET', url, headers: e2e.monitor });

  beforeAll(async () => {
    e2e = await startQualityE2e(clock, QUALITY_PERIOD_TOPIC);
  });
  afterAll(() => e2e.t.close());

  it('replays the clocks under the revised policy without touching the closed scorecard, and under the pinned old version gives the official figures', async () => {
    // A scheme that weighs timeliness beside satisfaction (a third, above the floor G-1 holds every scheme to): response
    // compliance, resolution by due date and satisfaction, equally. No follow-up visit this month: the score is timeliness alone.
    const weights = { satisfaction: 1, responseCompliance: 1, resolutionRateByDueDate: 1 };
    expect((await put('/quality-monitoring/scoring-schemes/timeliness', { name: '時效', weights })).statusCode).toBe(200);

    // 09:00 Monday: A and B for tech support, both P3.
    const a = (await post('/intake/demands', phoneEnquiry(e2e.customerId, { businessCategory: 'technical-support', subject: '伺服器當機' }))).json().id as string;
    const b = (await post('/intake/demands', phoneEnquiry(e2e.customerId, { businessCategory: 'technical-support', subject: '郵件無法發送' }))).json().id as string;
    for (const id of [a, b]) {
      expect((await post(`/intake/demands/${id}/triage`)).statusCode).toBe(200);
      expect((await post(`/intake/demands/${id}/assignment`)).statusCode).toBe(200);
    }
    // 09:20 B answered (20 minutes); 10:00–15:00 B waits on the customer; 11:30 A answered (150 minutes).
    clock.set('2026-11-02T01:20:00Z');
    expect((await post(`/intake/demands/${b}/replies`, { channel: 'phone', body: '已收到。' })).statusCode).toBe(201);
    clock.set('2026-11-02T02:00:00Z');
    expect((await post(`/intake/demands/${b}/waiting-on-customer`, { text: '請提供錯誤截圖' })).statusCode).toBe(200);
    clock.set('2026-11-02T03:30:00Z');
    expect((await post(`/intake/demands/${a}/replies`, { channel: 'phone', body: '工程師處理中。' })).statusCode).toBe(201);
    clock.set('2026-11-02T07:00:00Z');
    expect((await post(`/intake/demands/${b}/resumption`)).statusCode).toBe(200);
    // 16:00 B resolved: 09:00–10:00 and 15:00–16:00 counted, 120 minutes. 17:00 A resolved: 180 + 210 = 390.
    clock.set('2026-11-02T08:00:00Z');
    expect((await post(`/intake/demands/${b}/resolution`, { text: '已修復' })).statusCode).toBe(200);
    clock.set('2026-11-02T09:00:00Z');
    const lastResolution = await post(`/intake/demands/${a}/resolution`, { text: '已重啟並修復' });
    expect(lastResolution.statusCode).toBe(200);

    // Officially every target was met: compliance 1, FRT (150 + 20) ÷ 2 = 85, TTR (390 + 120) ÷ 2 = 255, both on time.
    const official = { responseCompliance: 1, frtAverage: 85, ttrAverage: 255, resolutionRate: 1, resolutionRateByDueDate: 1 };
    await eventually(async () => {
      const live = (await get('/quality-monitoring/periods/2026-11/scorecards?scheme=timeliness')).json();
      expect(live.scorecards).toEqual([expect.objectContaining({ departmentId: 'tech-support', indicators: expect.objectContaining(official), score: 100 })]);
    });
    clock.set('2026-12-01T01:00:00Z');
    expect((await post('/quality-monitoring/periods/2026-11/closing', { schemeId: 'timeliness' }, e2e.monitor)).statusCode).toBe(200);

    // December: the P3 policy is revised (version 2): answer within 120, resolve within 240, and no pause.
    const p3 = (await get('/quality-monitoring/policies/standard-sla-p3')).json();
    const { kind, name, match, calendarId, targets, warningThreshold, escalations } = p3;
    const revised = await put('/quality-monitoring/policies/standard-sla-p3', {
      ...{ kind, name, match, calendarId, warningThreshold, escalations },
      targets: { ...targets, 'first-response': 120, resolution: 240 },
      pauseOn: [],
    });
    expect(revised.json()).toMatchObject({ version: 2 });

    // November under the revised policy: A's 150-minute answer breaches 120 → compliance 1 ÷ 2; FRT unchanged. Without the
    // pause B's resolution counts 09:00–12:00 and 13:30–16:00 = 330, A's 390: both past 240 → on time 0 ÷ 2; TTR (390 + 330) ÷ 2 = 360.
    // Score (0.5 + 0) ÷ 2 = 25.
    const underRevision = (await get('/quality-monitoring/periods/2026-11/recomputation?scheme=timeliness&policies=current')).json();
    expect(underRevision.policies).toEqual(expect.arrayContaining([{ policyId: 'standard-sla-p3', version: 2, kind: 'SLA' }]));
    expect(underRevision.refusedSignals).toEqual([]);
    expect(underRevision.recomputed.scorecards).toEqual([
      expect.objectContaining({
        departmentId: 'tech-support',
        indicators: expect.objectContaining({ responseCompliance: 0.5, frtAverage: 85, ttrAverage: 360, resolutionRate: 1, resolutionRateByDueDate: 0 }),
        counts: expect.objectContaining({ firstResponsesMet: 1, firstResponsesBreached: 1, demandsResolvedWithinTarget: 0 }),
        score: 25,
      }),
    ]);
    expect(underRevision.differences).toEqual([{ departmentId: 'tech-support', officialScore: 100, recomputedScore: 25, officialRank: 1, recomputedRank: 1 }]);

    // Pinned to the version the clocks ran under, the replay gives the official figures back.
    const underOriginal = (await get('/quality-monitoring/periods/2026-11/recomputation?scheme=timeliness&policies=standard-sla-p3@1')).json();
    expect(underOriginal.recomputed.scorecards[0]).toMatchObject({ indicators: official, score: 100 });
    expect(underOriginal.policies).toEqual(expect.arrayContaining([{ policyId: 'standard-sla-p3', version: 1, kind: 'SLA' }]));

    // Nothing official moved: the closed card, and the clocks as they ran.
    expect((await get('/quality-monitoring/periods/2026-11/scorecards?view=closed')).json().scorecards).toEqual([
      expect.objectContaining({ departmentId: 'tech-support', indicators: expect.objectContaining(official), score: 100 }),
    ]);
    const clocksOfA = (await get(`/quality-monitoring/clocks?demand=${a}&metric=first-response`)).json().items;
    expect(clocksOfA).toEqual([expect.objectContaining({ outcome: 'met', usedMinutes: 150 })]);

    // Bad requests change nothing and say why.
    expect((await get('/quality-monitoring/periods/2026-11/recomputation?policies=standard-sla-p3')).statusCode).toBe(400);
    expect((await get('/quality-monitoring/periods/2026-11/recomputation?policies=standard-sla-p3@9')).json()).toMatchObject({ status: 404 });
  });
});
