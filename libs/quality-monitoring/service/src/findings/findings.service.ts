import { Injectable } from '@nestjs/common';
import { followOn } from '@serviceledger/platform/core';
import { Commands, Decided } from '@serviceledger/platform/nest';
import { CaseDirectory } from '../cases/case-directory';
import {
  ClockCommand,
  Finding,
  FindingAnswerability,
  FindingCommand,
  FindingState,
  RaiseFinding,
  clockIdFor,
  clockStream,
  deadlineClockStart,
  deadlineClockTarget,
  findings,
  slaClocks,
  trackedCaseStream,
  trackedCases,
} from '@serviceledger/quality-monitoring/domain';

export interface FindingAccepted {
  id: string;
  checkpoint?: string;
  status?: string;
  round?: number;
}

/**
 * Findings and rectification (Q-3), with the rectification deadline measured as an SLA clock
 * (`rectification-deadline`, 24×7 from the finding's raising to the deadline the responsible party set):
 * the scheduler raises its breach when the deadline passes unrectified, and the breach is reported with
 * the clocks' (`caseKind` rectification, under the finding's department). A failed re-check re-targets
 * the clock to the next round's deadline from the same start; a passed one stops it.
 *
 * Each step sends several commands in turn, each with an id derived from the request's, so a retried
 * request (Idempotency-Key) completes what a failure interrupted without repeating anything. A step on
 * a finding of another department answers 404, as reading it would (the finding's scope).
 */
@Injectable()
export class FindingsService {
  constructor(
    private readonly commands: Commands,
    private readonly cases: CaseDirectory,
  ) {}

  /** Raises a finding against a department answering for its case, or, with no case, a department it knows. */
  async raise(command: Omit<RaiseFinding, 'data'> & { data: Omit<RaiseFinding['data'], 'answerability'> }): Promise<FindingAccepted> {
    const { caseId } = command.data;
    const answerability: FindingAnswerability = caseId ? { case: await this.cases.answering(caseId) } : { knownDepartmentIds: await this.cases.knownDepartments() };
    const decided = await this.commands.decide(findings, { ...command, data: { ...command.data, answerability } });
    const raised = decided.state as Finding;
    const caseStream = trackedCaseStream(raised.findingId);
    await this.commands.execute(trackedCases, { type: 'TrackCase', data: { caseId: raised.findingId, facts: {} }, metadata: followOn(command.metadata, caseStream) });
    await this.commands.execute(trackedCases, {
      type: 'AssignCase',
      data: { caseId: raised.findingId, departmentId: raised.departmentId, ownerId: raised.responsibleId },
      metadata: followOn(command.metadata, `${caseStream}:assign`),
    });
    return accepted(decided);
  }

  async act(command: Exclude<FindingCommand, { type: 'RaiseFinding' }>): Promise<FindingAccepted> {
    const decided = await this.commands.decide(findings, command);
    const after = decided.state as Finding;
    const clockId = clockIdFor(after.findingId, 'rectification-deadline');
    const stream = clockStream(clockId);
    const metadata = followOn(command.metadata, stream);
    // A threshold these commands catch up names the finding's department and responsible person (K-3.2).
    const answerable = { departmentId: after.departmentId, responsibleId: after.responsibleId };
    let clockCommand: ClockCommand | undefined;
    if (command.type === 'SubmitRectificationMeasures') {
      const clock = await this.commands.state(slaClocks, clockId);
      const target = deadlineTarget(after, clock?.startedAt ?? clockStart(after));
      clockCommand = clock
        ? { type: 'RetargetClock', data: { clockId, target, reason: `Rectification round ${after.round}: new deadline ${after.deadline}`, answerable }, metadata }
        : {
            type: 'StartClock',
            data: { clockId, caseId: after.findingId, caseKind: 'rectification', metric: 'rectification-deadline', target },
            // The clock runs from the request for rectification: the finding's raising, to its minute.
            metadata: { ...metadata, at: clockStart(after) },
          };
    } else if (command.type === 'RecheckFinding' && after.status === 'passed') {
      clockCommand = { type: 'StopClock', data: { clockId, answerable }, metadata };
    }
    if (clockCommand) await this.commands.execute(slaClocks, clockCommand);
    return accepted(decided);
  }
}

/** The clock runs from the request for rectification: the finding's raising, to its minute (rectification-deadline.ts). */
function clockStart(state: Finding): string {
  return deadlineClockStart(state.raisedAt);
}

/** Whole minutes from the clock's start to the deadline, 24×7: the deadline is an instant. */
function deadlineTarget(state: Finding, startedAt: string) {
  return deadlineClockTarget(startedAt, state.deadline as string);
}

function accepted({ id, checkpoint, state }: Decided<FindingState>): FindingAccepted {
  return { id, checkpoint, status: state?.status, round: state?.round };
}
