import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, eventually } from '@serviceledger/platform/testing';
import { QUALITY_CLOCK_TOPIC } from '@serviceledger/quality-monitoring/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { QualityE2e, startQualityE2e } from './quality-e2e';

/**
 * Issue 18, item 4 over HTTP: 二(一)2 "及時記錄：客服人員接到客戶需求后，應詳細、準確地記錄客戶信息、需求內容、
 * 聯系方式等關鍵要素" and 五(三)2 "對服務過程中產生的數據進行及時、準確的記錄". An agent of customer service registers a
 * phone demand with the time the call was taken; quality monitoring measures the delay from the call to the
 * registration against the seeded recording target (timely-recording: 30 office minutes) and charges a breach to
 * customer service, which recorded it, not to the department the demand is assigned to. Intake and quality
 * monitoring in one app on SQLite, as `npm start` runs them, on a faked clock at Monday 7 December 2026, 10:00 in
 * Shanghai (02:00Z), inside the seeded office hours.
 */
describe('quality monitoring over HTTP: recording delay, from the call taken to the demand registered (二(一)2 及時記錄)', () => {
  const clock = new ManualClock(new Date('2026-12-07T02:00:00Z'));
  let e2e: QualityE2e;
  let techMember: RequestHeaders;

  const post = (url: string, payload: object) => e2e.t.app.inject({ method: 'POST', url, payload, headers: e2e.agent });
  const get = (url: string, headers = e2e.monitor) => e2e.t.app.inject({ method: 'GET', url, headers });
  const recordingClockOf = async (demandId: string) => {
    const clocks = (await get(`/quality-monitoring/clocks?demand=${demandId}&metric=recording-delay`)).json().items;
    expect(clocks).toHaveLength(1);
    return clocks[0];
  };
  const phoneCallTakenAt = (receivedAt: string, subject: string) => phoneEnquiry(e2e.customerId, { subject, receivedAt });

  beforeAll(async () => {
    e2e = await startQualityE2e(clock, QUALITY_CLOCK_TOPIC, { EVENT_STORE: 'sqlite' });
    techMember = await e2e.t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
  });
  afterAll(() => e2e.t.close());

  it('breaches recording-delay for a call taken 40 minutes before it was registered, and not for one registered within the 30-minute target', async () => {
    const late = await post('/intake/demands', phoneCallTakenAt('2026-12-07T09:20:00+08:00', '打印機無法連線'));
    const prompt = await post('/intake/demands', phoneCallTakenAt('2026-12-07T09:40:00+08:00', '報表導出錯誤'));
    expect([late.statusCode, prompt.statusCode]).toEqual([201, 201]);
    const [lateId, promptId] = [late.json().id as string, prompt.json().id as string];
    // Tech support takes the late one on: it answers for the demand from now, not for how late it was recorded.
    expect((await post(`/intake/demands/${lateId}/triage`, {})).statusCode).toBe(200);
    expect((await post(`/intake/demands/${lateId}/assignment`, {})).statusCode).toBe(200);

    await eventually(async () => {
      expect(await recordingClockOf(lateId)).toMatchObject({
        status: 'stopped',
        state: 'missed',
        outcome: 'breached',
        startedAt: '2026-12-07T01:20:00.000Z',
        stoppedAt: '2026-12-07T02:00:00.000Z',
        targetMinutes: 30,
        usedMinutes: 40,
        diffMinutes: -10,
        policy: { policyId: 'timely-recording', version: 1 },
        departmentId: 'customer-service',
      });
      expect((await get(`/quality-monitoring/clocks?demand=${lateId}&metric=time-to-own`)).json().items).toEqual([
        expect.objectContaining({ status: 'stopped', departmentId: 'tech-support' }),
      ]);
      expect(await recordingClockOf(promptId)).toMatchObject({ status: 'stopped', state: 'met', outcome: 'met', usedMinutes: 20, diffMinutes: 10 });
    });

    const report = (await get('/quality-monitoring/breaches?period=2026-12')).json();
    expect(report.items).toEqual([
      expect.objectContaining({ caseId: lateId, metric: 'recording-delay', departmentId: 'customer-service', dueAt: '2026-12-07T01:50:00.000Z', targetMinutes: 30 }),
    ]);
    expect(report).toMatchObject({ total: 1, byDepartment: [{ departmentId: 'customer-service', breaches: 1, byMetric: { 'recording-delay': 1 } }] });
    // Tech support's own view holds the demand it was assigned, but not the breach of its recording.
    expect((await get('/quality-monitoring/breaches?period=2026-12', techMember)).json()).toMatchObject({ total: 0, byDepartment: [] });
    expect((await get(`/quality-monitoring/clocks?demand=${lateId}`, techMember)).json().items.map((c: { metric: string }) => c.metric).sort()).toEqual([
      'first-response',
      'resolution',
      'time-to-own',
    ]);
  });

  it('refuses a time of receipt without its zone (400, naming the field) or after the registration (409), and registers nothing', async () => {
    const demands = async () => (await e2e.t.app.inject({ method: 'GET', url: '/intake/demands?count=exact', headers: e2e.agent })).json().total as number;
    // The two demands of the case above, once intake's list has them.
    await eventually(async () => expect(await demands()).toBe(2));
    const zoneless = await post('/intake/demands', phoneCallTakenAt('2026-12-07T09:20:00', '網絡中斷'));
    expect(zoneless.statusCode).toBe(400);
    expect(zoneless.json().errors).toEqual([expect.objectContaining({ field: 'receivedAt' })]);
    const future = await post('/intake/demands', phoneCallTakenAt('2026-12-07T11:00:00+08:00', '網絡中斷'));
    expect(future.statusCode).toBe(409);
    expect(future.json()).toMatchObject({ code: 'received-in-the-future', status: 409 });
    expect(await demands()).toBe(2);
  });
});
