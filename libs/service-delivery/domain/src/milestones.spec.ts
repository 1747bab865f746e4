import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { DeclaredWork, outstandingMilestones } from './milestones';
import { ServiceCaseEvent, serviceCase } from './service-case';
import { StandardRequirements } from './technical-standard';
import {
  AWAITING_ACCEPTANCE,
  CANCELLED,
  IN_DELIVERY,
  PLANNING,
  READY,
  RECTIFYING,
  baselineV1,
  command,
  milestoneWaived,
  people,
  planAdopted,
  stepDone,
} from './testing/service-case-fixtures';

const { when, aggregateAfter, refusal } = deciderSpec(serviceCase);

const BEFORE_M1_DUE = '2026-03-09T09:00:00.000Z';
const AFTER_M1_DUE = '2026-03-12T09:00:00.000Z';

const completeStep = (stepId: string, evidence = 'Error 42 reproduced on the test printer') =>
  command('CompleteStep', { caseId: 'case-1', stepId, evidence }, { actor: people.technician, at: BEFORE_M1_DUE });
const completeMilestone = (milestoneId: string, at = BEFORE_M1_DUE, lateReason?: string, evidence = 'Root cause report') =>
  command(
    'CompleteMilestone',
    { caseId: 'case-1', milestoneId, evidence, ...(lateReason !== undefined ? { lateReason } : {}) },
    { at },
  );
const waive = (milestoneId: string, reason = 'Customer no longer needs it') =>
  command('WaiveMilestone', { caseId: 'case-1', milestoneId, reason }, { at: BEFORE_M1_DUE });
const deviate = (milestoneId: string, expectedAt = '2026-03-13T18:00:00.000Z', reason = 'Printer vendor answers late') =>
  command('RecordMilestoneDeviation', { caseId: 'case-1', milestoneId, expectedAt, reason }, { at: BEFORE_M1_DUE });

const S1_DONE = [...IN_DELIVERY, stepDone('s-1', 'm-1')];
const M1_WAIVED = [...IN_DELIVERY, milestoneWaived('m-1', 'Customer no longer needs it', BEFORE_M1_DUE)];

describe('milestones and steps (P-4.2)', () => {
  describe('CompleteStep', () => {
    it('records a step of the approved plan as done, with its evidence', () => {
      const events = when(IN_DELIVERY, completeStep('s-1', ' Error 42 reproduced on the test printer '));
      expect(events).toEqual([
        {
          type: 'StepCompleted',
          data: {
            caseId: 'case-1',
            stepId: 's-1',
            milestoneId: 'm-1',
            planVersion: 1,
            evidence: 'Error 42 reproduced on the test printer',
            completedBy: 'li',
            completedAt: BEFORE_M1_DUE,
          },
        },
      ]);
      expect(aggregateAfter([...IN_DELIVERY, ...events]).steps[0]).toEqual({ stepId: 's-1', milestoneId: 'm-1', done: true });
    });

    it('records steps while the team rectifies, such as those a plan change added', () => {
      const changed = planAdopted(2, {
        ...baselineV1,
        milestones: [
          ...baselineV1.milestones,
          { milestoneId: 'm-3', title: 'Staff trained', dueAt: '2026-03-30T18:00:00.000Z' },
        ],
        steps: [...baselineV1.steps, { stepId: 's-4', description: 'Train the accountants', milestoneId: 'm-3' }],
      });
      const [event] = when([...RECTIFYING, changed], completeStep('s-4'));
      expect(event.data).toMatchObject({ stepId: 's-4', milestoneId: 'm-3', planVersion: 2 });
    });

    it.each([
      ['not-in-delivery', PLANNING, 's-1'],
      ['not-in-delivery', READY, 's-1'],
      ['not-in-delivery', AWAITING_ACCEPTANCE, 's-1'],
      ['case-cancelled', CANCELLED, 's-1'],
      ['unknown-step', IN_DELIVERY, 's-9'],
      ['step-already-done', S1_DONE, 's-1'],
      ['milestone-waived', M1_WAIVED, 's-1'],
    ])('refuses with %s', (code, given, stepId) => {
      expect(refusal(given, completeStep(stepId))).toMatchObject(refused(code));
    });

    it('refuses a step without evidence', () => {
      expect(refusal(IN_DELIVERY, completeStep('s-1', ' '))).toMatchObject(refused('evidence-required'));
    });

    it('names the approved plan when it refuses work before delivery', () => {
      expect(refusal(PLANNING, completeStep('s-1'))).toMatchObject({ message: expect.stringContaining('(P-3.2, P-4.2)') });
    });
  });

  describe('CompleteMilestone', () => {
    it('completes a milestone on time once its steps are done', () => {
      const events = when(S1_DONE, completeMilestone('m-1'));
      expect(events).toEqual([
        {
          type: 'MilestoneCompleted',
          data: {
            caseId: 'case-1',
            milestoneId: 'm-1',
            planVersion: 1,
            dueAt: '2026-03-10T18:00:00.000Z',
            evidence: 'Root cause report',
            late: false,
            completedBy: 'zhang',
            completedAt: BEFORE_M1_DUE,
          },
        },
      ]);
      expect(outstandingMilestones(aggregateAfter([...S1_DONE, ...events]))).toEqual(['m-2']);
    });

    it('completes a milestone late with the reason for the deviation', () => {
      const [event] = when(S1_DONE, completeMilestone('m-1', AFTER_M1_DUE, ' Vendor shipped the driver late '));
      expect(event.data).toMatchObject({ late: true, lateReason: 'Vendor shipped the driver late' });
    });

    it('refuses to complete a milestone late without a reason', () => {
      expect(refusal(S1_DONE, completeMilestone('m-1', AFTER_M1_DUE))).toMatchObject({
        ...refused('late-reason-required'),
        message: expect.stringContaining('(P-4.2)'),
      });
    });

    it('refuses while steps of the milestone are outstanding', () => {
      expect(refusal(IN_DELIVERY, completeMilestone('m-1'))).toMatchObject({
        ...refused('steps-outstanding'),
        message: expect.stringContaining('s-1'),
      });
    });

    it.each([
      ['not-in-delivery', READY, 'm-1'],
      ['unknown-milestone', IN_DELIVERY, 'm-9'],
      ['milestone-waived', M1_WAIVED, 'm-1'],
    ])('refuses with %s', (code, given, milestoneId) => {
      expect(refusal(given, completeMilestone(milestoneId))).toMatchObject(refused(code));
    });

    it('refuses a milestone that is already done', () => {
      const done = [...S1_DONE, ...when(S1_DONE, completeMilestone('m-1'))];
      expect(refusal(done, completeMilestone('m-1'))).toMatchObject(refused('milestone-already-done'));
    });

    it('refuses a milestone without evidence', () => {
      expect(refusal(S1_DONE, completeMilestone('m-1', BEFORE_M1_DUE, undefined, ''))).toMatchObject(
        refused('evidence-required'),
      );
    });
  });

  describe('WaiveMilestone', () => {
    it('waives a milestone with a reason: it no longer holds up acceptance', () => {
      expect(when(IN_DELIVERY, waive('m-1'))).toEqual([M1_WAIVED[M1_WAIVED.length - 1]]);
      expect(outstandingMilestones(aggregateAfter(M1_WAIVED))).toEqual(['m-2']);
    });

    it('refuses a waiver without a reason', () => {
      expect(refusal(IN_DELIVERY, waive('m-1', ' '))).toMatchObject(refused('waiver-reason-required'));
    });

    it.each([
      ['milestone-waived', M1_WAIVED],
      ['not-in-delivery', READY],
    ])('refuses with %s', (code, given) => {
      expect(refusal(given, waive('m-1'))).toMatchObject(refused(code));
    });
  });

  describe('RecordMilestoneDeviation', () => {
    it('records that a milestone will slip, and why, keeping the planned date', () => {
      const events = when(IN_DELIVERY, deviate('m-1'));
      expect(events).toEqual([
        {
          type: 'MilestoneDeviationRecorded',
          data: {
            caseId: 'case-1',
            milestoneId: 'm-1',
            plannedDueAt: '2026-03-10T18:00:00.000Z',
            expectedAt: '2026-03-13T18:00:00.000Z',
            reason: 'Printer vendor answers late',
            recordedBy: 'zhang',
          },
        },
      ]);
      expect(aggregateAfter([...IN_DELIVERY, ...events]).milestones[0]).toMatchObject({
        dueAt: '2026-03-10T18:00:00.000Z',
        expectedAt: '2026-03-13T18:00:00.000Z',
      });
    });

    it.each([
      ['deviation-reason-required', deviate('m-1', '2026-03-13T18:00:00.000Z', '')],
      ['no-deviation', deviate('m-1', '2026-03-10T18:00:00.000Z')],
      ['invalid-instant', deviate('m-1', 'soon')],
      ['unknown-milestone', deviate('m-9')],
    ])('refuses with %s', (code, cmd) => {
      expect(refusal(IN_DELIVERY, cmd)).toMatchObject(refused(code));
    });

    it('refuses a deviation for a waived milestone', () => {
      expect(refusal(M1_WAIVED, deviate('m-1'))).toMatchObject(refused('milestone-waived'));
    });
  });
});

describe('standards a milestone or step follows (P-4.2: 嚴格遵守相關技術標準、操作規範和質量要求)', () => {
  const remoteSupport: StandardRequirements = {
    standardId: 'remote-support',
    version: 2,
    title: 'Remote support procedure',
    checks: [
      { checkId: 'customer-consent', description: 'The customer consented to the remote session' },
      { checkId: 'session-logged', description: 'The session log is attached' },
    ],
  };
  const changeRule: StandardRequirements = {
    standardId: 'change-control',
    version: 1,
    title: 'Change control',
    checks: [{ checkId: 'rollback-tested', description: 'The rollback was rehearsed' }],
  };
  const declare = (work: DeclaredWork, standards: StandardRequirements[] = [remoteSupport], given = IN_DELIVERY) =>
    when(given, command('DeclareStandards', { caseId: 'case-1', work, standards }, { at: BEFORE_M1_DUE }));
  const evidenceFor = (standard: StandardRequirements, skip: string[] = []) =>
    standard.checks.filter((c) => !skip.includes(c.checkId)).map((c) => ({ standardId: standard.standardId, checkId: c.checkId, evidence: `Evidence of ${c.checkId}` }));

  const M1_FOLLOWS = [...S1_DONE, ...declare({ milestoneId: 'm-1' }, [remoteSupport], S1_DONE)];
  const S1_FOLLOWS = [...IN_DELIVERY, ...declare({ stepId: 's-1' }, [changeRule])];

  it('records the standards a milestone declares, at the versions named, with the checks they require', () => {
    expect(declare({ milestoneId: 'm-1' })).toEqual([
      {
        type: 'StandardsDeclared',
        data: {
          caseId: 'case-1',
          milestoneId: 'm-1',
          planVersion: 1,
          standards: [remoteSupport],
          declaredBy: 'zhang',
          declaredAt: BEFORE_M1_DUE,
        },
      },
    ]);
    expect(aggregateAfter(M1_FOLLOWS).standards).toEqual([{ ...remoteSupport, milestoneId: 'm-1' }]);
  });

  it('records a step’s standards against the step and its milestone, and allows declaring before delivery starts', () => {
    expect(declare({ stepId: 's-1' }, [changeRule], READY)[0].data).toMatchObject({ milestoneId: 'm-1', stepId: 's-1' });
    expect(aggregateAfter(S1_FOLLOWS).standards).toEqual([{ ...changeRule, milestoneId: 'm-1', stepId: 's-1' }]);
  });

  it('refuses to complete a milestone with a required check’s evidence missing, naming the check', () => {
    const given = evidenceFor(remoteSupport, ['session-logged']);
    const cmd = command('CompleteMilestone', { caseId: 'case-1', milestoneId: 'm-1', evidence: 'Report', checks: given }, { at: BEFORE_M1_DUE });
    expect(refusal(M1_FOLLOWS, cmd)).toMatchObject({
      ...refused('required-check-missing'),
      message: expect.stringContaining('check session-logged of standard remote-support v2 (The session log is attached)'),
    });
  });

  it('counts blank evidence as missing', () => {
    const given = evidenceFor(remoteSupport).map((g) => (g.checkId === 'customer-consent' ? { ...g, evidence: ' ' } : g));
    const cmd = command('CompleteMilestone', { caseId: 'case-1', milestoneId: 'm-1', evidence: 'Report', checks: given }, { at: BEFORE_M1_DUE });
    expect(refusal(M1_FOLLOWS, cmd)).toMatchObject({ ...refused('required-check-missing'), message: expect.stringContaining('customer-consent') });
  });

  it('completes the milestone with evidence for every check, recording it against the standard’s version', () => {
    const cmd = command(
      'CompleteMilestone',
      { caseId: 'case-1', milestoneId: 'm-1', evidence: 'Report', checks: evidenceFor(remoteSupport) },
      { at: BEFORE_M1_DUE },
    );
    const [event] = when(M1_FOLLOWS, cmd);
    expect(event.data).toMatchObject({
      milestoneId: 'm-1',
      checks: [
        { standardId: 'remote-support', version: 2, checkId: 'customer-consent', evidence: 'Evidence of customer-consent' },
        { standardId: 'remote-support', version: 2, checkId: 'session-logged', evidence: 'Evidence of session-logged' },
      ],
    });
  });

  it('holds a step to the checks of its own standards, not to its milestone’s', () => {
    const bare = command('CompleteStep', { caseId: 'case-1', stepId: 's-1', evidence: 'Done' }, { at: BEFORE_M1_DUE });
    expect(refusal(S1_FOLLOWS, bare)).toMatchObject({ ...refused('required-check-missing'), message: expect.stringContaining('rollback-tested') });
    const withChecks = command('CompleteStep', { caseId: 'case-1', stepId: 's-1', evidence: 'Done', checks: evidenceFor(changeRule) }, { at: BEFORE_M1_DUE });
    expect(when(S1_FOLLOWS, withChecks)[0].data).toMatchObject({ checks: [{ standardId: 'change-control', version: 1, checkId: 'rollback-tested' }] });
    expect(when([...S1_DONE], completeMilestone('m-1'))[0].data).not.toHaveProperty('checks');
  });

  it.each([
    ['unknown-check', [{ standardId: 'remote-support', checkId: 'no-such-check', evidence: 'x' }]],
    ['unknown-check', [{ standardId: 'change-control', checkId: 'rollback-tested', evidence: 'x' }]],
    ['duplicate-check-evidence', [...evidenceFor(remoteSupport), evidenceFor(remoteSupport)[0]]],
  ])('refuses evidence that matches no declared check, or repeats one: %s', (code, checks) => {
    const cmd = command('CompleteMilestone', { caseId: 'case-1', milestoneId: 'm-1', evidence: 'Report', checks }, { at: BEFORE_M1_DUE });
    expect(refusal(M1_FOLLOWS, cmd)).toMatchObject(refused(code));
  });

  it.each<[string, DeclaredWork, StandardRequirements[], ServiceCaseEvent[]]>([
    ['not-in-delivery', { milestoneId: 'm-1' }, [remoteSupport], PLANNING],
    ['not-in-delivery', { milestoneId: 'm-1' }, [remoteSupport], AWAITING_ACCEPTANCE],
    ['unknown-milestone', { milestoneId: 'm-9' }, [remoteSupport], IN_DELIVERY],
    ['unknown-step', { stepId: 's-9' }, [remoteSupport], IN_DELIVERY],
    ['step-already-done', { stepId: 's-1' }, [remoteSupport], S1_DONE],
    ['milestone-waived', { milestoneId: 'm-1' }, [remoteSupport], M1_WAIVED],
    ['standards-required', { milestoneId: 'm-1' }, [], IN_DELIVERY],
    ['standard-already-declared', { milestoneId: 'm-1' }, [{ ...remoteSupport, version: 1 }], M1_FOLLOWS],
    ['standard-already-declared', { milestoneId: 'm-2' }, [remoteSupport, remoteSupport], IN_DELIVERY],
  ])('refuses a declaration with %s', (code, work, standards, given) => {
    expect(refusal(given, command('DeclareStandards', { caseId: 'case-1', work, standards }))).toMatchObject(refused(code));
  });
});
