import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { TrainingSessionCommand, TrainingSessionEvent, trainingSession } from './training-sessions';

const hr = actor('hr-li', ['hr'], ['human-resources']);
const command = commandsOf<TrainingSessionCommand, { sessionId: string }>({ at: '2026-06-10T02:00:00.000Z', actor: hr, data: { sessionId: 'session-1' } });
const { when, aggregateAfter, refusal } = deciderSpec(trainingSession);

const regular = command('ScheduleTrainingSession', {
  trainingId: 'network-diagnostics',
  kind: 'professional-skills',
  title: 'Network diagnostics, part 1',
  departmentId: 'tech-support',
  heldOn: '2026-06-09',
  trainer: 'Zhao Lei',
  planItem: { departmentId: 'tech-support', year: 2026, trainingId: 'network-diagnostics' },
});
const attendance = (attendees: Array<{ employeeId: string; attended: boolean }>, today = '2026-06-10') =>
  command('RecordAttendance', { today, attendees: attendees.map((a) => ({ ...a, departmentId: 'tech-support' })) });

describe('training session (H-1.2, H-1.3)', () => {
  const held = (): TrainingSessionEvent[] => {
    const scheduled = when([], regular);
    return [...scheduled, ...when(scheduled, attendance([{ employeeId: 'tech-wang', attended: true }, { employeeId: 'tech-chen', attended: false }]))];
  };

  it('records attendance once held, then completes the training of an attendee who passed, with the score and the plan item', () => {
    const scheduled = when([], regular);
    expect(refusal(scheduled, attendance([{ employeeId: 'tech-wang', attended: true }], '2026-06-08'))).toMatchObject(refused('session-not-held'));
    const completed = when(held(), command('RecordTrainingResult', { employeeId: 'tech-wang', passed: true, score: 86, today: '2026-06-10' }));
    expect(completed).toEqual([
      {
        type: 'TrainingCompleted',
        data: {
          sessionId: 'session-1',
          employeeId: 'tech-wang',
          departmentId: 'tech-support',
          trainingId: 'network-diagnostics',
          kind: 'professional-skills',
          topic: 'network-diagnostics',
          planItem: { departmentId: 'tech-support', year: 2026, trainingId: 'network-diagnostics' },
          score: 86,
          completedOn: '2026-06-10',
          recordedBy: 'hr-li',
        },
      },
    ]);
    expect(aggregateAfter([...held(), ...completed]).results).toEqual([{ employeeId: 'tech-wang', passed: true, score: 86, recordedOn: '2026-06-10' }]);
  });

  it('records a failed assessment without completing, and one result per attendee', () => {
    const failed = when(held(), command('RecordTrainingResult', { employeeId: 'tech-wang', passed: false, score: 40, today: '2026-06-10' }));
    expect(failed.map((e) => e.type)).toEqual(['TrainingAssessmentFailed']);
    expect(refusal([...held(), ...failed], command('RecordTrainingResult', { employeeId: 'tech-wang', passed: true, score: 90, today: '2026-06-11' }))).toMatchObject(refused('result-recorded'));
  });

  it('refuses a result for someone who did not attend, and a score beyond 100', () => {
    expect(refusal(held(), command('RecordTrainingResult', { employeeId: 'tech-chen', passed: true, score: null, today: '2026-06-10' }))).toMatchObject(refused('not-attended'));
    expect(refusal(held(), command('RecordTrainingResult', { employeeId: 'tech-wang', passed: true, score: 101, today: '2026-06-10' }))).toMatchObject(refused('score-range'));
  });

  it('teaches one programme topic when it is an onboarding session', () => {
    const onboarding = { trainingId: 'onboarding-culture', kind: 'onboarding' as const, title: 'Customer first', departmentId: 'tech-support', heldOn: '2026-06-09', trainer: 'Li Na' };
    expect(refusal([], command('ScheduleTrainingSession', onboarding))).toMatchObject(refused('onboarding-topic-required'));
    expect(when([], command('ScheduleTrainingSession', { ...onboarding, topic: 'culture' }))[0].data).toMatchObject({ kind: 'onboarding', topic: 'culture' });
  });
});
