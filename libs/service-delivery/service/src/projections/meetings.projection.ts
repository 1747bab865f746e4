import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, ProjectionTables, TableSpec, aggregateStatesTable, foldEvent, namedIn } from '@serviceledger/platform/read-models';
import { CustomerDataErased, ProjectMeeting, ProjectMeetingEvent, ServiceCaseOpened, customerErasures, projectMeeting } from '@serviceledger/service-delivery/domain';
import { eraseMeetingMinutes } from './meeting-erasure';
import { MeetingActionRow, MeetingCaseDepartmentRow, MeetingReportRow, MeetingRow } from './meeting-rows';

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
  // 2: meetings fold the meeting decider's state.
  version: 2,
  filter: {
    streamPrefixes: ['service-delivery.case-', 'service-delivery.meeting-', customerErasures.streamPrefix],
    eventTypes: ['ServiceCaseOpened', 'ProjectMeetingRecorded', 'MeetingActionCompleted', 'CustomerDataErased'],
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
      },
      indices: [{ columns: ['ownerId'] }],
    } satisfies TableSpec<MeetingActionRow>,
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
        });
      }
      break;
    }
    case 'MeetingActionCompleted': {
      const { meetingId, actionNumber, outcome, late, completedBy, completedAt } = event.data;
      await actions.update({ meetingId, actionNumber }, { done: isDone(meeting, actionNumber), outcome, late, completedBy, completedAt });
      break;
    }
  }
}

function isDone(meeting: ProjectMeeting, actionNumber: number): boolean {
  return meeting.actions.some((a) => a.actionNumber === actionNumber && a.done);
}
