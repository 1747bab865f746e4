import {
  DEMAND_CLOSED_V1,
  DEMAND_CLOSED_V2,
  DEMAND_RESOLVED_V1,
  DEMAND_RESUMED_V1,
  DEMAND_WAITING_ON_THIRD_PARTY_V1,
  DEMAND_WITHDRAWN_V1,
  DEMAND_WITHDRAWN_V2,
  IntakeContractEvent,
  findIntakeContract,
} from '@serviceledger/intake/contracts';
import { CaseKind, ClockCommand, ClockSignal, Metric, SlaClock, resolveTargets } from '@serviceledger/quality-monitoring/domain';
import { CaseSnapshot, PlannedCommand, calendarFor, commandBuilders, demandEndedReason, isLive, startOn } from './clock-planner';

/** How long a partner holds the next step of a demand (C-3.1): measured against the partner's UC policy. */
export const THIRD_PARTY_WAIT: Metric = 'third-party-wait';

/**
 * Turns intake's messages about a wait on a partner into the commands for its clock, beside the demand's
 * own clocks (`planClockCommands`), pure:
 *
 *   demand.waiting-on-third-party  with a `partnerId`: StartClock third-party-wait, the n-th wait of the
 *                                  demand measured, on the target of the UC policy that matches the wait
 *                                  (the partner's, from its agreement's service standards, for the demand's
 *                                  priority); no partner named, or no UC policy for it: nothing is measured
 *   demand.resumed                 the wait on the third party ended: StopClock (met or breached)
 *   demand.resolved                resolving ends the wait: StopClock
 *   demand.withdrawn / closed      CancelClock
 *
 * A wait clock never pauses. A redelivered wait (a clock started at its `since` exists) starts nothing.
 */
export function planPartnerWaitCommands(message: ClockSignal, snapshot: CaseSnapshot): PlannedCommand[] {
  if (!findIntakeContract(message.type)) return [];
  const event = { type: message.type, data: message.data } as IntakeContractEvent;
  const caseId = (event.data as { demandId: string }).demandId;
  const waits = snapshot.thirdPartyWaitClocks ?? [];
  const { clockCommand } = commandBuilders(message, caseId);
  const end = (at: string, build: (clock: SlaClock) => Omit<ClockCommand, 'metadata'>): PlannedCommand[] =>
    waits
      .map((clock, index) => ({ clock, cycle: index + 1 }))
      .filter(({ clock }) => isLive(clock) && clock.startedAt <= at)
      .map(({ clock, cycle }) => clockCommand(THIRD_PARTY_WAIT, at, () => build(clock), cycle));
  const stop = (clock: SlaClock): Omit<ClockCommand, 'metadata'> => ({ type: 'StopClock', data: { clockId: clock.clockId, ...calendarFor(snapshot, clock) } });
  switch (event.type) {
    case DEMAND_WAITING_ON_THIRD_PARTY_V1.type: {
      const { partnerId, since } = event.data;
      const known = snapshot.trackedCase;
      if (!partnerId || !known || waits.some((clock) => clock.startedAt === since)) return [];
      const target = resolveTargets(snapshot.policies, { ...known.facts, partnerId }, { kinds: ['UC'] })[THIRD_PARTY_WAIT];
      if (!target) return [];
      return [clockCommand(THIRD_PARTY_WAIT, since, startOn(snapshot, caseId, caseKindOf(known.facts.demandKind), target), waits.length + 1)];
    }
    case DEMAND_RESUMED_V1.type:
      return event.data.waitedOn === 'third-party' ? end(event.data.resumedAt, stop) : [];
    case DEMAND_RESOLVED_V1.type:
      return end(event.data.resolvedAt, stop);
    case DEMAND_WITHDRAWN_V1.type:
    case DEMAND_WITHDRAWN_V2.type:
    case DEMAND_CLOSED_V1.type:
    case DEMAND_CLOSED_V2.type: {
      const reason = demandEndedReason(event.type);
      return end(event.data.occurredAt, (clock) => ({ type: 'CancelClock', data: { clockId: clock.clockId, reason } }));
    }
    default:
      return [];
  }
}

function caseKindOf(demandKind: string | undefined): CaseKind {
  return demandKind === 'complaint' ? 'complaint' : demandKind === 'after-sales' ? 'after-sales' : 'demand';
}
