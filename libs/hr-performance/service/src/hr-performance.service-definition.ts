import { ServiceDefinition } from '@serviceledger/platform/nest';
import { HR_PERFORMANCE_CHANNELS, HR_PERFORMANCE_TOPICS } from '@serviceledger/hr-performance/contracts';
import { QUALITY_PERIOD_TOPIC } from '@serviceledger/quality-monitoring/contracts';
import { appraisalPersonalData, staffPersonalData } from '@serviceledger/hr-performance/domain';
import { appraisalAccessesProjection } from './appraisals/appraisal-accesses.projection';
import { appraisalConsumer } from './appraisals/appraisal-consumer';
import { appraisalsProjection } from './appraisals/appraisals.projection';
import { outcomesProjection } from './outcomes/outcomes.projection';
import { reviewDueSender, reviewSchedule } from './careers/review-schedule';
import { hrPerformanceRelay } from './contracts/hr-relay';
import { onboardingDueSender, onboardingSchedule } from './employees/onboarding-schedule';
import { staffProjection } from './employees/staff.projection';
import { postsProjection } from './posts/posts.projection';
import { trainingProjection } from './training/training.projection';
import { HR_PERFORMANCE_ANALYTICS_VIEWS } from './analytics-views';

/**
 * What the platform runs for HR performance: its projections, the relay of its public staff events, the topics,
 * consumers and schedules, and the personal data its events carry.
 */
export const hrPerformanceService: ServiceDefinition = {
  name: 'hr-performance',
  description:
    'Posts with recruitment standards and onboarding programmes, hiring, training plans and the training matrix, development plans, appraisals fed by quality scores and their outcomes, promotion tracks and careers',
  projections: [postsProjection, staffProjection, trainingProjection, appraisalsProjection, outcomesProjection, appraisalAccessesProjection],
  analyticsViews: HR_PERFORMANCE_ANALYTICS_VIEWS,
  relay: hrPerformanceRelay,
  channels: HR_PERFORMANCE_CHANNELS,
  topics: [...Object.values(HR_PERFORMANCE_TOPICS), QUALITY_PERIOD_TOPIC],
  consumers: [appraisalConsumer],
  schedules: [
    { definition: onboardingSchedule, sender: onboardingDueSender },
    { definition: reviewSchedule, sender: reviewDueSender },
  ],
  personalData: { personal: [...staffPersonalData.personal, ...appraisalPersonalData.personal], erasures: [...(staffPersonalData.erasures ?? [])] },
};
