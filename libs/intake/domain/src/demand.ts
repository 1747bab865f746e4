import { Aggregate, AggregateScope, Command, CommandMetadata, Decider, NotFoundError, Numbering, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { ProcessStage, attributedStage } from './after-sales-attribution';
import { AttachmentMetadata, ensureAttachmentsWithinLimits, normaliseAttachments } from './attachments';
import { Complexity, ConversationChannel, DemandChannel, DemandKind, WebSubChannel } from './classification';
import {
  ComplaintPromise,
  ensurePromiseFits,
  isPromiseBroken,
  makePromise,
  pausePromise,
  promiseComplaint,
  resumePromise,
} from './complaint-promise';
import { ensureReachable, normaliseEmail, normalisePhone } from './contact-details';
import { DemandEscalationRecorded, DemandPriorityEscalated, EscalateDemand, escalate } from './demand-escalation';
import { DemandReclassified, ReclassifyDemand, reclassify } from './demand-reclassification';
import {
  DEMAND_RESUMED_SCHEMA_VERSION,
  DemandWaitingOnThirdParty,
  WaitOnThirdParty,
  WaitedOn,
  ensureNotWaiting,
  resume,
  waitOnThirdParty,
} from './demand-waits';
import { DEMAND_REFERENCE_PATTERN, demandReferenceCounter, formatDemandReference } from './demand-reference';
import { receivedBeforeRegistration } from './demand-receipt';
import { CUSTOMER_SERVICE_DEPARTMENT } from './department-registry';
import { CustomerTier } from './customer';
import { Level, Priority, priorityOf } from './priority';
import { singleLineText } from './single-line-text';
import { TriageSuggestion } from './triage-rules';

/**
 * The demand lifecycle (P-1.1 … P-2.2, C-2.3), as the commands that move it:
 *
 *   RegisterDemand                                               → registered
 *   ConfirmTriage               registered                       → triaged (a later revision keeps the status)
 *   AssignDemand                triaged                          → assigned
 *   ConveneCoordinationMeeting  assigned, coordinating (several departments) → coordinating
 *   RecordCoordination          coordinating                     → coordinated
 *   ReleaseToDelivery           assigned (unless complex across departments), coordinated → in-delivery
 *   ResolveOnAcceptance         in-delivery, its case's acceptance passed (P-5.1)  → resolved
 *   ReturnFromDelivery          in-delivery, its case cancelled   → assigned, or coordinated if it was
 *   ResolveDemand               as ReleaseToDelivery (never in-delivery)          → resolved
 *   CloseDemand                 resolved                         → closed
 *   WithdrawDemand              any open status                  → withdrawn
 *   ReclassifyDemand            any open status                  → (status kept; a new complaint is registered)
 *   PromiseComplaintHandling    a customer's complaint not yet promised (C-2.3)   → (status kept; the complaint is registered)
 *   EscalateDemand              any (an SLA escalation step, demand-escalation.ts) → (status kept; a triaged open
 *                                                                demand's priority raised, or the step recorded)
 *
 * P-5 "服務驗收…直至客戶滿意通過驗收": a demand released to delivery is solved when the customer accepts
 * the service, so only its case's acceptance resolves it (intake consumes service delivery's
 * `case.acceptance-passed`); staff cannot resolve it by hand. A case cancelled in delivery hands the
 * demand back to intake, where it is worked, resolved or withdrawn as before it went.
 *
 * C-2.3 "向客戶承諾處理時間和結果": the company promises, not the customer. A complaint registered by
 * staff carries the promise they gave; one a customer registers through the portal carries none, and
 * staff state it afterwards (PromiseComplaintHandling), its handling time running from then.
 *
 * P-2.2 "對於涉及多個部門的復雜需求…召開協調會議，明確各部門職責": a demand involves the department it is
 * assigned to and the departments triage names (the agent, or the triage rules they accept). A demand
 * that involves several departments may be coordinated, whatever its complexity; a complex one must be,
 * before it goes to delivery; a complex demand of one department goes straight to that department.
 *
 * Triage may be revised while the demand is open; its complexity and departments are fixed once
 * coordination or delivery has started. Waiting on the customer or on a third party is a pause beside the status, not a
 * status of its own (demand-waits.ts): it stops the clocks whatever stage the demand is at; a message
 * from the customer ends a wait on the customer.
 */
const OPEN_STATUSES = [
  'registered',
  'triaged',
  'assigned',
  'coordinating',
  'coordinated',
  'in-delivery',
] as const;
export const DEMAND_STATUSES = [...OPEN_STATUSES, 'resolved', 'closed', 'withdrawn'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

/** Statuses in which work on the demand goes on. */
export const OPEN_DEMAND_STATUSES: readonly DemandStatus[] = OPEN_STATUSES;

export interface DemandContact {
  name: string;
  phone?: string;
  email?: string;
}

/** Fields of a demand that identify a person: access control and erasure apply to these. */
export const DEMAND_PERSONAL_FIELDS = ['contact.name', 'contact.phone', 'contact.email'] as const;

/** What the customer wrote, or an agent wrote down for them: encrypted and erased with the contact, never masked. */
export const DEMAND_FREE_TEXT_FIELDS = ['subject', 'description'] as const;

export interface Assignment {
  departmentId: string;
  ownerId: string;
}

export interface MeetingParticipants {
  departmentId: string;
  /** User ids of the department's people at the meeting. */
  people: string[];
}

export interface DepartmentResponsibility {
  departmentId: string;
  responsibility: string;
}

export type TriageField = 'complexity' | 'priority' | 'businessCategory';

/** Who named the departments a demand involves besides the one it is assigned to (P-2.2). */
export type DepartmentsNamedBy = 'agent' | 'triage-rules';

export interface DepartmentInvolvement {
  departmentIds: string[];
  namedBy: DepartmentsNamedBy;
}

/** What a demand is registered with, and keeps in its registered event: who asks, how, and about what. */
export interface DemandParticulars {
  demandId: string;
  /** Allocated by the service, e.g. SR-2026-000123 (see demand-reference.ts). */
  reference: string;
  customerId: string;
  /** The customer's service tier, as the service looked it up: SLA policies and triage rules match on it. */
  customerTier: CustomerTier;
  contact: DemandContact;
  channel: DemandChannel;
  /** Required for the web channel only. */
  subChannel?: WebSubChannel;
  /** Required for the e-mail channel only: the Message-ID of the mail that opened the demand. */
  emailMessageId?: string;
  /**
   * E-mail only: the mail did not prove its sender, or claimed a demand or customer its sender could not
   * be shown to belong to. The demand is filed apart, for an agent to check before trusting it.
   */
  senderNotVerified?: true;
  kind: DemandKind;
  subject: string;
  description: string;
  businessCategory?: string;
  impact: Level;
  urgency: Level;
}

/** What the departments agreed in coordination (P-2.2): recorded as it was decided. */
export interface CoordinationAgreement {
  demandId: string;
  meetingId: string;
  responsibilities: DepartmentResponsibility[];
  cooperation: string;
  leadDepartmentId: string;
  jointSolution: string;
}

/** A message from the customer, as it is recorded on the demand's timeline. */
export interface CustomerMessage {
  demandId: string;
  channel: ConversationChannel;
  from: string;
  subject?: string;
  body: string;
  /** For an e-mail: its Message-ID; a message already in the timeline is not added twice. */
  messageId?: string;
}

// Commands

export type RegisterDemand = Command<
  'RegisterDemand',
  DemandParticulars & {
    attachments?: AttachmentMetadata[];
    /** Complaints only (C-2.3): the agent's promise, or the service's default for the priority. */
    promisedHandlingHours?: number;
    /** Complaints only, and required for them (C-2.3): the result promised to the customer. */
    promisedResult?: string;
    /** 二(一)2: when the demand reached us, if before its registration (demand-receipt.ts). */
    receivedAt?: string;
  }
>;
/** The agent's decision on the rules' suggestion; a decision that departs from it needs a reason. */
export type ConfirmTriage = Command<
  'ConfirmTriage',
  {
    demandId: string;
    complexity: Complexity;
    priority: Priority;
    businessCategory: string;
    suggestion: TriageSuggestion;
    /** The departments the demand involves besides the one it is assigned to (P-2.2); none by default. */
    departmentIds?: string[];
    reason?: string;
  }
>;
/** The service checks the owner against the department registry before sending this. */
export type AssignDemand = Command<'AssignDemand', { demandId: string } & Assignment>;
export type ReassignDemand = Command<'ReassignDemand', { demandId: string; reason: string } & Assignment>;
export type ConveneCoordinationMeeting = Command<
  'ConveneCoordinationMeeting',
  { demandId: string; meetingId: string; scheduledAt: string; participants: MeetingParticipants[] }
>;
export type RecordCoordination = Command<'RecordCoordination', CoordinationAgreement>;
export type ReleaseToDelivery = Command<'ReleaseToDelivery', { demandId: string }>;
export type SendReply = Command<
  'SendReply',
  {
    demandId: string;
    channel: ConversationChannel;
    body: string;
    /** For an e-mail reply: its Message-ID, so the customer's answer threads back onto this demand. */
    messageId?: string;
    attachments?: AttachmentMetadata[];
  }
>;
export type RecordCustomerMessage = Command<'RecordCustomerMessage', CustomerMessage & { attachments?: AttachmentMetadata[] }>;
export type AddInternalNote = Command<'AddInternalNote', { demandId: string; body: string }>;
export type WaitForCustomer = Command<'WaitForCustomer', { demandId: string; reason: string }>;
/** Ends the wait the demand is in, on the customer or on a third party. */
export type ResumeDemand = Command<'ResumeDemand', { demandId: string }>;
export type RecordComplaintHandlingStep = Command<
  'RecordComplaintHandlingStep',
  { demandId: string; description: string }
>;
export type CommunicateComplaintResult = Command<
  'CommunicateComplaintResult',
  { demandId: string; channel: ConversationChannel; result: string; messageId?: string }
>;
export type ResolveDemand = Command<
  'ResolveDemand',
  {
    demandId: string;
    resolution: string;
    /** Complaints (C-2.3): whether the result promised to the customer was delivered, and why not when not. */
    promisedResultDelivered?: boolean;
    promisedResultNote?: string;
    /** After-sales demands (P-6.3): the stage of the service process the problem points back to. */
    processStage?: string;
  }
>;
/** P-5.1: the customer accepted the service of the demand's case; sent by intake's consumer of `case.acceptance-passed`. */
export type ResolveOnAcceptance = Command<
  'ResolveOnAcceptance',
  { demandId: string; caseId: string; round: number; acceptedAt: string }
>;
/** The demand's delivery case was cancelled; sent by intake's consumer of `case.cancelled`. */
export type ReturnFromDelivery = Command<'ReturnFromDelivery', { demandId: string; caseId: string }>;
/** C-2.3: staff state the promise of a complaint a customer registered through the portal. */
export type PromiseComplaintHandling = Command<
  'PromiseComplaintHandling',
  {
    demandId: string;
    /** The result promised to the customer; required. */
    promisedResult: string;
    /** Left out: the company's default for the demand's priority (complaint-promise.ts). */
    promisedHandlingHours?: number;
  }
>;
export type CloseDemand = Command<'CloseDemand', { demandId: string; reason: string }>;
export type WithdrawDemand = Command<'WithdrawDemand', { demandId: string; reason: string }>;

export type DemandCommand =
  | RegisterDemand
  | ConfirmTriage
  | ReclassifyDemand
  | AssignDemand
  | ReassignDemand
  | ConveneCoordinationMeeting
  | RecordCoordination
  | ReleaseToDelivery
  | SendReply
  | RecordCustomerMessage
  | AddInternalNote
  | WaitForCustomer
  | WaitOnThirdParty
  | ResumeDemand
  | RecordComplaintHandlingStep
  | CommunicateComplaintResult
  | ResolveDemand
  | ResolveOnAcceptance
  | ReturnFromDelivery
  | PromiseComplaintHandling
  | EscalateDemand
  | CloseDemand
  | WithdrawDemand;

// Events

export type DemandRegistered = {
  type: 'DemandRegistered';
  data: DemandParticulars & {
    /** From the impact × urgency matrix until triage decides. */
    priority: Priority;
    attachments: AttachmentMetadata[];
    registeredAt: string;
    /** 二(一)2: when the demand reached us; absent: when it was registered (every registration before it was recorded). */
    receivedAt?: string;
  };
};
export type ComplaintRegistered = {
  type: 'ComplaintRegistered';
  data: {
    demandId: string;
    priority: Priority;
    promisedHandlingHours: number;
    /** C-2.3: what the handling is promised to bring; absent on complaints registered before it was recorded. */
    promisedResult?: string;
    dueAt: string;
  };
};
export type DemandTriaged = {
  type: 'DemandTriaged';
  data: {
    demandId: string;
    complexity: Complexity;
    priority: Priority;
    businessCategory: string;
    suggestion: TriageSuggestion;
    /** Where the decision departs from the suggestion. */
    overridden: TriageField[];
    /** P-2.2: the departments the demand involves besides its assignee, and who named them; absent when none. */
    involvement?: DepartmentInvolvement;
    reason?: string;
    decidedBy: string;
  };
};
export type DemandAssigned = { type: 'DemandAssigned'; data: { demandId: string; assignedBy: string } & Assignment };
export type DemandReassigned = {
  type: 'DemandReassigned';
  data: { demandId: string; from: Assignment; to: Assignment; reason: string; reassignedBy: string };
};
export type CoordinationMeetingConvened = {
  type: 'CoordinationMeetingConvened';
  data: {
    demandId: string;
    meetingId: string;
    scheduledAt: string;
    participants: MeetingParticipants[];
    convenedBy: string;
  };
};
export type CoordinationRecorded = { type: 'CoordinationRecorded'; data: CoordinationAgreement };
export type DemandReleasedToDelivery = {
  type: 'DemandReleasedToDelivery';
  data: {
    demandId: string;
    /** What delivery's case is known by, and whose it is. */
    reference: string;
    customerId: string;
    complexity: Complexity;
    /** Every department the demand involves, its own first (P-2.2); absent on releases recorded before it was. */
    departmentIds?: string[];
    leadDepartmentId?: string;
    /** For a coordinated demand: what each department agreed to do (P-2.2), for the delivery case. */
    responsibilities?: DepartmentResponsibility[];
  } & Assignment;
};
export type CustomerReplySent = {
  type: 'CustomerReplySent';
  data: {
    demandId: string;
    channel: ConversationChannel;
    body: string;
    messageId?: string;
    attachments: AttachmentMetadata[];
    /** True for the first communication the customer can see: what first-response time measures. */
    firstResponse: boolean;
    sentBy: string;
    sentAt: string;
  };
};
export type CustomerMessageReceived = {
  type: 'CustomerMessageReceived';
  data: CustomerMessage & { attachments: AttachmentMetadata[]; receivedAt: string };
};
export type InternalNoteAdded = { type: 'InternalNoteAdded'; data: { demandId: string; body: string; author: string } };
export type DemandWaitingOnCustomer = {
  type: 'DemandWaitingOnCustomer';
  data: { demandId: string; reason: string; since: string };
};
export type DemandResumed = {
  type: 'DemandResumed';
  data: {
    demandId: string;
    trigger: 'agent' | 'customer-message';
    /** Which wait ended (schema version 2; see `demandUpcasters`). */
    waitedOn: WaitedOn;
    waitingSince: string;
    resumedAt: string;
  };
};
export type ComplaintHandlingStepRecorded = {
  type: 'ComplaintHandlingStepRecorded';
  data: { demandId: string; step: number; description: string; handledBy: string };
};
export type ComplaintResultCommunicated = {
  type: 'ComplaintResultCommunicated';
  data: { demandId: string; channel: ConversationChannel; result: string };
};
export type DemandResolved = {
  type: 'DemandResolved';
  data: {
    demandId: string;
    resolution: string;
    processStage?: ProcessStage;
    resolvedAt: string;
    /** P-5.1: the case whose acceptance resolved it, and the round that passed; absent: resolved by hand. */
    acceptance?: { caseId: string; round: number };
  };
};
/** The demand's delivery case was cancelled: the demand is back with intake, workable as before its release. */
export type DemandReturnedFromDelivery = {
  type: 'DemandReturnedFromDelivery';
  data: { demandId: string; caseId: string; status: 'assigned' | 'coordinated'; returnedAt: string };
};
export type ComplaintResolved = {
  type: 'ComplaintResolved';
  data: {
    demandId: string;
    dueAt: string;
    resolvedAt: string;
    withinPromise: boolean;
    /** C-2.3: whether the promised result was delivered; absent for a complaint promised none (registered before). */
    promisedResultDelivered?: boolean;
    /** Why it was not, or what was delivered instead. */
    promisedResultNote?: string;
  };
};
export type DemandClosed = { type: 'DemandClosed'; data: { demandId: string; reason: string } };
export type DemandWithdrawn = {
  type: 'DemandWithdrawn';
  data: { demandId: string; reason: string; previousStatus: DemandStatus };
};

export type DemandEvent =
  | DemandRegistered
  | ComplaintRegistered
  | DemandTriaged
  | DemandReclassified
  | DemandAssigned
  | DemandReassigned
  | CoordinationMeetingConvened
  | CoordinationRecorded
  | DemandReleasedToDelivery
  | CustomerReplySent
  | CustomerMessageReceived
  | InternalNoteAdded
  | DemandWaitingOnCustomer
  | DemandWaitingOnThirdParty
  | DemandResumed
  | ComplaintHandlingStepRecorded
  | ComplaintResultCommunicated
  | DemandResolved
  | ComplaintResolved
  | DemandReturnedFromDelivery
  | DemandPriorityEscalated
  | DemandEscalationRecorded
  | DemandClosed
  | DemandWithdrawn;

// State

export interface ComplaintHandling {
  promise: ComplaintPromise;
  handlingSteps: number;
  resultCommunicated: boolean;
}

export interface Demand {
  demandId: string;
  reference: string;
  customerId: string;
  kind: DemandKind;
  channel: DemandChannel;
  /** What triage reads (P-1.3). */
  subject: string;
  description: string;
  impact: Level;
  urgency: Level;
  status: DemandStatus;
  priority: Priority;
  /** Set by triage. */
  complexity?: Complexity;
  businessCategory?: string;
  /** Set by triage when it names departments besides the assignee (P-2.2). */
  involvement?: DepartmentInvolvement;
  assignment?: Assignment;
  /** The meeting last convened: its id and the departments at it. */
  meeting?: { meetingId: string; departmentIds: string[] };
  leadDepartmentId?: string;
  responsibilities?: DepartmentResponsibility[];
  waitingOnCustomerSince?: string;
  waitingOnThirdParty?: { party: string; since: string; partnerId?: string };
  firstResponseSent: boolean;
  /** Message-IDs already in the timeline. */
  messageIds: string[];
  complaint?: ComplaintHandling;
  /** Opened by a mail that did not prove its sender (DemandParticulars). */
  senderNotVerified?: true;
  /** The delivery case that was cancelled and handed the demand back: it is not released again. */
  cancelledCaseId?: string;
}

export type DemandState = Demand | null;

export const demand: Decider<DemandCommand, DemandEvent, DemandState> = {
  initialState: () => null,
  evolve: (state, event) =>
    event.type === 'DemandRegistered' ? registered(event) : state && evolveDemand(state, event),
  decide(command, state) {
    if (command.type === 'RegisterDemand') return register(command, state);
    if (!state) throw new NotFoundError('Demand', command.data.demandId);
    return decideOn(state, command);
  },
  schemaVersions: { DemandResumed: DEMAND_RESUMED_SCHEMA_VERSION },
};

/** A demand's stream is `intake.demand-<id>`; it is registered under the year's next reference. */
export const demands: Aggregate<DemandCommand, DemandEvent, DemandState> = {
  name: 'Demand',
  streamPrefix: 'intake.demand-',
  decider: demand,
  idOf: (command) => command.data.demandId,
  creates: ['RegisterDemand'],
  scope: (state) => (state ? scopeOf(state) : {}),
  numbering: (command) => (command.type === 'RegisterDemand' ? yearlyReference(new Date(command.metadata.at).getUTCFullYear()) : undefined),
};

export const demandStream = (demandId: string): string => streamOf(demands, demandId);

/** Who may see and act on a demand: the departments it involves (its assignee, the coordination's, the lead) and its customer. */
function scopeOf(state: Demand): AggregateScope {
  const departments = [...departmentsInvolved(state), ...(state.meeting?.departmentIds ?? []), state.leadDepartmentId];
  return { departments: [...new Set(departments.filter((d): d is string => d !== undefined))], customerId: state.customerId };
}

/** P-2.2: the departments a demand involves: the one it is assigned to, first, and those triage named. */
export function departmentsInvolved(state: Demand): string[] {
  const departments = [state.assignment?.departmentId, ...(state.involvement?.departmentIds ?? [])];
  return [...new Set(departments.filter((d): d is string => d !== undefined))];
}

/** P-1.2: the year's next reference, numbered by the store as the registration is appended: gap-free, and a refused registration takes none. */
function yearlyReference(year: number): Numbering<DemandCommand> {
  return {
    counter: demandReferenceCounter(year),
    apply: (command, n) =>
      command.type === 'RegisterDemand' ? { ...command, data: { ...command.data, reference: formatDemandReference(year, n) } } : command,
  };
}

/** C-2.3: an open complaint whose promised handling time has passed by `at`. */
export function isComplaintOverdue(state: DemandState, at: string): boolean {
  return (
    !!state?.complaint && OPEN_DEMAND_STATUSES.includes(state.status) && isPromiseBroken(state.complaint.promise, at)
  );
}

function registered({ data }: DemandRegistered): Demand {
  return {
    demandId: data.demandId,
    reference: data.reference,
    customerId: data.customerId,
    kind: data.kind,
    channel: data.channel,
    subject: data.subject,
    description: data.description,
    impact: data.impact,
    urgency: data.urgency,
    status: 'registered',
    priority: data.priority,
    ...(data.businessCategory !== undefined ? { businessCategory: data.businessCategory } : {}),
    firstResponseSent: false,
    messageIds: data.emailMessageId ? [data.emailMessageId] : [],
    ...(data.senderNotVerified ? { senderNotVerified: true } : {}),
  };
}

function evolveDemand(state: Demand, event: Exclude<DemandEvent, DemandRegistered>): Demand {
  switch (event.type) {
    case 'ComplaintRegistered': {
      const { promisedHandlingHours, promisedResult, dueAt } = event.data;
      const promise = { promisedHandlingHours, dueAt, ...(promisedResult !== undefined ? { promisedResult } : {}) };
      return { ...state, complaint: { promise, handlingSteps: 0, resultCommunicated: false } };
    }
    case 'DemandTriaged': {
      const { complexity, priority, businessCategory, involvement } = event.data;
      const status = state.status === 'registered' ? 'triaged' : state.status;
      const { involvement: _previous, ...triaged } = state;
      return { ...triaged, complexity, priority, businessCategory, status, ...(involvement ? { involvement } : {}) };
    }
    case 'DemandReclassified':
      return { ...state, kind: event.data.kind };
    case 'DemandAssigned':
      const { departmentId, ownerId } = event.data;
      return { ...state, status: 'assigned', assignment: { departmentId, ownerId } };
    case 'DemandReassigned':
      return { ...state, assignment: event.data.to };
    case 'CoordinationMeetingConvened': {
      const { meetingId, participants } = event.data;
      const departmentIds = participants.map((p) => p.departmentId);
      return { ...state, status: 'coordinating', meeting: { meetingId, departmentIds } };
    }
    case 'CoordinationRecorded':
      return {
        ...state,
        status: 'coordinated',
        leadDepartmentId: event.data.leadDepartmentId,
        responsibilities: event.data.responsibilities,
      };
    case 'DemandReleasedToDelivery':
      return { ...state, status: 'in-delivery' };
    case 'CustomerReplySent':
      return { ...state, firstResponseSent: true, messageIds: withMessageId(state.messageIds, event.data.messageId) };
    case 'CustomerMessageReceived':
      return { ...state, messageIds: withMessageId(state.messageIds, event.data.messageId) };
    case 'InternalNoteAdded':
      return state;
    case 'DemandWaitingOnCustomer':
      return {
        ...state,
        waitingOnCustomerSince: event.data.since,
        ...(state.complaint
          ? { complaint: { ...state.complaint, promise: pausePromise(state.complaint.promise, event.data.since) } }
          : {}),
      };
    case 'DemandWaitingOnThirdParty':
      // A complaint's promise keeps running (demand-waits.ts).
      return { ...state, waitingOnThirdParty: { party: event.data.party, since: event.data.since, ...(event.data.partnerId ? { partnerId: event.data.partnerId } : {}) } };
    case 'DemandResumed': {
      return {
        ...notWaiting(state),
        ...(state.complaint
          ? { complaint: { ...state.complaint, promise: resumePromise(state.complaint.promise, event.data.resumedAt) } }
          : {}),
      };
    }
    case 'ComplaintHandlingStepRecorded':
      return state.complaint ? { ...state, complaint: { ...state.complaint, handlingSteps: event.data.step } } : state;
    case 'ComplaintResultCommunicated':
      return state.complaint ? { ...state, complaint: { ...state.complaint, resultCommunicated: true } } : state;
    case 'DemandResolved':
      return { ...notWaiting(state), status: 'resolved' };
    case 'ComplaintResolved':
      return state;
    case 'DemandReturnedFromDelivery':
      return { ...state, status: event.data.status, cancelledCaseId: event.data.caseId };
    case 'DemandPriorityEscalated':
      return { ...state, priority: event.data.priority };
    case 'DemandEscalationRecorded':
      return state;
    case 'DemandClosed':
      return { ...state, status: 'closed' };
    case 'DemandWithdrawn':
      return { ...notWaiting(state), status: 'withdrawn' };
  }
}

function notWaiting(state: Demand): Demand {
  const next = { ...state };
  delete next.waitingOnCustomerSince;
  delete next.waitingOnThirdParty;
  return next;
}

function withMessageId(messageIds: string[], messageId: string | undefined): string[] {
  return messageId ? [...messageIds, messageId] : messageIds;
}

function register(command: RegisterDemand, state: DemandState): DemandEvent[] {
  const { data, metadata } = command;
  if (state) {
    throw new RuleViolation(
      'demand-already-registered',
      `Demand ${data.demandId} is already registered as ${state.reference}`,
    );
  }
  if (!DEMAND_REFERENCE_PATTERN.test(data.reference)) {
    throw new RuleViolation(
      'invalid-reference',
      `Reference "${data.reference}" is not of the form SR-<year>-<six-digit number>`,
    );
  }
  ensureChannelDetails(data);
  const contact = normalisedContact(data.contact);
  ensureReachable(`The contact of demand ${data.reference}`, contact.phone, contact.email);
  const attachments = normaliseAttachments(data.attachments ?? []);
  ensureAttachmentsWithinLimits(attachments);
  const priority = priorityOf(data.impact, data.urgency);
  const receivedAt = receivedBeforeRegistration(data, metadata.at);
  const events: DemandEvent[] = [
    {
      type: 'DemandRegistered',
      data: {
        demandId: data.demandId,
        reference: data.reference,
        customerId: data.customerId,
        customerTier: data.customerTier,
        contact,
        channel: data.channel,
        ...(data.subChannel ? { subChannel: data.subChannel } : {}),
        ...(data.emailMessageId ? { emailMessageId: data.emailMessageId } : {}),
        ...(data.senderNotVerified ? { senderNotVerified: true } : {}),
        kind: data.kind,
        subject: subjectLine(data.subject),
        description: data.description,
        ...(data.businessCategory !== undefined ? { businessCategory: data.businessCategory } : {}),
        impact: data.impact,
        urgency: data.urgency,
        priority,
        attachments,
        registeredAt: metadata.at,
        ...(receivedAt !== undefined ? { receivedAt } : {}),
      },
    },
  ];
  const hours = data.promisedHandlingHours;
  if (data.kind === 'complaint' && metadata.actor.roles.includes('customer')) {
    // C-2.3: the company promises; staff state it afterwards (PromiseComplaintHandling).
    if (hours !== undefined || data.promisedResult !== undefined) {
      throw new RuleViolation(
        'promise-by-customer',
        'A customer’s complaint is registered without a promise: staff promise its handling time and result (C-2.3 向客戶承諾處理時間和結果)',
      );
    }
    return events;
  }
  const promisedResult = ensurePromiseFits(data.kind, hours, data.promisedResult);
  if (promisedResult === undefined) return events;
  if (hours === undefined) {
    throw new RuleViolation(
      'promise-required',
      'A complaint is registered with the handling time promised to the customer (C-2.3)',
    );
  }
  const { dueAt } = makePromise(metadata.at, hours);
  return [
    ...events,
    {
      type: 'ComplaintRegistered',
      data: { demandId: data.demandId, priority, promisedHandlingHours: hours, promisedResult, dueAt },
    },
  ];
}

/**
 * P-1.1: a web demand says whether it came by portal or chat; an e-mail one keeps its Message-ID for
 * threading, and only an e-mail can fail to prove its sender.
 */
function ensureChannelDetails({ channel, subChannel, emailMessageId, senderNotVerified }: RegisterDemand['data']): void {
  if (channel === 'web' && !subChannel) {
    throw new RuleViolation(
      'sub-channel-required',
      'A web demand must say whether it came through the portal or the chat',
    );
  }
  if (channel !== 'web' && subChannel) {
    throw new RuleViolation('sub-channel-not-web', `Only a web demand has a sub-channel; this one came by ${channel}`);
  }
  if (channel === 'email' && !emailMessageId) {
    throw new RuleViolation(
      'message-id-required',
      'An e-mail demand keeps the Message-ID of its mail, so replies thread onto it',
    );
  }
  if (channel !== 'email' && emailMessageId) {
    throw new RuleViolation(
      'message-id-not-email',
      `Only an e-mail demand has a Message-ID; this one came by ${channel}`,
    );
  }
  if (channel !== 'email' && senderNotVerified) {
    throw new RuleViolation(
      'sender-verification-not-email',
      `Only an e-mail demand can have a sender not verified; this one came by ${channel}`,
    );
  }
}

/** A subject is one line, whichever channel brought it (single-line-text.ts); one of control characters only is none. */
function subjectLine(subject: string): string {
  const line = singleLineText(subject);
  if (!line) throw new RuleViolation('subject-required', 'A demand needs a subject of more than blanks and control characters');
  return line;
}

function normalisedContact(contact: DemandContact): DemandContact {
  return {
    name: contact.name,
    ...(contact.phone ? { phone: normalisePhone(contact.phone) } : {}),
    ...(contact.email ? { email: normaliseEmail(contact.email) } : {}),
  };
}

function decideOn(state: Demand, command: Exclude<DemandCommand, RegisterDemand>): DemandEvent[] {
  const { metadata } = command;
  const demandId = state.demandId;
  const actor = metadata.actor.userId;
  switch (command.type) {
    case 'ConfirmTriage': {
      ensureOpen(state, 'triaged');
      const { complexity, priority, businessCategory, suggestion } = command.data;
      const involvement = involvementOf(command.data.departmentIds ?? [], suggestion);
      const started = ['coordinating', 'coordinated', 'in-delivery'].includes(state.status);
      if (complexity !== state.complexity && started) {
        throw new RuleViolation(
          'complexity-fixed',
          `Demand ${state.reference} is ${state.status}: complexity is fixed once coordination or delivery starts`,
        );
      }
      if (started && !sameDepartments(involvement?.departmentIds ?? [], state.involvement?.departmentIds ?? [])) {
        throw new RuleViolation(
          'departments-fixed',
          `Demand ${state.reference} is ${state.status}: the departments it involves are fixed once coordination or delivery starts`,
        );
      }
      const overridden = overriddenFields(command.data, suggestion);
      const reason = command.data.reason?.trim();
      if (overridden.length > 0 && !reason) {
        throw new RuleViolation(
          'override-reason-required',
          `Overriding the triage suggestion (${overridden.join(', ')}) requires a reason (P-1.3)`,
        );
      }
      return [
        {
          type: 'DemandTriaged',
          data: {
            demandId,
            complexity,
            priority,
            businessCategory,
            suggestion,
            overridden,
            ...(involvement ? { involvement } : {}),
            ...(reason ? { reason } : {}),
            decidedBy: actor,
          },
        },
      ];
    }
    case 'ReclassifyDemand':
      ensureOpen(state, 'reclassified');
      if (state.kind === 'complaint' && command.data.kind !== 'complaint') {
        // A customer's complaint not yet promised is a complaint all the same (C-2.3): it is promised, not reclassified.
        throw new RuleViolation(
          'complaint-kind-fixed',
          `Demand ${state.reference} is a complaint: it goes through the complaint process and keeps its kind (C-2.3)`,
        );
      }
      return reclassify(state, command, requireReason(command.data.reason, 'A reclassification'));
    case 'AssignDemand': {
      ensureOpen(state, 'assigned');
      if (state.status === 'registered') {
        throw new RuleViolation(
          'triage-required',
          `Demand ${state.reference} must be triaged before it is assigned (P-1.3, P-2.1)`,
        );
      }
      if (state.status !== 'triaged') {
        throw new RuleViolation(
          'already-assigned',
          `Demand ${state.reference} is already assigned; reassign it, giving a reason`,
        );
      }
      const { departmentId, ownerId } = command.data;
      return [{ type: 'DemandAssigned', data: { demandId, departmentId, ownerId, assignedBy: actor } }];
    }
    case 'ReassignDemand': {
      ensureOpen(state, 'reassigned');
      const from = ensureAssigned(state, 'reassigned');
      const { departmentId, ownerId } = command.data;
      if (from.departmentId === departmentId && from.ownerId === ownerId) {
        throw new RuleViolation(
          'assignment-unchanged',
          `Demand ${state.reference} is already with ${ownerId} in ${departmentId}`,
        );
      }
      const reason = requireReason(command.data.reason, 'A reassignment');
      return [
        {
          type: 'DemandReassigned',
          data: { demandId, from, to: { departmentId, ownerId }, reason, reassignedBy: actor },
        },
      ];
    }
    case 'ConveneCoordinationMeeting': {
      ensureOpen(state, 'coordinated');
      ensureAssigned(state, 'coordinated');
      const involved = ensureSeveralDepartments(state);
      if (state.status === 'coordinated' || state.status === 'in-delivery') {
        throw new RuleViolation(
          'coordination-already-recorded',
          `The coordination of demand ${state.reference} is already recorded`,
        );
      }
      if (!metadata.actor.departments.includes(CUSTOMER_SERVICE_DEPARTMENT)) {
        throw new RuleViolation(
          'convener-not-customer-service',
          'A coordination meeting is convened by the customer-service department (P-2.2)',
        );
      }
      const { meetingId, scheduledAt, participants } = command.data;
      ensureMeetingParticipants(participants, involved);
      return [
        {
          type: 'CoordinationMeetingConvened',
          data: { demandId, meetingId, scheduledAt, participants, convenedBy: actor },
        },
      ];
    }
    case 'RecordCoordination': {
      ensureOpen(state, 'coordinated');
      if (state.status === 'coordinated' || state.status === 'in-delivery') {
        throw new RuleViolation(
          'coordination-already-recorded',
          `The coordination of demand ${state.reference} is already recorded`,
        );
      }
      if (!state.meeting) {
        throw new RuleViolation(
          'meeting-not-convened',
          `No coordination meeting has been convened for demand ${state.reference} (P-2.2)`,
        );
      }
      const { meetingId, responsibilities, cooperation, leadDepartmentId, jointSolution } = command.data;
      if (meetingId !== state.meeting.meetingId) {
        throw new RuleViolation(
          'unknown-meeting',
          `Meeting ${meetingId} is not the coordination meeting convened for demand ${state.reference}`,
        );
      }
      ensureResponsibilities(state.meeting.departmentIds, responsibilities, leadDepartmentId);
      return [
        {
          type: 'CoordinationRecorded',
          data: { demandId, meetingId, responsibilities, cooperation, leadDepartmentId, jointSolution },
        },
      ];
    }
    case 'ReleaseToDelivery': {
      ensureOpen(state, 'released to delivery');
      if (state.status === 'in-delivery') {
        throw new RuleViolation('already-in-delivery', `Demand ${state.reference} is already in delivery`);
      }
      if (state.cancelledCaseId) {
        // Service delivery keeps one case a demand: a cancelled one is not opened again.
        throw new RuleViolation(
          'delivery-case-cancelled',
          `The delivery case of demand ${state.reference} was cancelled and handed it back: resolve or withdraw it here`,
        );
      }
      const assignment = ensureWorkable(state, 'released to delivery');
      return [
        {
          type: 'DemandReleasedToDelivery',
          data: {
            demandId,
            reference: state.reference,
            customerId: state.customerId,
            ...assignment,
            complexity: state.complexity ?? 'routine',
            departmentIds: departmentsInvolved(state),
            ...(state.leadDepartmentId ? { leadDepartmentId: state.leadDepartmentId } : {}),
            ...(state.responsibilities ? { responsibilities: state.responsibilities } : {}),
          },
        },
      ];
    }
    case 'SendReply': {
      ensureNotEnded(state, 'replied to');
      const { channel, body, messageId } = command.data;
      const attachments = normaliseAttachments(command.data.attachments ?? []);
      ensureAttachmentsWithinLimits(attachments);
      return [reply(state, metadata, { channel, body, attachments, ...(messageId ? { messageId } : {}) })];
    }
    case 'RecordCustomerMessage': {
      ensureNotEnded(state, 'added to');
      const { channel, from, body, messageId } = command.data;
      if (messageId && state.messageIds.includes(messageId)) return [];
      const subject = command.data.subject === undefined ? '' : singleLineText(command.data.subject);
      const attachments = normaliseAttachments(command.data.attachments ?? []);
      ensureAttachmentsWithinLimits(attachments);
      const received: DemandEvent = {
        type: 'CustomerMessageReceived',
        data: {
          demandId,
          channel,
          from,
          ...(subject ? { subject } : {}),
          body,
          ...(messageId ? { messageId } : {}),
          attachments,
          receivedAt: metadata.at,
        },
      };
      // The customer answering is what we were waiting for; it does not end a wait on a third party.
      return state.waitingOnCustomerSince ? [received, resume(state, metadata, 'customer-message')] : [received];
    }
    case 'AddInternalNote':
      return [{ type: 'InternalNoteAdded', data: { demandId, body: command.data.body, author: actor } }];
    case 'WaitForCustomer': {
      ensureOpen(state, 'put on hold');
      ensureNotWaiting(state);
      const reason = requireReason(command.data.reason, 'Waiting on the customer');
      return [{ type: 'DemandWaitingOnCustomer', data: { demandId, reason, since: metadata.at } }];
    }
    case 'WaitOnThirdParty':
      ensureOpen(state, 'put on hold');
      ensureNotWaiting(state);
      return waitOnThirdParty(state, command, requireReason(command.data.reason, 'Waiting on a third party'));
    case 'ResumeDemand':
      return [resume(state, metadata, 'agent')];
    case 'RecordComplaintHandlingStep': {
      const complaint = ensureComplaint(state);
      ensureOpen(state, 'handled');
      return [
        {
          type: 'ComplaintHandlingStepRecorded',
          data: {
            demandId,
            step: complaint.handlingSteps + 1,
            description: command.data.description,
            handledBy: actor,
          },
        },
      ];
    }
    case 'CommunicateComplaintResult': {
      ensureComplaint(state);
      ensureOpen(state, 'answered with a complaint result');
      const { channel, result, messageId } = command.data;
      // The result reaches the customer as a reply, so it counts for first response and the timeline too.
      return [
        reply(state, metadata, { channel, body: result, attachments: [], ...(messageId ? { messageId } : {}) }),
        { type: 'ComplaintResultCommunicated', data: { demandId, channel, result } },
      ];
    }
    case 'ResolveDemand': {
      ensureOpen(state, 'resolved');
      if (state.status === 'in-delivery') {
        throw new RuleViolation(
          'resolved-by-acceptance',
          `Demand ${state.reference} is in delivery: it is resolved when its service case's acceptance passes ` +
            '(P-5.1 客戶驗收, P-5.2 直至客戶滿意通過驗收), not by hand; if the case is cancelled it comes back here to be resolved',
        );
      }
      ensureWorkable(state, 'resolved');
      ensurePromised(state, 'resolved');
      if (state.complaint && !state.complaint.resultCommunicated) {
        throw new RuleViolation(
          'complaint-result-not-communicated',
          `Complaint ${state.reference} is resolved only after its result is communicated to the customer (C-2.3)`,
        );
      }
      const resolution = command.data.resolution.trim();
      if (!resolution) {
        throw new RuleViolation(
          'resolution-required',
          `Resolving demand ${state.reference} needs a description of the resolution`,
        );
      }
      const delivery = promisedResultDelivery(state, command.data);
      const stage = attributedStage(state.kind, state.reference, command.data.processStage);
      const resolvedDemand: DemandEvent = {
        type: 'DemandResolved',
        data: { demandId, resolution, ...stage, resolvedAt: metadata.at },
      };
      if (!state.complaint) return [resolvedDemand];
      const { promise } = state.complaint;
      return [
        resolvedDemand,
        {
          type: 'ComplaintResolved',
          data: {
            demandId,
            dueAt: promise.dueAt,
            resolvedAt: metadata.at,
            withinPromise: !isPromiseBroken(promise, metadata.at),
            ...delivery,
          },
        },
      ];
    }
    case 'ResolveOnAcceptance': {
      ensureInDelivery(state, 'resolved by its case’s acceptance');
      const { caseId, round, acceptedAt } = command.data;
      const resolvedDemand: DemandEvent = {
        type: 'DemandResolved',
        data: {
          demandId,
          resolution: `The customer accepted the service in acceptance round ${round} (P-5.1)`,
          resolvedAt: acceptedAt,
          acceptance: { caseId, round },
        },
      };
      if (!state.complaint) return [resolvedDemand];
      // The customer accepting the delivery is the complaint's outcome; whether it is the result promised
      // is not for the acceptance to say, so the complaint records only whether it came in time.
      const { promise } = state.complaint;
      return [
        resolvedDemand,
        {
          type: 'ComplaintResolved',
          data: { demandId, dueAt: promise.dueAt, resolvedAt: acceptedAt, withinPromise: !isPromiseBroken(promise, acceptedAt) },
        },
      ];
    }
    case 'ReturnFromDelivery': {
      ensureInDelivery(state, 'handed back from delivery');
      return [
        {
          type: 'DemandReturnedFromDelivery',
          data: {
            demandId,
            caseId: command.data.caseId,
            status: state.responsibilities ? 'coordinated' : 'assigned',
            returnedAt: metadata.at,
          },
        },
      ];
    }
    case 'PromiseComplaintHandling':
      ensureOpen(state, 'promised');
      return [promiseComplaint(state, command)];
    case 'EscalateDemand':
      return escalate(state, command);
    case 'CloseDemand': {
      ensureNotEnded(state, 'closed');
      if (state.status !== 'resolved') {
        throw new RuleViolation(
          'not-resolved',
          `Demand ${state.reference} is ${state.status}: only a resolved demand is closed; withdraw an unresolved one`,
        );
      }
      const reason = requireReason(command.data.reason, 'Closing a demand');
      return [{ type: 'DemandClosed', data: { demandId, reason } }];
    }
    case 'WithdrawDemand': {
      ensureOpen(state, 'withdrawn');
      const reason = requireReason(command.data.reason, 'A withdrawal');
      return [{ type: 'DemandWithdrawn', data: { demandId, reason, previousStatus: state.status } }];
    }
  }
}

function overriddenFields(
  decision: Pick<ConfirmTriage['data'], TriageField>,
  suggestion: TriageSuggestion,
): TriageField[] {
  const fields: TriageField[] = [];
  if (decision.complexity !== suggestion.complexity) fields.push('complexity');
  if (decision.priority !== suggestion.priority) fields.push('priority');
  if (suggestion.businessCategory !== undefined && decision.businessCategory !== suggestion.businessCategory) {
    fields.push('businessCategory');
  }
  return fields;
}

function reply(
  state: Demand,
  metadata: CommandMetadata,
  message: { channel: ConversationChannel; body: string; attachments: AttachmentMetadata[]; messageId?: string },
): CustomerReplySent {
  return {
    type: 'CustomerReplySent',
    data: {
      demandId: state.demandId,
      ...message,
      firstResponse: !state.firstResponseSent,
      sentBy: metadata.actor.userId,
      sentAt: metadata.at,
    },
  };
}

/** C-2.3: a customer's complaint is handled and resolved once staff have promised its handling time and result. */
function ensurePromised(state: Demand, action: string): void {
  if (state.kind === 'complaint' && !state.complaint) {
    throw new RuleViolation(
      'complaint-promise-required',
      `Complaint ${state.reference} is ${action} once its handling time and result are promised to the customer (C-2.3 向客戶承諾處理時間和結果)`,
    );
  }
}

/** What only delivery's outcome does: a demand not (or no longer) in delivery is left as it is. */
function ensureInDelivery(state: Demand, action: string): void {
  if (state.status !== 'in-delivery') {
    throw new RuleViolation('not-in-delivery', `Demand ${state.reference} is ${state.status}: only a demand in delivery is ${action}`);
  }
}

/** Work happens only while a demand is open. */
function ensureOpen(state: Demand, action: string): void {
  if (state.status === 'resolved') {
    throw new RuleViolation('demand-resolved', `Demand ${state.reference} is resolved and can no longer be ${action}`);
  }
  ensureNotEnded(state, action);
}

/** Closed and withdrawn demands are history: only internal notes are added to them. */
function ensureNotEnded(state: Demand, action: string): void {
  if (state.status === 'closed' || state.status === 'withdrawn') {
    throw new RuleViolation(
      `demand-${state.status}`,
      `Demand ${state.reference} is ${state.status} and can no longer be ${action}`,
    );
  }
}

function ensureAssigned(state: Demand, action: string): Assignment {
  if (!state.assignment) {
    throw new RuleViolation(
      'not-assigned',
      `Demand ${state.reference} is ${state.status}: it is assigned to a department (P-2.1) before it is ${action}`,
    );
  }
  return state.assignment;
}

/**
 * P-2.2: a complex demand that involves several departments is worked on only once its coordination
 * meeting has recorded each department's responsibilities; any demand whose meeting is convened waits
 * for the record, which delivery takes the responsibilities from.
 */
function ensureWorkable(state: Demand, action: string): Assignment {
  const assignment = ensureAssigned(state, action);
  if (state.status === 'coordinating') {
    throw new RuleViolation(
      'coordination-required',
      `Demand ${state.reference} is being coordinated: it is ${action} once its coordination meeting is recorded (P-2.2)`,
    );
  }
  const involved = departmentsInvolved(state);
  if (state.complexity === 'complex' && involved.length > 1 && state.status === 'assigned') {
    throw new RuleViolation(
      'coordination-required',
      `Demand ${state.reference} is complex and involves departments ${involved.join(', ')}: it is ${action} only ` +
        'once a coordination meeting has recorded each department’s responsibilities (P-2.2 對於涉及多個部門的復雜需求)',
    );
  }
  return assignment;
}

/** P-2.2: a coordination meeting is for a demand that involves several departments; answers them. */
function ensureSeveralDepartments(state: Demand): string[] {
  const involved = departmentsInvolved(state);
  if (involved.length < 2) {
    throw new RuleViolation(
      'coordination-not-needed',
      `Demand ${state.reference} involves only department ${involved.join(', ')}: a coordination meeting is for a ` +
        'demand that involves several departments (P-2.2 對於涉及多個部門的復雜需求); triage names the others',
    );
  }
  return involved;
}

/** P-2.2: the departments triage names and who named them: the rules, when the agent kept what they suggested. */
function involvementOf(departmentIds: string[], suggestion: TriageSuggestion): DepartmentInvolvement | undefined {
  if (departmentIds.length === 0) return undefined;
  const namedBy = sameDepartments(departmentIds, suggestion.departmentIds ?? []) ? 'triage-rules' : 'agent';
  return { departmentIds: [...new Set(departmentIds)], namedBy };
}

function sameDepartments(a: readonly string[], b: readonly string[]): boolean {
  const [left, right] = [new Set(a), new Set(b)];
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/**
 * C-2.3: resolving a complaint says whether the result promised to the customer was delivered, and
 * when it was not, why. A complaint registered before results were promised may say so too.
 */
function promisedResultDelivery(
  state: Demand,
  { promisedResultDelivered: delivered, promisedResultNote }: ResolveDemand['data'],
): Pick<ComplaintResolved['data'], 'promisedResultDelivered' | 'promisedResultNote'> {
  const note = promisedResultNote?.trim();
  if (!state.complaint) {
    if (delivered === undefined && promisedResultNote === undefined) return {};
    throw new RuleViolation(
      'not-a-complaint',
      `Demand ${state.reference} is ${article(state.kind)}: only a complaint is promised a result (C-2.3)`,
    );
  }
  if (delivered === undefined) {
    if (state.complaint.promise.promisedResult === undefined && !note) return {};
    throw new RuleViolation(
      'promised-result-delivery-required',
      `Resolving complaint ${state.reference} records whether the promised result was delivered (C-2.3 向客戶承諾處理時間和結果)`,
    );
  }
  if (!delivered && !note) {
    throw new RuleViolation(
      'promised-result-note-required',
      `Complaint ${state.reference} did not get the result it was promised: say why in promisedResultNote (C-2.3)`,
    );
  }
  return { promisedResultDelivered: delivered, ...(note ? { promisedResultNote: note } : {}) };
}

function ensureComplaint(state: Demand): ComplaintHandling {
  ensurePromised(state, 'handled');
  if (!state.complaint) {
    throw new RuleViolation('not-a-complaint', `Demand ${state.reference} is ${article(state.kind)}, not a complaint`);
  }
  return state.complaint;
}

/** P-2.2: a meeting spans every department the demand involves, and at least two, each with someone there. */
function ensureMeetingParticipants(participants: MeetingParticipants[], involved: string[]): void {
  const departmentIds = participants.map((p) => p.departmentId);
  const repeated = departmentIds.find((id, index) => departmentIds.indexOf(id) !== index);
  if (repeated) {
    throw new RuleViolation(
      'duplicate-participant-department',
      `Department ${repeated} is listed twice among the participants`,
    );
  }
  if (departmentIds.length < 2) {
    throw new RuleViolation(
      'coordination-needs-departments',
      'A coordination meeting brings together at least two departments (P-2.2)',
    );
  }
  const empty = participants.find((p) => p.people.length === 0);
  if (empty) {
    throw new RuleViolation(
      'department-without-participant',
      `Department ${empty.departmentId} sends nobody to the meeting`,
    );
  }
  const [assignedDepartmentId, ...named] = involved;
  if (!departmentIds.includes(assignedDepartmentId)) {
    throw new RuleViolation(
      'assigned-department-absent',
      `Department ${assignedDepartmentId}, which holds the demand, must take part in its coordination meeting`,
    );
  }
  const absent = named.find((id) => !departmentIds.includes(id));
  if (absent) {
    throw new RuleViolation(
      'involved-department-absent',
      `Department ${absent}, which the demand involves, must take part in its coordination meeting (P-2.2 組織相關部門召開協調會議)`,
    );
  }
}

/** P-2.2: the record gives every department at the meeting its responsibilities, and one of them leads. */
function ensureResponsibilities(
  meetingDepartmentIds: string[],
  responsibilities: DepartmentResponsibility[],
  leadDepartmentId: string,
): void {
  const stranger = responsibilities.find((r) => !meetingDepartmentIds.includes(r.departmentId));
  if (stranger) {
    throw new RuleViolation(
      'department-not-at-meeting',
      `Department ${stranger.departmentId} was not at the coordination meeting`,
    );
  }
  const missing = meetingDepartmentIds.find((id) => !responsibilities.some((r) => r.departmentId === id));
  if (missing) {
    throw new RuleViolation(
      'responsibility-missing',
      `The coordination record gives department ${missing} no responsibilities (P-2.2)`,
    );
  }
  if (!meetingDepartmentIds.includes(leadDepartmentId)) {
    throw new RuleViolation(
      'lead-not-at-meeting',
      `The lead department ${leadDepartmentId} was not at the coordination meeting`,
    );
  }
}

function requireReason(text: string | undefined, what: string): string {
  const trimmed = text?.trim();
  if (!trimmed) throw new RuleViolation('reason-required', `${what} needs a reason`);
  return trimmed;
}

function article(kind: DemandKind): string {
  return `${kind === 'enquiry' || kind === 'after-sales' ? 'an' : 'a'} ${kind}`;
}


/**
 * Which demand a delivery case delivers, as service delivery's `case.opened` said: its later events name
 * only the case. One stream per case, `intake.delivery-case-<caseId>`; only intake's consumer of service
 * delivery's events links cases.
 */
export type LinkDeliveryCase = Command<'LinkDeliveryCase', { caseId: string; demandId: string }>;
export type DeliveryCaseLinked = { type: 'DeliveryCaseLinked'; data: { caseId: string; demandId: string } };
export type DeliveryCaseLinkState = { demandId: string } | null;

export const deliveryCaseLink: Decider<LinkDeliveryCase, DeliveryCaseLinked, DeliveryCaseLinkState> = {
  initialState: () => null,
  evolve: (_state, event) => ({ demandId: event.data.demandId }),
  decide(command, state) {
    const { caseId, demandId } = command.data;
    if (!state) return [{ type: 'DeliveryCaseLinked', data: { caseId, demandId } }];
    // A case is opened once, for one demand; its opening seen again changes nothing.
    if (state.demandId === demandId) return [];
    throw new RuleViolation('delivery-case-already-linked', `Delivery case ${caseId} delivers demand ${state.demandId}, not ${demandId}`);
  },
};

export const deliveryCaseLinks: Aggregate<LinkDeliveryCase, DeliveryCaseLinked, DeliveryCaseLinkState> = {
  name: 'Delivery case',
  streamPrefix: 'intake.delivery-case-',
  decider: deliveryCaseLink,
  idOf: (command) => command.data.caseId,
  creates: ['LinkDeliveryCase'],
};
