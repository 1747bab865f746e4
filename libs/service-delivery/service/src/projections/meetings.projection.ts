import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, ProjectionTables, TableSpec, aggregateStatesTable, foldEvent, namedIn } from '@serviceledger/platform/read-models';
import {
  CustomerDataErased,
  DepartmentsDidNotReport,
  MeetingCadenceSet,
  MeetingMissed,
  ProjectMeeting,
  ProjectMeetingEvent,
  ServiceCaseOpened,
  customerErasures,
  meetingCadences,
  projectMeeting,
} from '@serviceledger/service-delivery/domain';
import { eraseMeetingMinutes } from './meeting-erasure';
import {
  MeetingActionRow,
  MeetingCadenceRow,
  MeetingCaseDepartmentRow,
  MeetingReportRow,
  MeetingRow,
  MissedMeetingRow,
  UnreportedDepartmentRow,
} from './meeting-rows';

export const MEETINGS_PROJECTION = 'service-delivery.meetings';

const key = (name: string) => ({ type: String, primary: true, name });
const meetingKey = key('meeting_id');
const text = { type: 'text' as const };
const optText = { type: 'text' as const, nullable: true };
const str = { type: String, nullable: true };

/** Instants as typed may carry any offset; stored in UTC they order and compare as text. */
const utc = (instant: string): string => new Date(instant).toISOString();

/**
 * Internal meetings (C-1.1) for the meeting list, the minutes and the cadence. It keeps the
 * departments of each case, from the case's opening, so a meeting about a case is scoped by it
 * without reading another projection.
 */
export const meetingsProjection: ProjectionDefinition = {
  name: MEETINGS_PROJECTION,
  // 2: meetings fold the meeting decider's state. 3: actions marked overdue, their department; the cadence, missed meetings and departments not reporting.
  version: 3,
  filter: {
    streamPrefixes: ['service-delivery.case-', 'service-delivery.meeting-', meetingCadences.streamPrefix, customerErasures.streamPrefix],
    eventTypes: [
      'ServiceCaseOpened',
      'ProjectMeetingRecorded',
      'MeetingActionCompleted',
      'MeetingActionOverdue',
      'MeetingCadenceSet',
      'MeetingMissed',
      'DepartmentsDidNotReport',
      'CustomerDataErased',
    ],
  },
  tables: {
    meeting: {
      columns: {
        meetingId: meetingKey,
        kind: { type: String },
        caseId: { ...str, name: 'case_id' },
        heldAt: { type: String, name: 'held_at' },
        attendees: { ...text },
        decisions: { ...text },
        recordedBy: { type: String, name: 'recorded_by' },
        recordedAt: { type: String, name: 'recorded_at' },
      },
      indices: [{ columns: ['heldAt'] }, { columns: ['kind', 'heldAt'] }, { columns: ['caseId'] }],
    } satisfies TableSpec<MeetingRow>,
    report: {
      columns: {
        meetingId: meetingKey,
        reportNumber: { type: Number, primary: true, name: 'report_number' },
        departmentId: { type: String, name: 'department_id' },
        progress: { ...text },
        problems: { ...text },
        solutions: { ...text },
      },
      indices: [{ columns: ['departmentId'] }],
    } satisfies TableSpec<MeetingReportRow>,
    action: {
      columns: {
        meetingId: meetingKey,
        actionNumber: { type: Number, primary: true, name: 'action_number' },
        description: { ...text },
        ownerId: { type: String, name: 'owner_id' },
        dueAt: { type: String, name: 'due_at' },
        done: { type: Boolean, default: false },
        outcome: { ...optText },
        late: { type: Boolean, nullable: true },
        completedBy: { ...str, name: 'completed_by' },
        completedAt: { ...str, name: 'completed_at' },
        departmentId: { ...str, name: 'department_id' },
        markedOverdueAt: { ...str, name: 'marked_overdue_at' },
      },
      indices: [{ columns: ['ownerId'] }, { columns: ['done', 'markedOverdueAt'] }],
    } satisfies TableSpec<MeetingActionRow>,
    cadence: {
      columns: {
        kind: key('kind'),
        version: { type: Number },
        expectedDepartments: { ...text, name: 'expected_departments' },
        setBy: { type: String, name: 'set_by' },
        setAt: { type: String, name: 'set_at' },
      },
    } satisfies TableSpec<MeetingCadenceRow>,
    missed_meeting: {
      columns: {
        kind: key('kind'),
        periodKey: key('period_key'),
        periodFrom: { type: String, name: 'period_from' },
        periodTo: { type: String, name: 'period_to' },
        endedAt: { type: String, name: 'ended_at' },
        expectedDepartments: { ...text, name: 'expected_departments' },
      },
      indices: [{ columns: ['periodTo'] }],
    } satisfies TableSpec<MissedMeetingRow>,
    unreported_department: {
      columns: {
        meetingId: meetingKey,
        departmentId: key('department_id'),
        kind: { type: String },
        periodKey: { type: String, name: 'period_key' },
        heldAt: { type: String, name: 'held_at' },
      },
      indices: [{ columns: ['heldAt'] }, { columns: ['departmentId'] }],
    } satisfies TableSpec<UnreportedDepartmentRow>,
    case_department: {
      columns: { caseId: key('case_id'), departmentId: key('department_id') },
      indices: [{ columns: ['departmentId'] }],
    } satisfies TableSpec<MeetingCaseDepartmentRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    await tables.table<MeetingActionRow>('action').load(namedIn(events, 'meetingId'));
    for (const event of events) {
      if (event.type === 'ServiceCaseOpened') await applyCaseOpened(event as EventEnvelope & ServiceCaseOpened, tables);
      else if (event.type === 'CustomerDataErased') await eraseMeetingMinutes(event as EventEnvelope & CustomerDataErased, tables);
      else if (event.stream.startsWith(meetingCadences.streamPrefix)) applyCadenceEvent(event as EventEnvelope & (MeetingCadenceSet | MeetingMissed | DepartmentsDidNotReport), tables);
      else await applyMeetingEvent(event as EventEnvelope & ProjectMeetingEvent, tables);
    }
  },
};

/** A case's departments are fixed when it opens: its opening is all this projection reads of a case. */
async function applyCaseOpened(event: EventEnvelope & ServiceCaseOpened, tables: ProjectionTables): Promise<void> {
  const d = event.data;
  const departments = tables.table<MeetingCaseDepartmentRow>('case_department');
  for (const departmentId of new Set([d.responsibleDepartmentId, ...d.departments])) {
    departments.upsert({ caseId: d.caseId, departmentId });
  }
}

/** The meeting decider keeps only which actions are done, to complete each once: the minutes are the events' own. */
async function applyMeetingEvent(event: EventEnvelope & ProjectMeetingEvent, tables: ProjectionTables): Promise<void> {
  const meeting = (await foldEvent(tables, event, projectMeeting))?.after;
  if (!meeting) return;
  const actions = tables.table<MeetingActionRow>('action');
  switch (event.type) {
    case 'ProjectMeetingRecorded': {
      const d = event.data;
      tables.table<MeetingRow>('meeting').upsert({
        meetingId: d.meetingId,
        kind: d.kind,
        caseId: d.caseId ?? null,
        heldAt: utc(d.heldAt),
        attendees: JSON.stringify(d.attendees),
        decisions: JSON.stringify(d.decisions),
        recordedBy: d.recordedBy,
        recordedAt: event.occurredAt,
      });
      for (const [index, report] of d.reports.entries()) {
        tables.table<MeetingReportRow>('report').upsert({ meetingId: d.meetingId, reportNumber: index + 1, ...report });
      }
      for (const action of d.actions) {
        actions.upsert({
          meetingId: d.meetingId,
          actionNumber: action.actionNumber,
          description: action.description,
          ownerId: action.ownerId,
          dueAt: utc(action.dueAt),
          done: isDone(meeting, action.actionNumber),
          outcome: null,
          late: null,
          completedBy: null,
          completedAt: null,
          departmentId: action.departmentId ?? null,
          markedOverdueAt: null,
        });
      }
      break;
    }
    case 'MeetingActionCompleted': {
      const { meetingId, actionNumber, outcome, late, completedBy, completedAt } = event.data;
      await actions.update({ meetingId, actionNumber }, { done: isDone(meeting, actionNumber), outcome, late, completedBy, completedAt });
      break;
    }
    case 'MeetingActionOverdue': {
      const { meetingId, actionNumber } = event.data;
      await actions.update({ meetingId, actionNumber }, { markedOverdueAt: event.occurredAt });
      break;
    }
  }
}

/** The cadence as last set, each missed meeting, and each expected department that did not report (C-1.1). */
function applyCadenceEvent(event: EventEnvelope & (MeetingCadenceSet | MeetingMissed | DepartmentsDidNotReport), tables: ProjectionTables): void {
  switch (event.type) {
    case 'MeetingCadenceSet': {
      const { kind, version, expectedDepartments, setBy, setAt } = event.data;
      tables.table<MeetingCadenceRow>('cadence').upsert({ kind, version, expectedDepartments: JSON.stringify(expectedDepartments), setBy, setAt });
      break;
    }
    case 'MeetingMissed': {
      const { kind, period, endedAt, expectedDepartments } = event.data;
      tables.table<MissedMeetingRow>('missed_meeting').upsert({
        kind,
        periodKey: period.key,
        periodFrom: period.from,
        periodTo: period.to,
        endedAt,
        expectedDepartments: JSON.stringify(expectedDepartments),
      });
      break;
    }
    case 'DepartmentsDidNotReport': {
      const { kind, periodKey, meetingId, heldAt, departmentIds } = event.data;
      for (const departmentId of departmentIds) {
        tables.table<UnreportedDepartmentRow>('unreported_department').upsert({ meetingId, departmentId, kind, periodKey, heldAt: utc(heldAt) });
      }
      break;
    }
  }
}

function isDone(meeting: ProjectMeeting, actionNumber: number): boolean {
  return meeting.actions.some((a) => a.actionNumber === actionNumber && a.done);
}
