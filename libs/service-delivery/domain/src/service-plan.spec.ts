import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { PlanContent } from './plan-content';
import {
  ExpertConclusion,
  OpenServicePlan,
  PlanVersionSubmitted,
  ServicePlanCommand,
  ServicePlanEvent,
  SubmitPlanVersion,
  servicePlan,
  servicePlanStream,
  versionInReview,
} from './service-plan';

const AT = '2026-03-03T09:00:00.000Z';
const DUE = '2026-03-04T09:00:00.000Z';
const drafter = actor('zhao', ['department-member'], ['software-development']);
const head = actor('wang', ['department-head'], ['software-development']);
const otherHead = actor('qian', ['department-head'], ['tech-support']);
const expertA = actor('expert-a', ['expert-reviewer'], []);
const expertB = actor('expert-b', ['expert-reviewer'], []);

const command = commandsOf<ServicePlanCommand>({ at: AT, actor: drafter });
const { when, aggregateAfter, refusal } = deciderSpec(servicePlan);

const plan: PlanContent = {
  goals: ['Invoices print again'],
  content: 'Diagnose the print failure and patch the invoice module',
  steps: [
    { stepId: 's-1', description: 'Reproduce error 42', milestoneId: 'm-1' },
    { stepId: 's-2', description: 'Patch the print module', milestoneId: 'm-2' },
  ],
  milestones: [
    { milestoneId: 'm-1', title: 'Cause found', dueAt: '2026-03-10T18:00:00.000Z' },
    { milestoneId: 'm-2', title: 'Patch deployed', dueAt: '2026-03-20T18:00:00.000Z' },
  ],
  expectedResults: ['Every printer prints invoices'],
  acceptanceCriteria: [{ criterionId: 'c-1', text: 'Invoices print on every printer' }],
};

const opening = (complexity: 'routine' | 'complex' = 'complex'): OpenServicePlan['data'] => ({
  caseId: 'case-1',
  reference: 'SR-2026-000123',
  departmentId: 'software-development',
  complexity,
  draftingDueAt: DUE,
});
const opened = (complexity: 'routine' | 'complex' = 'complex'): ServicePlanEvent => ({
  type: 'ServicePlanOpened',
  data: opening(complexity),
});
const submitted = (version: number, overrides: Partial<PlanVersionSubmitted['data']> = {}): PlanVersionSubmitted => ({
  type: 'PlanVersionSubmitted',
  data: {
    caseId: 'case-1',
    version,
    plan,
    major: false,
    expertReviewRequired: true,
    experts: ['expert-a', 'expert-b'],
    submittedBy: 'zhao',
    submittedAt: AT,
    ...(version === 1 ? { draftingDeadlineMet: true } : {}),
    ...overrides,
  },
});
const opinion = (expertId: string, conclusion: 'approve' | 'changes-requested', version = 1): ServicePlanEvent => ({
  type: 'ExpertOpinionRecorded',
  data: { caseId: 'case-1', version, expertId, opinion: 'Sound approach', conclusion },
});
const approved = (version: number, supersedesVersion?: number): ServicePlanEvent => ({
  type: 'PlanVersionApproved',
  data: {
    caseId: 'case-1',
    version,
    plan,
    ...(supersedesVersion ? { supersedesVersion } : {}),
    approvedBy: 'wang',
    approvedAt: AT,
  },
});
const changesRequested = (version: number): ServicePlanEvent => ({
  type: 'PlanChangesRequested',
  data: { caseId: 'case-1', version, comments: 'Add a rollback step', requestedBy: 'wang', requestedAt: AT },
});

const submit = (overrides: Partial<SubmitPlanVersion['data']> = {}, at = AT) =>
  command('SubmitPlanVersion', { caseId: 'case-1', plan, experts: ['expert-a', 'expert-b'], ...overrides }, { at });
const expertSays = (who = expertA, conclusion: ExpertConclusion = 'approve', version = 1, text = ' Sound approach ') =>
  command('RecordExpertOpinion', { caseId: 'case-1', version, opinion: text, conclusion }, { actor: who });
const approve = (version = 1, by = head) => command('ApprovePlanVersion', { caseId: 'case-1', version }, { actor: by });
const requestChanges = (version = 1, by = head, comments = ' Add a rollback step ') =>
  command('RequestPlanChanges', { caseId: 'case-1', version, comments }, { actor: by });
const overdue = (dueAt = DUE, at = DUE) => command('MarkPlanDraftingOverdue', { caseId: 'case-1', dueAt }, { at });

const OPEN = [opened()];
const IN_REVIEW = [...OPEN, submitted(1)];
const EXPERTS_APPROVED = [...IN_REVIEW, opinion('expert-a', 'approve'), opinion('expert-b', 'approve')];
const APPROVED = [...EXPERTS_APPROVED, approved(1)];
const SENT_BACK = [...IN_REVIEW, changesRequested(1)];
const CHANGE_IN_REVIEW = [...APPROVED, submitted(2, { changeReason: 'Customer added a second site' })];
const ROUTINE_OPEN = [opened('routine')];
const ROUTINE_IN_REVIEW = [...ROUTINE_OPEN, submitted(1, { expertReviewRequired: false, experts: [] })];

describe('service plan (P-3.1, P-3.2, C-2.2)', () => {
  it('names its stream after the case', () => {
    expect(servicePlanStream('case-1')).toBe('service-delivery.plan-case-1');
  });

  it.each<ServicePlanCommand>([submit(), expertSays(), approve(), requestChanges(), overdue()])(
    'refuses $type on a plan that was never opened',
    (cmd) => {
      expect(refusal([], cmd)).toMatchObject({ name: 'NotFoundError', what: 'Service plan', id: 'case-1' });
    },
  );

  describe('OpenServicePlan', () => {
    it('opens the plan for the responsible department with its drafting deadline', () => {
      expect(when([], command('OpenServicePlan', opening()))).toEqual(OPEN);
      expect(aggregateAfter(OPEN)).toMatchObject({ versions: [], major: false, draftingOverdue: false, draftingDueAt: DUE });
    });

    it('refuses to open it twice', () => {
      expect(refusal(OPEN, command('OpenServicePlan', opening()))).toMatchObject(refused('plan-already-open'));
    });
  });

  describe('SubmitPlanVersion (P-3.1)', () => {
    it('submits version 1 of a complex case’s plan to its named experts and the head, within the drafting time', () => {
      expect(when(OPEN, submit())).toEqual([submitted(1)]);
      expect(versionInReview(aggregateAfter(IN_REVIEW))).toMatchObject({ version: 1, status: 'in-review' });
    });

    it('records that the first version came after the drafting deadline', () => {
      const [event] = when(OPEN, submit({}, '2026-03-05T09:00:00.000Z'));
      expect(event.data).toMatchObject({ draftingDeadlineMet: false });
    });

    it('submits a routine plan for the head’s review alone', () => {
      expect(when(ROUTINE_OPEN, submit({ experts: undefined }))).toEqual([
        submitted(1, { expertReviewRequired: false, experts: [] }),
      ]);
    });

    it('refuses a complex case’s plan without named experts: no expert-review bypass', () => {
      expect(refusal(OPEN, submit({ experts: [] }))).toMatchObject({
        ...refused('expert-review-required'),
        message: expect.stringContaining('(P-3.2)'),
      });
    });

    it('refuses a routine plan flagged major without named experts', () => {
      expect(refusal(ROUTINE_OPEN, submit({ major: true, experts: [] }))).toMatchObject(refused('expert-review-required'));
    });

    it('keeps a plan major in later versions, so its revision still needs experts', () => {
      const major = [...ROUTINE_OPEN, submitted(1, { major: true }), changesRequested(1)];
      expect(refusal(major, submit({ experts: [] }))).toMatchObject(refused('expert-review-required'));
      expect(when(major, submit())[0].data).toMatchObject({ version: 2, major: true, expertReviewRequired: true });
    });

    it('refuses to drop the major flag in a later version', () => {
      const major = [...ROUTINE_OPEN, submitted(1, { major: true }), changesRequested(1)];
      expect(refusal(major, submit({ major: false }))).toMatchObject(refused('major-flag-withdrawn'));
    });

    it('submits a revision after changes were requested, as a new version', () => {
      const [event] = when(SENT_BACK, submit({ changeReason: ' Rollback step added ' }));
      expect(event).toEqual(submitted(2, { changeReason: 'Rollback step added' }));
    });

    it('submits a change of an approved plan with its reason; delivery stays on the approved version (C-2.2)', () => {
      expect(when(APPROVED, submit({ changeReason: 'Customer added a second site' }))).toEqual([
        CHANGE_IN_REVIEW[CHANGE_IN_REVIEW.length - 1],
      ]);
      expect(aggregateAfter(CHANGE_IN_REVIEW)).toMatchObject({
        approvedVersion: 1,
        versions: [
          { version: 1, status: 'approved' },
          { version: 2, status: 'in-review' },
        ],
      });
    });

    it('refuses a change of an approved plan without a reason', () => {
      expect(refusal(APPROVED, submit())).toMatchObject({
        ...refused('change-reason-required'),
        message: expect.stringContaining('(C-2.2)'),
      });
    });

    it('refuses a version while another is under review', () => {
      expect(refusal(IN_REVIEW, submit())).toMatchObject(refused('plan-in-review'));
      expect(refusal(CHANGE_IN_REVIEW, submit({ changeReason: 'Again' }))).toMatchObject(refused('plan-in-review'));
    });

    it('refuses a drafter outside the responsible department', () => {
      const outsider = command('SubmitPlanVersion', { caseId: 'case-1', plan, experts: ['expert-a'] }, { actor: otherHead });
      expect(refusal(OPEN, outsider)).toMatchObject(refused('not-responsible-department'));
    });

    it.each<[string, Partial<SubmitPlanVersion['data']>]>([
      ['duplicate-expert', { experts: ['expert-a', 'expert-a'] }],
      ['expert-not-independent', { experts: ['expert-a', 'zhao'] }],
      ['goals-required', { plan: { ...plan, goals: [] } }],
    ])('refuses with %s', (code, overrides) => {
      expect(refusal(OPEN, submit(overrides))).toMatchObject(refused(code));
    });
  });

  describe('RecordExpertOpinion (P-3.2)', () => {
    it('records a named expert’s opinion and conclusion', () => {
      expect(when(IN_REVIEW, expertSays())).toEqual([opinion('expert-a', 'approve')]);
      expect(aggregateAfter(EXPERTS_APPROVED).versions[0].conclusions).toEqual({ 'expert-a': 'approve', 'expert-b': 'approve' });
    });

    it.each([
      ['not-a-named-expert', IN_REVIEW, expertSays(actor('expert-c', ['expert-reviewer'], []))],
      ['expert-already-concluded', [...IN_REVIEW, opinion('expert-a', 'approve')], expertSays()],
      ['opinion-required', IN_REVIEW, expertSays(expertA, 'approve', 1, ' ')],
      ['plan-not-in-review', APPROVED, expertSays()],
      ['unknown-plan-version', IN_REVIEW, expertSays(expertA, 'approve', 3)],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('ApprovePlanVersion (P-3.2)', () => {
    it('approves once every named expert has approved, carrying the content delivery will follow', () => {
      expect(when(EXPERTS_APPROVED, approve())).toEqual([approved(1)]);
      expect(aggregateAfter(APPROVED)).toMatchObject({ approvedVersion: 1, versions: [{ status: 'approved' }] });
    });

    it('approves a routine plan on the head’s review alone', () => {
      expect(when(ROUTINE_IN_REVIEW, approve())).toEqual([approved(1)]);
    });

    it('refuses approval while a named expert has not concluded: no expert-review bypass', () => {
      expect(refusal(IN_REVIEW, approve())).toMatchObject({
        ...refused('expert-review-pending'),
        message: expect.stringContaining('expert-a, expert-b (P-3.2)'),
      });
      expect(refusal([...IN_REVIEW, opinion('expert-a', 'approve')], approve())).toMatchObject({
        ...refused('expert-review-pending'),
        message: expect.stringContaining('expert-b'),
      });
    });

    it('refuses approval over an expert who requested changes', () => {
      const oneApproved = [...IN_REVIEW, opinion('expert-a', 'approve')];
      const objected = [...oneApproved, ...when(oneApproved, expertSays(expertB, 'changes-requested'))];
      expect(refusal(objected, approve())).toMatchObject({
        ...refused('expert-requested-changes'),
        message: expect.stringContaining('expert-b requested changes'),
      });
    });

    it('approves a change, superseding the version delivery followed', () => {
      const given = [...CHANGE_IN_REVIEW, opinion('expert-a', 'approve', 2), opinion('expert-b', 'approve', 2)];
      expect(when(given, approve(2))).toEqual([approved(2, 1)]);
      expect(aggregateAfter([...given, approved(2, 1)])).toMatchObject({
        approvedVersion: 2,
        versions: [{ status: 'superseded' }, { status: 'approved' }],
      });
    });

    it.each([
      ['not-department-head', EXPERTS_APPROVED, approve(1, otherHead)],
      ['not-department-head', EXPERTS_APPROVED, approve(1, drafter)],
      ['reviewer-not-independent', [...OPEN, submitted(1, { experts: ['wang'] }), opinion('wang', 'approve')], approve()],
      ['plan-not-in-review', SENT_BACK, approve()],
      ['plan-not-in-review', APPROVED, approve()],
      ['unknown-plan-version', EXPERTS_APPROVED, approve(2)],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('RequestPlanChanges (P-3.2)', () => {
    it('sends a version back with the head’s comments', () => {
      expect(when(IN_REVIEW, requestChanges())).toEqual([changesRequested(1)]);
      expect(aggregateAfter(SENT_BACK).versions[0].status).toBe('changes-requested');
      expect(versionInReview(aggregateAfter(SENT_BACK))).toBeUndefined();
    });

    it.each([
      ['comments-required', IN_REVIEW, requestChanges(1, head, '')],
      ['not-department-head', IN_REVIEW, requestChanges(1, expertA)],
      ['plan-not-in-review', SENT_BACK, requestChanges()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('MarkPlanDraftingOverdue (scheduler, P-3.1)', () => {
    it('flags the plan as overdue when no version reached review by the deadline', () => {
      expect(when(OPEN, overdue())).toEqual([{ type: 'PlanDraftingOverdue', data: { caseId: 'case-1', dueAt: DUE } }]);
    });

    it('flags it only once', () => {
      const flagged = [...OPEN, ...when(OPEN, overdue())];
      expect(aggregateAfter(flagged).draftingOverdue).toBe(true);
      expect(when(flagged, overdue())).toEqual([]);
    });

    it('does nothing once a version was submitted', () => {
      expect(when(IN_REVIEW, overdue())).toEqual([]);
    });

    it('does nothing for a due time the plan does not have', () => {
      expect(when(OPEN, overdue('2026-03-05T09:00:00.000Z', '2026-03-05T09:00:00.000Z'))).toEqual([]);
    });

    it('refuses a due command sent before the deadline', () => {
      expect(refusal(OPEN, overdue(DUE, AT))).toMatchObject(refused('not-yet-due'));
    });
  });
});
