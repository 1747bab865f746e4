import { EventEnvelope } from '@serviceledger/platform/core';
import { ProjectionDefinition, ProjectionTables } from '@serviceledger/platform/read-models';
import { IsNull } from 'typeorm';
import {
  ClockEvent,
  DEFAULT_TIME_ZONE,
  SlaClock,
  TrackedCaseEvent,
  localDateOf,
  slaClock,
} from '@serviceledger/quality-monitoring/domain';
import { BreachRow, CaseRow, ClockRow } from './clock-rows';

export const CLOCKS_PROJECTION = 'quality-monitoring.clocks';

const str = { type: String, nullable: true };
const int = { type: Number, nullable: true };

/** Live clocks (with their folded state, to tell time left), the cases' departments, and breaches. */
export const clocksProjection: ProjectionDefinition = {
  name: CLOCKS_PROJECTION,
  version: 1,
  filter: { streamPrefixes: ['quality-monitoring.clock-', 'quality-monitoring.case-'] },
  tables: {
    clock: {
      columns: {
        clockId: { type: String, primary: true, name: 'clock_id' },
        caseId: { type: String, name: 'case_id' },
        caseKind: { type: String, name: 'case_kind' },
        metric: { type: String },
        departmentId: { ...str, name: 'department_id' },
        status: { type: String },
        warned: { type: Boolean, default: false },
        breached: { type: Boolean, default: false },
        outcome: { ...str },
        targetMinutes: { type: Number, name: 'target_minutes' },
        startedAt: { type: String, name: 'started_at' },
        deadlineAt: { ...str, name: 'deadline_at' },
        stoppedAt: { ...str, name: 'stopped_at' },
        usedMinutes: { ...int, name: 'used_minutes' },
        pausedMinutes: { ...int, name: 'paused_minutes' },
        diffMinutes: { ...int, name: 'diff_minutes' },
        policyId: { ...str, name: 'policy_id' },
        policyVersion: { ...int, name: 'policy_version' },
        calendarId: { ...str, name: 'calendar_id' },
        calendarVersion: { ...int, name: 'calendar_version' },
        state: { type: 'text' },
        position: { type: Number },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['caseId'] }, { columns: ['departmentId', 'status'] }, { columns: ['metric', 'status'] }],
    },
    case: {
      columns: {
        caseId: { type: String, primary: true, name: 'case_id' },
        departmentId: { ...str, name: 'department_id' },
        ownerId: { ...str, name: 'owner_id' },
      },
    },
    breach: {
      columns: {
        clockId: { type: String, primary: true, name: 'clock_id' },
        caseId: { type: String, name: 'case_id' },
        caseKind: { type: String, name: 'case_kind' },
        metric: { type: String },
        departmentId: { ...str, name: 'department_id' },
        dueAt: { type: String, name: 'due_at' },
        raisedAt: { type: String, name: 'raised_at' },
        period: { type: String },
        targetMinutes: { type: Number, name: 'target_minutes' },
      },
      indices: [{ columns: ['period', 'departmentId'] }],
    },
  },
  async apply(events, tables) {
    for (const event of events) {
      if (event.stream.startsWith('quality-monitoring.case-')) await applyCaseEvent(event as EventEnvelope & TrackedCaseEvent, tables);
      else await applyClockEvent(event as EventEnvelope & ClockEvent, tables);
    }
  },
};

async function applyCaseEvent(event: EventEnvelope & TrackedCaseEvent, tables: ProjectionTables): Promise<void> {
  const cases = tables.repository<CaseRow>('case');
  const { caseId } = event.data;
  switch (event.type) {
    case 'CaseTracked':
      await cases.upsert({ caseId, departmentId: null, ownerId: null }, ['caseId']);
      break;
    case 'CaseAssigned': {
      const { departmentId, ownerId } = event.data;
      await cases.upsert({ caseId, departmentId, ownerId: ownerId ?? null }, ['caseId']);
      await tables.repository<ClockRow>('clock').update({ caseId }, { departmentId });
      await tables.repository<BreachRow>('breach').update({ caseId, departmentId: IsNull() }, { departmentId });
      break;
    }
    case 'CaseFactsChanged':
      break;
  }
}

async function applyClockEvent(event: EventEnvelope & ClockEvent, tables: ProjectionTables): Promise<void> {
  const clocks = tables.repository<ClockRow>('clock');
  const { clockId } = event.data;
  const row = await clocks.findOneBy({ clockId });
  if (row && row.position >= event.streamPosition) return;
  const before: SlaClock | null = row ? (JSON.parse(row.state) as SlaClock) : null;
  const clock = slaClock.evolve(before, { type: event.type, data: event.data } as ClockEvent);
  if (!clock) return;
  const changes: Partial<ClockRow> = {
    status: clock.status,
    targetMinutes: clock.target.targetMinutes,
    policyId: clock.target.policy?.policyId ?? null,
    policyVersion: clock.target.policy?.version ?? null,
    calendarId: clock.calendar?.calendarId ?? null,
    calendarVersion: clock.calendar?.version ?? null,
    state: JSON.stringify(clock),
    position: event.streamPosition,
    updatedAt: event.occurredAt,
  };
  switch (event.type) {
    case 'ClockStarted': {
      const known = await tables.repository<CaseRow>('case').findOneBy({ caseId: clock.caseId });
      await clocks.upsert(
        {
          clockId,
          caseId: clock.caseId,
          caseKind: clock.caseKind,
          metric: clock.metric,
          departmentId: known?.departmentId ?? null,
          warned: false,
          breached: false,
          outcome: null,
          startedAt: clock.startedAt,
          deadlineAt: event.data.deadlineAt,
          stoppedAt: null,
          usedMinutes: null,
          pausedMinutes: null,
          diffMinutes: null,
          status: clock.status,
          targetMinutes: clock.target.targetMinutes,
          policyId: changes.policyId as string | null,
          policyVersion: changes.policyVersion as number | null,
          calendarId: changes.calendarId as string | null,
          calendarVersion: changes.calendarVersion as number | null,
          state: changes.state as string,
          position: event.streamPosition,
          updatedAt: event.occurredAt,
        },
        ['clockId'],
      );
      return;
    }
    case 'ClockResumed':
      if (event.data.deadlineAt) changes.deadlineAt = event.data.deadlineAt;
      break;
    case 'ClockRetargeted':
      changes.deadlineAt = event.data.deadlineAt ?? null;
      if (event.data.reopened.includes('warning')) changes.warned = false;
      if (event.data.reopened.includes('breach')) {
        changes.breached = false;
        await tables.repository<BreachRow>('breach').delete({ clockId });
      }
      break;
    case 'ClockWarningReached':
      changes.warned = true;
      break;
    case 'ClockBreached': {
      changes.breached = true;
      await tables.repository<BreachRow>('breach').upsert(
        {
          clockId,
          caseId: clock.caseId,
          caseKind: clock.caseKind,
          metric: clock.metric,
          departmentId: row?.departmentId ?? null,
          dueAt: event.data.dueAt,
          raisedAt: event.data.raisedAt,
          period: localDateOf(DEFAULT_TIME_ZONE, event.data.dueAt).slice(0, 7),
          targetMinutes: event.data.targetMinutes,
        },
        ['clockId'],
      );
      break;
    }
    case 'ClockStopped':
      Object.assign(changes, {
        outcome: event.data.outcome,
        stoppedAt: event.data.stoppedAt,
        usedMinutes: event.data.usedMinutes,
        pausedMinutes: event.data.pausedMinutes,
        diffMinutes: event.data.diffMinutes,
      });
      break;
    case 'ClockCancelled':
      changes.stoppedAt = event.data.cancelledAt;
      break;
    default:
      break;
  }
  await clocks.update({ clockId }, changes);
}
