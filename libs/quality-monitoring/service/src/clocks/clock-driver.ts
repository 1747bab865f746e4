import { Commands } from '@serviceledger/platform/nest';
import { DEMAND_REGISTERED_V1, DEMAND_REGISTERED_V2 } from '@serviceledger/intake/contracts';
import {
  BusinessCalendar,
  CalendarRef,
  ClockCommand,
  ClockSignal,
  Metric,
  Policy,
  SlaClock,
  TrackedCaseState,
  clockIdFor,
  clockSignalLogs,
  clockSignalsStream,
  deliveryCaseLinks,
  slaClocks,
  trackedCases,
} from '@serviceledger/quality-monitoring/domain';
import { planProblemCommands } from './after-sales-planner';
import { THIRD_PARTY_WAIT, planPartnerWaitCommands } from './partner-wait-planner';
import { CASE_METRICS, CaseSnapshot, NextUpdateCycle, PlannedCommand, caseIdOf, problemIdOf, deliveryCaseIdOf, demandIdOfDelivery, metadataFor, planClockCommands } from './clock-planner';

/** What clocks are decided under: the active policies, and the calendars. */
export interface ClockRules {
  policies: Policy[];
  /** A calendar at the version a clock runs under. */
  calendarAt(ref: CalendarRef): BusinessCalendar;
  /** A calendar as it is now, for a new target. */
  currentCalendar(calendarId: string): BusinessCalendar | undefined;
}

/**
 * Drives a demand's clocks from one message: keeps the message among the demand's clock signals, reads
 * what the plan needs (the case, its clocks, its delivery link), and sends the plan. The live consumer
 * runs it on the service's event store under the registry's policies; a recomputation runs it on a
 * scratch in-memory store under other policies, so both decide the clocks by the same code.
 */
export class ClockDriver {
  constructor(
    private readonly commands: Commands,
    private readonly rules: () => Promise<ClockRules>,
  ) {}

  async handle(message: ClockSignal): Promise<void> {
    const deliveryCaseId = deliveryCaseIdOf(message);
    const demandId = deliveryCaseId ? await this.demandOfDelivery(message, deliveryCaseId) : caseIdOf(message);
    // Before its case.opened a delivery case delivers no known demand: nothing to drive.
    if (!demandId) return;
    const stream = clockSignalsStream(demandId);
    const recorded = await this.commands.decide(clockSignalLogs, {
      type: 'RecordClockSignal',
      data: { demandId, signal: { id: message.id, type: message.type, data: message.data, time: message.time, ...(message.extensions ? { extensions: message.extensions } : {}) } },
      metadata: metadataFor(message, stream, message.time),
    });
    await this.apply(message, demandId, deliveryCaseId);
    if (message.type === DEMAND_REGISTERED_V1.type || message.type === DEMAND_REGISTERED_V2.type) {
      // Service-delivery's facts that arrived before the registration (another topic) found no case to drive.
      const signals = recorded.state.signals;
      for (const earlier of signals.slice(0, signals.findIndex((s) => s.id === message.id))) {
        const earlierCaseId = deliveryCaseIdOf(earlier);
        if (earlierCaseId) await this.apply(earlier, demandId, earlierCaseId);
      }
    }
  }

  private async demandOfDelivery(message: ClockSignal, deliveryCaseId: string): Promise<string | undefined> {
    return demandIdOfDelivery(message) ?? (await this.commands.state(deliveryCaseLinks, deliveryCaseId))?.demandId;
  }

  private async apply(message: ClockSignal, demandId: string, deliveryCaseId: string | undefined): Promise<void> {
    const snapshot = await this.snapshot(demandId);
    const problemId = problemIdOf(message);
    if (problemId) {
      await this.send(planProblemCommands(message, { ...snapshot, problem: await this.problem(problemId) }));
      return;
    }
    await this.send(planClockCommands(message, deliveryCaseId ? { ...snapshot, deliveryCase: { deliveryCaseId, demandId } } : snapshot));
    await this.send(planPartnerWaitCommands(message, snapshot));
  }

  /** An after-sales problem, tracked as a case of its own, with its time-to-own clock and resolution cycles. */
  private async problem(problemId: string): Promise<NonNullable<CaseSnapshot['problem']>> {
    return {
      problemId,
      trackedCase: await this.commands.state(trackedCases, problemId),
      clocks: [...(await this.cycles(problemId, 'time-to-own', (n) => n)), ...(await this.cycles(problemId, 'resolution', (n) => n))],
    };
  }

  private async send(plan: PlannedCommand[]): Promise<void> {
    const cases = new Map<string, TrackedCaseState>();
    for (const planned of plan) {
      if (planned.kind === 'case') {
        const decided = await this.commands.decide(trackedCases, planned.command);
        cases.set(decided.id, decided.state);
      } else if (planned.kind === 'link') await this.commands.execute(deliveryCaseLinks, planned.command);
      else await this.commands.execute(slaClocks, await this.naming(planned.command, cases));
    }
  }

  /**
   * A clock command that may catch up a threshold already due names who answers for the case as it stands
   * (K-3.2), as the scheduler's due commands do: the department and owner of the tracked case, after this
   * message's own assignment.
   */
  private async naming(command: ClockCommand, cases: Map<string, TrackedCaseState>): Promise<ClockCommand> {
    if (command.type === 'StartClock' || command.type === 'RaiseClockWarning' || command.type === 'RaiseClockBreach' || command.type === 'EscalateClock') return command;
    const caseId = command.data.clockId.split('.').slice(0, -2).join('.');
    const tracked = cases.has(caseId) ? cases.get(caseId) : await this.commands.state(trackedCases, caseId);
    if (!tracked?.departmentId) return command;
    const answerable = { departmentId: tracked.departmentId, ...(tracked.ownerId ? { responsibleId: tracked.ownerId } : {}) };
    return { ...command, data: { ...command.data, answerable } } as ClockCommand;
  }

  private async snapshot(demandId: string): Promise<CaseSnapshot> {
    const [known, rules] = await Promise.all([this.commands.state(trackedCases, demandId), this.rules()]);
    const clocks: Partial<Record<Metric, SlaClock>> = {};
    for (const metric of CASE_METRICS) {
      const clock = await this.commands.state(slaClocks, clockIdFor(demandId, metric));
      if (clock) clocks[metric] = clock;
    }
    // Numbered cycles run from delivery start and each report; the others after each rejected round.
    const nextUpdateClocks = [
      ...(await this.cycles(demandId, 'next-update', (n) => n)),
      ...(await this.cycles(demandId, 'next-update', (n): NextUpdateCycle => `after-rejection-${n}`)),
    ];
    const thirdPartyWaitClocks = await this.cycles(demandId, THIRD_PARTY_WAIT, (n) => n);
    return { trackedCase: known, clocks, nextUpdateClocks, thirdPartyWaitClocks, policies: rules.policies, calendarAt: rules.calendarAt, currentCalendar: rules.currentCalendar };
  }

  /** A case's clocks of one metric and series, cycle 1, 2, … up to the first that does not exist. */
  private async cycles(caseId: string, metric: Metric, cycleOf: (n: number) => NextUpdateCycle): Promise<SlaClock[]> {
    const found: SlaClock[] = [];
    for (let n = 1; ; n++) {
      const clock = await this.commands.state(slaClocks, clockIdFor(caseId, metric, cycleOf(n)));
      if (!clock) return found;
      found.push(clock);
    }
  }
}
