/** The read-model rows of the demand projection, as queries see them. */
export interface DemandRow {
  demandId: string;
  reference: string;
  customerId: string;
  channel: string;
  subChannel: string | null;
  kind: string;
  subject: string;
  description: string;
  businessCategory: string | null;
  impact: number;
  urgency: number;
  priority: string;
  complexity: string | null;
  status: string;
  departmentId: string | null;
  ownerId: string | null;
  leadDepartmentId: string | null;
  /** P-2.2: who named the departments the demand involves besides its assignee (`agent`, `triage-rules`), if any. */
  departmentsNamedBy: string | null;
  contactName: string;
  contactPhone: string | null;
  contactEmail: string | null;
  emailMessageId: string | null;
  /** Opened by a mail that did not prove its sender: an agent checks it before trusting it. */
  senderNotVerified: boolean;
  /** Set while the demand waits on the customer: the clocks, and the complaint promise, stand still. */
  waitingSince: string | null;
  /** Set while the demand waits on a third party: the clocks stand still, the complaint promise runs on. */
  waitingOnThirdPartySince: string | null;
  /** Who it waits on then: a vendor, a partner, a carrier. */
  waitingOnThirdParty: string | null;
  /** 二(一)2: when the demand reached us (the call taken, the mail delivered); as registered when it said no earlier time. */
  receivedAt: string;
  registeredAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  complaintDueAt: string | null;
  complaintResolvedAt: string | null;
  complaintWithinPromise: boolean | null;
  /** C-2.3: the result promised to the complaining customer. */
  complaintPromisedResult: string | null;
  /** C-2.3: whether the resolution delivered the promised result, and why not when not. */
  complaintPromisedResultDelivered: boolean | null;
  complaintPromisedResultNote: string | null;
  updatedAt: string;
}

/**
 * Who may see a demand: the department it is assigned to now, those triage named as involved and those
 * at its coordination meeting, as the decider's scope has it. A row goes when its department is none.
 */
export interface DemandDepartmentRow {
  demandId: string;
  departmentId: string;
  /** The demand is assigned to this department now. */
  assigned: boolean;
  /** The department is at the coordination meeting last convened. */
  coordinating: boolean;
  /** Triage named the department as one the demand involves (P-2.2). */
  involved: boolean;
}

export type TimelineVisibility = 'customer' | 'internal';

export interface TimelineEntryRow {
  demandId: string;
  position: number;
  at: string;
  entry: string;
  visibility: TimelineVisibility;
  actorId: string;
  details: string;
}

/** Message-IDs on a demand's conversation, to thread e-mail replies. */
export interface DemandMessageRow {
  messageId: string;
  demandId: string;
}
