/**
 * The public vocabulary of intake's contracts. It mirrors the intake domain's values but is declared
 * here on purpose: contracts must not import the domain, and a value added inside intake does not
 * reach consumers until a contract says so. The intake mapper's type checks catch any drift.
 */

/** How a demand reached intake. */
export const DEMAND_CHANNELS = ['phone', 'web', 'email'] as const;
export type DemandChannel = (typeof DEMAND_CHANNELS)[number];

/** The web channel is the customer portal or an agent on the online chat. */
export const WEB_SUB_CHANNELS = ['portal', 'chat'] as const;
export type WebSubChannel = (typeof WEB_SUB_CHANNELS)[number];

/** How one message of the conversation travels between the customer and the company. */
export const CONVERSATION_CHANNELS = ['phone', 'email', 'portal', 'chat'] as const;
export type ConversationChannel = (typeof CONVERSATION_CHANNELS)[number];

export const DEMAND_KINDS = ['enquiry', 'feedback', 'complaint', 'after-sales'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];

/** The stage of the service process an after-sales demand points back to when it is resolved (P-6.3). */
export const PROCESS_STAGES = ['intake', 'planning', 'implementation', 'acceptance', 'after-sales'] as const;
export type ProcessStage = (typeof PROCESS_STAGES)[number];

/** The customer's service tier: SLA policies match on it. */
export const CUSTOMER_TIERS = ['standard', 'gold', 'platinum'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

/** The initial assessment (P-1.3); a complex demand of several departments is coordinated before delivery (P-2.2). */
export const COMPLEXITIES = ['routine', 'complex'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

/** Impact and urgency: 1 high, 2 medium, 3 low. */
export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];

/** P1 is the most urgent. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The triage fields an agent can decide differently from the rules' suggestion. */
export const TRIAGE_FIELDS = ['complexity', 'priority', 'businessCategory'] as const;
export type TriageField = (typeof TRIAGE_FIELDS)[number];

/** Whom a demand waits on while its clocks pause. */
export const WAITED_ON = ['customer', 'third-party'] as const;
export type WaitedOn = (typeof WAITED_ON)[number];

/** The statuses in which a demand is still being worked on: what a withdrawn demand was before. */
export const OPEN_DEMAND_STATUSES = [
  'registered',
  'triaged',
  'assigned',
  'coordinating',
  'coordinated',
  'in-delivery',
] as const;
export type OpenDemandStatus = (typeof OPEN_DEMAND_STATUSES)[number];

/** What agreed a department takes on for a coordinated demand (P-2.2). */
export interface DepartmentResponsibility {
  departmentId: string;
  responsibility: string;
}
