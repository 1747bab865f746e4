import { ContractMapper, RelayOptions, contractMessageFor } from '@serviceledger/platform/messaging';
import { RESPONSE_OVERDUE_V1, REVIEW_OVERDUE_V1, RISK_ASSESSED_V1, RISK_REGISTER_CONTRACTS, RISK_SOURCE, RiskRegisterContractData } from '@serviceledger/risk/contracts';
import { RiskEvent, risks } from '@serviceledger/risk/domain';
import { warningRelayPart } from '../warnings/warning-contract-mapper';

/** Keyed and subjected by the risk id, so that one risk's events stay in order on the topic. */
const message = contractMessageFor<RiskRegisterContractData>({ source: RISK_SOURCE, keyOf: (data) => data.riskId });

/**
 * The register's domain events → public events: assessments (with their level), overdue response actions
 * and overdue reviews. Identification, revisions, responses, exceptions, reviews and closings stay inside
 * the service; no public event carries a risk's free text.
 */
export const mapRegisterEvent: ContractMapper = (envelope) => {
  if (!envelope.stream.startsWith(risks.streamPrefix)) return undefined;
  const event = { type: envelope.type, data: envelope.data } as RiskEvent;
  const occurredAt = envelope.occurredAt;
  switch (event.type) {
    case 'RiskAssessed': {
      const d = event.data;
      return message(envelope, RISK_ASSESSED_V1, {
        riskId: d.riskId,
        category: d.category,
        departmentId: d.departmentId,
        ownerId: d.ownerId,
        assessmentNumber: d.assessmentNumber,
        likelihood: d.likelihood,
        impact: d.impact,
        level: d.level,
        band: d.band,
        matrixVersion: d.matrixVersion,
        ...(d.previousBand ? { previousBand: d.previousBand } : {}),
        ...(d.reviewNumber ? { reviewNumber: d.reviewNumber } : {}),
        nextReviewDue: d.nextReviewDue,
        assessedAt: d.assessedAt,
        occurredAt,
      });
    }
    case 'ResponseActionOverdue': {
      const { riskId, departmentId, responseNumber, actionNumber, strategy, ownerId, dueAt } = event.data;
      return message(envelope, RESPONSE_OVERDUE_V1, { riskId, departmentId, responseNumber, actionNumber, strategy, ownerId, dueAt, occurredAt });
    }
    case 'RiskReviewOverdue': {
      const { riskId, category, departmentId, ownerId, level, band, dueAt } = event.data;
      return message(envelope, REVIEW_OVERDUE_V1, { riskId, category, departmentId, ownerId, level, band, dueAt, occurredAt });
    }
    default:
      return undefined;
  }
};

/** The service's relay: the register's public events (the early warnings' join them, K-3.2). */
export const riskRelay = {
  filter: { streamPrefixes: [risks.streamPrefix, ...warningRelayPart.streamPrefixes] },
  map: (envelope) => mapRegisterEvent(envelope) ?? warningRelayPart.map(envelope),
  contracts: [...RISK_REGISTER_CONTRACTS, ...warningRelayPart.contracts],
} satisfies Pick<RelayOptions, 'filter' | 'map' | 'contracts'>;
