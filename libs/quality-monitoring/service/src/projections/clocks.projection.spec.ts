import { ClockEvent, ClockTarget, TrackedCaseEvent, clockStream, trackedCaseStream } from '@serviceledger/quality-monitoring/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { BreachRow, CaseRow, ClockRow } from './clock-rows';
import { clocksProjection } from './clocks.projection';

const CLOCK_ID = 'd-1.resolution.1';
const target: ClockTarget = {
  targetMinutes: 240,
  warningThreshold: 0.75,
  escalations: [],
  pauseOn: ['waiting-on-customer'],
  policy: { policyId: 'sla-standard', version: 3, kind: 'SLA' },
};

const started: ClockEvent = {
  type: 'ClockStarted',
  data: {
    clockId: CLOCK_ID,
    caseId: 'd-1',
    caseKind: 'demand',
    metric: 'resolution',
    target,
    calendar: { calendarId: 'shanghai', version: 2 },
    startedAt: '2026-03-31T06:00:00.000Z',
    countsFrom: '2026-03-31T06:00:00.000Z',
    deadlineAt: '2026-03-31T10:00:00.000Z',
    due: [{ key: 'breach', kind: 'breach', dueAt: '2026-03-31T10:00:00.000Z', thresholdMinutes: 240 }],
  },
};
const warned: ClockEvent = { type: 'ClockWarningReached', data: { clockId: CLOCK_ID, dueAt: '2026-03-31T09:00:00.000Z', thresholdMinutes: 180, targetMinutes: 240, raisedAt: '2026-03-31T09:00:00.000Z' } };
const breached: ClockEvent = { type: 'ClockBreached', data: { clockId: CLOCK_ID, dueAt: '2026-03-31T16:30:00.000Z', targetMinutes: 240, raisedAt: '2026-03-31T16:30:00.000Z' } };

const tracked: TrackedCaseEvent = { type: 'CaseTracked', data: { caseId: 'd-1', facts: { priority: 'P3' }, openedAt: '2026-03-31T06:00:00.000Z' } };
const assignedTo = (departmentId: string): TrackedCaseEvent => ({ type: 'CaseAssigned', data: { caseId: 'd-1', departmentId, ownerId: 'tech-1', assignedAt: '2026-03-31T07:00:00.000Z' } });

describe('clocks projection', () => {
  const projection = projectionSpec(clocksProjection);
  const clock = () => projection.rows<ClockRow>('clock').then(([row]) => row);

  it('lists a started clock with its target, policy and calendar, in its case’s department once it has one', async () => {
    const c1 = eventStream<ClockEvent>(clockStream(CLOCK_ID));
    const case1 = eventStream<TrackedCaseEvent>(trackedCaseStream('d-1'));
    await projection.apply([case1(tracked), c1(started)]);

    expect(await clock()).toEqual({
      clockId: CLOCK_ID,
      caseId: 'd-1',
      caseKind: 'demand',
      metric: 'resolution',
      departmentId: null,
      status: 'running',
      warned: false,
      breached: false,
      outcome: null,
      targetMinutes: 240,
      startedAt: '2026-03-31T06:00:00.000Z',
      deadlineAt: '2026-03-31T10:00:00.000Z',
      stoppedAt: null,
      usedMinutes: null,
      pausedMinutes: null,
      diffMinutes: null,
      policyId: 'sla-standard',
      policyVersion: 3,
      calendarId: 'shanghai',
      calendarVersion: 2,
      state: expect.any(String),
      updatedAt: '2026-03-02T09:00:00.000Z',
    });
    expect(JSON.parse((await clock()).state)).toMatchObject({ clockId: CLOCK_ID, status: 'running', runs: [{ from: '2026-03-31T06:00:00.000Z' }] });

    await projection.apply([case1(assignedTo('tech-support'))]);
    expect(await clock()).toMatchObject({ departmentId: 'tech-support' });
    expect(await projection.rows<CaseRow>('case')).toEqual([{ caseId: 'd-1', departmentId: 'tech-support', ownerId: 'tech-1', registeringDepartmentId: null }]);
  });

  it('counts a breach against the department answering for the case, in the month it fell due in Shanghai', async () => {
    const c1 = eventStream<ClockEvent>(clockStream(CLOCK_ID));
    const case1 = eventStream<TrackedCaseEvent>(trackedCaseStream('d-1'));
    await projection.apply([case1(tracked), c1(started), c1(warned), c1(breached)]);
    expect(await clock()).toMatchObject({ warned: true, breached: true });
    expect(await projection.rows<BreachRow>('breach')).toEqual([
      { clockId: CLOCK_ID, caseId: 'd-1', caseKind: 'demand', metric: 'resolution', departmentId: null, dueAt: '2026-03-31T16:30:00.000Z', raisedAt: '2026-03-31T16:30:00.000Z', period: '2026-04', targetMinutes: 240 },
    ]);

    await projection.apply([case1(assignedTo('tech-support')), case1(assignedTo('field-service'))]);

    expect(await projection.rows('breach')).toEqual([expect.objectContaining({ departmentId: 'tech-support' })]);
    expect(await clock()).toMatchObject({ departmentId: 'field-service' });
  });

  describe('recording delay: 二(一)2 "客服人員接到客戶需求后，應詳細、準確地記錄"', () => {
    const RECORDING_ID = 'd-1.recording-delay.1';
    const recording = eventStream<ClockEvent>(clockStream(RECORDING_ID));
    const recordingStarted: ClockEvent = {
      type: 'ClockStarted',
      data: { ...started.data, clockId: RECORDING_ID, metric: 'recording-delay', target: { ...target, targetMinutes: 30 }, startedAt: '2026-03-31T05:20:00.000Z', countsFrom: '2026-03-31T05:20:00.000Z', deadlineAt: '2026-03-31T05:50:00.000Z', due: [] },
    };
    const recordingBreached: ClockEvent = { type: 'ClockBreached', data: { clockId: RECORDING_ID, dueAt: '2026-03-31T05:50:00.000Z', targetMinutes: 30, raisedAt: '2026-03-31T06:00:00.000Z' } };
    const recordingStopped: ClockEvent = {
      type: 'ClockStopped',
      data: { clockId: RECORDING_ID, stoppedAt: '2026-03-31T06:00:00.000Z', usedMinutes: 40, pausedMinutes: 0, diffMinutes: -10, outcome: 'breached', targetMinutes: 30, superseded: [] },
    };
    const departmentsByMetric = async () => Object.fromEntries((await projection.rows<ClockRow>('clock')).map((c) => [c.metric, c.departmentId]));

    it('keeps a recording-delay clock and its breach with the department that registered the demand when another is assigned it', async () => {
      const case1 = eventStream<TrackedCaseEvent>(trackedCaseStream('d-1'));
      const c1 = eventStream<ClockEvent>(clockStream(CLOCK_ID));
      const registeredByCustomerService: TrackedCaseEvent = { ...tracked, data: { ...tracked.data, registeringDepartmentId: 'customer-service' } } as TrackedCaseEvent;
      await projection.apply([case1(registeredByCustomerService), c1(started), recording(recordingStarted), recording(recordingBreached), recording(recordingStopped)]);
      expect(await departmentsByMetric()).toEqual({ resolution: null, 'recording-delay': 'customer-service' });

      await projection.apply([case1(assignedTo('tech-support')), case1(assignedTo('field-service'))]);

      expect(await departmentsByMetric()).toEqual({ resolution: 'field-service', 'recording-delay': 'customer-service' });
      expect(await projection.rows<BreachRow>('breach')).toEqual([expect.objectContaining({ clockId: RECORDING_ID, metric: 'recording-delay', departmentId: 'customer-service', period: '2026-03' })]);
      expect(await projection.rows<CaseRow>('case')).toEqual([{ caseId: 'd-1', departmentId: 'field-service', ownerId: 'tech-1', registeringDepartmentId: 'customer-service' }]);
    });

    it('lets a recording-delay clock follow the assignment when the registration did not say who registered the demand', async () => {
      const case1 = eventStream<TrackedCaseEvent>(trackedCaseStream('d-1'));
      await projection.apply([case1(tracked), recording(recordingStarted), recording(recordingBreached), case1(assignedTo('tech-support'))]);
      expect(await departmentsByMetric()).toEqual({ 'recording-delay': 'tech-support' });
      expect(await projection.rows<BreachRow>('breach')).toEqual([expect.objectContaining({ departmentId: 'tech-support' })]);
    });
  });

  it('reopens the warning and the breach when a new target has not passed them, and takes the breach back', async () => {
    const c1 = eventStream<ClockEvent>(clockStream(CLOCK_ID));
    await projection.apply([c1(started), c1(warned), c1(breached)]);

    await projection.apply([
      c1({
        type: 'ClockRetargeted',
        data: {
          clockId: CLOCK_ID,
          reason: 'Priority P3 → P4',
          previous: { target, calendar: { calendarId: 'shanghai', version: 2 } },
          target: { ...target, targetMinutes: 960 },
          calendar: { calendarId: 'shanghai', version: 2 },
          retargetedAt: '2026-03-31T17:00:00.000Z',
          usedMinutes: 300,
          deadlineAt: '2026-04-01T08:00:00.000Z',
          due: [],
          superseded: [],
          reopened: ['warning', 'breach'],
        },
      }),
    ]);

    expect(await clock()).toMatchObject({ warned: false, breached: false, targetMinutes: 960, deadlineAt: '2026-04-01T08:00:00.000Z', status: 'running' });
    expect(await projection.rows('breach')).toEqual([]);
  });

  it('records a pause, a resumption with its new deadline, and how the clock stopped', async () => {
    const c1 = eventStream<ClockEvent>(clockStream(CLOCK_ID));
    await projection.apply([
      c1(started),
      c1({ type: 'ClockPaused', data: { clockId: CLOCK_ID, waitingState: 'waiting-on-customer', pausedAt: '2026-03-31T07:00:00.000Z', superseded: [] } }),
    ]);
    expect(await clock()).toMatchObject({ status: 'paused', deadlineAt: '2026-03-31T10:00:00.000Z' });

    await projection.apply([
      c1({ type: 'ClockResumed', data: { clockId: CLOCK_ID, waitingState: 'waiting-on-customer', resumedAt: '2026-03-31T08:00:00.000Z', pausedMinutes: 60, deadlineAt: '2026-03-31T11:00:00.000Z', due: [] } }),
      c1({ type: 'ClockStopped', data: { clockId: CLOCK_ID, stoppedAt: '2026-03-31T10:30:00.000Z', usedMinutes: 210, pausedMinutes: 60, diffMinutes: 30, outcome: 'met', targetMinutes: 240, superseded: [] } }),
    ]);

    expect(await clock()).toMatchObject({
      status: 'stopped',
      outcome: 'met',
      deadlineAt: '2026-03-31T11:00:00.000Z',
      stoppedAt: '2026-03-31T10:30:00.000Z',
      usedMinutes: 210,
      pausedMinutes: 60,
      diffMinutes: 30,
    });
  });

  it('records when a clock was cancelled', async () => {
    const c1 = eventStream<ClockEvent>(clockStream(CLOCK_ID));
    await projection.apply([c1(started), c1({ type: 'ClockCancelled', data: { clockId: CLOCK_ID, reason: 'Withdrawn', cancelledAt: '2026-03-31T08:00:00.000Z', superseded: [] } })]);

    expect(await clock()).toMatchObject({ status: 'cancelled', stoppedAt: '2026-03-31T08:00:00.000Z', outcome: null });
  });

  it('changes nothing when events are delivered again', async () => {
    const c1 = eventStream<ClockEvent>(clockStream(CLOCK_ID));
    const case1 = eventStream<TrackedCaseEvent>(trackedCaseStream('d-1'));
    const events = [case1(tracked), case1(assignedTo('tech-support')), c1(started), c1(warned), c1(breached)];
    await projection.apply(events);
    const once = { clocks: await projection.rows('clock'), cases: await projection.rows('case'), breaches: await projection.rows('breach') };

    await projection.apply(events);

    expect({ clocks: await projection.rows('clock'), cases: await projection.rows('case'), breaches: await projection.rows('breach') }).toEqual(once);
    expect(once.cases).toEqual([expect.objectContaining({ departmentId: 'tech-support' })]);
  });
});
