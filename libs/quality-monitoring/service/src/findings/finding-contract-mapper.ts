import { ContractMapper, contractMessage } from '@serviceledger/platform/messaging';
import {
  DAILY_CHECK_RECORDED_V1,
  DailyCheckRecordedV1,
  FINDING_RAISED_V1,
  FINDING_RECHECKED_V1,
  FINDING_RECTIFICATION_REPORTED_V1,
  FINDING_RECTIFICATION_SCHEDULED_V1,
  FindingRaisedV1,
  FindingRecheckedV1,
  FindingRectificationReportedV1,
  FindingRectificationScheduledV1,
  QUALITY_CHECK_CONTRACTS,
  QUALITY_FINDING_CONTRACTS,
  QUALITY_MONITORING_SOURCE,
} from '@serviceledger/quality-monitoring/contracts';
import { DailyCheckRecorded, FindingEvent, dailyChecks, findings } from '@serviceledger/quality-monitoring/domain';

/**
 * Findings' and daily checks' domain events → public events (K-3.2 signals; ): each built field
 * by field, so no free text (subject, requirements, measures, report, notes, item scores) leaves the service.
 * Findings are keyed by the finding, so a finding's rounds stay in order; checks by the case checked.
 */
export const mapFindingEvent: ContractMapper = (envelope) => {
  const occurredAt = envelope.occurredAt;
  if (envelope.stream.startsWith(dailyChecks.streamPrefix)) {
    if (envelope.type !== 'DailyCheckRecorded') return undefined;
    const d = (envelope.data as DailyCheckRecorded['data']);
    const data: DailyCheckRecordedV1 = {
      checkId: d.checkId,
      caseId: d.caseId,
      departmentId: d.departmentId,
      ...(d.personId ? { personId: d.personId } : {}),
      kind: d.kind,
      ...(d.compliant !== undefined ? { compliant: d.compliant } : {}),
      ...(d.score !== undefined ? { score: d.score } : {}),
      ...(d.satisfied !== undefined ? { satisfied: d.satisfied } : {}),
      ...(d.customerScore !== undefined ? { customerScore: d.customerScore } : {}),
      checkedBy: d.checkedBy,
      occurredAt,
    };
    return contractMessage(envelope, DAILY_CHECK_RECORDED_V1, { source: QUALITY_MONITORING_SOURCE, key: d.caseId }, data);
  }
  if (!envelope.stream.startsWith(findings.streamPrefix)) return undefined;
  const event = { type: envelope.type, data: envelope.data } as FindingEvent;
  const routing = { source: QUALITY_MONITORING_SOURCE, key: event.data.findingId };
  switch (event.type) {
    case 'FindingRaised': {
      const d = event.data;
      const data: FindingRaisedV1 = {
        findingId: d.findingId,
        departmentId: d.departmentId,
        responsibleId: d.responsibleId,
        ...(d.caseId ? { caseId: d.caseId } : {}),
        ...(d.processStage ? { processStage: d.processStage } : {}),
        raisedBy: d.raisedBy,
        occurredAt,
      };
      return contractMessage(envelope, FINDING_RAISED_V1, routing, data);
    }
    case 'RectificationMeasuresSubmitted': {
      const data: FindingRectificationScheduledV1 = { findingId: event.data.findingId, round: event.data.round, deadline: event.data.deadline, occurredAt };
      return contractMessage(envelope, FINDING_RECTIFICATION_SCHEDULED_V1, routing, data);
    }
    case 'RectificationReported': {
      const data: FindingRectificationReportedV1 = { findingId: event.data.findingId, round: event.data.round, overdue: event.data.overdue, occurredAt };
      return contractMessage(envelope, FINDING_RECTIFICATION_REPORTED_V1, routing, data);
    }
    case 'FindingRecheckPassed':
    case 'FindingRecheckFailed': {
      const data: FindingRecheckedV1 = {
        findingId: event.data.findingId,
        round: event.data.round,
        passed: event.type === 'FindingRecheckPassed',
        checkedBy: event.data.checkedBy,
        occurredAt,
      };
      return contractMessage(envelope, FINDING_RECHECKED_V1, routing, data);
    }
    default:
      return undefined;
  }
};

/** What the service's relay adds for findings and daily checks: their streams, mapper and contracts. */
export const findingRelayPart = {
  streamPrefixes: [findings.streamPrefix, dailyChecks.streamPrefix],
  map: mapFindingEvent,
  contracts: [...QUALITY_FINDING_CONTRACTS, ...QUALITY_CHECK_CONTRACTS],
};
