import {
  AfterSalesProblemEvent,
  FollowUpVisitEvent,
  PlanContent,
  ProjectTeamEvent,
  ServiceCaseEvent,
  ServicePlanEvent,
  afterSalesProblemStream,
  followUpVisitStream,
  projectTeamStream,
  serviceCaseStream,
  servicePlanStream,
} from '@serviceledger/service-delivery/domain';
import { CASE_ID, caseOpened, deliveryStarted, particulars } from '@serviceledger/service-delivery/domain/testing';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { CaseRow, MemberRow, MilestoneRow, PlanVersionRow, ProblemRow, VisitRow } from './case-rows';
import { casesProjection } from './cases.projection';

const plan = (milestones: PlanContent['milestones']): PlanContent => ({
  goals: ['Invoices print again'],
  content: 'Diagnose and patch',
  steps: milestones.map((m) => ({ stepId: `s-${m.milestoneId}`, description: `Work towards ${m.title}`, milestoneId: m.milestoneId })),
  milestones,
  expectedResults: ['No error 42'],
  acceptanceCriteria: [{ criterionId: 'c-1', text: 'Invoices print on every printer' }],
});
const planV1 = plan([
  { milestoneId: 'm-1', title: 'Cause found', dueAt: '2026-03-10T18:00:00.000Z' },
  { milestoneId: 'm-2', title: 'Patch deployed', dueAt: '2026-03-20T18:00:00.000Z' },
]);
const planV2 = plan([
  { milestoneId: 'm-1', title: 'Cause found', dueAt: '2026-03-10T18:00:00.000Z' },
  { milestoneId: 'm-3', title: 'Patch rolled out in stages', dueAt: '2026-03-24T18:00:00.000Z' },
]);
const baselineOf = ({ steps, milestones, acceptanceCriteria }: PlanContent) => ({ steps, milestones, acceptanceCriteria });

const submitted = (version: number, content: PlanContent, extra: { changeReason?: string; draftingDeadlineMet?: boolean } = {}): ServicePlanEvent => ({
  type: 'PlanVersionSubmitted',
  data: { caseId: CASE_ID, version, plan: content, major: version > 1, expertReviewRequired: true, experts: ['expert-1'], submittedBy: 'zhang', submittedAt: `2026-03-0${2 + version}T09:00:00.000Z`, ...extra },
});
const approved = (version: number, content: PlanContent, supersedesVersion?: number): ServicePlanEvent => ({
  type: 'PlanVersionApproved',
  data: { caseId: CASE_ID, version, plan: content, approvedBy: 'wang', approvedAt: `2026-03-0${3 + version}T09:00:00.000Z`, ...(supersedesVersion ? { supersedesVersion } : {}) },
});
const adopted = (version: number, content: PlanContent): ServiceCaseEvent => ({
  type: 'PlanVersionAdopted',
  data: { caseId: CASE_ID, version, baseline: baselineOf(content), approvedAt: `2026-03-0${3 + version}T09:00:00.000Z` },
});
const reportMissed: ServiceCaseEvent = { type: 'ProgressReportMissed', data: { caseId: CASE_ID, dueAt: '2026-03-08T09:00:00.000Z', nextReportDueAt: '2026-03-11T09:00:00.000Z' } };
/** A round organised against the plan's criteria, as before they came from the contract, or against the contract's. */
const organised = (round: number, contract?: { contractReference: string; version: number }): ServiceCaseEvent => ({
  type: 'AcceptanceOrganised',
  data: {
    caseId: CASE_ID,
    round,
    planVersion: 1,
    criteria: planV1.acceptanceCriteria,
    ...(contract ? { contract } : {}),
    organisedBy: 'agent-1',
    organisedAt: `2026-03-2${round}T09:00:00.000Z`,
  },
});
const SCAN = 'ab'.repeat(32);
const report = { signatory: { name: 'Chen Jing' }, recordedBy: 'agent-1' };

const openedPlan: ServicePlanEvent = {
  type: 'ServicePlanOpened',
  data: { caseId: CASE_ID, reference: 'SR-2026-000123', departmentId: 'software-development', complexity: 'complex', draftingDueAt: '2026-03-04T09:00:00.000Z' },
};

describe('cases projection', () => {
  const projection = projectionSpec(casesProjection);
  const serviceCase = () => projection.rows<CaseRow>('case').then(([row]) => row);

  it('lists an opened case in planning, seen by every department taking part', async () => {
    await projection.apply([eventStream<ServiceCaseEvent>(serviceCaseStream(CASE_ID))(caseOpened())]);

    expect(await projection.rows('case')).toEqual([
      {
        ...particulars,
        responsibleDepartmentId: 'software-development',
        status: 'planning',
        planDueAt: '2026-03-04T09:00:00.000Z',
        planOverdue: false,
        planVersion: null,
        projectManagerId: null,
        reportDueAt: null,
        reportsSent: 0,
        reportsMissed: 0,
        lastReportMissed: false,
        acceptanceRound: 0,
        openedAt: '2026-03-02T09:00:00.000Z',
        deliveryStartedAt: null,
        acceptedAt: null,
        closedAt: null,
        updatedAt: '2026-03-02T09:00:00.000Z',
      },
    ]);
    expect(await projection.rows('department')).toEqual([
      { caseId: CASE_ID, departmentId: 'software-development' },
      { caseId: CASE_ID, departmentId: 'tech-support' },
    ]);
  });

  it('keeps each plan version with its reviews, supersedes the approved one by the next, and follows the version adopted', async () => {
    const caseEvents = eventStream<ServiceCaseEvent>(serviceCaseStream(CASE_ID));
    const planEvents = eventStream<ServicePlanEvent>(servicePlanStream(CASE_ID));
    await projection.apply([
      caseEvents(caseOpened()),
      planEvents(openedPlan),
      planEvents({ type: 'PlanDraftingOverdue', data: { caseId: CASE_ID, dueAt: '2026-03-04T09:00:00.000Z' } }, { at: '2026-03-04T09:00:00.000Z' }),
      planEvents(submitted(1, planV1, { draftingDeadlineMet: false })),
      planEvents({ type: 'ExpertOpinionRecorded', data: { caseId: CASE_ID, version: 1, expertId: 'expert-1', opinion: 'Sound', conclusion: 'approve' } }, { at: '2026-03-03T12:00:00.000Z' }),
      planEvents(approved(1, planV1)),
      caseEvents(adopted(1, planV1)),
    ]);
    expect(await serviceCase()).toMatchObject({ status: 'ready', planVersion: 1, planOverdue: true });

    await projection.apply([
      planEvents(submitted(2, planV2, { changeReason: 'Staged roll-out' })),
      planEvents({ type: 'PlanChangesRequested', data: { caseId: CASE_ID, version: 2, comments: 'Name the stages', requestedBy: 'wang', requestedAt: '2026-03-05T10:00:00.000Z' } }),
    ]);
    expect((await projection.rows<PlanVersionRow>('plan_version')).map((v) => v.status)).toEqual(['approved', 'changes-requested']);

    await projection.apply([planEvents(submitted(3, planV2, { changeReason: 'Stages named' })), planEvents(approved(3, planV2, 1)), caseEvents(adopted(3, planV2))]);

    const versions = await projection.rows<PlanVersionRow>('plan_version');
    expect(versions.map(({ version, status, major, approvedBy }) => ({ version, status, major, approvedBy }))).toEqual([
      { version: 1, status: 'superseded', major: false, approvedBy: 'wang' },
      { version: 2, status: 'changes-requested', major: true, approvedBy: null },
      { version: 3, status: 'approved', major: true, approvedBy: 'wang' },
    ]);
    expect(versions[0]).toMatchObject({ draftingDeadlineMet: false, experts: '["expert-1"]', submittedBy: 'zhang', submittedAt: '2026-03-03T09:00:00.000Z' });
    expect(JSON.parse(versions[0].reviews)).toEqual([{ kind: 'expert-opinion', by: 'expert-1', conclusion: 'approve', text: 'Sound', at: '2026-03-03T12:00:00.000Z' }]);
    expect(JSON.parse(versions[1].reviews)).toEqual([{ kind: 'changes-requested', by: 'wang', text: 'Name the stages', at: '2026-03-05T10:00:00.000Z' }]);
    expect(JSON.parse(versions[2].plan)).toEqual(planV2);
    expect((await projection.rows<MilestoneRow>('milestone')).map(({ milestoneId, planVersion }) => ({ milestoneId, planVersion }))).toEqual([
      { milestoneId: 'm-1', planVersion: 3 },
      { milestoneId: 'm-3', planVersion: 3 },
    ]);
  });

  it('follows delivery: the project manager, milestones done, waived or expected later, with the standards they follow and the evidence of their checks, reports sent and missed', async () => {
    const c = eventStream<ServiceCaseEvent>(serviceCaseStream(CASE_ID));
    const consent = { standardId: 'remote-support', version: 2, title: 'Remote support', checks: [{ checkId: 'consent', description: 'Customer consented' }] };
    const evidence = { standardId: 'remote-support', version: 2, checkId: 'consent', evidence: 'Consent form' };
    const team = eventStream<ProjectTeamEvent>(projectTeamStream(CASE_ID));
    await projection.apply([
      c(caseOpened()),
      c(adopted(1, planV1)),
      team({ type: 'TeamMemberJoined', data: { caseId: CASE_ID, memberId: 'zhang', role: 'project-manager', duties: 'Lead', addedBy: 'wang', joinedAt: '2026-03-04T10:00:00.000Z' } }),
      c(deliveryStarted),
      c({ type: 'StandardsDeclared', data: { caseId: CASE_ID, milestoneId: 'm-1', planVersion: 1, standards: [consent], declaredBy: 'zhang', declaredAt: '2026-03-05T10:00:00.000Z' } }),
      c({ type: 'MilestoneDeviationRecorded', data: { caseId: CASE_ID, milestoneId: 'm-1', plannedDueAt: '2026-03-10T18:00:00.000Z', expectedAt: '2026-03-12T18:00:00.000Z', reason: 'Parts late', recordedBy: 'zhang' } }),
      c({ type: 'MilestoneCompleted', data: { caseId: CASE_ID, milestoneId: 'm-1', planVersion: 1, dueAt: '2026-03-10T18:00:00.000Z', evidence: 'Log', late: true, lateReason: 'Parts late', checks: [evidence], completedBy: 'li', completedAt: '2026-03-12T10:00:00.000Z' } }),
      c({ type: 'MilestoneWaived', data: { caseId: CASE_ID, milestoneId: 'm-2', planVersion: 1, reason: 'Not needed', waivedBy: 'wang', waivedAt: '2026-03-13T10:00:00.000Z' } }),
      c(reportMissed),
      c({
        type: 'ProgressReportSent',
        data: { caseId: CASE_ID, reportNumber: 1, progress: 'Cause found', problems: [{ problem: 'Parts', solution: 'Ordered' }], dueAt: '2026-03-11T09:00:00.000Z', onTime: true, sentBy: 'zhang', sentAt: '2026-03-10T09:00:00.000Z', nextReportDueAt: '2026-03-14T09:00:00.000Z' },
      }),
    ]);

    expect(await serviceCase()).toMatchObject({
      status: 'in-delivery',
      projectManagerId: 'zhang',
      deliveryStartedAt: '2026-03-05T09:00:00.000Z',
      reportDueAt: '2026-03-14T09:00:00.000Z',
      reportsSent: 1,
      reportsMissed: 1,
      lastReportMissed: false,
    });
    expect(await projection.rows('milestone')).toEqual([
      { caseId: CASE_ID, milestoneId: 'm-1', title: 'Cause found', dueAt: '2026-03-10T18:00:00.000Z', expectedAt: '2026-03-12T18:00:00.000Z', status: 'done', late: true, completedAt: '2026-03-12T10:00:00.000Z', planVersion: 1, standards: JSON.stringify([consent]), checkEvidence: JSON.stringify([evidence]) },
      { caseId: CASE_ID, milestoneId: 'm-2', title: 'Patch deployed', dueAt: '2026-03-20T18:00:00.000Z', expectedAt: null, status: 'waived', late: null, completedAt: '2026-03-13T10:00:00.000Z', planVersion: 1, standards: '[]', checkEvidence: '[]' },
    ]);
    expect(await projection.rows('report')).toEqual([
      { caseId: CASE_ID, entry: 'missed-2026-03-08T09:00:00.000Z', dueAt: '2026-03-08T09:00:00.000Z', kind: 'missed', reportNumber: null, progress: null, problems: '[]', onTime: null, sentAt: null, sentBy: null },
      { caseId: CASE_ID, entry: 'report-1', dueAt: '2026-03-11T09:00:00.000Z', kind: 'sent', reportNumber: 1, progress: 'Cause found', problems: '[{"problem":"Parts","solution":"Ordered"}]', onTime: true, sentAt: '2026-03-10T09:00:00.000Z', sentBy: 'zhang' },
    ]);
  });

  it('keeps coordination issues until they are resolved', async () => {
    const c = eventStream<ServiceCaseEvent>(serviceCaseStream(CASE_ID));
    await projection.apply([
      c(caseOpened()),
      c({ type: 'CoordinationIssueLogged', data: { caseId: CASE_ID, issueNumber: 1, description: 'Who orders parts?', departmentIds: ['tech-support', 'software-development'], loggedBy: 'zhang', loggedAt: '2026-03-06T09:00:00.000Z' } }),
    ]);
    expect(await projection.rows('issue')).toEqual([
      { caseId: CASE_ID, issueNumber: 1, description: 'Who orders parts?', departmentIds: '["tech-support","software-development"]', resolved: false, resolution: null },
    ]);

    await projection.apply([c({ type: 'CoordinationIssueResolved', data: { caseId: CASE_ID, issueNumber: 1, resolution: 'Tech support does', resolvedBy: 'zhang', resolvedAt: '2026-03-07T09:00:00.000Z' } })]);
    expect(await projection.rows('issue')).toEqual([expect.objectContaining({ resolved: true, resolution: 'Tech support does' })]);
  });

  it('takes a case through a rejected acceptance and its rectification to a second round, acceptance with a condition, and after-sales', async () => {
    const c = eventStream<ServiceCaseEvent>(serviceCaseStream(CASE_ID));
    await projection.apply([
      c(caseOpened()),
      c(adopted(1, planV1)),
      c(deliveryStarted),
      c(organised(1)),
      c({
        type: 'AcceptanceRejected',
        data: {
          caseId: CASE_ID,
          round: 1,
          results: [{ criterionId: 'c-1', met: false, note: 'Floor 2 fails' }],
          ...report,
          rectificationItems: [{ itemId: '1.1', description: 'Fix floor 2', criterionId: 'c-1', dueAt: '2026-03-23T18:00:00.000Z' }],
          rejectedAt: '2026-03-21T12:00:00.000Z',
          nextReportDueAt: '2026-03-24T12:00:00.000Z',
        },
      }),
    ]);
    expect(await serviceCase()).toMatchObject({ status: 'rectifying', acceptanceRound: 1, reportDueAt: '2026-03-24T12:00:00.000Z' });

    await projection.apply([
      c({ type: 'RectificationItemFixed', data: { caseId: CASE_ID, itemId: '1.1', round: 1, note: 'Driver updated', fixedBy: 'li', fixedAt: '2026-03-22T09:00:00.000Z' } }),
      c({
        type: 'ContractAcceptanceCriteriaRecorded',
        data: { caseId: CASE_ID, contractReference: 'SC-17', version: 1, criteria: planV1.acceptanceCriteria, recordedBy: 'agent-1', recordedAt: '2026-03-22T08:00:00.000Z' },
      }),
      c(organised(2, { contractReference: 'SC-17', version: 1 })),
      c({
        type: 'AcceptancePassed',
        data: {
          caseId: CASE_ID,
          round: 2,
          results: [{ criterionId: 'c-1', met: true }],
          ...report,
          comments: 'Well done',
          form: 'paper',
          signedDocument: { sha256: SCAN },
          conditions: [{ itemId: '2.1', description: 'Label the printers' }],
          acceptedAt: '2026-03-25T09:00:00.000Z',
          followUpVisits: [],
        },
      }),
    ]);
    expect(await serviceCase()).toMatchObject({ status: 'accepted', acceptanceRound: 2, acceptedAt: '2026-03-25T09:00:00.000Z', reportDueAt: null });
    const criteria = JSON.stringify(planV1.acceptanceCriteria);
    const signatory = JSON.stringify(report.signatory);
    expect(await projection.rows('round')).toEqual([
      {
        caseId: CASE_ID,
        round: 1,
        planVersion: 1,
        contractReference: null,
        criteriaVersion: null,
        criteria,
        organisedAt: '2026-03-21T09:00:00.000Z',
        verdict: 'rejected',
        results: '[{"criterionId":"c-1","met":false,"note":"Floor 2 fails"}]',
        form: null,
        signatory,
        signedDocument: null,
        comments: null,
        recordedAt: '2026-03-21T12:00:00.000Z',
      },
      {
        caseId: CASE_ID,
        round: 2,
        planVersion: 1,
        contractReference: 'SC-17',
        criteriaVersion: 1,
        criteria,
        organisedAt: '2026-03-22T09:00:00.000Z',
        verdict: 'accepted',
        results: '[{"criterionId":"c-1","met":true}]',
        form: 'paper',
        signatory,
        signedDocument: JSON.stringify({ sha256: SCAN }),
        comments: 'Well done',
        recordedAt: '2026-03-25T09:00:00.000Z',
      },
    ]);
    expect(await projection.rows('contract_criteria')).toEqual([
      { caseId: CASE_ID, version: 1, contractReference: 'SC-17', criteria, recordedBy: 'agent-1', recordedAt: '2026-03-22T08:00:00.000Z' },
    ]);

    await projection.apply([
      c({ type: 'RectificationItemFixed', data: { caseId: CASE_ID, itemId: '2.1', round: 2, note: 'Labelled', fixedBy: 'li', fixedAt: '2026-03-26T09:00:00.000Z' } }),
      c({ type: 'AfterSalesStarted', data: { caseId: CASE_ID, startedAt: '2026-03-26T09:00:00.000Z' } }),
      c({ type: 'ServiceCaseClosed', data: { caseId: CASE_ID, summary: 'Done', closedBy: 'wang', closedAt: '2026-04-30T09:00:00.000Z' } }),
    ]);
    expect(await serviceCase()).toMatchObject({ status: 'closed', closedAt: '2026-04-30T09:00:00.000Z' });
    expect(await projection.rows('item')).toEqual([
      { caseId: CASE_ID, itemId: '1.1', round: 1, description: 'Fix floor 2', criterionId: 'c-1', dueAt: '2026-03-23T18:00:00.000Z', condition: false, fixed: true, fixNote: 'Driver updated', fixedAt: '2026-03-22T09:00:00.000Z' },
      { caseId: CASE_ID, itemId: '2.1', round: 2, description: 'Label the printers', criterionId: null, dueAt: null, condition: true, fixed: true, fixNote: 'Labelled', fixedAt: '2026-03-26T09:00:00.000Z' },
    ]);
  });

  it('records a cancellation', async () => {
    const c = eventStream<ServiceCaseEvent>(serviceCaseStream(CASE_ID));
    await projection.apply([
      c(caseOpened()),
      c({ type: 'ServiceCaseCancelled', data: { caseId: CASE_ID, reason: 'Demand withdrawn', previousStatus: 'planning', cancelledBy: 'agent-1', cancelledAt: '2026-03-03T09:00:00.000Z' } }),
    ]);

    expect(await serviceCase()).toMatchObject({ status: 'cancelled', closedAt: '2026-03-03T09:00:00.000Z', reportDueAt: null });
  });

  it('keeps the team’s memberships, past ones too, and the project manager who replaced another', async () => {
    const team = eventStream<ProjectTeamEvent>(projectTeamStream(CASE_ID));
    const joined = (memberId: string, role: 'project-manager' | 'technician', joinedAt: string): ProjectTeamEvent => ({
      type: 'TeamMemberJoined',
      data: { caseId: CASE_ID, memberId, role, duties: `Duties of ${memberId}`, addedBy: 'wang', joinedAt },
    });
    await projection.apply([
      eventStream<ServiceCaseEvent>(serviceCaseStream(CASE_ID))(caseOpened()),
      team(joined('zhang', 'project-manager', '2026-03-04T10:00:00.000Z')),
      team(joined('li', 'technician', '2026-03-04T11:00:00.000Z')),
      team({ type: 'TeamMemberDutiesChanged', data: { caseId: CASE_ID, memberId: 'li', duties: 'On-site diagnosis', changedBy: 'zhang' } }),
      team({ type: 'TeamMemberLeft', data: { caseId: CASE_ID, memberId: 'zhang', role: 'project-manager', reason: 'Moved on', removedBy: 'wang', leftAt: '2026-03-10T09:00:00.000Z' } }),
      team(joined('zhao', 'project-manager', '2026-03-10T09:00:00.000Z')),
    ]);

    expect(await projection.rows<MemberRow>('member')).toEqual([
      { caseId: CASE_ID, memberId: 'li', joinedAt: '2026-03-04T11:00:00.000Z', role: 'technician', duties: 'On-site diagnosis', leftAt: null, leftReason: null },
      { caseId: CASE_ID, memberId: 'zhang', joinedAt: '2026-03-04T10:00:00.000Z', role: 'project-manager', duties: 'Duties of zhang', leftAt: '2026-03-10T09:00:00.000Z', leftReason: 'Moved on' },
      { caseId: CASE_ID, memberId: 'zhao', joinedAt: '2026-03-10T09:00:00.000Z', role: 'project-manager', duties: 'Duties of zhao', leftAt: null, leftReason: null },
    ]);
    expect(await serviceCase()).toMatchObject({ projectManagerId: 'zhao' });
  });

  it('follows a follow-up visit from scheduled to due to recorded with the customer’s answers', async () => {
    const visit = eventStream<FollowUpVisitEvent>(followUpVisitStream('case-1-visit-1'));
    await projection.apply([
      visit({ type: 'FollowUpVisitScheduled', data: { visitId: 'case-1-visit-1', caseId: CASE_ID, visitNumber: 1, customerId: 'c-1', departmentId: 'software-development', acceptedAt: '2026-03-25T09:00:00.000Z', dueAt: '2026-04-01T09:00:00.000Z' } }),
      visit({ type: 'FollowUpVisitDue', data: { visitId: 'case-1-visit-1', caseId: CASE_ID, dueAt: '2026-04-01T09:00:00.000Z' } }),
    ]);
    expect(await projection.rows<VisitRow>('visit')).toEqual([expect.objectContaining({ visitNumber: 1, departmentId: 'software-development', status: 'due', channel: null, findings: '[]' })]);

    await projection.apply([
      visit({
        type: 'FollowUpVisitRecorded',
        data: {
          visitId: 'case-1-visit-1',
          caseId: CASE_ID,
          visitNumber: 1,
          channel: 'phone',
          survey: { surveyId: 'satisfaction', version: 2, scale: { lowest: 1, highest: 10 } },
          satisfaction: 9,
          recommendation: 10,
          comments: 'Quick work',
          findings: [{ description: 'Call before coming', stage: 'implementation' }],
          dueAt: '2026-04-01T09:00:00.000Z',
          visitedBy: 'agent-1',
          visitedAt: '2026-04-01T10:00:00.000Z',
        },
      }),
    ]);
    expect(await projection.rows('visit')).toEqual([
      {
        visitId: 'case-1-visit-1',
        caseId: CASE_ID,
        visitNumber: 1,
        departmentId: 'software-development',
        dueAt: '2026-04-01T09:00:00.000Z',
        status: 'completed',
        channel: 'phone',
        surveyId: 'satisfaction',
        surveyVersion: 2,
        scaleLowest: 1,
        scaleHighest: 10,
        satisfaction: 9,
        recommendation: 10,
        comments: 'Quick work',
        findings: '[{"description":"Call before coming","stage":"implementation"}]',
        visitedBy: 'agent-1',
        visitedAt: '2026-04-01T10:00:00.000Z',
      },
    ]);
  });

  it('reopens a resolved after-sales problem for more handling, and closes it once resolved again', async () => {
    const problem = eventStream<AfterSalesProblemEvent>(afterSalesProblemStream('p-1'));
    // Measure 1 was recorded before measures had kinds: it shows as `other`.
    const measure = (measureNumber: number, kind?: 'fix'): AfterSalesProblemEvent => ({
      type: 'ProblemMeasureRecorded',
      data: { problemId: 'p-1', measureNumber, ...(kind ? { kind } : {}), measure: `Measure ${measureNumber}`, recordedBy: 'li', recordedAt: `2026-04-0${measureNumber + 1}T09:00:00.000Z` },
    });
    const resolved = (resolvedAt: string): AfterSalesProblemEvent => ({
      type: 'AfterSalesProblemResolved',
      data: { problemId: 'p-1', caseId: CASE_ID, resolution: 'Replaced the toner', stage: 'implementation', handlerId: 'li', resolvedBy: 'li', resolvedAt },
    });
    await projection.apply([
      problem({
        type: 'AfterSalesProblemRaised',
        data: { problemId: 'p-1', caseId: CASE_ID, reference: 'SR-2026-000123', customerId: 'c-1', departmentId: 'software-development', source: 'customer', description: 'Faint prints', raisedBy: 'agent-1', raisedAt: '2026-04-01T09:00:00.000Z' },
      }),
      problem({ type: 'ProblemHandlerAssigned', data: { problemId: 'p-1', caseId: CASE_ID, handlerId: 'li', assignedBy: 'wang', assignedAt: '2026-04-01T10:00:00.000Z' } }),
      problem(measure(1)),
      problem(resolved('2026-04-03T09:00:00.000Z')),
    ]);
    expect(await projection.rows<ProblemRow>('problem')).toEqual([
      expect.objectContaining({ status: 'resolved', handlerId: 'li', stage: 'implementation', resolution: 'Replaced the toner', resolvedAt: '2026-04-03T09:00:00.000Z' }),
    ]);

    await projection.apply([problem({ type: 'AfterSalesProblemReopened', data: { problemId: 'p-1', caseId: CASE_ID, reason: 'Faint again', reopenedBy: 'agent-1', reopenedAt: '2026-04-04T09:00:00.000Z' } })]);
    expect(await projection.rows('problem')).toEqual([expect.objectContaining({ status: 'handling', handlerId: 'li', resolvedAt: null })]);

    await projection.apply([
      problem(measure(2, 'fix')),
      problem(resolved('2026-04-05T09:00:00.000Z')),
      problem({ type: 'AfterSalesProblemClosed', data: { problemId: 'p-1', caseId: CASE_ID, closedBy: 'agent-1', closedAt: '2026-04-06T09:00:00.000Z' } }),
    ]);
    const [row] = await projection.rows<ProblemRow>('problem');
    expect(row).toMatchObject({ source: 'customer', visitId: null, description: 'Faint prints', status: 'closed', raisedAt: '2026-04-01T09:00:00.000Z', resolvedAt: '2026-04-05T09:00:00.000Z', closedAt: '2026-04-06T09:00:00.000Z' });
    expect(JSON.parse(row.measures)).toEqual([
      { measureNumber: 1, kind: 'other', measure: 'Measure 1', by: 'li', at: '2026-04-02T09:00:00.000Z' },
      { measureNumber: 2, kind: 'fix', measure: 'Measure 2', by: 'li', at: '2026-04-03T09:00:00.000Z' },
    ]);
  });

  it('changes nothing when events are delivered again, in one batch or several', async () => {
    const c = eventStream<ServiceCaseEvent>(serviceCaseStream(CASE_ID));
    const problem = eventStream<AfterSalesProblemEvent>(afterSalesProblemStream('p-1'));
    const events = [
      c(caseOpened()),
      c(adopted(1, planV1)),
      c(deliveryStarted),
      c(reportMissed),
      problem({
        type: 'AfterSalesProblemRaised',
        data: { problemId: 'p-1', caseId: CASE_ID, reference: 'SR-2026-000123', customerId: 'c-1', departmentId: 'software-development', source: 'customer', description: 'Faint prints', raisedBy: 'agent-1', raisedAt: '2026-04-01T09:00:00.000Z' },
      }),
      problem({ type: 'ProblemMeasureRecorded', data: { problemId: 'p-1', measureNumber: 1, measure: 'New toner', recordedBy: 'li', recordedAt: '2026-04-02T09:00:00.000Z' } }),
    ];
    const everything = async () => Object.fromEntries(await Promise.all(Object.keys(casesProjection.tables).map(async (table) => [table, await projection.rows(table)])));
    await projection.apply(events.slice(0, 3));
    await projection.apply(events.slice(2));
    const once = await everything();

    await projection.apply(events);

    expect(await everything()).toEqual(once);
    expect(once.case).toEqual([expect.objectContaining({ reportsMissed: 1 })]);
    expect(JSON.parse((once.problem as ProblemRow[])[0].measures)).toHaveLength(1);
  });
});
