import { RelayOptions } from '@serviceledger/platform/messaging';
import { HR_PERFORMANCE_CONTRACTS } from '@serviceledger/hr-performance/contracts';
import { APPRAISAL_PUBLISHED_STREAMS, mapAppraisalEvent } from './appraisal-contract-mapper';
import { STAFF_PUBLISHED_STREAMS, mapStaffEvent } from './staff-contract-mapper';

/**
 * The service's relay: every public event on the staff topic, each checked against the catalogue's schema.
 * Each group of events brings its mapper and the streams it publishes from.
 */
export const hrPerformanceRelay = {
  filter: { streamPrefixes: [...STAFF_PUBLISHED_STREAMS, ...APPRAISAL_PUBLISHED_STREAMS] },
  map: (envelope) => mapStaffEvent(envelope) ?? mapAppraisalEvent(envelope),
  contracts: HR_PERFORMANCE_CONTRACTS,
} satisfies Pick<RelayOptions, 'filter' | 'map' | 'contracts'>;
