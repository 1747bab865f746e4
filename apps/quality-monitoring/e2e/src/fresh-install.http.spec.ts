import { ManualClock } from '@serviceledger/platform/core';
import { eventually } from '@serviceledger/platform/testing';
import { QUALITY_PERIOD_TOPIC } from '@serviceledger/quality-monitoring/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { QualityE2e, startQualityE2e } from './quality-e2e';

/**
 * A fresh install scores and closes a period with nobody defining a scoring scheme: the official scheme
 * `standard` is seeded. Faked clock from Monday 7 December 2026, 09:00 in Shanghai (01:00Z); P3 demands,
 * first response within 240 business minutes on the seeded office calendar.
 */
describe('quality monitoring over HTTP: a fresh install scored under the seeded scheme', () => {
  const clock = new ManualClock(new Date('2026-12-07T01:00:00Z'));
  let e2e: QualityE2e;

  const post = (url: string, payload: object = {}, headers = e2e.agent) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string) => e2e.t.app.inject({ method: 'GET', url, headers: e2e.monitor });

  beforeAll(async () => {
    e2e = await startQualityE2e(clock, QUALITY_PERIOD_TOPIC);
  });
  afterAll(() => e2e.t.close());

  it('seeds the official scheme as version 1, scores December under it and closes December without any PUT', async () => {
    expect((await get('/quality-monitoring/scoring-schemes/standard')).json()).toEqual({
      schemeId: 'standard',
      versions: [
        expect.objectContaining({
          version: 1,
          definedBy: 'system:seed',
          weights: {
            satisfaction: 6,
            nps: 3,
            responseCompliance: 2,
            resolutionRate: 2,
            complaintRate: 1,
            promisedTimeCompliance: 1,
            promisedResultCompliance: 1,
            rectificationRate: 1,
            spotCheckScore: 1,
          },
          referenceMinutes: {},
        }),
      ],
    });

    // 09:00 A and B for tech-support; 09:30 both answered (30 minutes, met); 10:00 A resolved, B still open.
    const a = (await post('/intake/demands', phoneEnquiry(e2e.customerId, { businessCategory: 'technical-support', subject: '打印機無法連線' }))).json().id as string;
    const b = (await post('/intake/demands', phoneEnquiry(e2e.customerId, { businessCategory: 'technical-support', subject: '網絡時斷時續' }))).json().id as string;
    for (const id of [a, b]) {
      expect((await post(`/intake/demands/${id}/triage`)).statusCode).toBe(200);
      expect((await post(`/intake/demands/${id}/assignment`)).statusCode).toBe(200);
    }
    clock.set('2026-12-07T01:30:00Z');
    for (const id of [a, b]) expect((await post(`/intake/demands/${id}/replies`, { channel: 'phone', body: '已收到。' })).statusCode).toBe(201);
    clock.set('2026-12-07T02:00:00Z');
    expect((await post(`/intake/demands/${a}/resolution`, { text: '已修復' })).statusCode).toBe(200);

    // Compliance 2 met of 2 → 1, resolution rate 1 of 2 → 0.5, no complaint of 2 → 0; no other weighted indicator has a value
    // (no visit yet to count satisfaction and NPS by).
    // Score (2 × 1 + 2 × 0.5 + 1 × (1 − 0)) ÷ 5 = 80.
    await eventually(async () => {
      expect((await get('/quality-monitoring/periods/2026-12/scorecards')).json()).toMatchObject({
        scheme: { schemeId: 'standard', version: 1 },
        ranking: [{ rank: 1, departmentId: 'tech-support', score: 80 }],
      });
    });

    // The open month exports as it stands, customer satisfaction first (none yet): compliance 1, resolution 0.5 (on time 0.5),
    // FRT 30, TTR of A 60, no complaint, no record review nor acceptance round (record accuracy and first time right empty).
    const csv = (await get('/quality-monitoring/scorecards.csv?period=2026-12')).body.trim().split('\r\n');
    expect(csv.slice(1)).toEqual(['2026-12,live,standard,1,tech-support,1,80,,,,1,0.5,0.5,30,30,60,60,,0,,,,,']);

    // 09:00 on 1 January 2027 December has ended: it closes under the seeded scheme.
    clock.set('2027-01-01T01:00:00Z');
    const closed = await post('/quality-monitoring/periods/2026-12/closing', {}, e2e.monitor);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ scheme: { schemeId: 'standard', version: 1 }, scorecards: [{ departmentId: 'tech-support', score: 80, rank: 1 }] });
  });
});
