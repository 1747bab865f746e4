import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { ImprovementMeasureCommand, ImprovementMeasureEvent, improvementMeasure, improvementMeasureStream } from './improvement-measure';

// Tuesday 1 December 2026, 10:00 in Shanghai.
const AT = '2026-12-01T02:00:00.000Z';
const monitor = actor('qm-zhao', ['quality-monitor'], []);
const head = actor('ts-head', ['department-head'], ['tech-support']);
const command = commandsOf<ImprovementMeasureCommand, { measureId: string }>({ at: AT, actor: monitor, data: { measureId: 'm-1' } });
const { when, stateAfter, refusal } = deciderSpec(improvementMeasure);

const record = (overrides: Partial<Extract<ImprovementMeasureCommand, { type: 'RecordImprovementMeasure' }>['data']> = {}) =>
  command('RecordImprovementMeasure', {
    stage: 'implementation',
    departmentId: 'tech-support',
    ownerId: 'ts-head',
    description: ' Check the driver version against the tested list before hand-over ',
    basis: 'November: 3 after-sales defects traced to implementation',
    dueOn: '2026-12-15',
    ...overrides,
  });
const followUp = (note = 'Checklist drafted', at = AT) => command('FollowUpImprovementMeasure', { note }, { at, actor: head });
const complete = (at = AT, outcome = 'Checklist in use on every hand-over') => command('CompleteImprovementMeasure', { outcome }, { at, actor: head });

const RECORDED: ImprovementMeasureEvent[] = when([], record());
const DONE = [...RECORDED, ...when(RECORDED, complete())];

describe('improvement measure (P-6.3 分析…將相關信息反饋至服務流程的各個環節)', () => {
  it('names its stream after the measure', () => {
    expect(improvementMeasureStream('m-1')).toBe('quality-monitoring.improvement-m-1');
  });

  it('is recorded against a process stage, with the department and owner who answer for it and a due date', () => {
    expect(RECORDED).toEqual([
      {
        type: 'ImprovementMeasureRecorded',
        data: {
          measureId: 'm-1',
          stage: 'implementation',
          departmentId: 'tech-support',
          ownerId: 'ts-head',
          description: 'Check the driver version against the tested list before hand-over',
          basis: 'November: 3 after-sales defects traced to implementation',
          dueOn: '2026-12-15',
          recordedAt: AT,
          recordedBy: 'qm-zhao',
        },
      },
    ]);
    expect(stateAfter(RECORDED)).toMatchObject({ status: 'open', followUps: [], findingIds: [] });
  });

  it.each([
    ['unknown-process-stage', record({ stage: 'billing' })],
    ['field-required', record({ description: ' ' })],
    ['field-required', record({ ownerId: '' })],
    ['due-date-in-the-past', record({ dueOn: '2026-11-30' })],
  ])('refuses with %s', (code, cmd) => {
    expect(refusal([], cmd)).toMatchObject(refused(code));
  });

  it('is followed up, noting whether it is past its due date', () => {
    const [onTime] = when(RECORDED, followUp());
    expect(onTime.data).toEqual({ measureId: 'm-1', note: 'Checklist drafted', followedUpAt: AT, followedUpBy: 'ts-head', overdue: false });
    // 16 December, 09:00 in Shanghai: the day after it was due.
    expect(when(RECORDED, followUp('Waiting on the vendor list', '2026-12-16T01:00:00.000Z'))[0].data).toMatchObject({ overdue: true });
  });

  it('is done with its outcome, on time or not, and is then no longer followed up', () => {
    expect(DONE[1]).toEqual({
      type: 'ImprovementMeasureCompleted',
      data: { measureId: 'm-1', outcome: 'Checklist in use on every hand-over', completedAt: AT, completedBy: 'ts-head', onTime: true },
    });
    expect(stateAfter(DONE)).toMatchObject({ status: 'done', completedOnTime: true });
    expect(when(RECORDED, complete('2026-12-15T15:59:00.000Z'))[0].data).toMatchObject({ onTime: true });
    expect(when(RECORDED, complete('2026-12-15T16:00:00.000Z'))[0].data).toMatchObject({ onTime: false });
    expect(refusal(DONE, followUp())).toMatchObject(refused('improvement-measure-done'));
    expect(refusal(DONE, complete())).toMatchObject(refused('improvement-measure-done'));
  });

  it('lists the quality findings raised from it, each once', () => {
    const linked = [...RECORDED, ...when(RECORDED, command('LinkImprovementFinding', { findingId: 'f-1' }))];
    expect(stateAfter(linked)?.findingIds).toEqual(['f-1']);
    expect(when(linked, command('LinkImprovementFinding', { findingId: 'f-1' }))).toEqual([]);
    expect(refusal(DONE, command('LinkImprovementFinding', { findingId: 'f-2' }))).toMatchObject(refused('improvement-measure-done'));
  });

  it.each<ImprovementMeasureCommand>([followUp(), complete(), command('LinkImprovementFinding', { findingId: 'f-1' })])('refuses $type for a measure never recorded', (cmd) => {
    expect(refusal([], cmd)).toMatchObject({ name: 'NotFoundError', what: 'Improvement measure' });
  });

  it('refuses to record the same measure twice', () => {
    expect(refusal(RECORDED, record())).toMatchObject(refused('improvement-measure-exists'));
  });
});
