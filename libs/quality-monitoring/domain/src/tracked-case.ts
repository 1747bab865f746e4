import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { canonicalJson } from './canonical-json';
import { DemandKind, PolicyFacts, Priority } from './policy';

/**
 * What quality monitoring knows of a case from another service's facts: the policy facts its targets are
 * resolved on (tier × category × priority × kind) and the department answering for it. Kept as events so
 * that re-targeting after a priority change and department scoping never depend on a read model.
 */
export interface TrackedCase {
  caseId: string;
  facts: PolicyFacts;
  departmentId?: string;
  ownerId?: string;
  /** 二(一)2: the department that registered the case, answering for its recording whoever handles it; absent: not said. */
  registeringDepartmentId?: string;
  openedAt: string;
}

export type TrackedCaseState = TrackedCase | null;

/** With the department when it is known from the start (an after-sales problem is raised against one). */
export type TrackCase = Command<'TrackCase', { caseId: string; facts: PolicyFacts; departmentId?: string; registeringDepartmentId?: string }>;
export type ChangeCaseFacts = Command<
  'ChangeCaseFacts',
  { caseId: string; priority?: Priority; businessCategory?: string; demandKind?: DemandKind }
>;
/** The department answering for the case, and its owner once named (an after-sales problem's handler comes later). */
export type AssignCase = Command<'AssignCase', { caseId: string; departmentId: string; ownerId?: string }>;
export type TrackedCaseCommand = TrackCase | ChangeCaseFacts | AssignCase;

export type CaseTracked = {
  type: 'CaseTracked';
  data: { caseId: string; facts: PolicyFacts; registeringDepartmentId?: string; openedAt: string };
};
export type CaseFactsChanged = {
  type: 'CaseFactsChanged';
  data: { caseId: string; previous: PolicyFacts; facts: PolicyFacts; changedAt: string };
};
export type CaseAssigned = {
  type: 'CaseAssigned';
  data: { caseId: string; departmentId: string; ownerId?: string; previousDepartmentId?: string; assignedAt: string };
};
export type TrackedCaseEvent = CaseTracked | CaseFactsChanged | CaseAssigned;

export const trackedCase: Decider<TrackedCaseCommand, TrackedCaseEvent, TrackedCaseState> = {
  initialState: () => null,
  evolve(state, event) {
    switch (event.type) {
      case 'CaseTracked':
        return {
          caseId: event.data.caseId,
          facts: event.data.facts,
          ...(event.data.registeringDepartmentId ? { registeringDepartmentId: event.data.registeringDepartmentId } : {}),
          openedAt: event.data.openedAt,
        };
      case 'CaseFactsChanged':
        return state && { ...state, facts: event.data.facts };
      case 'CaseAssigned':
        return state && { ...state, departmentId: event.data.departmentId, ownerId: event.data.ownerId };
    }
  },
  decide(command, state) {
    const at = command.metadata.at;
    const { caseId } = command.data;
    if (command.type === 'TrackCase') {
      // A case is opened once; a repeated fact of its opening changes nothing.
      if (state) return [];
      const { departmentId, registeringDepartmentId } = command.data;
      const tracked: CaseTracked = {
        type: 'CaseTracked',
        data: { caseId, facts: definedFacts(command.data.facts), ...(registeringDepartmentId ? { registeringDepartmentId } : {}), openedAt: at },
      };
      return departmentId ? [tracked, { type: 'CaseAssigned', data: { caseId, departmentId, assignedAt: at } }] : [tracked];
    }
    if (!state) throw new NotFoundError('Case', caseId);
    if (command.type === 'ChangeCaseFacts') {
      const { priority, businessCategory, demandKind } = command.data;
      const facts = definedFacts({
        ...state.facts,
        ...(priority ? { priority } : {}),
        ...(businessCategory ? { businessCategory } : {}),
        ...(demandKind ? { demandKind } : {}),
      });
      if (canonicalJson(facts) === canonicalJson(state.facts)) return [];
      return [{ type: 'CaseFactsChanged', data: { caseId, previous: state.facts, facts, changedAt: at } }];
    }
    const { departmentId, ownerId } = command.data;
    if (state.departmentId === departmentId && state.ownerId === ownerId) return [];
    return [
      {
        type: 'CaseAssigned',
        data: {
          caseId,
          departmentId,
          ...(ownerId ? { ownerId } : {}),
          ...(state.departmentId && state.departmentId !== departmentId ? { previousDepartmentId: state.departmentId } : {}),
          assignedAt: at,
        },
      },
    ];
  },
};

/**
 * A case's stream is `quality-monitoring.case-<id>`. No scope of its own: the services' consumers track
 * cases, and raising a finding, which is its department's.
 */
export const trackedCases: Aggregate<TrackedCaseCommand, TrackedCaseEvent, TrackedCaseState> = {
  name: 'Case',
  streamPrefix: 'quality-monitoring.case-',
  decider: trackedCase,
  idOf: (command) => command.data.caseId,
  creates: ['TrackCase'],
};

export const trackedCaseStream = (caseId: string): string => streamOf(trackedCases, caseId);

function definedFacts(facts: PolicyFacts): PolicyFacts {
  const result: PolicyFacts = {};
  if (facts.customerTier) result.customerTier = facts.customerTier;
  if (facts.businessCategory) result.businessCategory = facts.businessCategory;
  if (facts.priority) result.priority = facts.priority;
  if (facts.demandKind) result.demandKind = facts.demandKind as DemandKind;
  return result;
}

/**
 * A service-delivery case tied to the intake demand it delivers (service-delivery's case.opened): later
 * facts of the case carry only the case id, while the clocks are the demand's. One stream per delivery case.
 * It keeps the department responsible for the case (absent: linked before it was kept) and the rectification
 * items of its acceptance rounds that quality monitoring tracks (P-5.2), so a cancellation finds their clocks.
 */
export interface DeliveryCaseLink {
  deliveryCaseId: string;
  demandId: string;
  /** The department that plans and delivers (case.opened's responsibleDepartmentId); absent: linked before it was kept. */
  departmentId?: string;
  linkedAt: string;
  /** The acceptance rectification items tracked, in the order they were raised; absent: none. */
  rectificationItemIds?: string[];
}

export type DeliveryCaseLinkState = DeliveryCaseLink | null;

export type LinkDeliveryCase = Command<'LinkDeliveryCase', { deliveryCaseId: string; demandId: string; departmentId?: string }>;
/** The rectification items of an acceptance round (a rejection's items, an acceptance's conditions) that are tracked. */
export type NoteRectificationItems = Command<'NoteRectificationItems', { deliveryCaseId: string; itemIds: string[] }>;
export type DeliveryCaseLinkCommand = LinkDeliveryCase | NoteRectificationItems;
export type DeliveryCaseLinked = {
  type: 'DeliveryCaseLinked';
  data: { deliveryCaseId: string; demandId: string; departmentId?: string; linkedAt: string };
};
export type RectificationItemsNoted = { type: 'RectificationItemsNoted'; data: { deliveryCaseId: string; itemIds: string[]; notedAt: string } };
export type DeliveryCaseLinkEvent = DeliveryCaseLinked | RectificationItemsNoted;

export const deliveryCaseLink: Decider<DeliveryCaseLinkCommand, DeliveryCaseLinkEvent, DeliveryCaseLinkState> = {
  initialState: () => null,
  evolve: (state, event) => {
    if (event.type === 'DeliveryCaseLinked') return { ...event.data };
    return state && { ...state, rectificationItemIds: [...(state.rectificationItemIds ?? []), ...event.data.itemIds] };
  },
  decide(command, state) {
    const { deliveryCaseId } = command.data;
    if (command.type === 'NoteRectificationItems') {
      if (!state) throw new NotFoundError('Delivery case', deliveryCaseId);
      // A redelivered round notes nothing again.
      const itemIds = [...new Set(command.data.itemIds)].filter((id) => !(state.rectificationItemIds ?? []).includes(id));
      return itemIds.length ? [{ type: 'RectificationItemsNoted', data: { deliveryCaseId, itemIds, notedAt: command.metadata.at } }] : [];
    }
    const { demandId, departmentId } = command.data;
    if (state) {
      // A case is opened once, for one demand; a repeated fact of its opening changes nothing.
      if (state.demandId === demandId) return [];
      throw new RuleViolation(
        'delivery-case-already-linked',
        `Delivery case ${deliveryCaseId} delivers demand ${state.demandId}, not ${demandId}`,
      );
    }
    return [{ type: 'DeliveryCaseLinked', data: { deliveryCaseId, demandId, ...(departmentId ? { departmentId } : {}), linkedAt: command.metadata.at } }];
  },
};

/** A delivery case's link is in `quality-monitoring.delivery-case-<id>`; only the consumer of service-delivery's events links cases. */
export const deliveryCaseLinks: Aggregate<DeliveryCaseLinkCommand, DeliveryCaseLinkEvent, DeliveryCaseLinkState> = {
  name: 'Delivery case',
  streamPrefix: 'quality-monitoring.delivery-case-',
  decider: deliveryCaseLink,
  idOf: (command) => command.data.deliveryCaseId,
  creates: ['LinkDeliveryCase'],
};

export const deliveryCaseStream = (deliveryCaseId: string): string => streamOf(deliveryCaseLinks, deliveryCaseId);

/**
 * Who answers for a case a quality monitor names (a check, a finding), as quality monitoring knows it from the
 * other services' facts: `known` false when no service told it of the case; otherwise the departments that
 * answer for it: the one it is assigned to, and the one that registered it (二(一)2), the same departments its
 * clocks answer to. The shell reads it from the tracked case (`answeringOf`) and passes it with the command.
 */
export interface CaseAnswering {
  caseId: string;
  known: boolean;
  departmentIds: string[];
}

/** The departments answering for a tracked case (none while it is not assigned and its registration named none). */
export function answeringOf(caseId: string, tracked: TrackedCaseState): CaseAnswering {
  if (!tracked) return { caseId, known: false, departmentIds: [] };
  const departmentIds = [tracked.departmentId, tracked.registeringDepartmentId].filter((id): id is string => !!id);
  return { caseId, known: true, departmentIds: [...new Set(departmentIds)] };
}

/**
 * a check or a finding is of a case quality monitoring knows, and credited to (or fed back to) a
 * department answering for it: 404 for an unknown case, 409 for a department that does not answer for it.
 */
export function ensureAnswersFor(departmentId: string, answering: CaseAnswering): void {
  const { caseId, known, departmentIds } = answering;
  if (!known) throw new NotFoundError('Case', caseId);
  if (departmentIds.length === 0) {
    throw new RuleViolation('case-not-assigned', `Case ${caseId} is not assigned to a department yet, so none answers for it`);
  }
  if (!departmentIds.includes(departmentId)) {
    throw new RuleViolation(
      'department-not-answerable',
      `Department ${departmentId} does not answer for case ${caseId}: ${departmentIds.join(' and ')} ${departmentIds.length > 1 ? 'do' : 'does'}`,
    );
  }
}

/**
 * 各業務部門: a finding of no case names a department the company has, as quality monitoring knows them: the
 * departments demands and service cases were assigned to (`knownDepartmentIds`).
 */
export function ensureKnownDepartment(departmentId: string, knownDepartmentIds: readonly string[]): void {
  if (!knownDepartmentIds.includes(departmentId)) {
    throw new RuleViolation(
      'unknown-department',
      `Department ${departmentId} is not one demands or service cases are assigned to` +
        (knownDepartmentIds.length ? ` (${[...knownDepartmentIds].sort().join(', ')})` : ' (none yet)'),
    );
  }
}
