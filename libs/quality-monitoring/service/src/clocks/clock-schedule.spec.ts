import { EventEnvelope } from '@serviceledger/platform/core';
import { ClockEvent, DueInstant, scheduleKey } from '@serviceledger/quality-monitoring/domain';
import { clockSchedule } from './clock-schedule';

const CLOCK = 'd-1.first-response.1';
const warning: DueInstant = { key: 'warning', kind: 'warning', dueAt: '2026-11-30T05:30:00.000Z', thresholdMinutes: 180 };
const breach: DueInstant = { key: 'breach', kind: 'breach', dueAt: '2026-11-30T06:30:00.000Z', thresholdMinutes: 240 };
const escalation: DueInstant = {
  key: 'escalation:60:notify-department-head',
  kind: 'escalation',
  dueAt: '2026-11-30T07:30:00.000Z',
  thresholdMinutes: 300,
  step: { offsetMinutes: 60, action: 'notify-department-head' },
};

const envelope = (event: ClockEvent): EventEnvelope => ({
  id: 'e',
  type: event.type,
  data: event.data,
  stream: `quality-monitoring.clock-${CLOCK}`,
  streamPosition: 0,
  checkpoint: '1',
  occurredAt: '2026-11-30T01:00:00.000Z',
  metadata: { correlationId: 'c', causationId: 'c', actor: { userId: 'u', roles: [], departments: [] }, schemaVersion: 1 },
});

describe('the clocks’ schedule', () => {
  it('plans one due command per pending instant of a started clock, keyed by clock, threshold and instant', () => {
    const changes = clockSchedule.changes(
      envelope({
        type: 'ClockStarted',
        data: {
          clockId: CLOCK,
          caseId: 'd-1',
          caseKind: 'demand',
          metric: 'first-response',
          target: { targetMinutes: 240, warningThreshold: 0.75, escalations: [], pauseOn: [] },
          startedAt: '2026-11-30T01:00:00.000Z',
          countsFrom: '2026-11-30T01:00:00.000Z',
          deadlineAt: '2026-11-30T06:30:00.000Z',
          due: [warning, breach, escalation],
        },
      }),
    );
    expect(changes).toEqual([
      { plan: { key: `${CLOCK}:warning:2026-11-30T05:30:00.000Z`, dueAt: warning.dueAt, type: 'RaiseClockWarning', data: { clockId: CLOCK, dueAt: warning.dueAt } } },
      { plan: { key: `${CLOCK}:breach:2026-11-30T06:30:00.000Z`, dueAt: breach.dueAt, type: 'RaiseClockBreach', data: { clockId: CLOCK, dueAt: breach.dueAt } } },
      {
        plan: {
          key: scheduleKey(CLOCK, escalation),
          dueAt: escalation.dueAt,
          type: 'EscalateClock',
          data: { clockId: CLOCK, key: escalation.key, dueAt: escalation.dueAt },
        },
      },
    ]);
  });

  it('cancels what a pause, a stop or a cancellation supersedes, and re-plans a re-target', () => {
    expect(clockSchedule.changes(envelope({ type: 'ClockPaused', data: { clockId: CLOCK, waitingState: 'waiting-on-customer', pausedAt: '2026-11-30T02:00:00Z', superseded: [breach] } }))).toEqual([
      { cancel: scheduleKey(CLOCK, breach) },
    ]);
    const later = { ...breach, dueAt: '2026-12-01T02:00:00.000Z' };
    const retargeted = clockSchedule.changes(
      envelope({
        type: 'ClockRetargeted',
        data: {
          clockId: CLOCK,
          reason: 'Triage changed the priority P2 → P3',
          previous: { target: { targetMinutes: 60, warningThreshold: 0.75, escalations: [], pauseOn: [] } },
          target: { targetMinutes: 240, warningThreshold: 0.75, escalations: [], pauseOn: [] },
          retargetedAt: '2026-11-30T01:10:00Z',
          usedMinutes: 10,
          due: [later],
          superseded: [breach],
          reopened: [],
        },
      }),
    );
    expect(retargeted).toEqual([{ cancel: scheduleKey(CLOCK, breach) }, { plan: expect.objectContaining({ key: scheduleKey(CLOCK, later), dueAt: later.dueAt }) }]);
    expect(clockSchedule.changes(envelope({ type: 'ClockBreached', data: { clockId: CLOCK, dueAt: breach.dueAt, targetMinutes: 240, raisedAt: breach.dueAt } }))).toEqual([]);
  });
});
