import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, ProjectionTables, TableSpec, aggregateStatesTable, foldEvent, namedIn } from '@serviceledger/platform/read-models';
import { ClockEvent, DEFAULT_TIME_ZONE, Metric, SlaClock, localDateOf, slaClock, trackedCase } from '@serviceledger/quality-monitoring/domain';
import { BreachRow, CaseRow, ClockRow } from './clock-rows';

export const CLOCKS_PROJECTION = 'quality-monitoring.clocks';

const CASE_STREAMS = 'quality-monitoring.case-';

const str = { type: String, nullable: true };
const int = { type: Number, nullable: true };

/** Which clock, of which case, measuring what, for which department: a clock's row and its breaches' rows alike. */
const clockKeyColumns = {
  clockId: { type: String, primary: true, name: 'clock_id' },
  caseId: { type: String, name: 'case_id' },
  caseKind: { type: String, name: 'case_kind' },
  metric: { type: String },
  departmentId: { ...str, name: 'department_id' },
};

/** Live clocks (with their folded state, to tell time left), the cases' departments, and breaches. */
export const clocksProjection: ProjectionDefinition = {
  name: CLOCKS_PROJECTION,
  // 2: clocks and cases fold their deciders' states beside the rows. 3: recording delay is the registering department's.
  version: 3,
  filter: { streamPrefixes: ['quality-monitoring.clock-', CASE_STREAMS] },
  tables: {
    clock: {
      columns: {
        ...clockKeyColumns,
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
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['caseId'] }, { columns: ['departmentId', 'status'] }, { columns: ['metric', 'status'] }],
    } satisfies TableSpec<ClockRow>,
    case: {
      columns: {
        caseId: { type: String, primary: true, name: 'case_id' },
        departmentId: { ...str, name: 'department_id' },
        ownerId: { ...str, name: 'owner_id' },
        registeringDepartmentId: { ...str, name: 'registering_department_id' },
      },
    } satisfies TableSpec<CaseRow>,
    breach: {
      columns: {
        ...clockKeyColumns,
        dueAt: { type: String, name: 'due_at' },
        raisedAt: { type: String, name: 'raised_at' },
        period: { type: String },
        targetMinutes: { type: Number, name: 'target_minutes' },
      },
      indices: [{ columns: ['period', 'departmentId'] }],
    } satisfies TableSpec<BreachRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    const caseIds = namedIn(events, 'caseId');
    await tables.table<CaseRow>('case').load(caseIds);
    await tables.table<ClockRow>('clock').load([...caseIds, ...namedIn(events, 'clockId')]);
    await tables.table<BreachRow>('breach').load(caseIds);
    for (const event of events) {
      if (event.stream.startsWith(CASE_STREAMS)) await applyCaseEvent(event, tables);
      else await applyClockEvent(event as EventEnvelope & ClockEvent, tables);
    }
  },
};

/**
 * 二(一)2 "客服人員接到客戶需求后，應詳細、準確地記錄": recording is the duty of the department that registered
 * the demand, not of the one it is later assigned to.
 */
const RECORDING_DELAY: Metric = 'recording-delay';

/**
 * A case's department, as the tracked case has it, is the department of its clocks and of breaches not yet
 * counted against one; but a recording-delay clock stays with the department that registered the case.
 */
async function applyCaseEvent(event: EventEnvelope, tables: ProjectionTables): Promise<void> {
  const folded = await foldEvent(tables, event, trackedCase);
  if (!folded?.after) return;
  const { caseId, departmentId, ownerId, registeringDepartmentId } = folded.after;
  const row: CaseRow = { caseId, departmentId: departmentId ?? null, ownerId: ownerId ?? null, registeringDepartmentId: registeringDepartmentId ?? null };
  tables.table<CaseRow>('case').upsert(row);
  if (!departmentId || departmentId === folded.before?.departmentId) return;
  const followsAssignment = (row: ClockRow | BreachRow) => !registeringDepartmentId || row.metric !== RECORDING_DELAY;
  const clocks = tables.table<ClockRow>('clock');
  for (const clock of await clocks.find({ caseId })) if (followsAssignment(clock)) clocks.upsert({ ...clock, departmentId });
  const breaches = tables.table<BreachRow>('breach');
  for (const breach of await breaches.find({ caseId })) if (breach.departmentId === null && followsAssignment(breach)) breaches.upsert({ ...breach, departmentId });
}

/** The department a new clock of the case answers to. */
function departmentOf(metric: Metric, known: CaseRow | null): string | null {
  if (metric === RECORDING_DELAY && known?.registeringDepartmentId) return known.registeringDepartmentId;
  return known?.departmentId ?? null;
}

async function applyClockEvent(event: EventEnvelope & ClockEvent, tables: ProjectionTables): Promise<void> {
  const folded = await foldEvent(tables, event, slaClock);
  if (!folded?.after) return;
  const clock = folded.after;
  const clocks = tables.table<ClockRow>('clock');
  const previous = (await clocks.get({ clockId: clock.clockId })) ?? null;
  const departmentId = previous ? previous.departmentId : departmentOf(clock.metric, (await tables.table<CaseRow>('case').get({ caseId: clock.caseId })) ?? null);
  clocks.upsert({ ...clockColumns(clock), departmentId, deadlineAt: deadlineAfter(event, previous), updatedAt: event.occurredAt });
  const breaches = tables.table<BreachRow>('breach');
  if (event.type === 'ClockBreached') {
    breaches.upsert({
      clockId: clock.clockId,
      caseId: clock.caseId,
      caseKind: clock.caseKind,
      metric: clock.metric,
      departmentId,
      dueAt: event.data.dueAt,
      raisedAt: event.data.raisedAt,
      period: localDateOf(DEFAULT_TIME_ZONE, event.data.dueAt).slice(0, 7),
      targetMinutes: event.data.targetMinutes,
    });
  } else if (folded.before?.raised.includes('breach') && !clock.raised.includes('breach')) {
    await breaches.delete({ clockId: clock.clockId });
  }
}

/** The row as the clock's state has it: what it has raised, how it ended, and the state itself to read time left. */
function clockColumns(clock: SlaClock): Omit<ClockRow, 'departmentId' | 'deadlineAt' | 'updatedAt'> {
  return {
    clockId: clock.clockId,
    caseId: clock.caseId,
    caseKind: clock.caseKind,
    metric: clock.metric,
    status: clock.status,
    warned: clock.raised.includes('warning'),
    breached: clock.raised.includes('breach'),
    outcome: clock.result?.outcome ?? null,
    targetMinutes: clock.target.targetMinutes,
    startedAt: clock.startedAt,
    stoppedAt: clock.result?.stoppedAt ?? (clock.status === 'cancelled' ? clock.lastAt : null),
    usedMinutes: clock.result?.usedMinutes ?? null,
    pausedMinutes: clock.result?.pausedMinutes ?? null,
    diffMinutes: clock.result?.diffMinutes ?? null,
    policyId: clock.target.policy?.policyId ?? null,
    policyVersion: clock.target.policy?.version ?? null,
    calendarId: clock.calendar?.calendarId ?? null,
    calendarVersion: clock.calendar?.version ?? null,
    state: JSON.stringify(clock),
  };
}

/** The decider keeps no deadline (it reads time left from its runs): the events that move it carry it. */
function deadlineAfter(event: EventEnvelope & ClockEvent, previous: ClockRow | null): string | null {
  switch (event.type) {
    case 'ClockStarted':
      return event.data.deadlineAt;
    case 'ClockResumed':
      return event.data.deadlineAt ?? previous?.deadlineAt ?? null;
    case 'ClockRetargeted':
      return event.data.deadlineAt ?? null;
    default:
      return previous?.deadlineAt ?? null;
  }
}
