import { TrainingPlanEvent, TrainingSessionEvent, trainingPlanStream, trainingSessionStream } from '@serviceledger/hr-performance/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { CompletionRow, PlanRow, SessionRow, trainingProjection } from './training.projection';

const scheduled: TrainingSessionEvent = {
  type: 'TrainingSessionScheduled',
  data: {
    sessionId: 's-1',
    trainingId: 'network-diagnostics',
    kind: 'professional-skills',
    topic: 'network-diagnostics',
    title: 'Network diagnostics',
    departmentId: 'tech-support',
    heldOn: '2026-06-09',
    trainer: 'Zhao Lei',
    scheduledAt: '2026-06-01T02:00:00.000Z',
    scheduledBy: 'hr-li',
  },
};
const attendance: TrainingSessionEvent = {
  type: 'TrainingAttendanceRecorded',
  data: {
    sessionId: 's-1',
    attendees: [
      { employeeId: 'tech-wang', departmentId: 'tech-support', attended: true },
      { employeeId: 'tech-chen', departmentId: 'tech-support', attended: true },
    ],
    recordedAt: '2026-06-10T02:00:00.000Z',
    recordedBy: 'hr-li',
  },
};

describe('training projection', () => {
  const projection = projectionSpec(trainingProjection);

  it('records a completion per passed assessment, none for a failed one, once per event', async () => {
    const session = eventStream<TrainingSessionEvent>(trainingSessionStream('s-1'));
    const held = [session(scheduled), session(attendance)];
    const passed = session({
      type: 'TrainingCompleted',
      data: { sessionId: 's-1', employeeId: 'tech-wang', departmentId: 'tech-support', trainingId: 'network-diagnostics', kind: 'professional-skills', topic: 'network-diagnostics', score: 86, completedOn: '2026-06-10', recordedBy: 'hr-li' },
    });
    const failed = session({ type: 'TrainingAssessmentFailed', data: { sessionId: 's-1', employeeId: 'tech-chen', score: 40, assessedOn: '2026-06-10', recordedBy: 'hr-li' } });
    const history = [...held, passed, failed];
    await projection.apply(history);
    await projection.apply(history);

    expect(await projection.rows<CompletionRow>('completion')).toEqual([
      { employeeId: 'tech-wang', sessionId: 's-1', departmentId: 'tech-support', trainingId: 'network-diagnostics', kind: 'professional-skills', topic: 'network-diagnostics', score: 86, completedOn: '2026-06-10' },
    ]);
    const [row] = await projection.rows<SessionRow>('session');
    expect(JSON.parse(row.state).results).toEqual([
      { employeeId: 'tech-wang', passed: true, score: 86, recordedOn: '2026-06-10' },
      { employeeId: 'tech-chen', passed: false, score: 40, recordedOn: '2026-06-10' },
    ]);
  });

  it('keeps a department’s plan of a year at its latest version', async () => {
    const plan = eventStream<TrainingPlanEvent>(trainingPlanStream('tech-support', 2026));
    const set = (version: number): TrainingPlanEvent => ({
      type: 'TrainingPlanSet',
      data: { departmentId: 'tech-support', year: 2026, version, items: [], setAt: '2026-01-05T02:00:00.000Z', setBy: 'hr-li' },
    });
    await projection.apply([plan(set(1)), plan(set(2))]);
    expect(await projection.rows<PlanRow>('plan')).toEqual([expect.objectContaining({ departmentId: 'tech-support', year: 2026, version: 2 })]);
  });
});
