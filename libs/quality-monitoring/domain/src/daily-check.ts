import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { DeliveryStandardVersion, checklistOfStandard } from './delivery-standard';
import { CaseAnswering, ensureAnswersFor } from './tracked-case';

/**
 * Daily checks: a quality monitor records
 * - a record review: a case's records looked over, compliant or not;
 * - a spot check of a case in progress, scored against a checklist at a given version, or against the
 *   checks of a version of a delivery standard (P-4.2, delivery-standard.ts);
 * - the result of a customer revisit: satisfied or not, with the customer's score (1–5).
 *
 * Checklists are versioned configuration (`checklistRegistry`): each publication is a new version, and a
 * spot check stays bound to the version it was scored on. A spot check's score is the weighted share of
 * the points given, 0–100, rounded to two decimals: Σ weight × score ÷ maxScore ÷ Σ weight × 100.
 */
export interface ChecklistItem {
  itemId: string;
  text: string;
  /** Relative weight, above 0 and at most MAX_ITEM_WEIGHT. */
  weight: number;
  /** The most points the item can get (0 … maxScore), at most MAX_ITEM_SCORE. */
  maxScore: number;
}

/** Weights are relative; huge ones would overflow the weighted sum a spot check's score is. */
export const MAX_ITEM_WEIGHT = 1_000;
export const MAX_ITEM_SCORE = 100;

export interface Checklist {
  checklistId: string;
  version: number;
  name: string;
  items: ChecklistItem[];
}

export interface ChecklistRegistry {
  /** Every version of every checklist, by `id@version`, and the latest version by id. */
  versions: ReadonlyMap<string, Checklist>;
  latest: ReadonlyMap<string, number>;
}

export type PublishChecklist = Command<'PublishChecklist', { checklistId: string; name: string; items: ChecklistItem[] }>;
export type ChecklistPublished = { type: 'ChecklistPublished'; data: Checklist };

export const checklistKey = (checklistId: string, version: number): string => `${checklistId}@${version}`;

export const checklistRegistry: Decider<PublishChecklist, ChecklistPublished, ChecklistRegistry> = {
  initialState: () => ({ versions: new Map(), latest: new Map() }),
  evolve(state, event) {
    const { checklistId, version } = event.data;
    return {
      versions: new Map(state.versions).set(checklistKey(checklistId, version), event.data),
      latest: new Map(state.latest).set(checklistId, version),
    };
  },
  decide(command, state) {
    const { checklistId } = command.data;
    if (!checklistId.trim()) throw new RuleViolation('checklist-id-required', 'A checklist needs an id');
    const name = command.data.name?.trim();
    if (!name) throw new RuleViolation('name-required', `Checklist ${checklistId} needs a name`);
    const items = command.data.items ?? [];
    if (items.length === 0) throw new RuleViolation('no-items', 'A checklist has at least one item');
    const repeated = items.find((item, i) => items.findIndex((o) => o.itemId === item.itemId) !== i);
    if (repeated) throw new RuleViolation('duplicate-item', `Item ${repeated.itemId} is listed twice`);
    for (const item of items) {
      if (!item.itemId?.trim() || !item.text?.trim()) throw new RuleViolation('item-incomplete', 'Each item has an id and a text');
      if (!(item.weight > 0 && item.weight <= MAX_ITEM_WEIGHT)) {
        throw new RuleViolation('invalid-weight', `Item ${item.itemId}: the weight must be above 0 and at most ${MAX_ITEM_WEIGHT}`);
      }
      if (!(Number.isInteger(item.maxScore) && item.maxScore > 0 && item.maxScore <= MAX_ITEM_SCORE)) {
        throw new RuleViolation('invalid-max-score', `Item ${item.itemId}: the top score must be a whole number from 1 to ${MAX_ITEM_SCORE}`);
      }
    }
    const current = state.latest.get(checklistId);
    const normalised = items.map(({ itemId, text, weight, maxScore }) => ({ itemId, text: text.trim(), weight, maxScore }));
    if (current !== undefined) {
      const last = state.versions.get(checklistKey(checklistId, current)) as Checklist;
      if (last.name === name && JSON.stringify(last.items) === JSON.stringify(normalised)) return [];
    }
    return [{ type: 'ChecklistPublished', data: { checklistId, version: (current ?? 0) + 1, name, items: normalised } }];
  },
};

/** One checklist registry for the whole installation; its id completes the stream it has always had, `quality-monitoring.checklist-registry`. */
export const CHECKLIST_REGISTRY_ID = 'registry';

export const checklistRegistries: Aggregate<PublishChecklist, ChecklistPublished, ChecklistRegistry> = {
  name: 'Checklist registry',
  streamPrefix: 'quality-monitoring.checklist-',
  decider: checklistRegistry,
  idOf: () => CHECKLIST_REGISTRY_ID,
  creates: 'any',
};

export const CHECKLIST_REGISTRY_STREAM = streamOf(checklistRegistries, CHECKLIST_REGISTRY_ID);

/** The weighted score of a spot check, 0–100; every item of the checklist scored once, within its range. */
export function scoreSpotCheck(checklist: Checklist, scores: ItemScore[]): number {
  const byItem = new Map<string, number>();
  for (const { itemId, score } of scores) {
    if (byItem.has(itemId)) throw new RuleViolation('duplicate-score', `Item ${itemId} is scored twice`);
    byItem.set(itemId, score);
  }
  const unknown = [...byItem.keys()].find((id) => !checklist.items.some((i) => i.itemId === id));
  if (unknown) throw new RuleViolation('unknown-item', `Item ${unknown} is not on checklist ${checklist.checklistId} v${checklist.version}`);
  let points = 0;
  let weights = 0;
  for (const item of checklist.items) {
    const score = byItem.get(item.itemId);
    if (score === undefined) throw new RuleViolation('item-not-scored', `Item ${item.itemId} of checklist ${checklist.checklistId} is not scored`);
    if (!(score >= 0 && score <= item.maxScore)) {
      throw new RuleViolation('score-out-of-range', `Item ${item.itemId} scores 0 … ${item.maxScore}, not ${score}`);
    }
    points += (item.weight * score) / item.maxScore;
    weights += item.weight;
  }
  return Math.round((points / weights) * 10_000) / 100;
}

export interface ItemScore {
  itemId: string;
  score: number;
}

export const CHECK_KINDS = ['record-review', 'spot-check', 'revisit'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

type CheckBase = {
  checkId: string;
  caseId: string;
  departmentId: string;
  /** The person whose work was checked, for per-person indicators. */
  personId?: string;
  notes?: string;
};

export type RecordDailyCheck = Command<
  'RecordDailyCheck',
  CheckBase & {
    /** Who answers for the case checked, as quality monitoring knows it: the check is credited to one of them. */
    answering: CaseAnswering;
  } & (
      | { kind: 'record-review'; compliant: boolean }
      | { kind: 'spot-check'; checklist: Checklist; scores: ItemScore[] }
      | { kind: 'spot-check'; standard: DeliveryStandardVersion; scores: ItemScore[] }
      | { kind: 'revisit'; satisfied: boolean; customerScore?: number }
    )
>;

export type DailyCheckRecorded = {
  type: 'DailyCheckRecorded';
  data: CheckBase & {
    kind: CheckKind;
    checkedAt: string;
    checkedBy: string;
    compliant?: boolean;
    checklist?: { checklistId: string; version: number };
    /** A spot check scored against a delivery standard's checks instead of a checklist. */
    standard?: { standardId: string; version: number };
    scores?: ItemScore[];
    /** Spot checks: 0–100. */
    score?: number;
    satisfied?: boolean;
    customerScore?: number;
  };
};

export type DailyCheck = DailyCheckRecorded['data'];

export const dailyCheck: Decider<RecordDailyCheck, DailyCheckRecorded, DailyCheck | null> = {
  initialState: () => null,
  evolve: (_state, event) => event.data,
  decide(command, state) {
    const d = command.data;
    if (state) throw new RuleViolation('check-exists', `Check ${d.checkId} is already recorded`);
    if (!d.caseId?.trim() || !d.departmentId?.trim()) throw new RuleViolation('field-required', 'A check names the case and the department');
    if (d.answering?.caseId !== d.caseId) throw new RuleViolation('answering-required', `A check of case ${d.caseId} needs who answers for it`);
    ensureAnswersFor(d.departmentId, d.answering);
    const notes = d.notes?.trim();
    const base = {
      checkId: d.checkId,
      caseId: d.caseId,
      departmentId: d.departmentId,
      ...(d.personId ? { personId: d.personId } : {}),
      ...(notes ? { notes } : {}),
      kind: d.kind,
      checkedAt: command.metadata.at,
      checkedBy: command.metadata.actor.userId,
    };
    switch (d.kind) {
      case 'record-review':
        if (!d.compliant && !notes) throw new RuleViolation('notes-required', 'A non-compliant record review says what was wrong');
        return [{ type: 'DailyCheckRecorded', data: { ...base, compliant: d.compliant } }];
      case 'spot-check': {
        const score = scoreSpotCheck('standard' in d ? checklistOfStandard(d.standard) : d.checklist, d.scores);
        return [
          {
            type: 'DailyCheckRecorded',
            data: {
              ...base,
              ...('standard' in d
                ? { standard: { standardId: d.standard.standardId, version: d.standard.version } }
                : { checklist: { checklistId: d.checklist.checklistId, version: d.checklist.version } }),
              scores: d.scores.map(({ itemId, score: s }) => ({ itemId, score: s })),
              score,
            },
          },
        ];
      }
      case 'revisit': {
        const customerScore = d.customerScore;
        if (customerScore !== undefined && !(Number.isInteger(customerScore) && customerScore >= 1 && customerScore <= 5)) {
          throw new RuleViolation('invalid-customer-score', `A revisit score is 1 … 5, not ${customerScore}`);
        }
        if (customerScore !== undefined && customerScore <= 2 && !notes) {
          throw new RuleViolation('notes-required', 'A low revisit score needs the customer’s comment');
        }
        return [{ type: 'DailyCheckRecorded', data: { ...base, satisfied: d.satisfied, ...(customerScore !== undefined ? { customerScore } : {}) } }];
      }
      default:
        throw new NotFoundError('Check kind', (d as { kind: string }).kind);
    }
  },
};

/** A daily check's stream is `quality-monitoring.check-<id>`; a check is its department's. */
export const dailyChecks: Aggregate<RecordDailyCheck, DailyCheckRecorded, DailyCheck | null> = {
  name: 'Check',
  streamPrefix: 'quality-monitoring.check-',
  decider: dailyCheck,
  idOf: (command) => command.data.checkId,
  creates: ['RecordDailyCheck'],
  scope: (state) => ({ departments: state ? [state.departmentId] : [] }),
};

export const dailyCheckStream = (checkId: string): string => streamOf(dailyChecks, checkId);
