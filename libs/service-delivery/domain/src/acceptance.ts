import { Actor, Command, CommandMetadata, RuleViolation } from '@serviceledger/platform/core';
import {
  ContractAcceptanceCriteriaRecorded,
  RecordContractAcceptanceCriteria,
  decideContractCriteria,
  evolveContractCriteria,
} from './contract-criteria';
import { isInCustomerService } from './departments';
import { addHours, ensureInstant } from './due-times';
import { ScheduledVisit, visitsAfterAcceptance } from './follow-up-schedule';
import { outstandingMilestones } from './milestones';
import { AcceptanceCriterion } from './plan-content';
import { requireText } from './required-text';
import {
  AcceptanceRound,
  AcceptanceVerdict,
  ServiceCase,
  currentRound,
  ensureNotEnded,
  openRectificationItems,
} from './service-case-state';

/**
 * Acceptance and rectification (P-5.1, P-5.2), in rounds that are all kept. P-5.1 "由客戶服務部門組織客戶對服務
 * 成果進行驗收。客戶應按照服務合同或協議約定的驗收標準進行驗收，填寫驗收報告": customer service organises each
 * round against the contract's criteria as last agreed (contract-criteria.ts); the customer fills in the
 * report through the portal, or customer service records the paper report the customer signed.
 *
 *   RecordContractAcceptanceCriteria  before a round is organised, or between rounds
 *   OrganiseAcceptance      in-delivery, every milestone done or waived → awaiting-acceptance (round 1)
 *                           rectifying, every item fixed                 → awaiting-acceptance (round n+1)
 *   RecordAcceptanceReport  rejected: rectification items                → rectifying
 *                           accepted with conditions (items)             → accepted
 *                           accepted outright                            → after-sales
 *   FixRectificationItem    the last item of a conditional acceptance    → after-sales
 *
 * Every criterion not met is answered by a rectification item, so nothing the customer found
 * wanting can be lost between rounds.
 */

export interface CriterionResult {
  criterionId: string;
  met: boolean;
  note?: string;
}

/** Who signed the acceptance report for the customer. Personal data: it stays in this service. */
export interface Signatory {
  name: string;
  title?: string;
  /** The customer's portal user who filled the report in; absent on a paper report. */
  userId?: string;
}

/** The paper report the customer signed, identified by the SHA-256 of its scan (hex). */
export interface SignedDocument {
  sha256: string;
  fileName?: string;
}

/** Filled in by the customer through the portal, or a paper report recorded by customer service. */
export type AcceptanceReportForm = 'portal' | 'paper';

const SHA256 = /^[0-9a-f]{64}$/i;

export interface RectificationItemRequest {
  description: string;
  /** The criterion it answers, when it answers one. */
  criterionId?: string;
  /** The fix date agreed with the customer, if one was. */
  dueAt?: string;
}

/** Numbered `<round>.<n>`, so everyone can name the item the customer raised. */
export interface RectificationItem extends RectificationItemRequest {
  itemId: string;
}

// Commands

export type OrganiseAcceptance = Command<'OrganiseAcceptance', { caseId: string }>;
export type RecordAcceptanceReport = Command<
  'RecordAcceptanceReport',
  {
    caseId: string;
    round: number;
    results: CriterionResult[];
    signatory: Pick<Signatory, 'name' | 'title'>;
    verdict: AcceptanceVerdict;
    rectificationItems: RectificationItemRequest[];
    comments?: string;
    /** Required when staff record the report on the customer's behalf. */
    signedDocument?: SignedDocument;
  }
>;
export type FixRectificationItem = Command<'FixRectificationItem', { caseId: string; itemId: string; note: string }>;

export type AcceptanceCommand =
  | RecordContractAcceptanceCriteria
  | OrganiseAcceptance
  | RecordAcceptanceReport
  | FixRectificationItem;

// Events

export type AcceptanceOrganised = {
  type: 'AcceptanceOrganised';
  data: {
    caseId: string;
    round: number;
    planVersion: number;
    criteria: AcceptanceCriterion[];
    /** The contract version the criteria come from; absent on rounds organised against the plan's criteria. */
    contract?: { contractReference: string; version: number };
    organisedBy: string;
    organisedAt: string;
  };
};
type AcceptanceReport = {
  caseId: string;
  round: number;
  results: CriterionResult[];
  signatory: Signatory;
  comments?: string;
  recordedBy: string;
  /** Absent on reports recorded before the customer filled them in: staff typed those in. */
  form?: AcceptanceReportForm;
  signedDocument?: SignedDocument;
};
export type AcceptanceRejected = {
  type: 'AcceptanceRejected';
  data: AcceptanceReport & { rectificationItems: RectificationItem[]; rejectedAt: string; nextReportDueAt: string };
};
export type AcceptancePassed = {
  type: 'AcceptancePassed';
  data: AcceptanceReport & {
    /** Items the customer accepted subject to: the case stays accepted, not after-sales, until they are fixed. */
    conditions: RectificationItem[];
    acceptedAt: string;
    followUpVisits: ScheduledVisit[];
  };
};
export type RectificationItemFixed = {
  type: 'RectificationItemFixed';
  data: { caseId: string; itemId: string; round: number; note: string; fixedBy: string; fixedAt: string };
};
export type AfterSalesStarted = { type: 'AfterSalesStarted'; data: { caseId: string; startedAt: string } };

export type AcceptanceEvent =
  | ContractAcceptanceCriteriaRecorded
  | AcceptanceOrganised
  | AcceptanceRejected
  | AcceptancePassed
  | RectificationItemFixed
  | AfterSalesStarted;

export function decideAcceptance(state: ServiceCase, command: AcceptanceCommand): AcceptanceEvent[] {
  ensureNotEnded(state, 'accepted');
  switch (command.type) {
    case 'RecordContractAcceptanceCriteria':
      return decideContractCriteria(state, command);
    case 'OrganiseAcceptance':
      return [organised(state, command.metadata)];
    case 'RecordAcceptanceReport':
      return recorded(state, command);
    case 'FixRectificationItem': {
      const { itemId } = command.data;
      const item = state.rectificationItems.find((i) => i.itemId === itemId);
      if (!item) {
        throw new RuleViolation(
          'unknown-rectification-item',
          `Service case ${state.reference} has no rectification item ${itemId}`,
        );
      }
      if (item.fixed) throw new RuleViolation('item-already-fixed', `Rectification item ${itemId} is already fixed`);
      const note = requireText(
        command.data.note,
        'fix-note-required',
        `Rectification item ${itemId} is marked fixed with a note of what was done (P-5.2)`,
      );
      const { at, actor } = command.metadata;
      const fixed: RectificationItemFixed = {
        type: 'RectificationItemFixed',
        data: { caseId: state.caseId, itemId, round: item.round, note, fixedBy: actor.userId, fixedAt: at },
      };
      const lastCondition = state.status === 'accepted' && openRectificationItems(state).length === 1;
      return lastCondition ? [fixed, afterSalesStarted(state, at)] : [fixed];
    }
  }
}

export function evolveAcceptance(state: ServiceCase, event: AcceptanceEvent): ServiceCase {
  switch (event.type) {
    case 'ContractAcceptanceCriteriaRecorded':
      return evolveContractCriteria(state, event);
    case 'AcceptanceOrganised': {
      const { round, planVersion, criteria, contract } = event.data;
      const next: ServiceCase = {
        ...state,
        status: 'awaiting-acceptance',
        rounds: [...state.rounds, { round, planVersion, criteria, ...(contract ? { contract } : {}) }],
      };
      // The customer has the work in hand: no progress report is owed until it comes back (P-4.3).
      delete next.reportDueAt;
      return next;
    }
    case 'AcceptanceRejected':
      return {
        ...withVerdict(state, event.data.round, 'rejected', event.data.rectificationItems),
        status: 'rectifying',
        reportDueAt: event.data.nextReportDueAt,
      };
    case 'AcceptancePassed': {
      const { round, conditions, acceptedAt, followUpVisits } = event.data;
      return {
        ...withVerdict(state, round, 'accepted', conditions),
        status: 'accepted',
        acceptedAt,
        followUpVisits: state.followUpVisits + followUpVisits.length,
      };
    }
    case 'RectificationItemFixed':
      return {
        ...state,
        rectificationItems: state.rectificationItems.map((i) =>
          i.itemId === event.data.itemId ? { ...i, fixed: true } : i,
        ),
      };
    case 'AfterSalesStarted':
      return { ...state, status: 'after-sales' };
  }
}

/** P-5.1: customer service organises acceptance against the contract's criteria once the plan's work is done, or explicitly waived. */
function organised(state: ServiceCase, metadata: CommandMetadata): AcceptanceOrganised {
  if (!isInCustomerService(metadata.actor)) {
    throw new RuleViolation(
      'organiser-not-customer-service',
      'Acceptance is organised with the customer by the customer-service department (P-5.1)',
    );
  }
  if (state.status === 'rectifying') {
    const open = openRectificationItems(state);
    if (open.length > 0) {
      throw new RuleViolation(
        'open-rectification-items',
        `Service case ${state.reference} goes back to the customer once every rectification item is fixed; ${open.join(', ')} are not (P-5.2)`,
      );
    }
  } else if (state.status !== 'in-delivery') {
    throw new RuleViolation(
      'not-ready-for-acceptance',
      `Service case ${state.reference} is ${state.status}: acceptance is organised when delivery is complete, or again after rectification (P-5.1, P-5.2)`,
    );
  }
  const outstanding = outstandingMilestones(state);
  if (outstanding.length > 0) {
    throw new RuleViolation(
      'milestones-outstanding',
      `Acceptance of case ${state.reference} waits until every milestone is done or waived with a reason; ${outstanding.join(', ')} are not (P-4.2, P-5.1)`,
    );
  }
  const agreed = state.contractCriteria;
  if (!agreed) {
    throw new RuleViolation(
      'contract-criteria-missing',
      `Service case ${state.reference} has no acceptance criteria from its contract or agreement: record them before organising acceptance (P-5.1)`,
    );
  }
  return {
    type: 'AcceptanceOrganised',
    data: {
      caseId: state.caseId,
      round: state.rounds.length + 1,
      planVersion: state.planVersion as number,
      criteria: agreed.criteria,
      contract: { contractReference: agreed.contractReference, version: agreed.version },
      organisedBy: metadata.actor.userId,
      organisedAt: metadata.at,
    },
  };
}

function recorded(state: ServiceCase, command: RecordAcceptanceReport): AcceptanceEvent[] {
  const round = currentRound(state);
  if (state.status !== 'awaiting-acceptance' || !round) {
    throw new RuleViolation(
      'acceptance-not-organised',
      `Service case ${state.reference} is ${state.status}: an acceptance report is recorded for an acceptance that customer service organised (P-5.1)`,
    );
  }
  const { data, metadata } = command;
  if (data.round !== round.round) {
    throw new RuleViolation(
      'stale-round',
      `Round ${data.round} of the acceptance of case ${state.reference} is over; round ${round.round} is open`,
    );
  }
  const filledIn = reportForm(state, metadata.actor, data.signedDocument);
  const { form } = filledIn;
  ensureEveryCriterionAssessed(round, data.results);
  const signatoryName = requireText(
    data.signatory.name,
    'signatory-required',
    'An acceptance report names who signed it for the customer (P-5.1)',
  );
  const items = rectificationItems(round, data.rectificationItems);
  ensureUnmetCriteriaAnswered(data.results, items);
  const comments = data.comments?.trim();
  const title = data.signatory.title?.trim();
  const report: AcceptanceReport = {
    caseId: state.caseId,
    round: round.round,
    results: data.results,
    signatory: {
      name: signatoryName,
      ...(title ? { title } : {}),
      ...(form === 'portal' ? { userId: metadata.actor.userId } : {}),
    },
    ...(comments ? { comments } : {}),
    recordedBy: metadata.actor.userId,
    ...filledIn,
  };
  if (data.verdict === 'rejected') {
    if (items.length === 0) {
      throw new RuleViolation(
        'rejection-needs-items',
        'A rejected acceptance lists the customer’s rectification items, so the team knows what to fix (P-5.2)',
      );
    }
    return [
      {
        type: 'AcceptanceRejected',
        data: {
          ...report,
          rectificationItems: items,
          rejectedAt: metadata.at,
          nextReportDueAt: addHours(metadata.at, state.reportIntervalHours),
        },
      },
    ];
  }
  const passed: AcceptancePassed = {
    type: 'AcceptancePassed',
    data: {
      ...report,
      conditions: items,
      acceptedAt: metadata.at,
      followUpVisits: visitsAfterAcceptance(state.caseId, metadata.at, state.followUpVisitOffsetsDays),
    },
  };
  return items.length === 0 ? [passed, afterSalesStarted(state, metadata.at)] : [passed];
}

/**
 * P-5.1 "填寫驗收報告": the customer fills the report in, and only for its own case; customer service may
 * record a paper report on the customer's behalf only with the signed document attached.
 */
function reportForm(
  state: ServiceCase,
  actor: Actor,
  signedDocument: SignedDocument | undefined,
): { form: 'portal' } | { form: 'paper'; signedDocument: SignedDocument } {
  if (actor.roles.includes('customer')) {
    if (actor.customerId !== state.customerId) {
      throw new RuleViolation(
        'not-the-customer',
        `The acceptance report of case ${state.reference} is filled in by its own customer (P-5.1)`,
      );
    }
    return { form: 'portal' };
  }
  if (!isInCustomerService(actor)) {
    throw new RuleViolation(
      'recorder-not-customer-service',
      'A paper acceptance report is recorded for the customer by the customer-service department (P-5.1)',
    );
  }
  if (!signedDocument || !SHA256.test(signedDocument.sha256)) {
    throw new RuleViolation(
      'signed-document-required',
      'A paper acceptance report is recorded with the document the customer signed: its SHA-256 in hex (P-5.1)',
    );
  }
  const fileName = signedDocument.fileName?.trim();
  return {
    form: 'paper',
    signedDocument: { sha256: signedDocument.sha256.toLowerCase(), ...(fileName ? { fileName } : {}) },
  };
}

/** P-5.1: the report takes every criterion of the round, once each, and no other. */
function ensureEveryCriterionAssessed(round: AcceptanceRound, results: CriterionResult[]): void {
  const ids = results.map((r) => r.criterionId);
  const stranger = ids.find((id) => !round.criteria.some((c) => c.criterionId === id));
  if (stranger !== undefined) {
    throw new RuleViolation(
      'unknown-criterion',
      `Criterion ${stranger} is not among the acceptance criteria of round ${round.round}`,
    );
  }
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) {
    throw new RuleViolation('duplicate-criterion-result', `Criterion ${repeated} is assessed twice`);
  }
  const missing = round.criteria.filter((c) => !ids.includes(c.criterionId)).map((c) => c.criterionId);
  if (missing.length > 0) {
    throw new RuleViolation(
      'criterion-not-assessed',
      `The acceptance report says whether each criterion is met; ${missing.join(', ')} are not assessed (P-5.1)`,
    );
  }
}

function rectificationItems(round: AcceptanceRound, requests: RectificationItemRequest[]): RectificationItem[] {
  return requests.map((request, index) => {
    const itemId = `${round.round}.${index + 1}`;
    const description = requireText(
      request.description,
      'item-description-required',
      `Rectification item ${itemId} says what the customer wants fixed (P-5.2)`,
    );
    const { criterionId, dueAt } = request;
    if (criterionId !== undefined && !round.criteria.some((c) => c.criterionId === criterionId)) {
      throw new RuleViolation(
        'unknown-criterion',
        `Criterion ${criterionId} is not among the acceptance criteria of round ${round.round}`,
      );
    }
    if (dueAt !== undefined) ensureInstant(dueAt, `The fix date of rectification item ${itemId}`);
    return {
      itemId,
      description,
      ...(criterionId !== undefined ? { criterionId } : {}),
      ...(dueAt !== undefined ? { dueAt } : {}),
    };
  });
}

function ensureUnmetCriteriaAnswered(results: CriterionResult[], items: RectificationItem[]): void {
  const unanswered = results.filter((r) => !r.met && !items.some((i) => i.criterionId === r.criterionId));
  if (unanswered.length > 0) {
    throw new RuleViolation(
      'unmet-criterion-without-item',
      `Every criterion not met becomes a rectification item; ${unanswered.map((r) => r.criterionId).join(', ')} have none (P-5.2)`,
    );
  }
}

function withVerdict(
  state: ServiceCase,
  round: number,
  verdict: AcceptanceVerdict,
  items: RectificationItem[],
): ServiceCase {
  return {
    ...state,
    rounds: state.rounds.map((r) => (r.round === round ? { ...r, verdict } : r)),
    rectificationItems: [...state.rectificationItems, ...items.map((i) => ({ itemId: i.itemId, round, fixed: false }))],
  };
}

function afterSalesStarted(state: ServiceCase, at: string): AfterSalesStarted {
  return { type: 'AfterSalesStarted', data: { caseId: state.caseId, startedAt: at } };
}
