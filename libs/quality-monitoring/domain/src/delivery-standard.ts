import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import type { Checklist } from './daily-check';

/**
 * Service delivery's technical standards and operating rules (P-4.2, 二(四)2 "嚴格遵守相關技術標準、操作規範和
 * 質量要求") as quality monitoring knows them from service-delivery's `technical-standard.published`:
 * each version's checks, by id. A spot check may score the work against one version (Q-2.1 抽查服務過程):
 * every check is an item of equal weight, scored 1 when the work conforms, 0 when it does not, or a
 * share of 1 in between.
 */
export interface DeliveryStandardVersion {
  standardId: string;
  version: number;
  businessCategory: string;
  checkIds: string[];
}

export interface DeliveryStandard {
  standardId: string;
  versions: DeliveryStandardVersion[];
}
export type DeliveryStandardState = DeliveryStandard | null;

/** Sent by the consumer of service-delivery's standard topic. */
export type RecordDeliveryStandardVersion = Command<'RecordDeliveryStandardVersion', DeliveryStandardVersion>;
export type DeliveryStandardVersionRecorded = { type: 'DeliveryStandardVersionRecorded'; data: DeliveryStandardVersion };

export const deliveryStandard: Decider<RecordDeliveryStandardVersion, DeliveryStandardVersionRecorded, DeliveryStandardState> = {
  initialState: () => null,
  evolve: (state, event) => ({
    standardId: event.data.standardId,
    versions: [...(state?.versions ?? []), event.data].sort((a, b) => a.version - b.version),
  }),
  decide(command, state) {
    const { standardId, version, businessCategory, checkIds } = command.data;
    // A redelivered publication changes nothing: versions never change once published.
    if (state?.versions.some((v) => v.version === version)) return [];
    if (checkIds.length === 0) throw new RuleViolation('no-checks', `Version ${version} of standard ${standardId} requires no check`);
    return [{ type: 'DeliveryStandardVersionRecorded', data: { standardId, version, businessCategory, checkIds: [...checkIds] } }];
  },
};

export const deliveryStandards: Aggregate<RecordDeliveryStandardVersion, DeliveryStandardVersionRecorded, DeliveryStandardState> = {
  name: 'Technical standard',
  streamPrefix: 'quality-monitoring.delivery-standard-',
  decider: deliveryStandard,
  idOf: (command) => command.data.standardId,
  creates: ['RecordDeliveryStandardVersion'],
};

export const deliveryStandardStream = (standardId: string): string => streamOf(deliveryStandards, standardId);

/** One version of the standard, as a spot check names it. */
export function deliveryStandardVersion(standard: DeliveryStandardState, standardId: string, version: number): DeliveryStandardVersion {
  if (!standard) throw new NotFoundError(deliveryStandards.name, standardId);
  const found = standard.versions.find((v) => v.version === version);
  if (!found) {
    throw new RuleViolation(
      'unknown-standard-version',
      `Standard ${standardId} has versions ${standard.versions.map((v) => v.version).join(', ')}, not ${version}`,
    );
  }
  return found;
}

/** The checklist a spot check against the version is scored on: its checks, 0 … 1 each, of equal weight. */
export function checklistOfStandard({ standardId, version, checkIds }: DeliveryStandardVersion): Checklist {
  return {
    checklistId: standardId,
    version,
    name: `Standard ${standardId} v${version}`,
    items: checkIds.map((checkId) => ({ itemId: checkId, text: checkId, weight: 1, maxScore: 1 })),
  };
}
