import { DevelopmentPlanEvent, EmployeeEvent, developmentPlanStream, employeeStream } from '@serviceledger/hr-performance/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { DevelopmentPlanRow, EmployeeRow, staffProjection } from './staff.projection';

const hired: EmployeeEvent = {
  type: 'EmployeeHired',
  data: { employeeId: 'tech-wang', name: 'Wang Fang', departmentId: 'tech-support', postId: 'support-engineer', track: 'professional', level: 'P1', hiredOn: '2026-11-02', standardsVersion: 1, hiredAt: '2026-11-02T02:00:00.000Z', hiredBy: 'hr-li' },
};
const assigned: EmployeeEvent = {
  type: 'OnboardingAssigned',
  data: { employeeId: 'tech-wang', postId: 'support-engineer', programmeVersion: 1, topics: ['company', 'culture', 'service-process', 'business-knowledge', 'communication-skills'], dueOn: '2026-12-02' },
};
const plan: DevelopmentPlanEvent = {
  type: 'DevelopmentPlanRecorded',
  data: {
    employeeId: 'tech-wang',
    departmentId: 'tech-support',
    interests: ['Networks'],
    strengths: ['Patience'],
    goals: ['Lead a team'],
    trainingOpportunities: [],
    version: 1,
    recordedOn: '2026-11-10',
    reviewIntervalDays: 365,
    nextReviewDue: '2027-11-10',
    recordedBy: 'hr-li',
  },
};

describe('staff projection', () => {
  const projection = projectionSpec(staffProjection);

  it('lists an employee with their post, level and onboarding due, then overdue, then moved with their plan', async () => {
    const employee = eventStream<EmployeeEvent>(employeeStream('tech-wang'));
    const planEvents = eventStream<DevelopmentPlanEvent>(developmentPlanStream('tech-wang'));
    await projection.apply([employee(hired), employee(assigned), planEvents(plan)]);
    expect(await projection.rows<EmployeeRow>('employee')).toEqual([
      expect.objectContaining({ employeeId: 'tech-wang', name: 'Wang Fang', departmentId: 'tech-support', level: 'P1', levelSince: '2026-11-02', hiredOn: '2026-11-02', leftOn: null, onboardingStatus: 'due', onboardingDueOn: '2026-12-02' }),
    ]);
    expect(await projection.rows<DevelopmentPlanRow>('development_plan')).toEqual([
      expect.objectContaining({ employeeId: 'tech-wang', departmentId: 'tech-support', status: 'active', nextReviewDue: '2027-11-10' }),
    ]);

    const overdue = employee({ type: 'OnboardingOverdue', data: { employeeId: 'tech-wang', departmentId: 'tech-support', postId: 'support-engineer', dueOn: '2026-12-02', missingTopics: ['culture'] } });
    const moved = employee({
      type: 'EmployeePlaced',
      data: { employeeId: 'tech-wang', postId: 'field-engineer', departmentId: 'system-maintenance', track: 'professional', level: 'P2', from: '2027-01-01', placedAt: '2026-12-20T02:00:00.000Z', placedBy: 'hr-li' },
    });
    await projection.apply([overdue, moved]);
    await projection.apply([overdue]);
    expect(await projection.rows<EmployeeRow>('employee')).toEqual([
      expect.objectContaining({ departmentId: 'system-maintenance', postId: 'field-engineer', level: 'P2', levelSince: '2027-01-01', onboardingStatus: 'overdue' }),
    ]);
    expect((await projection.rows<DevelopmentPlanRow>('development_plan'))[0].departmentId).toBe('system-maintenance');
  });

  it('rewrites the name once the employee’s data is erased', async () => {
    const employee = eventStream<EmployeeEvent>(employeeStream('tech-wang'));
    await projection.apply([
      employee(hired),
      employee(assigned),
      employee({ type: 'EmployeeLeft', data: { employeeId: 'tech-wang', departmentId: 'tech-support', postId: 'support-engineer', leftOn: '2026-11-30', reason: 'resigned', recordedAt: '2026-11-30T02:00:00.000Z', recordedBy: 'hr-li' } }),
      employee({ type: 'EmployeeDataErased', data: { employeeId: 'tech-wang', erasedAt: '2026-12-01T02:00:00.000Z', erasedBy: 'hr-li' } }),
    ]);
    const [row] = await projection.rows<EmployeeRow>('employee');
    expect(row).toMatchObject({ name: '[erased]', leftOn: '2026-11-30' });
    expect(row.state).not.toContain('Wang Fang');
  });
});
