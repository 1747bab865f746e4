import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { DEFAULT_FOLLOW_UP_VISIT_OFFSETS_DAYS } from './follow-up-schedule';
import { PlanBaseline } from './plan-content';
import { ProjectTeamComposition } from './project-team';
import {
  MAX_CASE_HOURS,
  OpenServiceCase,
  ServiceCaseCommand,
  ServiceCaseEvent,
  serviceCase,
  serviceCaseFacts,
  serviceCaseStream,
} from './service-case';
import {
  ACCEPTED_AT,
  ACCEPTED_WITH_CONDITIONS,
  AFTER_SALES,
  AWAITING_ACCEPTANCE,
  CANCELLED,
  CLOSED,
  IN_DELIVERY,
  PLANNING,
  READY,
  RECTIFIED,
  RECTIFYING,
  WORK_DONE,
  afterSalesStarted,
  baselineV1,
  caseOpened,
  command,
  deliveryStarted,
  handedOver,
  itemFixed,
  people,
  planAdopted,
  stepDone,
} from './testing/service-case-fixtures';

const { when, aggregateAfter, refusal } = deciderSpec(serviceCase);

const opening: OpenServiceCase['data'] = {
  ...handedOver,
  planDraftingHours: 48,
  progressReportIntervalHours: 72,
  followUpVisitOffsetsDays: [7, 30],
};
const open = (overrides: Partial<OpenServiceCase['data']> = {}) =>
  command('OpenServiceCase', { ...opening, ...overrides }, { actor: people.agent });

const fullTeam = { projectManagerId: 'zhang', technicianIds: ['li'], customerServiceIds: ['agent-1'] };
const start = (team: ProjectTeamComposition = fullTeam) =>
  command('StartDelivery', { caseId: 'case-1', team }, { at: '2026-03-05T09:00:00.000Z' });
const adopt = (version: number, baseline: PlanBaseline = baselineV1) =>
  command('AdoptPlanVersion', { caseId: 'case-1', version, baseline, approvedAt: '2026-03-04T08:00:00.000Z' });
const close = (summary = 'Delivered and revisited') =>
  command('CloseServiceCase', { caseId: 'case-1', summary }, { actor: people.agent, at: '2026-05-01T09:00:00.000Z' });
const cancel = (reason = 'Demand withdrawn') =>
  command('CancelServiceCase', { caseId: 'case-1', reason }, { actor: people.agent, at: '2026-03-06T09:00:00.000Z' });
const requestVisit = (dueAt = '2026-06-01T09:00:00.000Z') =>
  command('RequestFollowUpVisit', { caseId: 'case-1', dueAt }, { actor: people.agent, at: '2026-05-01T09:00:00.000Z' });

describe('service case', () => {
  it('names its stream after the case id', () => {
    expect(serviceCaseStream('case-1')).toBe('service-delivery.case-case-1');
  });

  it.each<ServiceCaseCommand>([
    adopt(1),
    start(),
    requestVisit(),
    close(),
    cancel(),
    command('CompleteStep', { caseId: 'case-1', stepId: 's-1', evidence: 'Log' }),
    command('SendProgressReport', { caseId: 'case-1', progress: 'On track', problems: [] }),
    command('LogCoordinationIssue', { caseId: 'case-1', description: 'No test printer', departmentIds: [] }),
    command('OrganiseAcceptance', { caseId: 'case-1' }),
  ])('refuses $type on a case that was never opened', (cmd) => {
    expect(refusal([], cmd)).toMatchObject({ name: 'NotFoundError', what: 'Service case', id: 'case-1' });
  });

  describe('OpenServiceCase (hand-off from intake)', () => {
    it('opens a coordinated case in planning, led by the lead department, with its drafting deadline', () => {
      expect(when([], open())).toEqual([caseOpened()]);
      expect(aggregateAfter(PLANNING)).toMatchObject({
        status: 'planning',
        responsibleDepartmentId: 'software-development',
        departments: ['tech-support', 'software-development'],
      });
    });

    it('opens a routine case held by the receiving department, with the default follow-up visits', () => {
      const [event] = when(
        [],
        open({
          complexity: 'routine',
          leadDepartmentId: undefined,
          responsibilities: undefined,
          followUpVisitOffsetsDays: undefined,
        }),
      );
      expect(event.data).toMatchObject({
        responsibilities: [],
        responsibleDepartmentId: 'tech-support',
        departments: ['tech-support'],
        followUpVisitOffsetsDays: [...DEFAULT_FOLLOW_UP_VISIT_OFFSETS_DAYS],
      });
      expect(event.data).not.toHaveProperty('leadDepartmentId');
      expect(DEFAULT_FOLLOW_UP_VISIT_OFFSETS_DAYS).toEqual([7, 30]);
    });

    it('opens a complex case of one department, released without a meeting, held by it (P-2.2 對於涉及多個部門的復雜需求)', () => {
      const [event] = when([], open({ departmentIds: ['tech-support'], leadDepartmentId: undefined, responsibilities: undefined }));
      expect(event.data).toMatchObject({ complexity: 'complex', responsibleDepartmentId: 'tech-support', departments: ['tech-support'] });
    });

    it('refuses a complex case of several departments that arrives uncoordinated', () => {
      const uncoordinated = open({ departmentIds: ['tech-support', 'software-development'], leadDepartmentId: undefined, responsibilities: undefined });
      expect(refusal([], uncoordinated)).toMatchObject(refused('coordination-missing'));
    });

    it('refuses a second opening for the same demand with a code the consumer treats as done', () => {
      expect(refusal(PLANNING, open())).toMatchObject(refused('case-already-open'));
    });

    it('refuses to open the same case for another demand', () => {
      expect(refusal(PLANNING, open({ demandId: 'd-2' }))).toMatchObject(refused('case-opened-for-another-demand'));
    });

    it.each<[string, Partial<OpenServiceCase['data']>]>([
      ['coordination-missing', { leadDepartmentId: undefined }],
      ['coordination-missing', { responsibilities: [] }],
      ['lead-without-responsibility', { leadDepartmentId: 'system-maintenance' }],
      ['invalid-plan-drafting-time', { planDraftingHours: 0 }],
      ['invalid-report-interval', { progressReportIntervalHours: -1 }],
      ['invalid-plan-drafting-time', { planDraftingHours: MAX_CASE_HOURS + 1 }],
      ['invalid-report-interval', { progressReportIntervalHours: Infinity }],
      ['invalid-follow-up-offsets', { followUpVisitOffsetsDays: [] }],
      ['invalid-follow-up-offsets', { followUpVisitOffsetsDays: [30, 7] }],
      ['invalid-follow-up-offsets', { followUpVisitOffsetsDays: [0.5] }],
    ])('refuses with %s', (code, overrides) => {
      expect(refusal([], open(overrides))).toMatchObject(refused(code));
    });
  });

  describe('AdoptPlanVersion (P-3.2, C-2.2)', () => {
    it('takes the first approved version: the case is ready for delivery', () => {
      expect(when(PLANNING, adopt(1))).toEqual([planAdopted()]);
      expect(aggregateAfter(READY)).toMatchObject({
        status: 'ready',
        planVersion: 1,
        criteria: baselineV1.acceptanceCriteria,
        milestones: [
          { milestoneId: 'm-1', status: 'open' },
          { milestoneId: 'm-2', status: 'open' },
        ],
      });
    });

    it('moves delivery onto a newer version, keeping the work done and listing what changed', () => {
      const baselineV3: PlanBaseline = {
        milestones: [
          { milestoneId: 'm-1', title: 'Cause found', dueAt: '2026-03-10T18:00:00.000Z' },
          { milestoneId: 'm-2', title: 'Patch deployed', dueAt: '2026-03-27T18:00:00.000Z' },
          { milestoneId: 'm-3', title: 'Staff trained', dueAt: '2026-03-30T18:00:00.000Z' },
        ],
        steps: [
          { stepId: 's-1', description: 'Reproduce error 42', milestoneId: 'm-1' },
          { stepId: 's-2', description: 'Patch the print module', milestoneId: 'm-2' },
          { stepId: 's-4', description: 'Train the accountants', milestoneId: 'm-3' },
        ],
        acceptanceCriteria: [
          { criterionId: 'c-1', text: 'Invoices print on every printer, in colour' },
          { criterionId: 'c-3', text: 'Accountants trained' },
        ],
      };
      const given = [...IN_DELIVERY, stepDone('s-1', 'm-1')];
      const events = when(given, adopt(3, baselineV3));
      expect(events).toEqual([
        planAdopted(3, baselineV3, {
          previousVersion: 1,
          changes: {
            milestonesAdded: ['m-3'],
            milestonesRemoved: [],
            milestonesRescheduled: [{ milestoneId: 'm-2', from: '2026-03-20T18:00:00.000Z', to: '2026-03-27T18:00:00.000Z' }],
            stepsAdded: ['s-4'],
            stepsRemoved: ['s-3'],
            criteriaAdded: ['c-3'],
            criteriaRemoved: ['c-2'],
            criteriaReworded: ['c-1'],
          },
        }),
      ]);
      expect(aggregateAfter([...given, ...events])).toMatchObject({
        status: 'in-delivery',
        planVersion: 3,
        steps: [
          { stepId: 's-1', done: true },
          { stepId: 's-2', done: false },
          { stepId: 's-4', done: false },
        ],
        milestones: [
          { milestoneId: 'm-1' },
          { milestoneId: 'm-2', dueAt: '2026-03-27T18:00:00.000Z' },
          { milestoneId: 'm-3', status: 'open' },
        ],
      });
    });

    it('adopts a change while the team rectifies', () => {
      expect(when(RECTIFYING, adopt(2))[0].data).toMatchObject({ version: 2, previousVersion: 1 });
    });

    it('refuses a version that is not newer than the one delivery follows', () => {
      expect(refusal(IN_DELIVERY, adopt(1))).toMatchObject(refused('stale-plan-version'));
    });

    it.each([
      ['awaiting acceptance', AWAITING_ACCEPTANCE],
      ['accepted', ACCEPTED_WITH_CONDITIONS],
      ['in after-sales', AFTER_SALES],
    ])('refuses a plan change once the case is %s', (_status, given) => {
      expect(refusal(given, adopt(2))).toMatchObject(refused('plan-change-too-late'));
    });

    it.each([
      ['case-closed', CLOSED],
      ['case-cancelled', CANCELLED],
    ])('refuses with %s', (code, given) => {
      expect(refusal(given, adopt(2))).toMatchObject(refused(code));
    });
  });

  describe('StartDelivery (P-3.2, P-4.1)', () => {
    it('starts delivery on the approved plan with a complete team; the first progress report falls due', () => {
      expect(when(READY, start())).toEqual([deliveryStarted]);
      expect(aggregateAfter(IN_DELIVERY)).toMatchObject({ status: 'in-delivery', reportDueAt: '2026-03-08T09:00:00.000Z' });
    });

    it('refuses delivery without an approved plan', () => {
      expect(refusal(PLANNING, start())).toMatchObject({
        ...refused('plan-not-approved'),
        message: expect.stringContaining('(P-3.2)'),
      });
    });

    it.each([
      ['a project manager', { ...fullTeam, projectManagerId: undefined }],
      ['a technician', { ...fullTeam, technicianIds: [] }],
      ['customer-service staff', { ...fullTeam, customerServiceIds: [] }],
    ])('refuses a team without %s', (missing, team) => {
      expect(refusal(READY, start(team))).toMatchObject({
        ...refused('project-team-incomplete'),
        message: expect.stringContaining(`lacks ${missing} (P-4.1)`),
      });
    });

    it.each([
      ['delivery-already-started', IN_DELIVERY],
      ['delivery-already-started', AWAITING_ACCEPTANCE],
      ['case-cancelled', CANCELLED],
    ])('refuses with %s', (code, given) => {
      expect(refusal(given, start())).toMatchObject(refused(code));
    });
  });

  describe('RequestFollowUpVisit (P-6.1, C-2.1)', () => {
    it('schedules a further visit after acceptance, numbered after the scheduled ones', () => {
      const events = when(AFTER_SALES, requestVisit());
      expect(events).toEqual([
        {
          type: 'FollowUpVisitRequested',
          data: {
            caseId: 'case-1',
            visit: { visitId: 'case-1-visit-3', visitNumber: 3, dueAt: '2026-06-01T09:00:00.000Z' },
            requestedBy: 'agent-1',
          },
        },
      ]);
      expect(aggregateAfter([...AFTER_SALES, ...events]).followUpVisits).toBe(3);
    });

    it('also while conditions of the acceptance are being fixed', () => {
      expect(when(ACCEPTED_WITH_CONDITIONS, requestVisit())).toHaveLength(1);
    });

    it.each([
      ['planning', PLANNING],
      ['in delivery', IN_DELIVERY],
      ['awaiting acceptance', AWAITING_ACCEPTANCE],
      ['rectifying', RECTIFYING],
    ])('refuses a visit before acceptance (%s)', (_status, given) => {
      expect(refusal(given, requestVisit())).toMatchObject({
        ...refused('case-not-accepted'),
        message: expect.stringContaining('(P-6.1)'),
      });
    });

    it('refuses a visit due before the acceptance', () => {
      const early = requestVisit('2026-03-20T09:00:00.000Z');
      expect(refusal(AFTER_SALES, early)).toMatchObject(refused('visit-before-acceptance'));
    });

    it('refuses a date that is not one', () => {
      expect(refusal(AFTER_SALES, requestVisit('next week'))).toMatchObject(refused('invalid-instant'));
    });

    it('refuses on a closed case', () => {
      expect(refusal(CLOSED, requestVisit())).toMatchObject(refused('case-closed'));
    });
  });

  describe('CloseServiceCase (P-5.2)', () => {
    it('closes a case in after-sales with a summary', () => {
      expect(when(AFTER_SALES, close(' Delivered and revisited '))).toEqual([CLOSED[CLOSED.length - 1]]);
      expect(aggregateAfter(CLOSED).status).toBe('closed');
    });

    it('refuses closure while rectification items of a rejected round are open', () => {
      expect(refusal(RECTIFYING, close())).toMatchObject({
        ...refused('open-rectification-items'),
        message: expect.stringContaining('1.1, 1.2 are open (P-5.2)'),
      });
    });

    it('refuses closure while conditions of the acceptance are open', () => {
      expect(refusal(ACCEPTED_WITH_CONDITIONS, close())).toMatchObject(refused('open-rectification-items'));
    });

    it('closes once the last condition is fixed', () => {
      const fixed = [...ACCEPTED_WITH_CONDITIONS, itemFixed('1.1'), afterSalesStarted()];
      expect(when(fixed, close())).toHaveLength(1);
    });

    it.each([
      ['planning', PLANNING],
      ['in delivery', WORK_DONE],
      ['awaiting acceptance', AWAITING_ACCEPTANCE],
      ['rectified but not accepted', RECTIFIED],
    ])('refuses to close a case that was not accepted (%s)', (_status, given) => {
      expect(refusal(given, close())).toMatchObject(refused('case-not-accepted'));
    });

    it('refuses closure while a coordination issue is unresolved', () => {
      const given: ServiceCaseEvent[] = [
        ...AFTER_SALES,
        {
          type: 'CoordinationIssueLogged',
          data: {
            caseId: 'case-1',
            issueNumber: 1,
            description: 'Invoice templates still with the other team',
            departmentIds: [],
            loggedBy: 'zhang',
            loggedAt: ACCEPTED_AT,
          },
        },
      ];
      expect(refusal(given, close())).toMatchObject(refused('open-coordination-issues'));
    });

    it('refuses closure without a summary', () => {
      expect(refusal(AFTER_SALES, close(' '))).toMatchObject(refused('summary-required'));
    });

    it.each([
      ['case-closed', CLOSED],
      ['case-cancelled', CANCELLED],
    ])('refuses with %s', (code, given) => {
      expect(refusal(given, close())).toMatchObject(refused(code));
    });
  });

  describe('CancelServiceCase', () => {
    it('cancels a case before acceptance, recording the status it had; no report is owed any more', () => {
      expect(when(IN_DELIVERY, cancel())).toEqual([CANCELLED[CANCELLED.length - 1]]);
      const state = aggregateAfter(CANCELLED);
      expect(state.status).toBe('cancelled');
      expect(state).not.toHaveProperty('reportDueAt');
    });

    it('cancels a case still in planning', () => {
      expect(when(PLANNING, cancel())[0].data).toMatchObject({ previousStatus: 'planning' });
    });

    it.each([
      ['case-already-accepted', AFTER_SALES],
      ['case-already-accepted', ACCEPTED_WITH_CONDITIONS],
      ['case-closed', CLOSED],
      ['case-cancelled', CANCELLED],
    ])('refuses with %s', (code, given) => {
      expect(refusal(given, cancel())).toMatchObject(refused(code));
    });

    it('refuses without a reason', () => {
      expect(refusal(IN_DELIVERY, cancel(''))).toMatchObject(refused('reason-required'));
    });
  });

  describe('serviceCaseFacts', () => {
    it('tells other aggregates who the case is for, and when it was accepted', () => {
      expect(serviceCaseFacts(aggregateAfter(IN_DELIVERY))).toEqual({
        caseId: 'case-1',
        reference: 'SR-2026-000123',
        customerId: 'c-1',
        departmentId: 'software-development',
      });
      expect(serviceCaseFacts(aggregateAfter(AFTER_SALES))).toMatchObject({ acceptedAt: ACCEPTED_AT });
    });
  });
});
