import { ModuleRef } from '@nestjs/core';
import { EventEnvelope, causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommandSender, ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import {
  ClockAnswerable,
  ClockEvent,
  DueClockCommand,
  DueInstant,
  dueCommandFor,
  findings,
  scheduleKey,
  slaClocks,
  trackedCases,
} from '@serviceledger/quality-monitoring/domain';
import { CLOCK_ACTOR } from './clock-planner';

/**
 * The clocks' due instants (warning, breach, escalation steps) as scheduled commands: every event that
 * brings due instants plans one command per instant, keyed by `scheduleKey` (a re-planned instant is a
 * new key), and every event that supersedes instants cancels their keys. A command that fires after all
 * is judged by the decider (`judgeDueCommand`) and ignored when it no longer applies.
 */
export const clockSchedule: ScheduleDefinition = {
  name: 'quality-monitoring.clock-deadlines',
  filter: { streamPrefixes: [slaClocks.streamPrefix] },
  changes(envelope: EventEnvelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as ClockEvent;
    const { clockId } = event.data;
    const plan = (due: DueInstant[]): ScheduleChange[] =>
      due.map((d) => ({ plan: { key: scheduleKey(clockId, d), dueAt: d.dueAt, ...dueCommandFor(clockId, d) } }));
    const cancel = (superseded: DueInstant[]): ScheduleChange[] => superseded.map((d) => ({ cancel: scheduleKey(clockId, d) }));
    switch (event.type) {
      case 'ClockStarted':
      case 'ClockResumed':
        return plan(event.data.due);
      case 'ClockRetargeted':
        return [...cancel(event.data.superseded), ...plan(event.data.due)];
      case 'ClockPaused':
      case 'ClockStopped':
      case 'ClockCancelled':
        return cancel(event.data.superseded);
      default:
        return [];
    }
  },
};

/**
 * Sends a due command to its clock, at the instant it was planned for, under the scheduler's command id. A
 * warning or a breach names who answers for the case as it stands when it falls due (K-3.2): a finding's
 * department and responsible person for its rectification deadline, else the tracked case's department and owner
 * (an acceptance rectification item's: its delivery case's department).
 */
export const clockDueSender =
  (moduleRef: ModuleRef): DueCommandSender =>
  async ({ type, data, commandId, at, cause }) => {
    const commands = moduleRef.get(Commands, { strict: false });
    const due = { type, data } as Pick<DueClockCommand, 'type' | 'data'>;
    const answerable = due.type === 'EscalateClock' ? undefined : await answerableFor(commands, due.data.clockId);
    const command = {
      type,
      data: answerable ? { ...due.data, answerable } : due.data,
      metadata: causedBy(cause, { commandId, at, actor: CLOCK_ACTOR }),
    } as DueClockCommand;
    await commands.execute(slaClocks, command);
  };

async function answerableFor(commands: Commands, clockId: string): Promise<ClockAnswerable | undefined> {
  const clock = await commands.state(slaClocks, clockId);
  if (!clock) return undefined;
  if (clock.caseKind === 'rectification') {
    const finding = await commands.state(findings, clock.caseId);
    if (finding) return { departmentId: finding.departmentId, responsibleId: finding.responsibleId };
    // Not a finding's: an acceptance rectification item, tracked as a case under its delivery case's department.
  }
  const tracked = await commands.state(trackedCases, clock.caseId);
  if (!tracked?.departmentId) return undefined;
  return { departmentId: tracked.departmentId, ...(tracked.ownerId ? { responsibleId: tracked.ownerId } : {}) };
}
