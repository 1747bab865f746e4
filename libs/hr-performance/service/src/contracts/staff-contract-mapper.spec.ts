import { contractMapperSpec, eventStream } from '@serviceledger/platform/testing';
import { EMPLOYEE_LEFT_V1, HR_STAFF_CONTRACTS, HR_STAFF_TOPIC, ONBOARDING_OVERDUE_V1, TRAINING_COMPLETED_V1 } from '@serviceledger/hr-performance/contracts';
import {
  DevelopmentPlanEvent,
  EmployeeEvent,
  TrainingSessionEvent,
  developmentPlanStream,
  employeeStream,
  trainingSessionStream,
} from '@serviceledger/hr-performance/domain';
import { mapStaffEvent } from './staff-contract-mapper';

const AT = '2026-12-07T02:00:00.000Z';
const employeeEvents = eventStream<EmployeeEvent>(employeeStream('tech-wang'));
const sessionEvents = eventStream<TrainingSessionEvent>(trainingSessionStream('s-1'));
const employee = (event: EmployeeEvent) => employeeEvents(event, { at: AT, by: 'hr-li' });
const session = (event: TrainingSessionEvent) => sessionEvents(event, { at: AT, by: 'hr-li' });

const hired = employee({
  type: 'EmployeeHired',
  data: { employeeId: 'tech-wang', name: 'Wang Fang', departmentId: 'tech-support', postId: 'support-engineer', track: 'professional', level: 'P1', hiredOn: '2026-11-02', standardsVersion: 1, hiredAt: AT, hiredBy: 'hr-li' },
});
const overdue = employee({
  type: 'OnboardingOverdue',
  data: { employeeId: 'tech-wang', departmentId: 'tech-support', postId: 'support-engineer', dueOn: '2026-12-02', missingTopics: ['culture', 'communication-skills'] },
});
const left = employee({
  type: 'EmployeeLeft',
  data: { employeeId: 'tech-wang', departmentId: 'tech-support', postId: 'support-engineer', leftOn: '2026-12-31', reason: 'resigned', recordedAt: AT, recordedBy: 'hr-li' },
});
const completed = session({
  type: 'TrainingCompleted',
  data: {
    sessionId: 's-1',
    employeeId: 'tech-wang',
    departmentId: 'tech-support',
    trainingId: 'network-diagnostics',
    kind: 'professional-skills',
    topic: 'network-diagnostics',
    planItem: { departmentId: 'tech-support', year: 2026, trainingId: 'network-diagnostics' },
    score: 86,
    completedOn: '2026-12-04',
    recordedBy: 'hr-li',
  },
});
const failed = session({ type: 'TrainingAssessmentFailed', data: { sessionId: 's-1', employeeId: 'tech-chen', score: 30, assessedOn: '2026-12-04', recordedBy: 'hr-li' } });
const plan = eventStream<DevelopmentPlanEvent>(developmentPlanStream('tech-wang'))(
  { type: 'DevelopmentPlanReviewed', data: { employeeId: 'tech-wang', reviewedOn: '2026-12-04', notes: 'Wants to lead', nextReviewDue: '2027-12-04', reviewedBy: 'hr-li' } },
  { at: AT, by: 'hr-li' },
);

describe('hr-performance staff contract events', () => {
  const { schemaErrors, publishedTypes, internalTypes, contractTypes } = contractMapperSpec({ contracts: HR_STAFF_CONTRACTS, map: mapStaffEvent });

  it('publishes a completed training keyed by the employee, with its plan item, valid against its schema', () => {
    const message = mapStaffEvent(completed);
    expect(message).toMatchObject({
      id: completed.id,
      type: TRAINING_COMPLETED_V1.type,
      source: '/serviceledger/hr-performance',
      topic: HR_STAFF_TOPIC,
      key: 'tech-wang',
      subject: 'tech-wang',
      data: { employeeId: 'tech-wang', departmentId: 'tech-support', kind: 'professional-skills', planItem: { departmentId: 'tech-support', year: 2026, itemId: 'network-diagnostics' }, score: 86, completedOn: '2026-12-04', occurredAt: AT },
    });
    expect(schemaErrors(message!)).toEqual([]);
  });

  it('publishes overdue onboarding with its missing topics, and leaving, without the person’s name', () => {
    const overdueMessage = mapStaffEvent(overdue);
    expect(overdueMessage).toMatchObject({ type: ONBOARDING_OVERDUE_V1.type, key: 'tech-wang', data: { dueOn: '2026-12-02', missingTopics: ['culture', 'communication-skills'] } });
    expect(schemaErrors(overdueMessage!)).toEqual([]);
    const leftMessage = mapStaffEvent(left);
    expect(leftMessage?.data).toEqual({ employeeId: 'tech-wang', departmentId: 'tech-support', postId: 'support-engineer', leftOn: '2026-12-31', reason: 'resigned', occurredAt: AT });
    expect(leftMessage?.type).toBe(EMPLOYEE_LEFT_V1.type);
    expect(schemaErrors(leftMessage!)).toEqual([]);
  });

  it('publishes every staff contract, and keeps hiring, failed assessments and development plans inside', () => {
    expect(publishedTypes([hired, overdue, left, completed, failed, plan])).toEqual(contractTypes);
    expect(internalTypes([hired, overdue, left, completed, failed, plan])).toEqual(['DevelopmentPlanReviewed', 'EmployeeHired', 'TrainingAssessmentFailed']);
  });
});
