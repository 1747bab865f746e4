import { Aggregate, Command, Decider, streamOf } from '@serviceledger/platform/core';
import { SatisfactionScale } from './period-evaluation';

/**
 * The facts period evaluation needs from other services' contract events (Q-2.2), kept as this service's
 * own events so that every indicator can be recomputed for any past period, and explained fact by fact.
 * One stream per intake demand (`facts-demand-<id>`) and per service-delivery case (`facts-case-<id>`);
 * each fact is recorded once, under the id of the message it came from.
 */
export type PerformanceFact =
  | { kind: 'demand-registered'; demandId: string; demandKind: string; registeredAt: string }
  | { kind: 'demand-reclassified'; demandId: string; demandKind: string; at: string }
  | { kind: 'demand-assigned'; demandId: string; departmentId: string; ownerId: string; at: string }
  | { kind: 'demand-resolved'; demandId: string; resolvedAt: string }
  | { kind: 'complaint-registered'; demandId: string; registeredAt: string }
  | {
      kind: 'complaint-resolved';
      demandId: string;
      resolvedAt: string;
      withinPromise: boolean;
      /** Whether the result promised to the customer was delivered (C-2.3); absent: not known, from a `complaint.resolved.v1`. */
      promisedResultDelivered?: boolean;
    }
  | { kind: 'case-opened'; caseId: string; demandId: string; departmentId: string; at: string }
  | { kind: 'delivery-started'; caseId: string; projectManagerId: string; at: string }
  | { kind: 'acceptance'; caseId: string; round: number; passed: boolean; at: string }
  | {
      kind: 'visit';
      caseId: string;
      visitId: string;
      /** The survey version answered and its scale; absent when the message had none, scored 1–5. */
      survey?: { surveyId: string; version: number; scale: SatisfactionScale };
      /** As answered, on the survey's scale. */
      satisfaction: number;
      recommendation?: number;
      at: string;
    };

export type RecordPerformanceFact = Command<'RecordPerformanceFact', { factId: string; fact: PerformanceFact }>;
export type PerformanceFactRecorded = { type: 'PerformanceFactRecorded'; data: { factId: string; fact: PerformanceFact } };

export interface PerformanceFacts {
  factIds: string[];
}

export const performanceFacts: Decider<RecordPerformanceFact, PerformanceFactRecorded, PerformanceFacts> = {
  initialState: () => ({ factIds: [] }),
  evolve: (state, event) => ({ factIds: [...state.factIds, event.data.factId] }),
  decide(command, state) {
    if (state.factIds.includes(command.data.factId)) return [];
    return [{ type: 'PerformanceFactRecorded', data: { factId: command.data.factId, fact: command.data.fact } }];
  },
};

/** A delivery case's facts carry its id; a demand's facts only the demand's. */
const factsIdOf = (fact: PerformanceFact): string => ('caseId' in fact ? `case-${fact.caseId}` : `demand-${fact.demandId}`);

export const performanceFactLogs: Aggregate<RecordPerformanceFact, PerformanceFactRecorded, PerformanceFacts> = {
  name: 'Performance facts',
  streamPrefix: 'quality-monitoring.facts-',
  decider: performanceFacts,
  idOf: (command) => factsIdOf(command.data.fact),
  creates: ['RecordPerformanceFact'],
};

export const PERFORMANCE_FACTS_PREFIX = performanceFactLogs.streamPrefix;
export const demandFactsStream = (demandId: string): string => streamOf(performanceFactLogs, `demand-${demandId}`);
export const deliveryFactsStream = (caseId: string): string => streamOf(performanceFactLogs, `case-${caseId}`);
/** The stream a fact is recorded on. */
export const performanceFactStream = (fact: PerformanceFact): string => streamOf(performanceFactLogs, factsIdOf(fact));
