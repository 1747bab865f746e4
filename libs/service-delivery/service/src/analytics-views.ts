import { AnalyticsViewDefinition } from '@serviceledger/platform/read-models';
import { casesProjection } from './projections/cases.projection';
import { meetingsProjection } from './projections/meetings.projection';

/**
 * Service-delivery's views for analysts (ADR 0024). Progress reports, fix notes, coordination issues, after-sales
 * measures and resolutions, visit comments and the plans' JSON stay out: free text about a customer's case is the
 * customer's personal data (R-3.1), and the JSON is the service's internal state.
 */
export const SERVICE_DELIVERY_ANALYTICS_VIEWS: AnalyticsViewDefinition[] = [
  {
    name: 'cases',
    version: 1,
    projection: casesProjection,
    table: 'case',
    description: 'One row per service case opened from a demand: its department, owner, complexity, status, plan and reporting figures, and when it was opened, delivered, accepted and closed.',
    columns: {
      caseId: 'The case id: the id of the demand it was opened for.',
      planOverdue: 'The service plan was not submitted by its deadline.',
      reportsSent: 'Progress reports sent to the customer so far.',
      reportsMissed: 'Progress reports that were due and not sent.',
      acceptanceRound: 'How many acceptance rounds the case has had.',
    },
  },
  { name: 'case_departments', version: 1, projection: casesProjection, table: 'department', description: 'One row per case and department working on it.' },
  {
    name: 'case_plan_versions',
    version: 1,
    projection: casesProjection,
    table: 'plan_version',
    description: 'One row per version of a case’s service plan: its status, whether it is a major change, whether experts reviewed it, who submitted and approved it and when.',
    omit: ['experts', 'changeReason', 'plan', 'reviews'],
  },
  { name: 'case_members', version: 1, projection: casesProjection, table: 'member', description: 'One row per member of a case’s project team and period of membership.', omit: ['duties', 'leftReason'] },
  { name: 'case_milestones', version: 1, projection: casesProjection, table: 'milestone', description: 'One row per milestone of a case’s plan: due, expected and completed dates, and whether it was late.', omit: ['standards', 'checkEvidence'] },
  { name: 'case_progress_reports', version: 1, projection: casesProjection, table: 'report', description: 'One row per progress report due or sent to the customer: when it was due, sent, and whether on time.', omit: ['progress', 'problems'] },
  {
    name: 'acceptance_rounds',
    version: 1,
    projection: casesProjection,
    table: 'round',
    description: 'One row per acceptance round of a case: its plan version, the criteria version and the verdict.',
    omit: ['criteria', 'results', 'signatory', 'signedDocument', 'comments'],
  },
  { name: 'contract_criteria', version: 1, projection: casesProjection, table: 'contract_criteria', description: 'One row per version of the acceptance criteria a case’s contract sets.', omit: ['criteria'] },
  { name: 'rectification_items', version: 1, projection: casesProjection, table: 'item', description: 'One row per item to rectify after a failed acceptance round: its due date, whether it is a condition of acceptance, and when it was fixed.', omit: ['description', 'fixNote'] },
  { name: 'coordination_issues', version: 1, projection: casesProjection, table: 'issue', description: 'One row per coordination issue between departments on a case, and whether it is resolved.', omit: ['description', 'departmentIds', 'resolution'] },
  {
    name: 'follow_up_visits',
    version: 1,
    projection: casesProjection,
    table: 'visit',
    description: 'One row per follow-up visit of a case: when it was due and made, its channel, and the customer’s satisfaction and recommendation scores on the survey’s scale.',
    omit: ['comments', 'findings'],
  },
  { name: 'after_sales_problems', version: 1, projection: casesProjection, table: 'problem', description: 'One row per after-sales problem on a case: its source, status, handler and process stage, raised, resolved and closed.', omit: ['description', 'measures', 'resolution'] },
  { name: 'project_meetings', version: 1, projection: meetingsProjection, table: 'meeting', description: 'One row per project meeting: its kind, case and when it was held and recorded.', omit: ['attendees', 'decisions'] },
  { name: 'meeting_reports', version: 1, projection: meetingsProjection, table: 'report', description: 'One row per department’s report at a project meeting.', omit: ['progress', 'problems', 'solutions'] },
  { name: 'meeting_actions', version: 1, projection: meetingsProjection, table: 'action', description: 'One row per action agreed at a meeting: its owner and department, due date, when it was marked overdue, and whether it was done and late.', omit: ['description', 'outcome'] },
  {
    name: 'meeting_cadences',
    version: 1,
    projection: meetingsProjection,
    table: 'cadence',
    description: 'One row per kind of regular meeting (weekly, monthly, quarterly) with a cadence set: the departments expected to report at it (JSON), its version, who set it and when.',
    columns: { expectedDepartments: 'The departments expected to report: a JSON array of department ids.' },
  },
  {
    name: 'missed_meetings',
    version: 1,
    projection: meetingsProjection,
    table: 'missed_meeting',
    description: 'One row per weekly, monthly or quarterly period that ended without its meeting: the period’s dates (Asia/Shanghai) and the departments expected (JSON).',
    columns: {
      periodKey: 'The period: `2026-W49` (ISO week), `2026-12` or `2026-Q4`.',
      periodFrom: 'The period’s first local date (Asia/Shanghai), `YYYY-MM-DD`.',
      periodTo: 'The period’s last local date (Asia/Shanghai), `YYYY-MM-DD`.',
      expectedDepartments: 'The departments the cadence expected then: a JSON array of department ids.',
    },
  },
  { name: 'meeting_unreported_departments', version: 1, projection: meetingsProjection, table: 'unreported_department', description: 'One row per regular meeting held and department its cadence expected that made no report at it.' },
  { name: 'meeting_case_departments', version: 1, projection: meetingsProjection, table: 'case_department', description: 'One row per case and department, as the meetings projection knows them (which departments a case’s meetings speak for).' },
];
