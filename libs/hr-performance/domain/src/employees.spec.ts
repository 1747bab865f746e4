import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { ERASED, EmployeeCommand, EmployeeEvent, employee, missingTopics } from './employees';
import { ONBOARDING_TOPICS } from './posts';

const hr = actor('hr-li', ['hr'], ['human-resources']);
const command = commandsOf<EmployeeCommand, { employeeId: string }>({ at: '2026-11-02T02:00:00.000Z', actor: hr, data: { employeeId: 'tech-wang' } });
const { when, aggregateAfter, refusal } = deciderSpec(employee);

const engineer = { postId: 'support-engineer', departmentId: 'tech-support', track: 'professional' as const };
const programme = { version: 2, topics: [...ONBOARDING_TOPICS], dueWithinDays: 30 };
const met = { knowledge: true, skills: true, serviceAttitude: true };
const hire = command('HireEmployee', { name: 'Wang Fang', hiredOn: '2026-11-02', level: 'P1', post: engineer, standardsVersion: 3, assessment: met, programme });
const hired = () => when([], hire);

describe('employee record (H-1.1)', () => {
  it('is hired into a post at a level, with the post’s onboarding due within the programme’s days', () => {
    const events = hired();
    expect(events.map((e) => e.type)).toEqual(['EmployeeHired', 'OnboardingAssigned']);
    expect(events[1].data).toEqual({ employeeId: 'tech-wang', postId: 'support-engineer', programmeVersion: 2, topics: [...ONBOARDING_TOPICS], dueOn: '2026-12-02' });
    expect(aggregateAfter(events)).toMatchObject({
      name: 'Wang Fang',
      departmentId: 'tech-support',
      track: 'professional',
      level: 'P1',
      levelSince: '2026-11-02',
      hiredOn: '2026-11-02',
      standardsVersion: 3,
      placements: [{ postId: 'support-engineer', level: 'P1', from: '2026-11-02' }],
      onboarding: { status: 'due', dueOn: '2026-12-02' },
    });
  });

  it('refuses hiring twice, and into a post without an onboarding programme', () => {
    expect(refusal(hired(), hire)).toMatchObject(refused('employee-exists'));
    expect(refusal([], command('HireEmployee', { name: 'Wang Fang', hiredOn: '2026-11-02', level: 'P1', post: engineer, standardsVersion: 3, assessment: met }))).toMatchObject(refused('post-without-onboarding'));
  });

  it('hires only a candidate who meets every part of the post’s recruitment standards, naming the parts not met', () => {
    const short = command('HireEmployee', { name: 'Wang Fang', hiredOn: '2026-11-02', level: 'P1', post: engineer, standardsVersion: 3, assessment: { knowledge: true, skills: false, serviceAttitude: false }, programme });
    expect(refusal([], short)).toMatchObject({ ...refused('standards-not-met'), message: expect.stringContaining('does not meet the skills, service attitude of post support-engineer') });
  });

  it('keeps the placement history with dates and levels, and the time in level across a move at the same level', () => {
    const moved = when(hired(), command('PlaceEmployee', { level: 'P1', from: '2027-03-01', post: { postId: 'field-engineer', departmentId: 'system-maintenance', track: 'professional' } }));
    const promoted = when([...hired(), ...moved], command('PlaceEmployee', { level: 'P2', from: '2027-09-01', post: { postId: 'field-engineer', departmentId: 'system-maintenance', track: 'professional' } }));
    const state = aggregateAfter([...hired(), ...moved, ...promoted]);
    expect(state.placements).toEqual([
      { ...engineer, level: 'P1', from: '2026-11-02', to: '2027-02-28' },
      { postId: 'field-engineer', departmentId: 'system-maintenance', track: 'professional', level: 'P1', from: '2027-03-01', to: '2027-08-31' },
      { postId: 'field-engineer', departmentId: 'system-maintenance', track: 'professional', level: 'P2', from: '2027-09-01' },
    ]);
    expect(state).toMatchObject({ departmentId: 'system-maintenance', level: 'P2', levelSince: '2027-09-01' });
    expect(aggregateAfter([...hired(), ...moved]).levelSince).toBe('2026-11-02');
    expect(refusal([...hired(), ...moved], command('PlaceEmployee', { level: 'P2', from: '2027-03-01', post: engineer }))).toMatchObject(refused('placement-before-current'));
  });

  it('leaves on a date, closing the last placement, and only then may have the personal data erased', () => {
    expect(refusal(hired(), command('EraseEmployeeData', {}))).toMatchObject(refused('employee-not-left'));
    const left = when(hired(), command('RecordLeaving', { leftOn: '2027-01-31', reason: 'resigned' }));
    expect(left).toEqual([
      expect.objectContaining({ type: 'EmployeeLeft', data: expect.objectContaining({ departmentId: 'tech-support', postId: 'support-engineer', leftOn: '2027-01-31', reason: 'resigned' }) }),
    ]);
    expect(refusal([...hired(), ...left], command('RecordLeaving', { leftOn: '2027-02-01', reason: 'resigned' }))).toMatchObject(refused('employee-left'));
    const erased = when([...hired(), ...left], command('EraseEmployeeData', {}));
    const state = aggregateAfter([...hired(), ...left, ...erased]);
    expect(state).toMatchObject({ name: ERASED, erased: true, leftOn: '2027-01-31' });
    expect(state.placements.at(-1)?.to).toBe('2027-01-31');
    expect(when([...hired(), ...left, ...erased], command('EraseEmployeeData', {}))).toEqual([]);
  });
});

describe('onboarding of a new employee (H-1.2)', () => {
  const complete = (topic: (typeof ONBOARDING_TOPICS)[number], completedOn = '2026-11-20') => command('RecordOnboardingTopicCompleted', { topic, completedOn, sessionId: `session-${topic}` });

  it('completes once every topic of the programme is done, and ignores a topic done twice', () => {
    let history: EmployeeEvent[] = hired();
    for (const topic of ONBOARDING_TOPICS.slice(0, 4)) history = [...history, ...when(history, complete(topic))];
    expect(when(history, complete('company'))).toEqual([]);
    expect(missingTopics(aggregateAfter(history).onboarding)).toEqual(['communication-skills']);
    const last = when(history, complete('communication-skills', '2026-11-25'));
    expect(last.map((e) => e.type)).toEqual(['OnboardingTopicCompleted', 'OnboardingCompleted']);
    expect(last[1].data).toEqual({ employeeId: 'tech-wang', completedOn: '2026-11-25', late: false });
    expect(aggregateAfter([...history, ...last]).onboarding).toMatchObject({ status: 'completed', completedOn: '2026-11-25' });
  });

  it('is marked overdue with the missing topics when the due date passes first, once; a completed or left one is not', () => {
    const history = [...hired(), ...when(hired(), complete('company'))];
    const overdue = when(history, command('MarkOnboardingOverdue', { dueOn: '2026-12-02' }));
    expect(overdue).toEqual([
      { type: 'OnboardingOverdue', data: { employeeId: 'tech-wang', departmentId: 'tech-support', postId: 'support-engineer', dueOn: '2026-12-02', missingTopics: ['culture', 'service-process', 'business-knowledge', 'communication-skills'] } },
    ]);
    expect(when([...history, ...overdue], command('MarkOnboardingOverdue', { dueOn: '2026-12-02' }))).toEqual([]);
    const left = when(history, command('RecordLeaving', { leftOn: '2026-11-30', reason: 'contract-ended' }));
    expect(when([...history, ...left], command('MarkOnboardingOverdue', { dueOn: '2026-12-02' }))).toEqual([]);
  });

  it('still completes after being overdue, marked late', () => {
    let history: EmployeeEvent[] = [...hired(), ...when(hired(), command('MarkOnboardingOverdue', { dueOn: '2026-12-02' }))];
    for (const topic of ONBOARDING_TOPICS) history = [...history, ...when(history, complete(topic, '2026-12-10'))];
    expect(history.at(-1)).toEqual({ type: 'OnboardingCompleted', data: { employeeId: 'tech-wang', completedOn: '2026-12-10', late: true } });
  });
});
