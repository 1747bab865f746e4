import { ContractMapper, RelayOptions, contractMessageFor } from '@serviceledger/platform/messaging';
import {
  CASE_ACCEPTANCE_PASSED_V1,
  CASE_ACCEPTANCE_ORGANISED_V1,
  CASE_ACCEPTANCE_REJECTED_V1,
  CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1,
  CASE_AFTER_SALES_PROBLEM_OPENED_V1,
  CASE_AFTER_SALES_PROBLEM_REOPENED_V1,
  CASE_AFTER_SALES_PROBLEM_RESOLVED_V1,
  CASE_CANCELLED_V1,
  CASE_CLOSED_V1,
  CASE_DELIVERY_STARTED_V1,
  CASE_FOLLOW_UP_VISIT_COMPLETED_V1,
  CASE_MILESTONE_COMPLETED_V1,
  CASE_OPENED_V1,
  CASE_PLAN_APPROVED_V1,
  CASE_PROGRESS_REPORT_MISSED_V1,
  CASE_PROGRESS_REPORT_SENT_V1,
  CASE_RECTIFICATION_ITEM_FIXED_V1,
  CancellableCaseStatus,
  RectificationItemRefV1,
  MEETING_ACTION_OVERDUE_V1,
  MEETING_DEPARTMENTS_NOT_REPORTING_V1,
  MEETING_MISSED_V1,
  SERVICE_DELIVERY_CONTRACTS,
  SERVICE_DELIVERY_MEETING_CONTRACTS,
  SERVICE_DELIVERY_SOURCE,
  SERVICE_DELIVERY_STANDARD_CONTRACTS,
  ServiceDeliveryContractData,
  ServiceDeliveryMeetingData,
  ServiceDeliveryStandardData,
  TECHNICAL_STANDARD_PUBLISHED_V1,
} from '@serviceledger/service-delivery/contracts';
import {
  AfterSalesProblemEvent,
  FollowUpVisitEvent,
  MeetingCadenceEvent,
  ProjectMeetingEvent,
  ProjectTeamEvent,
  RectificationItem,
  ServiceCaseEvent,
  ServiceCaseStatus,
  ServicePlanEvent,
  TechnicalStandardPublished,
} from '@serviceledger/service-delivery/domain';

/** The service's domain events, as the mapper reads them from an envelope. */
export type DeliveryEvent =
  | ServiceCaseEvent
  | ServicePlanEvent
  | ProjectTeamEvent
  | FollowUpVisitEvent
  | AfterSalesProblemEvent
  | ProjectMeetingEvent
  | MeetingCadenceEvent
  | TechnicalStandardPublished;

/** Keyed and subjected by the case id, so a case's events (plan, visits, problems included) stay in order. */
const message = contractMessageFor<ServiceDeliveryContractData>({ source: SERVICE_DELIVERY_SOURCE, keyOf: (data) => data.caseId });
/** Keyed and subjected by the standard id, so a standard's versions stay in order. */
const standardMessage = contractMessageFor<ServiceDeliveryStandardData>({ source: SERVICE_DELIVERY_SOURCE, keyOf: (data) => data.standardId });
/** Keyed by the meeting kind (its periods stay in order) or, for an action, by its meeting. */
const meetingMessage = contractMessageFor<ServiceDeliveryMeetingData>({
  source: SERVICE_DELIVERY_SOURCE,
  keyOf: (data) => ('kind' in data ? data.kind : data.meetingId),
});

/**
 * Service-delivery's domain events → its public contract events (DESIGN.md §4). Each payload is built
 * field by field, never by spreading, so no free text (plans, evidence, reports, comments, reasons)
 * nor the customer's signatory can reach a contract. Team and internal steps are not published, nor the
 * minutes of meetings: only a missed meeting, departments not reporting and an overdue action (C-1.1).
 */
export const mapServiceDeliveryEvent: ContractMapper = (envelope) => {
  const event = { type: envelope.type, data: envelope.data } as DeliveryEvent;
  const occurredAt = envelope.occurredAt;
  switch (event.type) {
    case 'ServiceCaseOpened': {
      const d = event.data;
      return message(envelope, CASE_OPENED_V1, {
        caseId: d.caseId,
        demandId: d.demandId,
        reference: d.reference,
        customerId: d.customerId,
        responsibleDepartmentId: d.responsibleDepartmentId,
        departments: [...new Set([d.responsibleDepartmentId, ...d.departments])],
        complexity: d.complexity,
        planDueAt: d.planDueAt,
        occurredAt,
      });
    }
    case 'PlanVersionApproved': {
      const d = event.data;
      return message(envelope, CASE_PLAN_APPROVED_V1, {
        caseId: d.caseId,
        version: d.version,
        ...(d.supersedesVersion !== undefined ? { supersedesVersion: d.supersedesVersion } : {}),
        milestoneCount: d.plan.milestones.length,
        approvedBy: d.approvedBy,
        approvedAt: d.approvedAt,
        occurredAt,
      });
    }
    case 'DeliveryStarted': {
      const d = event.data;
      return message(envelope, CASE_DELIVERY_STARTED_V1, {
        caseId: d.caseId,
        planVersion: d.planVersion,
        projectManagerId: d.projectManagerId,
        startedAt: d.startedAt,
        nextReportDueAt: d.nextReportDueAt,
        occurredAt,
      });
    }
    case 'MilestoneCompleted': {
      const d = event.data;
      return message(envelope, CASE_MILESTONE_COMPLETED_V1, {
        caseId: d.caseId,
        milestoneId: d.milestoneId,
        planVersion: d.planVersion,
        dueAt: d.dueAt,
        completedAt: d.completedAt,
        late: d.late,
        occurredAt,
      });
    }
    case 'ProgressReportSent': {
      const d = event.data;
      return message(envelope, CASE_PROGRESS_REPORT_SENT_V1, {
        caseId: d.caseId,
        reportNumber: d.reportNumber,
        dueAt: d.dueAt,
        onTime: d.onTime,
        problemCount: d.problems.length,
        sentAt: d.sentAt,
        nextReportDueAt: d.nextReportDueAt,
        occurredAt,
      });
    }
    case 'ProgressReportMissed': {
      const d = event.data;
      return message(envelope, CASE_PROGRESS_REPORT_MISSED_V1, { caseId: d.caseId, dueAt: d.dueAt, nextReportDueAt: d.nextReportDueAt, occurredAt });
    }
    case 'AcceptanceOrganised': {
      const d = event.data;
      return message(envelope, CASE_ACCEPTANCE_ORGANISED_V1, {
        caseId: d.caseId,
        round: d.round,
        planVersion: d.planVersion,
        criteriaCount: d.criteria.length,
        ...(d.contract ? { criteriaVersion: d.contract.version } : {}),
        organisedAt: d.organisedAt,
        occurredAt,
      });
    }
    case 'AcceptanceRejected': {
      const d = event.data;
      return message(envelope, CASE_ACCEPTANCE_REJECTED_V1, {
        caseId: d.caseId,
        round: d.round,
        criteriaCount: d.results.length,
        criteriaMet: d.results.filter((r) => r.met).length,
        rectificationItemCount: d.rectificationItems.length,
        rectificationItems: d.rectificationItems.map(itemRef),
        ...(d.form ? { reportForm: d.form } : {}),
        rejectedAt: d.rejectedAt,
        occurredAt,
      });
    }
    case 'AcceptancePassed': {
      const d = event.data;
      return message(envelope, CASE_ACCEPTANCE_PASSED_V1, {
        caseId: d.caseId,
        round: d.round,
        criteriaCount: d.results.length,
        criteriaMet: d.results.filter((r) => r.met).length,
        conditionCount: d.conditions.length,
        conditions: d.conditions.map(itemRef),
        ...(d.form ? { reportForm: d.form } : {}),
        acceptedAt: d.acceptedAt,
        followUpVisitsDueAt: d.followUpVisits.map((v) => v.dueAt),
        occurredAt,
      });
    }
    case 'RectificationItemFixed': {
      const d = event.data;
      return message(envelope, CASE_RECTIFICATION_ITEM_FIXED_V1, { caseId: d.caseId, itemId: d.itemId, round: d.round, fixedAt: d.fixedAt, occurredAt });
    }
    case 'FollowUpVisitRecorded': {
      const d = event.data;
      return message(envelope, CASE_FOLLOW_UP_VISIT_COMPLETED_V1, {
        caseId: d.caseId,
        visitId: d.visitId,
        visitNumber: d.visitNumber,
        channel: d.channel,
        ...(d.survey ? { survey: { surveyId: d.survey.surveyId, version: d.survey.version, scale: { ...d.survey.scale } } } : {}),
        satisfaction: d.satisfaction,
        ...(d.recommendation !== undefined ? { recommendation: d.recommendation } : {}),
        findingStages: d.findings.map((f) => f.stage),
        dueAt: d.dueAt,
        visitedAt: d.visitedAt,
        occurredAt,
      });
    }
    case 'AfterSalesProblemRaised': {
      const d = event.data;
      return message(envelope, CASE_AFTER_SALES_PROBLEM_OPENED_V1, {
        caseId: d.caseId,
        problemId: d.problemId,
        customerId: d.customerId,
        departmentId: d.departmentId,
        source: d.source,
        ...(d.visitId !== undefined ? { visitId: d.visitId } : {}),
        raisedAt: d.raisedAt,
        occurredAt,
      });
    }
    case 'ProblemHandlerAssigned': {
      const d = event.data;
      return message(envelope, CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1, {
        caseId: d.caseId,
        problemId: d.problemId,
        handlerId: d.handlerId,
        assignedAt: d.assignedAt,
        occurredAt,
      });
    }
    case 'AfterSalesProblemReopened': {
      const d = event.data;
      return message(envelope, CASE_AFTER_SALES_PROBLEM_REOPENED_V1, { caseId: d.caseId, problemId: d.problemId, reopenedAt: d.reopenedAt, occurredAt });
    }
    case 'AfterSalesProblemResolved': {
      const d = event.data;
      return message(envelope, CASE_AFTER_SALES_PROBLEM_RESOLVED_V1, {
        caseId: d.caseId,
        problemId: d.problemId,
        stage: d.stage,
        ...(d.nature ? { nature: d.nature } : {}),
        ...(d.complexity ? { complexity: d.complexity } : {}),
        handlerId: d.handlerId,
        resolvedAt: d.resolvedAt,
        occurredAt,
      });
    }
    case 'ServiceCaseClosed':
      return message(envelope, CASE_CLOSED_V1, { caseId: event.data.caseId, closedAt: event.data.closedAt, occurredAt });
    case 'ServiceCaseCancelled':
      return message(envelope, CASE_CANCELLED_V1, {
        caseId: event.data.caseId,
        previousStatus: cancellable(event.data.previousStatus),
        cancelledAt: event.data.cancelledAt,
        occurredAt,
      });
    case 'TechnicalStandardPublished': {
      const d = event.data;
      return standardMessage(envelope, TECHNICAL_STANDARD_PUBLISHED_V1, {
        standardId: d.standardId,
        version: d.version,
        kind: d.kind,
        businessCategory: d.businessCategory,
        checkIds: d.checks.map((c) => c.checkId),
        publishedAt: d.publishedAt,
        occurredAt,
      });
    }
    case 'MeetingMissed': {
      const d = event.data;
      return meetingMessage(envelope, MEETING_MISSED_V1, {
        kind: d.kind,
        periodKey: d.period.key,
        from: d.period.from,
        to: d.period.to,
        cadenceVersion: d.cadenceVersion,
        expectedDepartments: d.expectedDepartments,
        endedAt: d.endedAt,
        occurredAt,
      });
    }
    case 'DepartmentsDidNotReport': {
      const d = event.data;
      return meetingMessage(envelope, MEETING_DEPARTMENTS_NOT_REPORTING_V1, {
        kind: d.kind,
        periodKey: d.periodKey,
        meetingId: d.meetingId,
        heldAt: d.heldAt,
        cadenceVersion: d.cadenceVersion,
        departmentIds: d.departmentIds,
        occurredAt,
      });
    }
    case 'MeetingActionOverdue': {
      const d = event.data;
      return meetingMessage(envelope, MEETING_ACTION_OVERDUE_V1, {
        meetingId: d.meetingId,
        actionNumber: d.actionNumber,
        ownerId: d.ownerId,
        ...(d.departmentId ? { departmentId: d.departmentId } : {}),
        dueAt: d.dueAt,
        occurredAt,
      });
    }
    default:
      return undefined;
  }
};

/**
 * What the relay needs besides the store and the bus. Intake came to consume the cases' openings, acceptances
 * and cancellations only later (it resolves a demand in delivery by its case's acceptance): the relay publishes
 * those it had passed once more, so intake links and settles the demands of cases opened before; the other
 * consumers have them already, by the same message ids, and take nothing twice.
 */
export const serviceDeliveryRelay = {
  filter: {
    streamPrefixes: [
      'service-delivery.case-',
      'service-delivery.plan-',
      'service-delivery.visit-',
      'service-delivery.problem-',
      'service-delivery.technical-standard-',
      'service-delivery.meeting-',
      'service-delivery.cadence-',
    ],
  },
  map: mapServiceDeliveryEvent,
  contracts: [...SERVICE_DELIVERY_CONTRACTS, ...SERVICE_DELIVERY_STANDARD_CONTRACTS, ...SERVICE_DELIVERY_MEETING_CONTRACTS],
  catchUp: {
    name: 'case-outcomes-for-intake',
    filter: { streamPrefixes: ['service-delivery.case-'], eventTypes: ['ServiceCaseOpened', 'AcceptancePassed', 'ServiceCaseCancelled'] },
  },
} satisfies Pick<RelayOptions, 'filter' | 'map' | 'contracts' | 'catchUp'>;

/** A rectification item as published: its number and agreed fix date, never its description (free text). */
function itemRef(item: RectificationItem): RectificationItemRefV1 {
  return { itemId: item.itemId, ...(item.dueAt !== undefined ? { dueAt: item.dueAt } : {}) };
}

/** The decider cancels only before acceptance (`cancelled` in service-case.ts), which is all the contract admits. */
function cancellable(status: ServiceCaseStatus): CancellableCaseStatus {
  return status as Exclude<ServiceCaseStatus, 'accepted' | 'after-sales' | 'closed' | 'cancelled'>;
}
