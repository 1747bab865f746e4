import { ManualClock } from '@serviceledger/platform/core';
import { eventually } from '@serviceledger/platform/testing';
import { COMPLAINT_REGISTERED_V1, COMPLAINT_RESOLVED_V1, DEMAND_ASSIGNED_V2 } from '@serviceledger/intake/contracts';
import { QUALITY_PERIOD_TOPIC } from '@serviceledger/quality-monitoring/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { QualityE2e, intakePublisher, startQualityE2e } from './quality-e2e';

/**
 * Issue 17, point 3 as quality monitoring counts it (C-2.3), over HTTP: 六(二)3 投訴處理溝通 "向客戶承諾處理時間和
 * 結果，確保客戶投訴得到妥善解決". A complaint is promised a handling time and a result; closing it records
 * whether the result was delivered, and the month's scorecard counts promised-result compliance beside
 * promised-time compliance. Intake and quality monitoring in one app on SQLite, on a faked clock from Monday
 * 7 December 2026, 09:00 in Shanghai (01:00Z).
 */
describe('quality monitoring over HTTP: a complaint’s promised result counted in the month’s scorecard (C-2.3)', () => {
  const clock = new ManualClock(new Date('2026-12-07T01:00:00Z'));
  let e2e: QualityE2e;

  const post = (url: string, payload: object = {}, headers = e2e.agent) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string) => e2e.t.app.inject({ method: 'GET', url, headers: e2e.monitor });

  beforeAll(async () => {
    e2e = await startQualityE2e(clock, QUALITY_PERIOD_TOPIC, { EVENT_STORE: 'sqlite' });
  });
  afterAll(() => e2e.t.close());

  const complaint = async (subject: string, promisedResult: string): Promise<string> => {
    const registered = await post('/intake/demands', {
      ...phoneEnquiry(e2e.customerId, { businessCategory: 'software-development', subject }),
      kind: 'complaint',
      promisedHandlingHours: 24,
      promisedResult,
    });
    expect(registered.statusCode).toBe(201);
    const id = registered.json().id as string;
    expect((await post(`/intake/demands/${id}/triage`)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${id}/assignment`)).statusCode).toBe(200);
    return id;
  };

  it('counts a complaint closed on time with its promised result not delivered as a promise of result broken, one closed before results were recorded as not known', async () => {
    // 09:00 Monday: two complaints for software-development, each promised 24 hours and a result.
    const refund = await complaint('重複扣款', '三個工作日內退回重複扣除的款項');
    const report = await complaint('報表導出一再延誤', '本週內修復報表導出並提供修復說明');
    // 10:00 both results told; 11:00 both resolved within their promise: the refund delivered as promised, the report fix not.
    clock.set('2026-12-07T02:00:00Z');
    for (const id of [refund, report]) expect((await post(`/intake/demands/${id}/complaint-result`, { channel: 'phone', result: '已處理並致歉' })).statusCode).toBe(200);
    clock.set('2026-12-07T03:00:00Z');
    expect((await post(`/intake/demands/${refund}/resolution`, { text: '款項已退回', promisedResultDelivered: true })).statusCode).toBe(200);
    const broken = await post(`/intake/demands/${report}/resolution`, {
      text: '以人工導出代替，修復延至下月版本',
      promisedResultDelivered: false,
      promisedResultNote: '修復需等下月版本發佈',
    });
    expect(broken.statusCode).toBe(200);

    // A complaint intake resolved before it recorded results (complaint.resolved.v1 only): neither kept nor broken, not counted.
    const earlier = '3f1d7c2e-8a4b-4c5d-9e6f-0a1b2c3d4e5f';
    const publishAsIntake = intakePublisher(e2e.t, clock);
    await publishAsIntake(DEMAND_ASSIGNED_V2, { demandId: earlier, departmentId: 'software-development', ownerId: 'sd-chen', assignedBy: 'agent-li' });
    await publishAsIntake(COMPLAINT_REGISTERED_V1, { demandId: earlier, priority: 'P3', promisedHandlingHours: 24, dueAt: '2026-12-08T03:00:00.000Z' });
    await publishAsIntake(COMPLAINT_RESOLVED_V1, { demandId: earlier, dueAt: '2026-12-08T03:00:00.000Z', resolvedAt: clock.now().toISOString(), withinPromise: true });

    // December for software-development: three complaints resolved, all within their promised time → 3 ÷ 3 = 1;
    // the result known for two, delivered for one → promised-result compliance 1 ÷ 2 = 0.5.
    await eventually(async () => {
      const [card] = (await get(`/quality-monitoring/periods/2026-12/scorecards?after=${broken.json().checkpoint}`)).json().scorecards;
      expect(card).toMatchObject({
        departmentId: 'software-development',
        indicators: { promisedTimeCompliance: 1, promisedResultCompliance: 0.5 },
        counts: { complaintsResolved: 3, complaintsWithinPromise: 3, complaintsResultKnown: 2, complaintsResultDelivered: 1 },
      });
    });
    // The explanation names the complaint whose promised result was broken.
    const explanation = (await get('/quality-monitoring/periods/2026-12/departments/software-development/explanation')).json();
    expect(explanation).toMatchObject({ departmentId: 'software-development', indicators: { promisedResultCompliance: 0.5 } });
    expect(explanation.facts.complaintsResolved.map((c: { demandId: string; promisedResultDelivered: boolean | null }) => [c.demandId, c.promisedResultDelivered])).toEqual(
      expect.arrayContaining([
        [refund, true],
        [report, false],
        [earlier, null],
      ]),
    );
    // And the export carries it beside promised time.
    const csv = (await get('/quality-monitoring/scorecards.csv?period=2026-12')).body.trim().split('\r\n');
    const columns = csv[0].split(',');
    const row = csv[1].split(',');
    expect([row[columns.indexOf('promisedTimeCompliance')], row[columns.indexOf('promisedResultCompliance')]]).toEqual(['1', '0.5']);
  });
});
