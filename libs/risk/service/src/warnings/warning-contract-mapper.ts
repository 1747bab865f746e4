import { ContractMapper, contractMessageFor } from '@serviceledger/platform/messaging';
import { RISK_SOURCE, RISK_WARNING_CONTRACTS, RiskWarningContractData, WARNING_ACKNOWLEDGED_V1, WARNING_CLOSED_V1, WARNING_RAISED_V1 } from '@serviceledger/risk/contracts';
import { WarningEvent, warnings } from '@serviceledger/risk/domain';

/** Keyed and subjected by the warning id, so that one warning's events stay in order on the topic. */
const message = contractMessageFor<RiskWarningContractData>({ source: RISK_SOURCE, keyOf: (data) => data.warningId });

/**
 * Early warnings' domain events → public events (K-3.2): raised, acknowledged, closed. The link to a risk
 * shows on the closing (and on the register's side); the actions' text stays inside the service.
 */
export const mapWarningEvent: ContractMapper = (envelope) => {
  if (!envelope.stream.startsWith(warnings.streamPrefix)) return undefined;
  const event = { type: envelope.type, data: envelope.data } as WarningEvent;
  const occurredAt = envelope.occurredAt;
  switch (event.type) {
    case 'WarningRaised': {
      const { warningId, indicator, groupKind, groupKey, window, count, triggeredBy, ownerId } = event.data;
      return message(envelope, WARNING_RAISED_V1, {
        warningId,
        indicatorId: indicator.indicatorId,
        indicatorVersion: indicator.version,
        category: indicator.category,
        groupKind,
        groupKey,
        window: { key: window.key, from: window.from, to: window.to },
        threshold: indicator.threshold,
        count,
        triggeredBy: triggeredBy.map(({ id, type, occurredAt: at }) => ({ id, type, occurredAt: at })),
        ...(ownerId ? { ownerId } : {}),
        occurredAt,
      });
    }
    case 'WarningAcknowledged':
      return message(envelope, WARNING_ACKNOWLEDGED_V1, { warningId: event.data.warningId, acknowledgedBy: event.data.acknowledgedBy, occurredAt });
    case 'WarningClosed': {
      const { warningId, outcome, riskId, actions, closedBy } = event.data;
      return message(envelope, WARNING_CLOSED_V1, { warningId, outcome, ...(riskId ? { riskId } : {}), actions, closedBy, occurredAt });
    }
    default:
      return undefined;
  }
};

/** What the service's relay adds for early warnings: their streams, mapper and contracts. */
export const warningRelayPart = {
  streamPrefixes: [warnings.streamPrefix],
  map: mapWarningEvent,
  contracts: RISK_WARNING_CONTRACTS,
};
