import { CommandMetadata, RuleViolation } from '@serviceledger/platform/core';
import { deciderSpec } from '@serviceledger/platform/testing/decider-spec';
import { FindingEvent, MAX_RECTIFICATION_DAYS, RaiseFinding, finding } from './finding';

const meta = (at: string, userId = 'qm-zhao'): CommandMetadata => ({
  commandId: `${userId}-${at}`,
  at,
  actor: { userId, roles: [], departments: [] },
  correlationId: 'c',
});
const { when, stateAfter } = deciderSpec(finding);
/** The departments quality monitoring knows, as the shell passes them with a finding of no case. */
const known = { knownDepartmentIds: ['customer-service', 'software-development', 'tech-support'] };

const raised: FindingEvent = {
  type: 'FindingRaised',
  data: {
    findingId: 'f-1',
    departmentId: 'tech-support',
    responsibleId: 'ts-lead',
    subject: 'Reply templates not used',
    requirements: 'Use the approved reply templates',
    raisedAt: '2026-11-30T02:00:00.000Z',
    raisedBy: 'qm-zhao',
  },
};
const measures: FindingEvent = {
  type: 'RectificationMeasuresSubmitted',
  data: { findingId: 'f-1', round: 1, measures: 'Train the team', deadline: '2026-12-04T10:00:00.000Z', submittedAt: '2026-11-30T03:00:00Z', submittedBy: 'ts-lead' },
};
const reported: FindingEvent = {
  type: 'RectificationReported',
  data: { findingId: 'f-1', round: 1, report: 'Trained 5 people', reportedAt: '2026-12-01T03:00:00Z', reportedBy: 'ts-lead', overdue: false },
};

describe('finding and rectification (Q-3)', () => {
  it('is raised against a department and a person, with requirements and suggestions', () => {
    expect(
      when([], {
        type: 'RaiseFinding',
        data: { findingId: 'f-1', departmentId: 'tech-support', responsibleId: 'ts-lead', subject: ' Reply templates not used ', requirements: 'Use the approved reply templates', suggestions: 'Pin them', answerability: known },
        metadata: meta('2026-11-30T02:00:00.000Z'),
      }),
    ).toEqual([{ type: 'FindingRaised', data: { ...raised.data, suggestions: 'Pin them' } }]);
    expect(() => when([raised], { type: 'RaiseFinding', data: { ...raised.data, answerability: known }, metadata: meta('2026-11-30T02:00:00Z') })).toThrow(RuleViolation);
  });

  describe('is fed back to a department that answers for it (Q-3.1)', () => {
    const raise = (departmentId: string, answerability: RaiseFinding['data']['answerability'], caseId?: string) =>
      when([], {
        type: 'RaiseFinding',
        data: { findingId: 'f-3', departmentId, responsibleId: 'x-lead', subject: 'Late reply', requirements: 'Reply on time', ...(caseId ? { caseId } : {}), answerability },
        metadata: meta('2026-11-30T02:00:00.000Z'),
      });
    const d1 = { case: { caseId: 'd1', known: true, departmentIds: ['tech-support'] } };

    it('of a case: to the department answering for it; an unknown case is 404, another department 409', () => {
      expect(raise('tech-support', d1, 'd1')[0].data).toMatchObject({ caseId: 'd1', departmentId: 'tech-support' });
      expect(raise('tech-support', d1, 'd1')[0].data).not.toHaveProperty('answerability');
      expect(() => raise('software-development', d1, 'd1')).toThrow(expect.objectContaining({ code: 'department-not-answerable' }));
      expect(() => raise('tech-support', { case: { caseId: 'nope', known: false, departmentIds: [] } }, 'nope')).toThrow(expect.objectContaining({ name: 'NotFoundError' }));
      expect(() => raise('tech-support', known, 'd1')).toThrow(expect.objectContaining({ code: 'answering-required' }));
    });

    it('of no case: to a department it knows, naming them when it is not one', () => {
      expect(raise('software-development', known)[0].data).toMatchObject({ departmentId: 'software-development' });
      expect(() => raise('marketing', known)).toThrow(
        expect.objectContaining({ code: 'unknown-department', message: 'Department marketing is not one demands or service cases are assigned to (customer-service, software-development, tech-support)' }),
      );
    });
  });

  it('may improve a process stage, answering after-sales findings (P-6.3), and names only a stage there is', () => {
    const raise = (processStage: string) =>
      when([], {
        type: 'RaiseFinding',
        data: { findingId: 'f-2', departmentId: 'tech-support', responsibleId: 'ts-lead', subject: 'Installations miss the checklist', requirements: 'Use it', processStage, answerability: known },
        metadata: meta('2026-11-30T02:00:00.000Z'),
      });
    expect(raise('implementation')[0].data).toMatchObject({ findingId: 'f-2', processStage: 'implementation' });
    expect(() => raise('coffee')).toThrow(expect.objectContaining({ code: 'unknown-process-stage' }));
  });

  it(`refuses a deadline more than ${MAX_RECTIFICATION_DAYS} days ahead`, () => {
    const submit = (deadline: string) =>
      when([raised], { type: 'SubmitRectificationMeasures', data: { findingId: 'f-1', measures: 'x', deadline }, metadata: meta('2026-11-30T03:00:00Z', 'ts-lead') });
    expect(submit('2027-11-30T03:00:00Z')).toHaveLength(1);
    for (const deadline of ['2027-11-30T03:00:01Z', '9999-12-31T00:00:00Z']) {
      expect(() => submit(deadline)).toThrow(expect.objectContaining({ code: 'deadline-too-far' }));
    }
  });

  it('takes measures with a deadline after now, then a report that knows whether it was late', () => {
    expect(() =>
      when([raised], { type: 'SubmitRectificationMeasures', data: { findingId: 'f-1', measures: 'x', deadline: '2026-11-30T01:00:00Z' }, metadata: meta('2026-11-30T03:00:00Z', 'ts-lead') }),
    ).toThrow(expect.objectContaining({ code: 'deadline-in-the-past' }));
    expect(when([raised], { type: 'SubmitRectificationMeasures', data: { findingId: 'f-1', measures: 'Train the team', deadline: '2026-12-04T18:00:00+08:00' }, metadata: meta('2026-11-30T03:00:00Z', 'ts-lead') })).toEqual([measures]);
    expect(() => when([raised], { type: 'SubmitRectificationReport', data: { findingId: 'f-1', report: 'done' }, metadata: meta('2026-12-01T03:00:00Z', 'ts-lead') })).toThrow(
      expect.objectContaining({ code: 'finding-state' }),
    );
    expect(when([raised, measures], { type: 'SubmitRectificationReport', data: { findingId: 'f-1', report: 'late' }, metadata: meta('2026-12-05T03:00:00Z', 'ts-lead') })).toEqual([
      expect.objectContaining({ type: 'RectificationReported', data: expect.objectContaining({ overdue: true }) }),
    ]);
  });

  it('a failed re-check reopens it for a second round; the second re-check passes it', () => {
    const failed = when([raised, measures, reported], { type: 'RecheckFinding', data: { findingId: 'f-1', passed: false, notes: 'Templates still unused' }, metadata: meta('2026-12-02T03:00:00Z') });
    expect(failed).toEqual([{ type: 'FindingRecheckFailed', data: { findingId: 'f-1', round: 1, notes: 'Templates still unused', failedAt: '2026-12-02T03:00:00Z', checkedBy: 'qm-zhao' } }]);
    const reopened = stateAfter([raised, measures, reported, ...failed]);
    expect(reopened).toMatchObject({ status: 'reopened', round: 2 });
    const again = when([raised, measures, reported, ...failed], {
      type: 'SubmitRectificationMeasures',
      data: { findingId: 'f-1', measures: 'Daily review', deadline: '2026-12-08T10:00:00Z' },
      metadata: meta('2026-12-02T04:00:00Z', 'ts-lead'),
    });
    expect(again).toEqual([expect.objectContaining({ data: expect.objectContaining({ round: 2 }) })]);
    const report2 = when([raised, measures, reported, ...failed, ...again], { type: 'SubmitRectificationReport', data: { findingId: 'f-1', report: 'Reviewed daily' }, metadata: meta('2026-12-07T04:00:00Z', 'ts-lead') });
    const history = [raised, measures, reported, ...failed, ...again, ...report2];
    const passed = when(history, { type: 'RecheckFinding', data: { findingId: 'f-1', passed: true, notes: 'Fixed' }, metadata: meta('2026-12-08T02:00:00Z') });
    expect(passed).toEqual([{ type: 'FindingRecheckPassed', data: { findingId: 'f-1', round: 2, notes: 'Fixed', passedAt: '2026-12-08T02:00:00Z', checkedBy: 'qm-zhao' } }]);
    expect(stateAfter([...history, ...passed])).toMatchObject({ status: 'passed', rechecks: [{ round: 1, passed: false }, { round: 2, passed: true }] });
    expect(() => when([...history, ...passed], { type: 'RecheckFinding', data: { findingId: 'f-1', passed: true, notes: 'again' }, metadata: meta('2026-12-09T02:00:00Z') })).toThrow(
      expect.objectContaining({ code: 'finding-state' }),
    );
  });
});
