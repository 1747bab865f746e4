import { ContractMapper, RelayOptions, contractMessage } from '@serviceledger/platform/messaging';
import {
  PERIOD_CLOSED_V1,
  PERIOD_SCORECARD_ADJUSTED_V1,
  PeriodClosedV1,
  PeriodScorecardAdjustedV1,
  QUALITY_MONITORING_SOURCE,
  QUALITY_PERIOD_CONTRACTS,
} from '@serviceledger/quality-monitoring/contracts';
import { PeriodEvent } from '@serviceledger/quality-monitoring/domain';
import { mapQualityEvent, qualityRelay } from '../contracts/quality-contract-mapper';
import { findingRelayPart } from '../findings/finding-contract-mapper';

/**
 * Closed periods and their adjustments → `period.closed` and `period.scorecard-adjusted` (Q-2.2, for HR),
 * keyed by the period. The domain events carry every frozen figure; the contract events carry them as is.
 */
export const mapPeriodEvent: ContractMapper = (envelope) => {
  if (!envelope.stream.startsWith('quality-monitoring.period-')) return undefined;
  const event = { type: envelope.type, data: envelope.data } as PeriodEvent;
  const routing = { source: QUALITY_MONITORING_SOURCE, key: event.data.period };
  const occurredAt = envelope.occurredAt;
  switch (event.type) {
    case 'PeriodClosed': {
      const data: PeriodClosedV1 = {
        ...event.data,
        scorecards: event.data.scorecards.map((c) => ({ ...c, counts: { ...c.counts } })),
        persons: event.data.persons.map((p) => ({ ...p, counts: { ...p.counts } })),
        scheme: { ...event.data.scheme, referenceMinutes: { ...event.data.scheme.referenceMinutes } as Record<string, number> },
        occurredAt,
      };
      return contractMessage(envelope, PERIOD_CLOSED_V1, routing, data);
    }
    case 'ScorecardAdjusted': {
      const data: PeriodScorecardAdjustedV1 = { ...event.data, occurredAt };
      return contractMessage(envelope, PERIOD_SCORECARD_ADJUSTED_V1, routing, data);
    }
    default:
      return undefined;
  }
};

/** The service's relay: the clocks' public events, the periods', and the findings' and daily checks' (K-3.2 signals). */
export const qualityMonitoringRelay = {
  filter: { streamPrefixes: [...(qualityRelay.filter.streamPrefixes ?? []), 'quality-monitoring.period-', ...findingRelayPart.streamPrefixes] },
  map: (envelope) => mapQualityEvent(envelope) ?? mapPeriodEvent(envelope) ?? findingRelayPart.map(envelope),
  contracts: [...qualityRelay.contracts, ...QUALITY_PERIOD_CONTRACTS, ...findingRelayPart.contracts],
} satisfies Pick<RelayOptions, 'filter' | 'map' | 'contracts'>;
