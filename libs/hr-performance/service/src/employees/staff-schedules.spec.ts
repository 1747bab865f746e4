import { DevelopmentPlanEvent, EmployeeEvent, developmentPlanStream, employeeStream } from '@serviceledger/hr-performance/domain';
import { eventStream } from '@serviceledger/platform/testing';
import { reviewSchedule } from '../careers/review-schedule';
import { onboardingSchedule } from './onboarding-schedule';

describe('staff due dates as scheduled commands', () => {
  it('plans overdue onboarding for when the due date is over in Shanghai, and cancels it on completion or leaving', () => {
    const employee = eventStream<EmployeeEvent>(employeeStream('tech-wang'));
    const assigned = employee({ type: 'OnboardingAssigned', data: { employeeId: 'tech-wang', postId: 'support-engineer', programmeVersion: 1, topics: ['company'], dueOn: '2026-12-02' } });
    expect(onboardingSchedule.changes(assigned)).toEqual([
      { plan: { key: 'onboarding-tech-wang', dueAt: '2026-12-02T16:00:00.000Z', type: 'MarkOnboardingOverdue', data: { employeeId: 'tech-wang', dueOn: '2026-12-02' } } },
    ]);
    expect(onboardingSchedule.changes(employee({ type: 'OnboardingCompleted', data: { employeeId: 'tech-wang', completedOn: '2026-11-20', late: false } }))).toEqual([{ cancel: 'onboarding-tech-wang' }]);
    const left = employee({ type: 'EmployeeLeft', data: { employeeId: 'tech-wang', departmentId: 'tech-support', postId: 'support-engineer', leftOn: '2026-11-30', reason: 'resigned', recordedAt: '2026-11-30T02:00:00.000Z', recordedBy: 'hr-li' } });
    expect(onboardingSchedule.changes(left)).toEqual([{ cancel: 'onboarding-tech-wang' }]);
  });

  it('re-plans the development review on each recording or review, and cancels it when the plan closes', () => {
    const plan = eventStream<DevelopmentPlanEvent>(developmentPlanStream('tech-wang'));
    const reviewed = plan({ type: 'DevelopmentPlanReviewed', data: { employeeId: 'tech-wang', reviewedOn: '2027-06-01', notes: 'ok', nextReviewDue: '2028-05-31', reviewedBy: 'hr-li' } });
    expect(reviewSchedule.changes(reviewed)).toEqual([
      { plan: { key: 'development-review-tech-wang', dueAt: '2028-05-31T16:00:00.000Z', type: 'MarkDevelopmentReviewOverdue', data: { employeeId: 'tech-wang', dueOn: '2028-05-31' } } },
    ]);
    expect(reviewSchedule.changes(plan({ type: 'DevelopmentPlanClosed', data: { employeeId: 'tech-wang', closedOn: '2028-01-31' } }))).toEqual([{ cancel: 'development-review-tech-wang' }]);
    expect(reviewSchedule.changes(plan({ type: 'DevelopmentReviewOverdue', data: { employeeId: 'tech-wang', departmentId: 'tech-support', dueOn: '2028-05-31' } }))).toEqual([]);
  });
});
