import { ContractMapper, contractMessageFor } from '@serviceledger/platform/messaging';
import {
  EMPLOYEE_LEFT_V1,
  HR_PERFORMANCE_SOURCE,
  HrStaffContractData,
  ONBOARDING_OVERDUE_V1,
  TRAINING_COMPLETED_V1,
} from '@serviceledger/hr-performance/contracts';
import { EmployeeEvent, TrainingSessionEvent, employees, trainingSessions } from '@serviceledger/hr-performance/domain';

/** Keyed and subjected by the employee id, so that one person's events stay in order on the staff topic. */
const message = contractMessageFor<HrStaffContractData>({ source: HR_PERFORMANCE_SOURCE, keyOf: (data) => data.employeeId });

/** The streams whose events are published: employees' and training sessions'. */
export const STAFF_PUBLISHED_STREAMS = [employees.streamPrefix, trainingSessions.streamPrefix];

/**
 * Staff records and training → public events: a training completed (H-1.2, H-1.3), an onboarding overdue
 * (H-1.2), an employee's leaving. Everything else stays inside the service: hiring and placements (a name,
 * levels), onboarding steps, attendance and failed assessments, posts, plans and development plans.
 * Each payload is built field by field, never by spreading the domain event, so that a personal field
 * added to an event cannot leak into a contract.
 */
export const mapStaffEvent: ContractMapper = (envelope) => {
  if (!STAFF_PUBLISHED_STREAMS.some((prefix) => envelope.stream.startsWith(prefix))) return undefined;
  const event = { type: envelope.type, data: envelope.data } as EmployeeEvent | TrainingSessionEvent;
  const occurredAt = envelope.occurredAt;
  switch (event.type) {
    case 'TrainingCompleted': {
      const { employeeId, departmentId, sessionId, kind, topic, planItem, completedOn, score } = event.data;
      return message(envelope, TRAINING_COMPLETED_V1, {
        employeeId,
        departmentId,
        sessionId,
        kind,
        topic,
        ...(planItem ? { planItem: { departmentId: planItem.departmentId, year: planItem.year, itemId: planItem.trainingId } } : {}),
        completedOn,
        score,
        occurredAt,
      });
    }
    case 'OnboardingOverdue': {
      const { employeeId, departmentId, postId, dueOn, missingTopics } = event.data;
      return message(envelope, ONBOARDING_OVERDUE_V1, { employeeId, departmentId, postId, dueOn, missingTopics: [...missingTopics], occurredAt });
    }
    case 'EmployeeLeft': {
      const { employeeId, departmentId, postId, leftOn, reason } = event.data;
      return message(envelope, EMPLOYEE_LEFT_V1, { employeeId, departmentId, postId, leftOn, reason, occurredAt });
    }
    case 'EmployeeHired':
    case 'OnboardingAssigned':
    case 'EmployeePlaced':
    case 'OnboardingTopicCompleted':
    case 'OnboardingCompleted':
    case 'EmployeeDataErased':
    case 'TrainingSessionScheduled':
    case 'TrainingAttendanceRecorded':
    case 'TrainingAssessmentFailed':
      return undefined;
    default:
      return notAStaffEvent(event);
  }
};

/**
 * Typed `never` so that an employee or session event added to the domain fails to compile here until it is
 * mapped or listed above as internal. Plans and development plans are never published at all.
 */
function notAStaffEvent(_event: never): undefined {
  return undefined;
}
