import { ManualClock } from '@serviceledger/platform/core';
import { createJsonSchemaValidator, eventually } from '@serviceledger/platform/testing';
import { QUALITY_CLOCK_TOPIC, findQualityContract } from '@serviceledger/quality-monitoring/contracts';
import {
  CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1,
  CASE_AFTER_SALES_PROBLEM_OPENED_V1,
  CASE_AFTER_SALES_PROBLEM_REOPENED_V1,
  CASE_AFTER_SALES_PROBLEM_RESOLVED_V1,
  CASE_CLOSED_V1,
  CASE_DELIVERY_STARTED_V1,
  CASE_OPENED_V1,
  CASE_PROGRESS_REPORT_SENT_V1,
} from '@serviceledger/service-delivery/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { QualityE2e, serviceDeliveryPublisher, startQualityE2e } from './quality-e2e';

interface LiveClockView {
  clockId: string;
  demandId: string;
  metric: string;
  departmentId: string | null;
  status: string;
  state: string;
  usedMinutes: number;
  remainingMinutes: number;
  diffMinutes: number | null;
  outcome: string | null;
  deadlineAt: string | null;
}

/**
 * Issue 6, the "next update" metric (P-4.3 progress reports) through HTTP: intake and quality monitoring
 * in one app, service-delivery's case events published on the bus as service-delivery would, on a faked
 * clock from Monday 30 November 2026, 09:00 in Shanghai (01:00Z). The seeded office calendar works
 * 09:00–12:00 and 13:30–18:00 on weekdays (450 minutes a day). The customer is of the gold tier, whom an
 * SLA the test defines promises an update every working day: a next-update target of 450 business
 * minutes (shorter than the seeded P3 policy's 1350, so it wins), warning at 75 % (337.5), escalation 60
 * minutes after the deadline.
 */
describe('quality monitoring over HTTP: next-update clocks driven by service delivery', () => {
  const clock = new ManualClock(new Date('2026-11-30T01:00:00Z'));
  let e2e: QualityE2e;
  const post = (url: string, payload: object = {}, headers = e2e.agent) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers = e2e.monitor) => e2e.t.app.inject({ method: 'GET', url, headers });
  const nextUpdateClocks = async (demandId: string): Promise<Record<string, LiveClockView>> => {
    const response = await get(`/quality-monitoring/clocks?demand=${demandId}&metric=next-update`);
    expect(response.statusCode).toBe(200);
    return Object.fromEntries((response.json().items as LiveClockView[]).map((c) => [c.clockId, c]));
  };
  let deliver: ReturnType<typeof serviceDeliveryPublisher>;

  beforeAll(async () => {
    e2e = await startQualityE2e(clock, QUALITY_CLOCK_TOPIC);
    deliver = serviceDeliveryPublisher(e2e.t, clock);
    const dailyUpdates = await e2e.t.app.inject({
      method: 'PUT',
      url: '/quality-monitoring/policies/gold-daily-updates',
      headers: e2e.monitor,
      payload: {
        kind: 'SLA',
        name: '金牌客戶每日進度 Gold: a daily update',
        match: { customerTiers: ['gold'] },
        targets: { 'next-update': 450 },
        calendarId: 'cn-office',
        warningThreshold: 0.75,
        escalations: [{ offsetMinutes: 60, action: 'notify-department-head' }],
      },
    });
    expect(dailyUpdates.statusCode).toBe(200);
  });
  afterAll(() => e2e.t.close());

  it('breaches and escalates the first progress report, stops it when the report comes and runs cycle 2 until the case closes', async () => {
    // 09:00 Monday: a P3 demand (impact 2 × urgency 2), triaged and assigned to tech support.
    const created = await post('/intake/demands', {
      customerId: e2e.customerId,
      contact: { name: '王小明', phone: '+86 138 0013 8000' },
      channel: 'phone',
      kind: 'enquiry',
      subject: '機房網絡改造',
      description: '客戶要求改造機房網絡。',
      businessCategory: 'technical-support',
      impact: 2,
      urgency: 2,
    });
    expect(created.statusCode).toBe(201);
    const demandId = created.json().id as string;
    expect((await post(`/intake/demands/${demandId}/triage`)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${demandId}/assignment`)).statusCode).toBe(200);
    const caseId = 'b2f7c1de-3a54-4c8e-9f0a-5d6e7f8a9b01';
    const cycle1 = `${demandId}.next-update.1`;
    const cycle2 = `${demandId}.next-update.2`;

    // 09:30: the service case is opened for the demand; nothing to measure yet.
    clock.set('2026-11-30T01:30:00Z');
    await deliver(CASE_OPENED_V1, {
      caseId,
      demandId,
      reference: 'SR-2026-000001',
      customerId: e2e.customerId,
      responsibleDepartmentId: 'tech-support',
      departments: ['tech-support'],
      complexity: 'routine',
      planDueAt: '2026-12-01T01:30:00.000Z',
    });

    // 10:00: delivery starts, and with it next-update cycle 1. 450 minutes: Monday 10:00–12:00 (120) and
    // 13:30–18:00 (270), then 60 on Tuesday: the deadline is Tuesday 10:00 (02:00Z).
    clock.set('2026-11-30T02:00:00Z');
    await deliver(CASE_DELIVERY_STARTED_V1, {
      caseId,
      planVersion: 1,
      projectManagerId: 'ts-lead',
      startedAt: '2026-11-30T02:00:00.000Z',
      nextReportDueAt: '2026-12-01T02:00:00.000Z',
    });
    await eventually(async () => {
      expect((await nextUpdateClocks(demandId))[cycle1]).toMatchObject({
        status: 'running',
        departmentId: 'tech-support',
        remainingMinutes: 450,
        deadlineAt: '2026-12-01T02:00:00.000Z',
      });
    });

    // Tuesday 10:01: no report yet. The scheduler raised the warning (337.5 minutes: Monday 17:07:30) and
    // the breach (from Tuesday 10:00), 451 minutes used.
    clock.set('2026-12-01T02:01:00Z');
    await eventually(async () => {
      const breaches = (await get('/quality-monitoring/breaches?period=2026-12')).json();
      expect(breaches.items).toEqual([
        expect.objectContaining({ caseId: demandId, metric: 'next-update', departmentId: 'tech-support', dueAt: '2026-12-01T02:00:00.000Z', targetMinutes: 450 }),
      ]);
    });
    expect((await nextUpdateClocks(demandId))[cycle1]).toMatchObject({ status: 'running', state: 'breached', usedMinutes: 451, remainingMinutes: -1 });

    // Tuesday 11:05: the escalation step (notify the department head 60 minutes after the deadline:
    // 510 used) fell due at 11:00 and is published. (The unanswered first response escalated too, on
    // Monday: this test sends no reply.)
    clock.set('2026-12-01T03:05:00Z');
    await eventually(async () => {
      const escalated = e2e.published.filter(
        (m) => m.type === 'serviceledger.quality-monitoring.clock.escalated.v1' && (m.data as { metric: string }).metric === 'next-update',
      );
      expect(escalated.map((m) => m.data)).toEqual([
        expect.objectContaining({
          clockId: cycle1,
          caseId: demandId,
          metric: 'next-update',
          cycle: '1',
          step: { offsetMinutes: 60, action: 'notify-department-head' },
          dueAt: '2026-12-01T03:00:00.000Z',
          thresholdMinutes: 510,
          targetMinutes: 450,
        }),
      ]);
    });

    // Tuesday 11:10: report 1 goes out, 70 minutes late: 120 + 270 + 130 = 520 used, diff −70. Cycle 2
    // starts at once: Tuesday 11:10–12:00 (50) + 13:30–18:00 (270) + Wednesday 09:00–11:10 (130) = 450,
    // so its deadline is Wednesday 11:10 (03:10Z).
    clock.set('2026-12-01T03:10:00Z');
    await deliver(CASE_PROGRESS_REPORT_SENT_V1, {
      caseId,
      reportNumber: 1,
      dueAt: '2026-12-01T02:00:00.000Z',
      onTime: false,
      problemCount: 0,
      sentAt: '2026-12-01T03:10:00.000Z',
      nextReportDueAt: '2026-12-02T03:10:00.000Z',
    });
    await eventually(async () => {
      const clocks = await nextUpdateClocks(demandId);
      expect(clocks[cycle1]).toMatchObject({ status: 'stopped', state: 'missed', outcome: 'breached', usedMinutes: 520, diffMinutes: -70 });
      expect(clocks[cycle2]).toMatchObject({ status: 'running', remainingMinutes: 450, deadlineAt: '2026-12-02T03:10:00.000Z', departmentId: 'tech-support' });
    });

    // The relay published cycle 1's warning, breach, escalation and stop, each valid against its contract's schema.
    await eventually(async () => {
      const ofCycle1 = e2e.published.filter((m) => (m.data as { clockId: string }).clockId === cycle1);
      expect(ofCycle1.map((m) => m.type)).toEqual([
        'serviceledger.quality-monitoring.clock.warning-reached.v1',
        'serviceledger.quality-monitoring.clock.warning-reached.v2',
        'serviceledger.quality-monitoring.clock.breached.v1',
        'serviceledger.quality-monitoring.clock.breached.v2',
        'serviceledger.quality-monitoring.clock.escalated.v1',
        'serviceledger.quality-monitoring.clock.stopped.v1',
      ]);
      expect(ofCycle1[0].data).toMatchObject({ metric: 'next-update', cycle: '1', dueAt: '2026-11-30T09:07:30.000Z', thresholdMinutes: 337.5, targetMinutes: 450 });
      expect(ofCycle1[2].data).toMatchObject({ dueAt: '2026-12-01T02:00:00.000Z', targetMinutes: 450 });
      expect(ofCycle1[3].data).toMatchObject({ dueAt: '2026-12-01T02:00:00.000Z', caseKind: 'demand', departmentId: 'tech-support' });
      expect(ofCycle1[5].data).toMatchObject({ outcome: 'breached', usedMinutes: 520, diffMinutes: -70, targetMinutes: 450 });
      const ajv = createJsonSchemaValidator();
      for (const m of ofCycle1) expect(ajv.validate(findQualityContract(m.type)!.schema, m.data)).toBe(true);
    });

    // Tuesday 14:30: the case is closed; cycle 2 (50 + 60 = 110 minutes in) is cancelled, not judged.
    clock.set('2026-12-01T06:30:00Z');
    await deliver(CASE_CLOSED_V1, { caseId, closedAt: '2026-12-01T06:30:00.000Z' });
    await eventually(async () => {
      expect((await nextUpdateClocks(demandId))[cycle2]).toMatchObject({ status: 'cancelled', usedMinutes: 110, outcome: null });
    });
    expect((await get('/quality-monitoring/breaches?period=2026-12')).json().total).toBe(1);
  });

  it('measures an after-sales problem: a prompt named handler, and each resolution after a reopening (P-6.2)', async () => {
    // Wednesday 2 December, 09:00: a P3 demand delivered by case 2; its seeded after-sales targets are the P3 ones: own 60, resolve 1800.
    clock.set('2026-12-02T01:00:00Z');
    const demandId = (await post('/intake/demands', phoneEnquiry(e2e.customerId, { businessCategory: 'technical-support', subject: '系統升級後報錯' }))).json().id as string;
    expect((await post(`/intake/demands/${demandId}/triage`)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${demandId}/assignment`)).statusCode).toBe(200);
    const caseId = 'c3a1d2e4-5b6f-4a7c-8d9e-0f1a2b3c4d02';
    await deliver(CASE_OPENED_V1, {
      caseId,
      demandId,
      reference: 'SR-2026-000002',
      customerId: e2e.customerId,
      responsibleDepartmentId: 'tech-support',
      departments: ['tech-support'],
      complexity: 'routine',
      planDueAt: '2026-12-03T01:00:00.000Z',
    });
    // 10:00 the customer reports a problem; 11:30 a handler is named (90 minutes: past the hour); 13:30–14:00 resolved (150 in all).
    const problemId = 'problem-1';
    clock.set('2026-12-02T02:00:00Z');
    await deliver(CASE_AFTER_SALES_PROBLEM_OPENED_V1, { caseId, problemId, customerId: e2e.customerId, departmentId: 'tech-support', source: 'customer', raisedAt: '2026-12-02T02:00:00.000Z' });
    clock.set('2026-12-02T03:30:00Z');
    await deliver(CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1, { caseId, problemId, handlerId: 'ts-li', assignedAt: '2026-12-02T03:30:00.000Z' });
    clock.set('2026-12-02T06:00:00Z');
    await deliver(CASE_AFTER_SALES_PROBLEM_RESOLVED_V1, { caseId, problemId, stage: 'implementation', handlerId: 'ts-li', resolvedAt: '2026-12-02T06:00:00.000Z' });
    // 15:00 it is back; resolved again at 16:00: a second cycle of 60.
    clock.set('2026-12-02T07:00:00Z');
    await deliver(CASE_AFTER_SALES_PROBLEM_REOPENED_V1, { caseId, problemId, reopenedAt: '2026-12-02T07:00:00.000Z' });
    clock.set('2026-12-02T08:00:00Z');
    await deliver(CASE_AFTER_SALES_PROBLEM_RESOLVED_V1, { caseId, problemId, stage: 'implementation', handlerId: 'ts-li', resolvedAt: '2026-12-02T08:00:00.000Z' });
    await eventually(async () => {
      const items = (await get(`/quality-monitoring/clocks?demand=${problemId}`)).json().items as LiveClockView[];
      expect(items.map((c) => [c.clockId, c.departmentId, c.state, c.usedMinutes]).sort()).toEqual([
        [`${problemId}.resolution.1`, 'tech-support', 'met', 150],
        [`${problemId}.resolution.2`, 'tech-support', 'met', 60],
        [`${problemId}.time-to-own.1`, 'tech-support', 'missed', 90],
      ]);
    });
    // The late handler is a breach of tech support's in December.
    const breaches = (await get('/quality-monitoring/breaches?period=2026-12')).json();
    expect(breaches.items).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: problemId, metric: 'time-to-own', departmentId: 'tech-support' })]));
  });
});

