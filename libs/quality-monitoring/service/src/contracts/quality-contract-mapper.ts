import { ContractMapper, RelayOptions, contractMessageFor } from '@serviceledger/platform/messaging';
import {
  CLOCK_BREACHED_V1,
  CLOCK_ESCALATED_V1,
  CLOCK_STOPPED_V1,
  CLOCK_WARNING_REACHED_V1,
  ClockIdentity,
  ClockMetric,
  QUALITY_MONITORING_CONTRACTS,
  QUALITY_MONITORING_SOURCE,
  QualityContractData,
} from '@serviceledger/quality-monitoring/contracts';
import { ClockEvent } from '@serviceledger/quality-monitoring/domain';

/** Keyed and subjected by the case id, so that a case's clock events stay in order on the topic. */
const message = contractMessageFor<QualityContractData>({ source: QUALITY_MONITORING_SOURCE, keyOf: (data) => data.caseId });

/**
 * Domain events of clocks → public contract events. Warning reached, breached, escalated and stopped are
 * published; starts, pauses, resumes, re-targets and cancellations stay inside the service.
 */
export const mapQualityEvent: ContractMapper = (envelope) => {
  if (!envelope.stream.startsWith('quality-monitoring.clock-')) return undefined;
  const event = { type: envelope.type, data: envelope.data } as ClockEvent;
  const identity = clockIdentity(event.data.clockId);
  const occurredAt = envelope.occurredAt;
  switch (event.type) {
    case 'ClockWarningReached': {
      const { dueAt, thresholdMinutes, targetMinutes } = event.data;
      return message(envelope, CLOCK_WARNING_REACHED_V1, { ...identity, dueAt, thresholdMinutes, targetMinutes, occurredAt });
    }
    case 'ClockBreached': {
      const { dueAt, targetMinutes } = event.data;
      return message(envelope, CLOCK_BREACHED_V1, { ...identity, dueAt, targetMinutes, occurredAt });
    }
    case 'ClockEscalated': {
      const { step, dueAt, thresholdMinutes, targetMinutes } = event.data;
      return message(envelope, CLOCK_ESCALATED_V1, {
        ...identity,
        step: {
          offsetMinutes: step.offsetMinutes,
          action: step.action,
          ...(step.observerId ? { observerId: step.observerId } : {}),
          ...(step.action === 'raise-priority' ? { levels: step.levels ?? 1 } : {}),
        },
        dueAt,
        thresholdMinutes,
        targetMinutes,
        occurredAt,
      });
    }
    case 'ClockStopped': {
      const { stoppedAt, outcome, targetMinutes, usedMinutes, pausedMinutes, diffMinutes, policy, calendar } = event.data;
      return message(envelope, CLOCK_STOPPED_V1, {
        ...identity,
        stoppedAt,
        outcome,
        targetMinutes,
        usedMinutes,
        pausedMinutes,
        diffMinutes,
        ...(policy ? { policy: { policyId: policy.policyId, version: policy.version, kind: policy.kind } } : {}),
        ...(calendar ? { calendar: { calendarId: calendar.calendarId, version: calendar.version } } : {}),
        occurredAt,
      });
    }
    default:
      return undefined;
  }
};

export const qualityRelay = {
  filter: { streamPrefixes: ['quality-monitoring.clock-'] },
  map: mapQualityEvent,
  contracts: QUALITY_MONITORING_CONTRACTS,
} satisfies Pick<RelayOptions, 'filter' | 'map' | 'contracts'>;

/** `clockIdFor(caseId, metric, cycle)` read back: `<caseId>.<metric>.<cycle>`. */
export function clockIdentity(clockId: string): ClockIdentity {
  const parts = clockId.split('.');
  const cycle = parts[parts.length - 1];
  const metric = parts[parts.length - 2] as ClockMetric;
  return { clockId, caseId: parts.slice(0, -2).join('.'), metric, cycle };
}
