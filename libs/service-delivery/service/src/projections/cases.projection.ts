import { IsNull } from 'typeorm';
import { EventEnvelope } from '@serviceledger/platform/core';
import { ProjectionDefinition, ProjectionTables } from '@serviceledger/platform/read-models';
import {
  AfterSalesProblemEvent,
  FollowUpVisitEvent,
  ProjectTeamEvent,
  ServiceCaseEvent,
  ServicePlanEvent,
} from '@serviceledger/service-delivery/domain';
import {
  CaseDepartmentRow,
  CaseRow,
  IssueRow,
  ItemRow,
  MemberRow,
  MilestoneRow,
  PlanVersionRow,
  ProblemRow,
  ReportRow,
  RoundRow,
  VisitRow,
} from './case-rows';

export const CASES_PROJECTION = 'service-delivery.cases';

const str = { type: String, nullable: true };
const text = { type: 'text' as const };
const optText = { type: 'text' as const, nullable: true };
const int = { type: Number };
const optInt = { type: Number, nullable: true };
const bool = { type: Boolean, default: false };
const optBool = { type: Boolean, nullable: true };
const key = (name: string) => ({ type: String, primary: true, name });
const caseKey = key('case_id');

type AnyEvent = ServiceCaseEvent | ServicePlanEvent | ProjectTeamEvent | FollowUpVisitEvent | AfterSalesProblemEvent;

/**
 * Service cases for lists, detail and "my work": with plan versions, team, milestones, reports, rounds,
 * visits, problems. A case's meetings are read from the meetings projection.
 */
export const casesProjection: ProjectionDefinition = {
  name: CASES_PROJECTION,
  // 2: meetings left for the meetings projection; the rebuild leaves version 1's meeting tables unused.
  version: 2,
  filter: {
    streamPrefixes: [
      'service-delivery.case-',
      'service-delivery.plan-',
      'service-delivery.team-',
      'service-delivery.visit-',
      'service-delivery.problem-',
    ],
  },
  tables: {
    case: {
      columns: {
        caseId: caseKey,
        demandId: { type: String, name: 'demand_id' },
        reference: { type: String },
        customerId: { type: String, name: 'customer_id' },
        departmentId: { type: String, name: 'department_id' },
        ownerId: { type: String, name: 'owner_id' },
        responsibleDepartmentId: { type: String, name: 'responsible_department_id' },
        complexity: { type: String },
        status: { type: String },
        planDueAt: { type: String, name: 'plan_due_at' },
        planOverdue: { ...bool, name: 'plan_overdue' },
        planVersion: { ...optInt, name: 'plan_version' },
        projectManagerId: { ...str, name: 'project_manager_id' },
        reportDueAt: { ...str, name: 'report_due_at' },
        reportsSent: { ...int, default: 0, name: 'reports_sent' },
        reportsMissed: { ...int, default: 0, name: 'reports_missed' },
        lastReportMissed: { ...bool, name: 'last_report_missed' },
        acceptanceRound: { ...int, default: 0, name: 'acceptance_round' },
        openedAt: { type: String, name: 'opened_at' },
        deliveryStartedAt: { ...str, name: 'delivery_started_at' },
        acceptedAt: { ...str, name: 'accepted_at' },
        closedAt: { ...str, name: 'closed_at' },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['status'] }, { columns: ['customerId'] }, { columns: ['demandId'] }, { columns: ['projectManagerId'] }],
    },
    department: {
      columns: { caseId: caseKey, departmentId: key('department_id') },
      indices: [{ columns: ['departmentId'] }],
    },
    plan_version: {
      columns: {
        caseId: caseKey,
        version: { type: Number, primary: true },
        status: { type: String },
        major: { ...bool },
        expertReviewRequired: { ...bool, name: 'expert_review_required' },
        experts: { ...text },
        changeReason: { ...optText, name: 'change_reason' },
        plan: { ...text },
        draftingDeadlineMet: { ...optBool, name: 'drafting_deadline_met' },
        submittedBy: { type: String, name: 'submitted_by' },
        submittedAt: { type: String, name: 'submitted_at' },
        reviews: { ...text },
        approvedBy: { ...str, name: 'approved_by' },
        approvedAt: { ...str, name: 'approved_at' },
      },
    },
    member: {
      columns: {
        caseId: caseKey,
        memberId: key('member_id'),
        joinedAt: key('joined_at'),
        role: { type: String },
        duties: { ...text },
        leftAt: { ...str, name: 'left_at' },
        leftReason: { ...optText, name: 'left_reason' },
      },
      indices: [{ columns: ['memberId'] }],
    },
    milestone: {
      columns: {
        caseId: caseKey,
        milestoneId: key('milestone_id'),
        title: { ...text },
        dueAt: { type: String, name: 'due_at' },
        expectedAt: { ...str, name: 'expected_at' },
        status: { type: String },
        late: { ...optBool },
        completedAt: { ...str, name: 'completed_at' },
        planVersion: { ...int, name: 'plan_version' },
      },
      indices: [{ columns: ['status', 'dueAt'] }],
    },
    report: {
      columns: {
        caseId: caseKey,
        entry: key('entry'),
        dueAt: { type: String, name: 'due_at' },
        kind: { type: String },
        reportNumber: { ...optInt, name: 'report_number' },
        progress: { ...optText },
        problems: { ...text },
        onTime: { ...optBool, name: 'on_time' },
        sentAt: { ...str, name: 'sent_at' },
        sentBy: { ...str, name: 'sent_by' },
      },
    },
    round: {
      columns: {
        caseId: caseKey,
        round: { type: Number, primary: true },
        planVersion: { ...int, name: 'plan_version' },
        organisedAt: { type: String, name: 'organised_at' },
        verdict: { ...str },
        results: { ...text },
        recordedAt: { ...str, name: 'recorded_at' },
      },
    },
    item: {
      columns: {
        caseId: caseKey,
        itemId: key('item_id'),
        round: { ...int },
        description: { ...text },
        criterionId: { ...str, name: 'criterion_id' },
        dueAt: { ...str, name: 'due_at' },
        condition: { ...bool },
        fixed: { ...bool },
        fixNote: { ...optText, name: 'fix_note' },
        fixedAt: { ...str, name: 'fixed_at' },
      },
    },
    issue: {
      columns: {
        caseId: caseKey,
        issueNumber: { type: Number, primary: true, name: 'issue_number' },
        description: { ...text },
        departmentIds: { ...text, name: 'department_ids' },
        resolved: { ...bool },
        resolution: { ...optText },
      },
    },
    visit: {
      columns: {
        visitId: key('visit_id'),
        caseId: { type: String, name: 'case_id' },
        visitNumber: { ...int, name: 'visit_number' },
        departmentId: { type: String, name: 'department_id' },
        dueAt: { type: String, name: 'due_at' },
        status: { type: String },
        channel: { ...str },
        surveyId: { ...str, name: 'survey_id' },
        surveyVersion: { ...optInt, name: 'survey_version' },
        scaleLowest: { ...optInt, name: 'scale_lowest' },
        scaleHighest: { ...optInt, name: 'scale_highest' },
        satisfaction: { ...optInt },
        recommendation: { ...optInt },
        comments: { ...optText },
        findings: { ...text },
        visitedBy: { ...str, name: 'visited_by' },
        visitedAt: { ...str, name: 'visited_at' },
      },
      indices: [{ columns: ['caseId'] }, { columns: ['status', 'dueAt'] }],
    },
    problem: {
      columns: {
        problemId: key('problem_id'),
        caseId: { type: String, name: 'case_id' },
        source: { type: String },
        visitId: { ...str, name: 'visit_id' },
        description: { ...text },
        status: { type: String },
        handlerId: { ...str, name: 'handler_id' },
        measures: { ...text },
        stage: { ...str },
        resolution: { ...optText },
        raisedAt: { type: String, name: 'raised_at' },
        resolvedAt: { ...str, name: 'resolved_at' },
        closedAt: { ...str, name: 'closed_at' },
      },
      indices: [{ columns: ['caseId'] }, { columns: ['handlerId'] }],
    },
  },
  async apply(events, tables) {
    for (const event of events) await applyEvent(event as EventEnvelope & AnyEvent, tables);
  },
};

const json = (value: unknown) => JSON.stringify(value);

async function applyEvent(event: EventEnvelope & AnyEvent, tables: ProjectionTables): Promise<void> {
  const cases = tables.repository<CaseRow>('case');
  const caseId = (event.data as { caseId?: string }).caseId;
  const update = (changes: Partial<CaseRow>) =>
    caseId ? cases.update({ caseId }, { ...changes, updatedAt: event.occurredAt }) : Promise.resolve();
  const current = () => (caseId ? cases.findOneBy({ caseId }) : Promise.resolve(null));
  const planVersions = tables.repository<PlanVersionRow>('plan_version');
  const members = tables.repository<MemberRow>('member');
  const milestones = tables.repository<MilestoneRow>('milestone');
  const reports = tables.repository<ReportRow>('report');
  const rounds = tables.repository<RoundRow>('round');
  const items = tables.repository<ItemRow>('item');
  const issues = tables.repository<IssueRow>('issue');
  const visits = tables.repository<VisitRow>('visit');
  const problems = tables.repository<ProblemRow>('problem');
  const addReview = async (version: number, review: Record<string, unknown>) => {
    const row = await planVersions.findOneBy({ caseId, version });
    if (row) await planVersions.update({ caseId, version }, { reviews: json([...JSON.parse(row.reviews), review]) });
  };

  switch (event.type) {
    // The case (P-3 … P-6)
    case 'ServiceCaseOpened': {
      const d = event.data;
      await cases.upsert(
        {
          caseId: d.caseId,
          demandId: d.demandId,
          reference: d.reference,
          customerId: d.customerId,
          departmentId: d.departmentId,
          ownerId: d.ownerId,
          responsibleDepartmentId: d.responsibleDepartmentId,
          complexity: d.complexity,
          status: 'planning',
          planDueAt: d.planDueAt,
          planOverdue: false,
          planVersion: null,
          projectManagerId: null,
          reportDueAt: null,
          reportsSent: 0,
          reportsMissed: 0,
          lastReportMissed: false,
          acceptanceRound: 0,
          openedAt: d.openedAt,
          deliveryStartedAt: null,
          acceptedAt: null,
          closedAt: null,
          updatedAt: event.occurredAt,
        },
        ['caseId'],
      );
      const departments = tables.repository<CaseDepartmentRow>('department');
      for (const departmentId of new Set([d.responsibleDepartmentId, ...d.departments])) {
        await departments.upsert({ caseId: d.caseId, departmentId }, ['caseId', 'departmentId']);
      }
      break;
    }
    case 'PlanVersionAdopted': {
      const { version, baseline } = event.data;
      const row = await current();
      await update({ planVersion: version, ...(row?.status === 'planning' ? { status: 'ready' } : {}) });
      const kept = baseline.milestones.map((m) => m.milestoneId);
      for (const old of await milestones.findBy({ caseId })) {
        if (!kept.includes(old.milestoneId)) await milestones.delete({ caseId, milestoneId: old.milestoneId });
      }
      for (const m of baseline.milestones) {
        const earlier = await milestones.findOneBy({ caseId, milestoneId: m.milestoneId });
        await milestones.upsert(
          {
            caseId,
            milestoneId: m.milestoneId,
            title: m.title,
            dueAt: m.dueAt,
            expectedAt: earlier?.expectedAt ?? null,
            status: earlier?.status ?? 'open',
            late: earlier?.late ?? null,
            completedAt: earlier?.completedAt ?? null,
            planVersion: version,
          },
          ['caseId', 'milestoneId'],
        );
      }
      break;
    }
    case 'DeliveryStarted':
      await update({
        status: 'in-delivery',
        projectManagerId: event.data.projectManagerId,
        deliveryStartedAt: event.data.startedAt,
        reportDueAt: event.data.nextReportDueAt,
      });
      break;
    case 'FollowUpVisitRequested':
      break;
    case 'ServiceCaseClosed':
      await update({ status: 'closed', closedAt: event.data.closedAt, reportDueAt: null });
      break;
    case 'ServiceCaseCancelled':
      await update({ status: 'cancelled', closedAt: event.data.cancelledAt, reportDueAt: null });
      break;
    case 'StepCompleted':
      break;
    case 'MilestoneCompleted':
      await milestones.update(
        { caseId, milestoneId: event.data.milestoneId },
        { status: 'done', late: event.data.late, completedAt: event.data.completedAt },
      );
      await update({});
      break;
    case 'MilestoneWaived':
      await milestones.update({ caseId, milestoneId: event.data.milestoneId }, { status: 'waived', completedAt: event.data.waivedAt });
      await update({});
      break;
    case 'MilestoneDeviationRecorded':
      await milestones.update({ caseId, milestoneId: event.data.milestoneId }, { expectedAt: event.data.expectedAt });
      break;
    case 'ProgressReportSent': {
      const d = event.data;
      await reports.upsert(
        {
          caseId,
          entry: `report-${d.reportNumber}`,
          dueAt: d.dueAt,
          kind: 'sent',
          reportNumber: d.reportNumber,
          progress: d.progress,
          problems: json(d.problems),
          onTime: d.onTime,
          sentAt: d.sentAt,
          sentBy: d.sentBy,
        },
        ['caseId', 'entry'],
      );
      await update({ reportsSent: d.reportNumber, reportDueAt: d.nextReportDueAt, lastReportMissed: false });
      break;
    }
    case 'ProgressReportMissed': {
      const row = await current();
      await reports.upsert(
        {
          caseId,
          entry: `missed-${event.data.dueAt}`,
          dueAt: event.data.dueAt,
          kind: 'missed',
          reportNumber: null,
          progress: null,
          problems: '[]',
          onTime: null,
          sentAt: null,
          sentBy: null,
        },
        ['caseId', 'entry'],
      );
      await update({ reportsMissed: (row?.reportsMissed ?? 0) + 1, reportDueAt: event.data.nextReportDueAt, lastReportMissed: true });
      break;
    }
    case 'CoordinationIssueLogged': {
      const d = event.data;
      await issues.upsert(
        { caseId, issueNumber: d.issueNumber, description: d.description, departmentIds: json(d.departmentIds), resolved: false, resolution: null },
        ['caseId', 'issueNumber'],
      );
      break;
    }
    case 'CoordinationIssueResolved':
      await issues.update({ caseId, issueNumber: event.data.issueNumber }, { resolved: true, resolution: event.data.resolution });
      break;
    case 'AcceptanceOrganised': {
      const d = event.data;
      await rounds.upsert(
        { caseId, round: d.round, planVersion: d.planVersion, organisedAt: d.organisedAt, verdict: null, results: '[]', recordedAt: null },
        ['caseId', 'round'],
      );
      await update({ status: 'awaiting-acceptance', acceptanceRound: d.round, reportDueAt: null, lastReportMissed: false });
      break;
    }
    case 'AcceptanceRejected':
    case 'AcceptancePassed': {
      const d = event.data;
      const rejected = event.type === 'AcceptanceRejected';
      const raised = rejected ? event.data.rectificationItems : event.data.conditions;
      const at = rejected ? event.data.rejectedAt : event.data.acceptedAt;
      await rounds.update(
        { caseId, round: d.round },
        { verdict: rejected ? 'rejected' : 'accepted', results: json(d.results), recordedAt: at },
      );
      for (const item of raised) {
        await items.upsert(
          {
            caseId,
            itemId: item.itemId,
            round: d.round,
            description: item.description,
            criterionId: item.criterionId ?? null,
            dueAt: item.dueAt ?? null,
            condition: !rejected,
            fixed: false,
            fixNote: null,
            fixedAt: null,
          },
          ['caseId', 'itemId'],
        );
      }
      if (event.type === 'AcceptanceRejected') await update({ status: 'rectifying', reportDueAt: event.data.nextReportDueAt });
      else await update({ status: 'accepted', acceptedAt: event.data.acceptedAt });
      break;
    }
    case 'RectificationItemFixed':
      await items.update({ caseId, itemId: event.data.itemId }, { fixed: true, fixNote: event.data.note, fixedAt: event.data.fixedAt });
      await update({});
      break;
    case 'AfterSalesStarted':
      await update({ status: 'after-sales' });
      break;

    // The plan (P-3.1, P-3.2, C-2.2)
    case 'ServicePlanOpened':
      break;
    case 'PlanVersionSubmitted': {
      const d = event.data;
      await planVersions.upsert(
        {
          caseId,
          version: d.version,
          status: 'in-review',
          major: d.major,
          expertReviewRequired: d.expertReviewRequired,
          experts: json(d.experts),
          changeReason: d.changeReason ?? null,
          plan: json(d.plan),
          draftingDeadlineMet: d.draftingDeadlineMet ?? null,
          submittedBy: d.submittedBy,
          submittedAt: d.submittedAt,
          reviews: '[]',
          approvedBy: null,
          approvedAt: null,
        },
        ['caseId', 'version'],
      );
      break;
    }
    case 'ExpertOpinionRecorded': {
      const d = event.data;
      await addReview(d.version, { kind: 'expert-opinion', by: d.expertId, conclusion: d.conclusion, text: d.opinion, at: event.occurredAt });
      break;
    }
    case 'PlanChangesRequested': {
      const d = event.data;
      await planVersions.update({ caseId, version: d.version }, { status: 'changes-requested' });
      await addReview(d.version, { kind: 'changes-requested', by: d.requestedBy, text: d.comments, at: d.requestedAt });
      break;
    }
    case 'PlanVersionApproved': {
      const d = event.data;
      if (d.supersedesVersion !== undefined) await planVersions.update({ caseId, version: d.supersedesVersion }, { status: 'superseded' });
      await planVersions.update({ caseId, version: d.version }, { status: 'approved', approvedBy: d.approvedBy, approvedAt: d.approvedAt });
      if (d.comments) await addReview(d.version, { kind: 'approved', by: d.approvedBy, text: d.comments, at: d.approvedAt });
      break;
    }
    case 'PlanDraftingOverdue':
      await update({ planOverdue: true });
      break;

    // The team (P-4.1): history kept, one row per membership
    case 'TeamMemberJoined': {
      const d = event.data;
      await members.upsert(
        { caseId, memberId: d.memberId, joinedAt: d.joinedAt, role: d.role, duties: d.duties, leftAt: null, leftReason: null },
        ['caseId', 'memberId', 'joinedAt'],
      );
      if (d.role === 'project-manager') await update({ projectManagerId: d.memberId });
      break;
    }
    case 'TeamMemberDutiesChanged': {
      const active = await members.findOneBy({ caseId, memberId: event.data.memberId, leftAt: IsNull() });
      if (active) await members.update({ caseId, memberId: active.memberId, joinedAt: active.joinedAt }, { duties: event.data.duties });
      break;
    }
    case 'TeamMemberLeft': {
      const active = await members.findOneBy({ caseId, memberId: event.data.memberId, leftAt: IsNull() });
      if (active) {
        await members.update(
          { caseId, memberId: active.memberId, joinedAt: active.joinedAt },
          { leftAt: event.data.leftAt, leftReason: event.data.reason },
        );
      }
      break;
    }

    // Follow-up visits (P-6.1, C-2.1)
    case 'FollowUpVisitScheduled': {
      const d = event.data;
      await visits.upsert(
        {
          visitId: d.visitId,
          caseId: d.caseId,
          visitNumber: d.visitNumber,
          departmentId: d.departmentId,
          dueAt: d.dueAt,
          status: 'scheduled',
          channel: null,
          surveyId: null,
          surveyVersion: null,
          scaleLowest: null,
          scaleHighest: null,
          satisfaction: null,
          recommendation: null,
          comments: null,
          findings: '[]',
          visitedBy: null,
          visitedAt: null,
        },
        ['visitId'],
      );
      break;
    }
    case 'FollowUpVisitDue':
      await visits.update({ visitId: event.data.visitId }, { status: 'due' });
      break;
    case 'FollowUpVisitRecorded': {
      const d = event.data;
      await visits.update(
        { visitId: d.visitId },
        {
          status: 'completed',
          channel: d.channel,
          surveyId: d.survey?.surveyId ?? null,
          surveyVersion: d.survey?.version ?? null,
          scaleLowest: d.survey?.scale.lowest ?? null,
          scaleHighest: d.survey?.scale.highest ?? null,
          satisfaction: d.satisfaction,
          recommendation: d.recommendation ?? null,
          comments: d.comments ?? null,
          findings: json(d.findings),
          visitedBy: d.visitedBy,
          visitedAt: d.visitedAt,
        },
      );
      break;
    }
    case 'FollowUpVisitCancelled':
      await visits.update({ visitId: event.data.visitId }, { status: 'cancelled' });
      break;

    // After-sales problems (P-6.2, P-6.3)
    case 'AfterSalesProblemRaised': {
      const d = event.data;
      await problems.upsert(
        {
          problemId: d.problemId,
          caseId: d.caseId,
          source: d.source,
          visitId: d.visitId ?? null,
          description: d.description,
          status: 'raised',
          handlerId: null,
          measures: '[]',
          stage: null,
          resolution: null,
          raisedAt: d.raisedAt,
          resolvedAt: null,
          closedAt: null,
        },
        ['problemId'],
      );
      break;
    }
    case 'ProblemHandlerAssigned': {
      const row = await problems.findOneBy({ problemId: event.data.problemId });
      await problems.update(
        { problemId: event.data.problemId },
        { handlerId: event.data.handlerId, ...(row?.status === 'raised' ? { status: 'handling' } : {}) },
      );
      break;
    }
    case 'ProblemMeasureRecorded': {
      const d = event.data;
      const row = await problems.findOneBy({ problemId: d.problemId });
      if (row) {
        const measures = [...JSON.parse(row.measures), { measureNumber: d.measureNumber, measure: d.measure, by: d.recordedBy, at: d.recordedAt }];
        await problems.update({ problemId: d.problemId }, { measures: json(measures) });
      }
      break;
    }
    case 'AfterSalesProblemResolved': {
      const d = event.data;
      await problems.update({ problemId: d.problemId }, { status: 'resolved', stage: d.stage, resolution: d.resolution, resolvedAt: d.resolvedAt });
      break;
    }
    case 'AfterSalesProblemReopened':
      await problems.update({ problemId: event.data.problemId }, { status: 'handling', resolvedAt: null });
      break;
    case 'AfterSalesProblemClosed':
      await problems.update({ problemId: event.data.problemId }, { status: 'closed', closedAt: event.data.closedAt });
      break;
  }
}
