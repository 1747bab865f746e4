import { EventEnvelope, deterministicUuid } from '@serviceledger/platform/core';
import { IntegrationMessage, RelayOptions, VersionedContractMapper, contractMessageFor } from '@serviceledger/platform/messaging';
import {
  CLOCK_BREACHED_V1,
  CLOCK_BREACHED_V2,
  CLOCK_ESCALATED_V1,
  CLOCK_STOPPED_V1,
  CLOCK_WARNING_REACHED_V1,
  CLOCK_WARNING_REACHED_V2,
  ClockAnswerableV2,
  ClockIdentity,
  ClockMetric,
  QUALITY_MONITORING_CONTRACTS,
  QUALITY_MONITORING_SOURCE,
  QualityContract,
  QualityContractData,
  QualityContractType,
} from '@serviceledger/quality-monitoring/contracts';
import { ClockEvent, RaisedCase } from '@serviceledger/quality-monitoring/domain';

/** Keyed and subjected by the case id, so that a case's clock events stay in order on the topic. */
const message = contractMessageFor<QualityContractData>({ source: QUALITY_MONITORING_SOURCE, keyOf: (data) => data.caseId });

/**
 * Domain events of clocks → public contract events. Warning reached, breached, escalated and stopped are
 * published; starts, pauses, resumes, re-targets and cancellations stay inside the service. A warning or
 * breach that names its kind of case is published as version 2 too, beside version 1 (ADR 0012).
 */
export const mapQualityEvent: VersionedContractMapper = (envelope) => {
  if (!envelope.stream.startsWith('quality-monitoring.clock-')) return undefined;
  const event = { type: envelope.type, data: envelope.data } as ClockEvent;
  const identity = clockIdentity(event.data.clockId);
  const occurredAt = envelope.occurredAt;
  switch (event.type) {
    case 'ClockWarningReached': {
      const { dueAt, thresholdMinutes, targetMinutes } = event.data;
      const v1 = message(envelope, CLOCK_WARNING_REACHED_V1, { ...identity, dueAt, thresholdMinutes, targetMinutes, occurredAt });
      const answerable = answerableOf(event.data);
      return answerable ? [v1, besideMessage(envelope, CLOCK_WARNING_REACHED_V2, { ...v1.data, ...answerable })] : v1;
    }
    case 'ClockBreached': {
      const { dueAt, targetMinutes } = event.data;
      const v1 = message(envelope, CLOCK_BREACHED_V1, { ...identity, dueAt, targetMinutes, occurredAt });
      const answerable = answerableOf(event.data);
      return answerable ? [v1, besideMessage(envelope, CLOCK_BREACHED_V2, { ...v1.data, ...answerable })] : v1;
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

/** The kind of case and who answers for it; undefined for a warning or breach recorded before it named its kind. */
function answerableOf(raised: RaisedCase): ClockAnswerableV2 | undefined {
  if (!raised.caseKind) return undefined;
  return { caseKind: raised.caseKind, departmentId: raised.departmentId ?? null, responsibleId: raised.responsibleId ?? null };
}

/** A later version's message of the same event: its own id, derived from the event's and the version, so an inbox takes each. */
function besideMessage<Type extends QualityContractType>(
  envelope: EventEnvelope,
  contract: QualityContract<Type>,
  data: QualityContractData[Type & keyof QualityContractData],
): IntegrationMessage {
  return { ...message(envelope, contract as never, data), id: deterministicUuid(`${envelope.id}:${contract.type}`) };
}

/** `clockIdFor(caseId, metric, cycle)` read back: `<caseId>.<metric>.<cycle>`. */
export function clockIdentity(clockId: string): ClockIdentity {
  const parts = clockId.split('.');
  const cycle = parts[parts.length - 1];
  const metric = parts[parts.length - 2] as ClockMetric;
  return { clockId, caseId: parts.slice(0, -2).join('.'), metric, cycle };
}
