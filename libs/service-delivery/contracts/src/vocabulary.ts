/**
 * The public vocabulary of service-delivery's contracts. It mirrors the domain's values but is
 * declared here on purpose: contracts do not import the domain, and the mapper's type checks catch drift.
 */

/** The stages of the service process a finding points back to (P-6.3). */
export const PROCESS_STAGES = ['intake', 'planning', 'implementation', 'acceptance', 'after-sales'] as const;
export type ProcessStage = (typeof PROCESS_STAGES)[number];

export const FOLLOW_UP_CHANNELS = ['phone', 'on-site', 'online', 'email'] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

export const PROBLEM_SOURCES = ['customer', 'follow-up-visit'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

/** An after-sales problem's class (P-6.2): its nature and complexity decide the measures it requires. */
export const PROBLEM_NATURES = ['defect', 'usage', 'configuration', 'performance', 'data', 'other'] as const;
export type ProblemNature = (typeof PROBLEM_NATURES)[number];
export const PROBLEM_COMPLEXITIES = ['simple', 'complex'] as const;
export type ProblemComplexity = (typeof PROBLEM_COMPLEXITIES)[number];

/** How an acceptance report came in (P-5.1): filled in by the customer in the portal, or signed on paper. */
export const ACCEPTANCE_REPORT_FORMS = ['portal', 'paper'] as const;
export type AcceptanceReportForm = (typeof ACCEPTANCE_REPORT_FORMS)[number];

export const CASE_COMPLEXITIES = ['routine', 'complex'] as const;
export type CaseComplexity = (typeof CASE_COMPLEXITIES)[number];

/** Where a case stood when it was cancelled: only before the customer's acceptance. */
export const CANCELLABLE_CASE_STATUSES = ['planning', 'ready', 'in-delivery', 'awaiting-acceptance', 'rectifying'] as const;
export type CancellableCaseStatus = (typeof CANCELLABLE_CASE_STATUSES)[number];

// Schema fragments, shared by the contracts' schemas.

export const idSchema = { type: 'string', minLength: 1 } as const;
export const instantSchema = { type: 'string', format: 'date-time' } as const;
export const countSchema = { type: 'integer', minimum: 0 } as const;
export const positiveSchema = { type: 'integer', minimum: 1 } as const;
export const referenceSchema = { type: 'string', pattern: '^SR-\\d{4}-\\d{6,}$' } as const;
export const processStageSchema = { type: 'string', enum: PROCESS_STAGES } as const;
export const followUpChannelSchema = { type: 'string', enum: FOLLOW_UP_CHANNELS } as const;
export const problemSourceSchema = { type: 'string', enum: PROBLEM_SOURCES } as const;
export const problemNatureSchema = { type: 'string', enum: PROBLEM_NATURES } as const;
export const problemComplexitySchema = { type: 'string', enum: PROBLEM_COMPLEXITIES } as const;
export const complexitySchema = { type: 'string', enum: CASE_COMPLEXITIES } as const;
export const reportFormSchema = { type: 'string', enum: ACCEPTANCE_REPORT_FORMS } as const;
export const cancellableStatusSchema = { type: 'string', enum: CANCELLABLE_CASE_STATUSES } as const;

/** What every service-delivery contract carries: the case it is about and when the service decided it. */
export const caseIdAndTime = { caseId: idSchema, occurredAt: instantSchema } as const;
