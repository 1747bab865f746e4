import { AnalyticsViewDefinition } from '@serviceledger/platform/read-models';
import { appraisalAccessesProjection } from './appraisals/appraisal-accesses.projection';
import { appraisalsProjection } from './appraisals/appraisals.projection';
import { staffProjection } from './employees/staff.projection';
import { outcomesProjection } from './outcomes/outcomes.projection';
import { postsProjection } from './posts/posts.projection';
import { trainingProjection } from './training/training.projection';

/** Hr-performance's views for analysts (ADR 0024): staff are named by id only; the deciders' JSON state stays out. */
export const HR_PERFORMANCE_ANALYTICS_VIEWS: AnalyticsViewDefinition[] = [
  { name: 'posts', version: 1, projection: postsProjection, table: 'post', description: 'One row per post: its department, career track and the versions of its recruitment standards and onboarding programme.', omit: ['state'] },
  {
    name: 'employees',
    version: 1,
    projection: staffProjection,
    table: 'employee',
    description: 'One row per employee, by id: department, post, track and level, hired and left, and onboarding status.',
    omit: ['name', 'state'],
  },
  { name: 'development_plans', version: 1, projection: staffProjection, table: 'development_plan', description: 'One row per employee’s development plan: its version, status and review dates.', omit: ['state'] },
  { name: 'training_sessions', version: 1, projection: trainingProjection, table: 'session', description: 'One row per training session held: its training, kind, department and date.', omit: ['state'] },
  { name: 'training_completions', version: 1, projection: trainingProjection, table: 'completion', description: 'One row per employee who completed a training session, with the topic and score.' },
  { name: 'training_plans', version: 1, projection: trainingProjection, table: 'plan', description: 'One row per department’s yearly training plan and its version.', omit: ['state'] },
  { name: 'appraisals', version: 1, projection: appraisalsProjection, table: 'appraisal', description: 'One row per appraisal of an employee for a period: status, score, whether it needs review, when it was finalised.', omit: ['state'] },
  { name: 'appraisal_schemes', version: 1, projection: appraisalsProjection, table: 'scheme', description: 'One row per post’s appraisal scheme and its version.', omit: ['state'] },
  { name: 'appraisal_outcomes', version: 1, projection: outcomesProjection, table: 'outcome', description: 'One row per outcome proposed from an appraisal (pay, bonus, training…) and its status.', omit: ['state'] },
  { name: 'appraisal_accesses', version: 1, projection: appraisalAccessesProjection, table: 'access', description: 'One row per access to an employee’s appraisal: who read which fields, when, and why.' },
];
