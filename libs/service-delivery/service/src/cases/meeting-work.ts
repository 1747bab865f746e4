import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError, RuleViolation } from '@serviceledger/platform/core';
import { accessScope, canSee } from '@serviceledger/platform/auth';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { CompleteMeetingAction, ProjectMeetingEvent, RecordProjectMeeting, projectMeetings } from '@serviceledger/service-delivery/domain';
import { streamView } from '../stream-view';
import { CaseAccess } from './case-access';

/** Whom a meeting concerns, as its minutes recorded it: its case, or the departments that reported at it. */
interface MeetingAudience {
  caseId?: string;
  departments: string[];
}

const meetingAudience = streamView(projectMeetings, {
  initialState: (): MeetingAudience | null => null,
  evolve: (audience: MeetingAudience | null, event: ProjectMeetingEvent) =>
    audience ?? (event.type === 'ProjectMeetingRecorded' ? { caseId: event.data.caseId, departments: event.data.reports.map((r) => r.departmentId) } : null),
});

/**
 * C-1.1: a meeting about a case is scoped by it; a departmental meeting (weekly, monthly) stands alone and
 * is scoped by the departments that report at it: a department's staff record and follow up their own
 * departments' meetings, cross-department roles any. Whoever records speaks only for the departments
 * they are in (cross-department roles for any), so no report, and no action, goes in another's name;
 * who may complete an action is the meeting decider's rule.
 */
@Injectable()
export class MeetingWork {
  constructor(
    private readonly commands: Commands,
    private readonly access: CaseAccess,
  ) {}

  async record(command: RecordProjectMeeting): Promise<CommandAccepted> {
    const { caseId, reports } = command.data;
    const { actor } = command.metadata;
    const scope = accessScope(actor);
    const departments = reports.map((r) => r.departmentId);
    if (caseId) await this.access.caseFor(actor, caseId);
    else if (!canSee(scope, { departments })) {
      throw new RuleViolation('meeting-of-other-departments', `${actor.userId} records the meetings of their own departments; none of theirs reports at this one (C-1.1)`);
    }
    const others = [...new Set(departments.filter((department) => !canSee(scope, { departments: [department] })))];
    if (others.length > 0) {
      throw new RuleViolation('report-for-other-department', `${actor.userId} reports for their own departments only, not for ${others.join(', ')} (C-1.1)`);
    }
    return this.commands.execute(projectMeetings, command);
  }

  async completeAction(command: CompleteMeetingAction): Promise<CommandAccepted> {
    await this.ensureMeetingVisible(command.metadata.actor, command.data.meetingId);
    return this.commands.execute(projectMeetings, command);
  }

  private async ensureMeetingVisible(actor: Actor, meetingId: string): Promise<void> {
    const audience = await this.commands.state(meetingAudience, meetingId);
    const meeting = { name: projectMeetings.name, id: meetingId };
    if (audience?.caseId) return this.access.ensureMayActOnPartOf(actor, audience.caseId, meeting);
    if (!audience || !canSee(accessScope(actor), { departments: audience.departments })) throw new NotFoundError(meeting.name, meeting.id);
  }
}
