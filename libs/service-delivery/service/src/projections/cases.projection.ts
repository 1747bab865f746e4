import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, ProjectionTables, TableSpec, aggregateStatesTable, foldEvent, namedIn } from '@serviceledger/platform/read-models';
import {
  AfterSalesProblemEvent,
  FollowUpVisitEvent,
  ProjectTeamEvent,
  ServiceCase,
  ServiceCaseEvent,
  ServiceCaseOpened,
  ServicePlanEvent,
  afterSalesProblem,
  followUpVisit,
  projectTeam,
  serviceCase,
  servicePlan,
} from '@serviceledger/service-delivery/domain';
import {
  CaseDepartmentRow,
  CaseRow,
  ContractCriteriaRow,
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
import { CUSTOMER_ERASURE_STREAM_PREFIX, appliedCustomerErasure } from './customer-erasure';

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

const STREAMS = {
  case: 'service-delivery.case-',
  plan: 'service-delivery.plan-',
  team: 'service-delivery.team-',
  visit: 'service-delivery.visit-',
  problem: 'service-delivery.problem-',
};

/**
 * Service cases for lists, detail and "my work": with plan versions, team, milestones, reports, rounds,
 * visits, problems. A case's meetings are read from the meetings projection. A customer's erasure
 * rewrites the signatories of their cases' rounds (R-3.1).
 */
export const casesProjection: ProjectionDefinition = {
  name: CASES_PROJECTION,
  // 3: cases, plans, teams, visits and problems fold their deciders' states; version 1's meeting tables stay unused.
  // 4: the contract's acceptance criteria, and each round's criteria, form, signatory and signed document (P-5.1).
  // 5: the standards each milestone and its steps follow, and the evidence recorded for their checks (P-4.2).
  version: 5,
  filter: { streamPrefixes: [...Object.values(STREAMS), CUSTOMER_ERASURE_STREAM_PREFIX] },
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
    } satisfies TableSpec<CaseRow>,
    department: {
      columns: { caseId: caseKey, departmentId: key('department_id') },
      indices: [{ columns: ['departmentId'] }],
    } satisfies TableSpec<CaseDepartmentRow>,
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
    } satisfies TableSpec<PlanVersionRow>,
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
    } satisfies TableSpec<MemberRow>,
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
        standards: { ...text },
        checkEvidence: { ...text, name: 'check_evidence' },
      },
      indices: [{ columns: ['status', 'dueAt'] }],
    } satisfies TableSpec<MilestoneRow>,
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
    } satisfies TableSpec<ReportRow>,
    round: {
      columns: {
        caseId: caseKey,
        round: { type: Number, primary: true },
        planVersion: { ...int, name: 'plan_version' },
        contractReference: { ...str, name: 'contract_reference' },
        criteriaVersion: { ...optInt, name: 'criteria_version' },
        criteria: { ...text },
        organisedAt: { type: String, name: 'organised_at' },
        verdict: { ...str },
        results: { ...text },
        form: { ...str },
        signatory: { ...optText },
        signedDocument: { ...optText, name: 'signed_document' },
        comments: { ...optText },
        recordedAt: { ...str, name: 'recorded_at' },
      },
    } satisfies TableSpec<RoundRow>,
    contract_criteria: {
      columns: {
        caseId: caseKey,
        version: { type: Number, primary: true },
        contractReference: { type: String, name: 'contract_reference' },
        criteria: { ...text },
        recordedBy: { type: String, name: 'recorded_by' },
        recordedAt: { type: String, name: 'recorded_at' },
      },
    } satisfies TableSpec<ContractCriteriaRow>,
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
    } satisfies TableSpec<ItemRow>,
    issue: {
      columns: {
        caseId: caseKey,
        issueNumber: { type: Number, primary: true, name: 'issue_number' },
        description: { ...text },
        departmentIds: { ...text, name: 'department_ids' },
        resolved: { ...bool },
        resolution: { ...optText },
      },
    } satisfies TableSpec<IssueRow>,
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
    } satisfies TableSpec<VisitRow>,
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
    } satisfies TableSpec<ProblemRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    const caseIds = namedIn(events, 'caseId');
    for (const table of CASE_PARTS) await tables.table(table).load(caseIds);
    await tables.table<VisitRow>('visit').load(namedIn(events, 'visitId'));
    await tables.table<ProblemRow>('problem').load(namedIn(events, 'problemId'));
    for (const event of events) {
      if (await appliedCustomerErasure(event, tables)) continue;
      if (event.stream.startsWith(STREAMS.case)) await applyCaseEvent(event as EventEnvelope & ServiceCaseEvent, tables);
      else if (event.stream.startsWith(STREAMS.plan)) await applyPlanEvent(event as EventEnvelope & ServicePlanEvent, tables);
      else if (event.stream.startsWith(STREAMS.team)) await applyTeamEvent(event as EventEnvelope & ProjectTeamEvent, tables);
      else if (event.stream.startsWith(STREAMS.visit)) await applyVisitEvent(event as EventEnvelope & FollowUpVisitEvent, tables);
      else await applyProblemEvent(event as EventEnvelope & AfterSalesProblemEvent, tables);
    }
  },
};

const json = (value: unknown) => JSON.stringify(value);

/** The tables whose rows the batch's events find by their case. */
const CASE_PARTS = ['case', 'milestone', 'round', 'item', 'issue', 'plan_version', 'member'];

// The case (P-3 … P-6)

async function applyCaseEvent(event: EventEnvelope & ServiceCaseEvent, tables: ProjectionTables): Promise<void> {
  const state = (await foldEvent(tables, event, serviceCase))?.after;
  if (!state) return;
  const cases = tables.table<CaseRow>('case');
  const columns = { ...caseColumns(state), updatedAt: event.occurredAt };
  if (event.type === 'ServiceCaseOpened') cases.upsert({ ...opening(event), ...columns });
  else await cases.update({ caseId: state.caseId }, { ...(await caseRecorded(event, tables)), ...columns });
  await applyCaseParts(event, state, tables);
}

/** The row as the case decider keeps it. */
function caseColumns(state: ServiceCase): Omit<CaseRow, CaseRecordedColumn | 'updatedAt'> {
  return {
    caseId: state.caseId,
    demandId: state.demandId,
    reference: state.reference,
    customerId: state.customerId,
    departmentId: state.departmentId,
    ownerId: state.ownerId,
    responsibleDepartmentId: state.responsibleDepartmentId,
    complexity: state.complexity,
    status: state.status,
    planVersion: state.planVersion ?? null,
    reportDueAt: state.reportDueAt ?? null,
    reportsSent: state.reportsSent,
    acceptanceRound: state.rounds.length,
    acceptedAt: state.acceptedAt ?? null,
  };
}

type CaseRecordedColumn =
  | 'planDueAt'
  | 'planOverdue'
  | 'projectManagerId'
  | 'reportsMissed'
  | 'lastReportMissed'
  | 'openedAt'
  | 'deliveryStartedAt'
  | 'closedAt';

/**
 * What the case decider keeps no record of, as no decision needs it: when things happened, the reports
 * missed; and what its plan and team set (drafting overdue, the project manager).
 */
function opening({ data }: EventEnvelope & ServiceCaseOpened): Pick<CaseRow, CaseRecordedColumn> {
  const { planDueAt, openedAt } = data;
  return { planDueAt, planOverdue: false, projectManagerId: null, reportsMissed: 0, lastReportMissed: false, openedAt, deliveryStartedAt: null, closedAt: null };
}

async function caseRecorded(event: EventEnvelope & ServiceCaseEvent, tables: ProjectionTables): Promise<Partial<Pick<CaseRow, CaseRecordedColumn>>> {
  switch (event.type) {
    case 'DeliveryStarted':
      return { projectManagerId: event.data.projectManagerId, deliveryStartedAt: event.data.startedAt };
    case 'ProgressReportSent':
    case 'AcceptanceOrganised':
      return { lastReportMissed: false };
    case 'ProgressReportMissed': {
      const row = await tables.table<CaseRow>('case').get({ caseId: event.data.caseId });
      return { reportsMissed: (row?.reportsMissed ?? 0) + 1, lastReportMissed: true };
    }
    case 'ServiceCaseClosed':
      return { closedAt: event.data.closedAt };
    case 'ServiceCaseCancelled':
      return { closedAt: event.data.cancelledAt };
    default:
      return {};
  }
}

/**
 * The case's parts: status, verdicts and progress as the decider keeps them; their descriptions, results
 * and when they were reached from the events, which the decider leaves there (no decision needs them).
 */
async function applyCaseParts(event: EventEnvelope & ServiceCaseEvent, state: ServiceCase, tables: ProjectionTables): Promise<void> {
  const { caseId } = state;
  const milestones = tables.table<MilestoneRow>('milestone');
  const rounds = tables.table<RoundRow>('round');
  const items = tables.table<ItemRow>('item');
  const issues = tables.table<IssueRow>('issue');
  const milestoneStatus = (milestoneId: string) => state.milestones.find((m) => m.milestoneId === milestoneId)?.status ?? 'open';
  const roundVerdict = (round: number) => state.rounds.find((r) => r.round === round)?.verdict ?? null;
  const itemFixed = (itemId: string) => state.rectificationItems.some((i) => i.itemId === itemId && i.fixed);
  const issueResolved = (issueNumber: number) => state.coordinationIssues.some((i) => i.issueNumber === issueNumber && i.resolved);

  switch (event.type) {
    case 'ServiceCaseOpened': {
      const departments = tables.table<CaseDepartmentRow>('department');
      for (const departmentId of new Set([state.responsibleDepartmentId, ...state.departments])) {
        departments.upsert({ caseId, departmentId });
      }
      return;
    }
    case 'PlanVersionAdopted':
      return adoptMilestones(state, tables);
    case 'StandardsDeclared':
      await milestones.update({ caseId, milestoneId: event.data.milestoneId }, { standards: standardsFollowed(state, event.data.milestoneId) });
      return;
    case 'MilestoneCompleted': {
      const { milestoneId, late, completedAt, checks } = event.data;
      await milestones.update({ caseId, milestoneId }, { status: milestoneStatus(milestoneId), late, completedAt, checkEvidence: json(checks ?? []) });
      return;
    }
    case 'MilestoneWaived': {
      const { milestoneId, waivedAt } = event.data;
      await milestones.update({ caseId, milestoneId }, { status: milestoneStatus(milestoneId), completedAt: waivedAt });
      return;
    }
    case 'MilestoneDeviationRecorded':
      await milestones.update({ caseId, milestoneId: event.data.milestoneId }, { expectedAt: event.data.expectedAt });
      return;
    case 'ProgressReportSent':
    case 'ProgressReportMissed':
      tables.table<ReportRow>('report').upsert(reportEntry(event));
      return;
    case 'CoordinationIssueLogged': {
      const { issueNumber, description, departmentIds } = event.data;
      issues.upsert({ caseId, issueNumber, description, departmentIds: json(departmentIds), resolved: issueResolved(issueNumber), resolution: null });
      return;
    }
    case 'CoordinationIssueResolved': {
      const { issueNumber, resolution } = event.data;
      await issues.update({ caseId, issueNumber }, { resolved: issueResolved(issueNumber), resolution });
      return;
    }
    case 'ContractAcceptanceCriteriaRecorded': {
      const { version, contractReference, criteria, recordedBy, recordedAt } = event.data;
      tables.table<ContractCriteriaRow>('contract_criteria').upsert({ caseId, version, contractReference, criteria: json(criteria), recordedBy, recordedAt });
      return;
    }
    case 'AcceptanceOrganised': {
      const { round, planVersion, criteria, contract, organisedAt } = event.data;
      rounds.upsert({
        caseId,
        round,
        planVersion,
        contractReference: contract?.contractReference ?? null,
        criteriaVersion: contract?.version ?? null,
        criteria: json(criteria),
        organisedAt,
        verdict: roundVerdict(round),
        results: '[]',
        form: null,
        signatory: null,
        signedDocument: null,
        comments: null,
        recordedAt: null,
      });
      return;
    }
    case 'AcceptanceRejected':
    case 'AcceptancePassed': {
      const { round, results, form, signatory, signedDocument, comments } = event.data;
      const rejected = event.type === 'AcceptanceRejected';
      const raised = rejected ? event.data.rectificationItems : event.data.conditions;
      const recordedAt = rejected ? event.data.rejectedAt : event.data.acceptedAt;
      await rounds.update(
        { caseId, round },
        {
          verdict: roundVerdict(round),
          results: json(results),
          form: form ?? null,
          signatory: json(signatory),
          signedDocument: signedDocument ? json(signedDocument) : null,
          comments: comments ?? null,
          recordedAt,
        },
      );
      for (const item of raised) {
        items.upsert({
          caseId,
          itemId: item.itemId,
          round,
          description: item.description,
          criterionId: item.criterionId ?? null,
          dueAt: item.dueAt ?? null,
          condition: !rejected,
          fixed: itemFixed(item.itemId),
          fixNote: null,
          fixedAt: null,
        });
      }
      return;
    }
    case 'RectificationItemFixed': {
      const { itemId, note, fixedAt } = event.data;
      await items.update({ caseId, itemId }, { fixed: itemFixed(itemId), fixNote: note, fixedAt });
      return;
    }
  }
}

/**
 * The milestones of the version delivery follows now, as the decider carries them over by id; when each
 * was done, whether late, and the date the team last expected it stay with the milestone.
 */
async function adoptMilestones(state: ServiceCase, tables: ProjectionTables): Promise<void> {
  const { caseId } = state;
  const milestones = tables.table<MilestoneRow>('milestone');
  const earlier = await milestones.find({ caseId });
  for (const old of earlier) {
    if (!state.milestones.some((m) => m.milestoneId === old.milestoneId)) await milestones.delete({ caseId, milestoneId: old.milestoneId });
  }
  for (const { milestoneId, title, dueAt, status } of state.milestones) {
    const kept = earlier.find((m) => m.milestoneId === milestoneId);
    milestones.upsert({
      caseId,
      milestoneId,
      title,
      dueAt,
      status,
      expectedAt: kept?.expectedAt ?? null,
      late: kept?.late ?? null,
      completedAt: kept?.completedAt ?? null,
      planVersion: state.planVersion as number,
      standards: standardsFollowed(state, milestoneId),
      checkEvidence: kept?.checkEvidence ?? json([]),
    });
  }
}

/** The standards a milestone and its steps declared, as the decider keeps them (P-4.2). */
function standardsFollowed(state: ServiceCase, milestoneId: string): string {
  return json(state.standards.filter((s) => s.milestoneId === milestoneId).map(({ milestoneId: _, ...s }) => s));
}

/** One row per report sent or due time missed: the history, of which the decider keeps the count. */
function reportEntry(event: EventEnvelope & Extract<ServiceCaseEvent, { type: 'ProgressReportSent' | 'ProgressReportMissed' }>): ReportRow {
  const { caseId } = event.data;
  if (event.type === 'ProgressReportMissed') {
    const { dueAt } = event.data;
    return { caseId, entry: `missed-${dueAt}`, dueAt, kind: 'missed', reportNumber: null, progress: null, problems: '[]', onTime: null, sentAt: null, sentBy: null };
  }
  const d = event.data;
  return {
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
  };
}

// The plan (P-3.1, P-3.2, C-2.2)

/** Versions with their content, experts and status as the plan decider keeps them; who submitted, reviewed and approved them, and when, from its events. */
async function applyPlanEvent(event: EventEnvelope & ServicePlanEvent, tables: ProjectionTables): Promise<void> {
  const folded = await foldEvent(tables, event, servicePlan);
  if (!folded?.after) return;
  const { before, after: plan } = folded;
  const { caseId } = plan;
  const versions = tables.table<PlanVersionRow>('plan_version');
  const addReview = async (version: number, review: Record<string, unknown>) => {
    const row = await versions.get({ caseId, version });
    if (row) await versions.update({ caseId, version }, { reviews: json([...JSON.parse(row.reviews), review]) });
  };

  switch (event.type) {
    case 'PlanVersionSubmitted': {
      const d = event.data;
      const version = plan.versions.find((v) => v.version === d.version);
      if (!version) return;
      versions.upsert({
        caseId,
        version: version.version,
        status: version.status,
        major: d.major,
        expertReviewRequired: version.expertReviewRequired,
        experts: json(version.experts),
        changeReason: d.changeReason ?? null,
        plan: json(version.plan),
        draftingDeadlineMet: d.draftingDeadlineMet ?? null,
        submittedBy: d.submittedBy,
        submittedAt: d.submittedAt,
        reviews: '[]',
        approvedBy: null,
        approvedAt: null,
      });
      break;
    }
    case 'ExpertOpinionRecorded': {
      const d = event.data;
      await addReview(d.version, { kind: 'expert-opinion', by: d.expertId, conclusion: d.conclusion, text: d.opinion, at: event.occurredAt });
      break;
    }
    case 'PlanChangesRequested': {
      const d = event.data;
      await addReview(d.version, { kind: 'changes-requested', by: d.requestedBy, text: d.comments, at: d.requestedAt });
      break;
    }
    case 'PlanVersionApproved': {
      const d = event.data;
      await versions.update({ caseId, version: d.version }, { approvedBy: d.approvedBy, approvedAt: d.approvedAt });
      if (d.comments) await addReview(d.version, { kind: 'approved', by: d.approvedBy, text: d.comments, at: d.approvedAt });
      break;
    }
    case 'PlanDraftingOverdue':
      await tables.table<CaseRow>('case').update({ caseId }, { planOverdue: plan.draftingOverdue, updatedAt: event.occurredAt });
      break;
    case 'ServicePlanOpened':
      break;
  }
  for (const version of plan.versions) {
    const was = before?.versions.find((v) => v.version === version.version);
    if (was && was.status !== version.status) await versions.update({ caseId, version: version.version }, { status: version.status });
  }
}

// The team (P-4.1)

/** One row per membership, with when it began and ended: the team decider keeps only the members it has now. */
async function applyTeamEvent(event: EventEnvelope & ProjectTeamEvent, tables: ProjectionTables): Promise<void> {
  const team = (await foldEvent(tables, event, projectTeam))?.after;
  if (!team) return;
  const { caseId } = team;
  const members = tables.table<MemberRow>('member');
  const { memberId } = event.data;
  const active = () => members.get({ caseId, memberId, leftAt: null });

  switch (event.type) {
    case 'TeamMemberJoined': {
      const { role, joinedAt } = event.data;
      members.upsert({ caseId, memberId, joinedAt, role, duties: event.data.duties, leftAt: null, leftReason: null });
      if (role === 'project-manager') await tables.table<CaseRow>('case').update({ caseId }, { projectManagerId: memberId, updatedAt: event.occurredAt });
      break;
    }
    case 'TeamMemberDutiesChanged': {
      const membership = await active();
      const duties = team.members.find((m) => m.memberId === memberId)?.duties;
      if (membership && duties !== undefined) await members.update({ caseId, memberId, joinedAt: membership.joinedAt }, { duties });
      break;
    }
    case 'TeamMemberLeft': {
      const membership = await active();
      if (membership) await members.update({ caseId, memberId, joinedAt: membership.joinedAt }, { leftAt: event.data.leftAt, leftReason: event.data.reason });
      break;
    }
  }
}

// Follow-up visits (P-6.1, C-2.1)

/** The visit as its decider keeps it (number, due time, status); who visited and what they were told, from the recorded visit. */
async function applyVisitEvent(event: EventEnvelope & FollowUpVisitEvent, tables: ProjectionTables): Promise<void> {
  const visit = (await foldEvent(tables, event, followUpVisit))?.after;
  if (!visit) return;
  const visits = tables.table<VisitRow>('visit');
  const { visitId, caseId, visitNumber, dueAt, status } = visit;
  switch (event.type) {
    case 'FollowUpVisitScheduled':
      visits.upsert({
        visitId,
        caseId,
        visitNumber,
        departmentId: event.data.departmentId,
        dueAt,
        status,
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
      });
      break;
    case 'FollowUpVisitRecorded': {
      const d = event.data;
      await visits.update(
        { visitId },
        {
          status,
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
    case 'FollowUpVisitDue':
    case 'FollowUpVisitCancelled':
      await visits.update({ visitId }, { status });
      break;
  }
}

// After-sales problems (P-6.2, P-6.3)

/** The problem's status and handler as its decider keeps them; what was done and found, and when, from its events. */
async function applyProblemEvent(event: EventEnvelope & AfterSalesProblemEvent, tables: ProjectionTables): Promise<void> {
  const problem = (await foldEvent(tables, event, afterSalesProblem))?.after;
  if (!problem) return;
  const problems = tables.table<ProblemRow>('problem');
  const { problemId, caseId, status } = problem;
  const handlerId = problem.handlerId ?? null;
  switch (event.type) {
    case 'AfterSalesProblemRaised': {
      const d = event.data;
      problems.upsert({
        problemId,
        caseId,
        source: d.source,
        visitId: d.visitId ?? null,
        description: d.description,
        status,
        handlerId,
        measures: '[]',
        stage: null,
        resolution: null,
        raisedAt: d.raisedAt,
        resolvedAt: null,
        closedAt: null,
      });
      break;
    }
    case 'ProblemMeasureRecorded': {
      const d = event.data;
      const row = await problems.get({ problemId });
      const measures = [...JSON.parse(row?.measures ?? '[]'), { measureNumber: d.measureNumber, kind: d.kind ?? 'other', measure: d.measure, by: d.recordedBy, at: d.recordedAt }];
      await problems.update({ problemId }, { status, handlerId, measures: json(measures) });
      break;
    }
    case 'AfterSalesProblemResolved': {
      const { stage, resolution, resolvedAt } = event.data;
      await problems.update({ problemId }, { status, handlerId, stage, resolution, resolvedAt });
      break;
    }
    case 'AfterSalesProblemReopened':
      await problems.update({ problemId }, { status, handlerId, resolvedAt: null });
      break;
    case 'AfterSalesProblemClosed':
      await problems.update({ problemId }, { status, handlerId, closedAt: event.data.closedAt });
      break;
    case 'ProblemHandlerAssigned':
      await problems.update({ problemId }, { status, handlerId });
      break;
  }
}
