import { PersonalDataDeclarations } from '@serviceledger/platform/core';
import { AfterSalesProblemRaised } from './after-sales-problem';
import { CustomerDataErased } from './customer-erasure';
import { FollowUpVisitScheduled } from './follow-up-visit';
import { ProjectMeetingRecorded } from './project-meeting';
import { ServiceCaseOpened, serviceCaseStream } from './service-case';

/**
 * Who signed an acceptance report, the comments the customer wrote on it, and the file name of the signed
 * scan (its hash stays plain): a name typed there is not recognised.
 */
const ACCEPTANCE_PERSONAL_FIELDS = ['signatory.name', 'signatory.title', 'comments', 'signedDocument.fileName'];

/**
 * What a plan says in words: its goals, content, steps, milestones' titles and expected results. The ids and
 * dates stay plain, and so do the acceptance criteria, the contract's terms, which acceptance and the
 * comparison of plan versions work on.
 */
export const PLAN_TEXT_FIELDS = ['goals[]', 'content', 'steps[].description', 'milestones[].title', 'expectedResults[]'];
const planText = (at: string) => PLAN_TEXT_FIELDS.map((field) => `${at}.${field}`);

/** The evidence of completed work, overall and for each check of a standard it followed. */
const EVIDENCE = ['evidence', 'checks[].evidence'];

/** A plan's stream names no customer: its events are the customer's its case was opened for. */
const OF_THE_CASE = { ofStream: (data: { caseId: string }) => serviceCaseStream(data.caseId) };

/** Staff text on a customer's case, visit or problem: each event type and the fields where staff wrote it. */
const STAFF_TEXT: ReadonlyArray<[eventType: string, fields: string[]]> = [
  ['PlanVersionAdopted', ['baseline.steps[].description', 'baseline.milestones[].title']],
  ['StepCompleted', EVIDENCE],
  ['MilestoneCompleted', [...EVIDENCE, 'lateReason']],
  ['ProgressReportSent', ['progress', 'problems[].problem', 'problems[].solution']],
  ['MilestoneDeviationRecorded', ['reason']],
  ['MilestoneWaived', ['reason']],
  ['RectificationItemFixed', ['note']],
  ['CoordinationIssueLogged', ['description']],
  ['CoordinationIssueResolved', ['resolution']],
  ['ServiceCaseCancelled', ['reason']],
  ['FollowUpVisitCancelled', ['reason']],
  ['ProblemHandlerAssigned', ['reason']],
  ['ProblemMeasureRecorded', ['measure']],
  ['AfterSalesProblemResolved', ['resolution']],
  ['AfterSalesProblemReopened', ['reason']],
  ['AfterSalesProblemClosed', ['note']],
];

/**
 * Where service-delivery's events hold a customer's personal data (R-3.1, ADR 0016): the person who
 * signed an acceptance report, the report's comments and the signed scan's file name; what the customer asked to have rectified (each
 * rectification item's description, in a rejection or as the conditions of an acceptance; the items' ids
 * stay plain, since fixing them works on the ids); what they said on a follow-up visit (its comments and
 * each finding's description); and the problem they reported after sales. The platform stores them
 * encrypted with the key of the customer, which the opening of the case, the scheduling of a visit and the
 * raising of a problem name. So is the text staff write on the customer's case, visit or problem, where a
 * name or a number of theirs is as easily typed: what each department agreed to do (the responsibilities
 * the case opens with; the departments' ids stay plain), the progress reports sent to the customer (the
 * progress, each problem and its solution), why a milestone is late or waived, how a rectification item was fixed, the
 * coordination issues and their resolutions, why a case or a visit was cancelled, and on a problem after
 * sales why its handler changed, each measure taken, its resolution, why it was reopened and the note it
 * was closed with; and the plan written for them (each version's goals, content, steps, milestones and
 * expected results, why it changed, the experts' opinions and the head's comments, as the case adopts it
 * too), the evidence of the work done (steps, milestones and their checks, why a milestone was late), and
 * the minutes of the project meetings on their case (each department's report, the decisions, the actions
 * and their outcomes). A customer erased in intake is erased here by `CustomerDataErased`, which
 * destroys this service's key of theirs (shredding a key already shredded changes nothing).
 */
export const serviceDeliveryPersonalData: PersonalDataDeclarations = {
  personal: [
    { eventType: 'ServiceCaseOpened', fields: ['responsibilities[].responsibility'], subject: (data: ServiceCaseOpened['data']) => data.customerId },
    { eventType: 'AcceptancePassed', fields: [...ACCEPTANCE_PERSONAL_FIELDS, 'conditions[].description'], subject: 'stream' },
    { eventType: 'AcceptanceRejected', fields: [...ACCEPTANCE_PERSONAL_FIELDS, 'rectificationItems[].description'], subject: 'stream' },
    { eventType: 'FollowUpVisitScheduled', fields: [], subject: (data: FollowUpVisitScheduled['data']) => data.customerId },
    { eventType: 'FollowUpVisitRecorded', fields: ['comments', 'findings[].description'], subject: 'stream' },
    { eventType: 'AfterSalesProblemRaised', fields: ['description'], subject: (data: AfterSalesProblemRaised['data']) => data.customerId },
    ...STAFF_TEXT.map(([eventType, fields]) => ({ eventType, fields, subject: 'stream' as const })),
    { eventType: 'PlanVersionSubmitted', fields: [...planText('plan'), 'changeReason'], subject: OF_THE_CASE },
    { eventType: 'ExpertOpinionRecorded', fields: ['opinion'], subject: OF_THE_CASE },
    { eventType: 'PlanChangesRequested', fields: ['comments'], subject: OF_THE_CASE },
    { eventType: 'PlanVersionApproved', fields: [...planText('plan'), 'comments'], subject: OF_THE_CASE },
    // A project meeting's minutes are the customer's of its case; a department's own meeting (no case) is no customer's.
    {
      eventType: 'ProjectMeetingRecorded',
      fields: ['reports[].progress', 'reports[].problems', 'reports[].solutions', 'decisions[]', 'actions[].description'],
      subject: { ofStream: (data: ProjectMeetingRecorded['data']) => (data.caseId ? serviceCaseStream(data.caseId) : null) },
    },
    { eventType: 'MeetingActionCompleted', fields: ['outcome'], subject: 'stream' },
  ],
  erasures: [{ eventType: 'CustomerDataErased', subject: (data: CustomerDataErased['data']) => data.customerId }],
};
