import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, eventually } from '@serviceledger/platform/testing';
import { QUALITY_PERIOD_TOPIC } from '@serviceledger/quality-monitoring/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { QualityE2e, startQualityE2e } from './quality-e2e';

/**
 * Issue 23, item 7: a finding and a period's scorecards read `?asOf=<instant>` answer them as they stood then, folded
 * from their events up to that instant, to whoever may read them now; an instant that is not one, or is still to
 * come, is 400. On a faked clock from Monday 2 November 2026, 09:00 in Shanghai (01:00Z).
 */
describe('quality monitoring as of an instant over HTTP (?asOf=)', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let e2e: QualityE2e;
  let techHead: RequestHeaders;
  let devMember: RequestHeaders;

  const post = (url: string, payload: object = {}, headers = e2e.agent) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers = e2e.monitor) => e2e.t.app.inject({ method: 'GET', url, headers });
  const at = (instant: string) => `asOf=${encodeURIComponent(instant)}`;

  beforeAll(async () => {
    e2e = await startQualityE2e(clock, QUALITY_PERIOD_TOPIC);
    techHead = await e2e.t.headersFor({ userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] });
    devMember = await e2e.t.headersFor({ userId: 'sd-lead', roles: ['department-member'], departments: ['software-development'] });
  });
  afterAll(() => e2e.t.close());

  it('answers a finding as it stood before its rectification measures and after them, to its department only', async () => {
    // A finding of no case names a department quality monitoring knows, one a demand was assigned to: at 09:00 a demand goes to tech-support.
    const demand = (await post('/intake/demands', phoneEnquiry(e2e.customerId, { businessCategory: 'technical-support' }))).json().id as string;
    expect((await post(`/intake/demands/${demand}/triage`)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${demand}/assignment`)).statusCode).toBe(200);
    await eventually(async () => {
      const live = (await get('/quality-monitoring/periods/2026-11/scorecards')).json();
      expect(live.scorecards.map((card: { departmentId: string }) => card.departmentId)).toContain('tech-support');
    });
    clock.set('2026-11-02T02:00:00Z');
    const raised = await post(
      '/quality-monitoring/findings',
      { departmentId: 'tech-support', responsibleId: 'ts-head', subject: '回覆未使用標準模板', requirements: '所有回覆使用核准模板', suggestions: '把模板置頂', processStage: 'intake' },
      e2e.monitor,
    );
    expect(raised.statusCode).toBe(201);
    const findingId = raised.json().id as string;
    clock.set('2026-11-02T03:00:00Z');
    expect((await post(`/quality-monitoring/findings/${findingId}/measures`, { measures: '全員培訓', deadline: '2026-11-04T10:00:00Z' }, techHead)).statusCode).toBe(200);
    clock.set('2026-11-02T04:00:00Z');

    const before = await get(`/quality-monitoring/findings/${findingId}?${at('2026-11-02T10:30:00+08:00')}`);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ asOf: '2026-11-02T02:30:00.000Z', version: 0, state: { findingId, status: 'raised' } });
    expect(before.json().state.measures).toBeUndefined();
    expect((await get(`/quality-monitoring/findings/${findingId}?${at('2026-11-02T03:30:00Z')}`, techHead)).json()).toMatchObject({
      version: 1,
      state: { status: 'measures-submitted', measures: '全員培訓' },
    });
    expect((await get(`/quality-monitoring/findings/${findingId}?${at('2026-11-02T01:30:00Z')}`)).statusCode).toBe(404);
    expect((await get(`/quality-monitoring/findings/${findingId}?${at('2026-11-02T03:30:00Z')}`, devMember)).statusCode).toBe(404);
    expect((await get(`/quality-monitoring/findings/${findingId}`, devMember)).statusCode).toBe(404);

    for (const instant of ['2026-11-02', '2026-11-02T03:30:00', '2026-11-31T00:00:00Z', '2026-11-02T04:00:01Z']) {
      const refused = await get(`/quality-monitoring/findings/${findingId}?${at(instant)}`);
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'asOf' })]));
    }
  });

  it("answers a closed period's scorecards as closed before an adjustment and as adjusted after it; 404 before the close", async () => {
    clock.set('2026-11-03T01:00:00Z');
    const demand = (await post('/intake/demands', phoneEnquiry(e2e.customerId, { businessCategory: 'technical-support' }))).json().id as string;
    expect((await post(`/intake/demands/${demand}/triage`)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${demand}/assignment`)).statusCode).toBe(200);
    clock.set('2026-11-03T01:30:00Z');
    expect((await post(`/intake/demands/${demand}/replies`, { channel: 'phone', body: '已收到。' })).statusCode).toBe(201);
    await eventually(async () => {
      const live = (await get('/quality-monitoring/periods/2026-11/scorecards')).json();
      expect(live.scorecards.map((card: { departmentId: string }) => card.departmentId)).toContain('tech-support');
    });

    clock.set('2026-12-01T01:00:00Z');
    expect((await post('/quality-monitoring/periods/2026-11/closing', {}, e2e.monitor)).statusCode).toBe(200);
    const closedScore = (await get('/quality-monitoring/periods/2026-11/scorecards')).json().scorecards.find((card: { departmentId: string }) => card.departmentId === 'tech-support').score;
    clock.set('2026-12-02T01:00:00Z');
    const adjusted = await post('/quality-monitoring/periods/2026-11/adjustments', { departmentId: 'tech-support', score: 42, reason: '抽查記錄補登' }, e2e.monitor);
    expect(adjusted.statusCode).toBe(200);
    clock.set('2026-12-03T01:00:00Z');

    const scoreOf = async (instant: string) => {
      const response = await get(`/quality-monitoring/periods/2026-11/scorecards?${at(instant)}`);
      expect(response.statusCode).toBe(200);
      return response.json().state.scorecards.find((card: { departmentId: string }) => card.departmentId === 'tech-support').score;
    };
    expect(closedScore).not.toBe(42);
    expect(await scoreOf('2026-12-01T12:00:00Z')).toBe(closedScore);
    expect(await scoreOf('2026-12-02T12:00:00Z')).toBe(42);
    expect((await get(`/quality-monitoring/periods/2026-11/scorecards?view=closed&${at('2026-12-02T12:00:00Z')}`)).json().state.scorecards).toEqual(
      expect.arrayContaining([expect.objectContaining({ departmentId: 'tech-support', score: closedScore })]),
    );
    expect((await get(`/quality-monitoring/periods/2026-11/scorecards?${at('2026-11-30T12:00:00Z')}`)).statusCode).toBe(404);
    expect((await get(`/quality-monitoring/periods/2026-11/scorecards?view=live&${at('2026-12-02T12:00:00Z')}`)).statusCode).toBe(400);
    expect((await get(`/quality-monitoring/periods/2026-11/scorecards?${at('2026-12-04T00:00:00Z')}`)).statusCode).toBe(400);
    expect((await get(`/quality-monitoring/periods/2026-11/scorecards?${at('last week')}`)).statusCode).toBe(400);
  });
});
