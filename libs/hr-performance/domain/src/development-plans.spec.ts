import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { DevelopmentPlanCommand, MAX_REVIEW_INTERVAL_DAYS, developmentPlan } from './development-plans';

const hr = actor('hr-li', ['hr'], ['human-resources']);
const command = commandsOf<DevelopmentPlanCommand, { employeeId: string }>({ at: '2026-12-01T02:00:00.000Z', actor: hr, data: { employeeId: 'tech-wang' } });
const { when, aggregateAfter, refusal } = deciderSpec(developmentPlan);

const content = {
  departmentId: 'tech-support',
  interests: ['Networks'],
  strengths: ['Calm with customers'],
  goals: ['Lead a support team within three years'],
  path: { track: 'management' as const, targetLevel: 'M1' },
  trainingOpportunities: ['Team leadership course'],
  today: '2026-12-01',
};
const recorded = () => when([], command('RecordDevelopmentPlan', content));

describe('individual development plan (H-3.1)', () => {
  it('states interests, strengths and goals, a path and training opportunities, due for review within a year', () => {
    const events = recorded();
    expect(events[0].data).toMatchObject({ version: 1, recordedOn: '2026-12-01', reviewIntervalDays: MAX_REVIEW_INTERVAL_DAYS, nextReviewDue: '2027-12-01', path: { track: 'management', targetLevel: 'M1' } });
    expect(aggregateAfter(events)).toMatchObject({ status: 'active', lastReviewedOn: '2026-12-01', goals: ['Lead a support team within three years'] });
  });

  it('refuses a plan without interests, strengths or goals, and a review interval beyond a year', () => {
    expect(refusal([], command('RecordDevelopmentPlan', { ...content, strengths: [' '] }))).toMatchObject({ ...refused('plan-part-missing'), message: expect.stringContaining('strengths is empty') });
    expect(refusal([], command('RecordDevelopmentPlan', { ...content, reviewIntervalDays: 400 }))).toMatchObject(refused('review-interval'));
  });

  it('is reviewed, which sets the next review a year on, and a new version keeps the reviews', () => {
    const reviewed = when(recorded(), command('ReviewDevelopmentPlan', { notes: 'On track; added a mentoring goal', today: '2027-06-01' }));
    expect(reviewed[0].data).toMatchObject({ reviewedOn: '2027-06-01', nextReviewDue: '2028-05-31', reviewedBy: 'hr-li' });
    const again = when([...recorded(), ...reviewed], command('RecordDevelopmentPlan', { ...content, goals: ['Lead a team', 'Mentor two juniors'], today: '2027-07-01' }));
    expect(aggregateAfter([...recorded(), ...reviewed, ...again])).toMatchObject({ version: 2, reviews: [expect.objectContaining({ reviewedOn: '2027-06-01' })], nextReviewDue: '2028-06-30' });
  });

  it('is marked review-overdue when the due date passes unreviewed, once, and not after a review moved it', () => {
    const overdue = when(recorded(), command('MarkDevelopmentReviewOverdue', { dueOn: '2027-12-01' }));
    expect(overdue).toEqual([{ type: 'DevelopmentReviewOverdue', data: { employeeId: 'tech-wang', departmentId: 'tech-support', dueOn: '2027-12-01' } }]);
    expect(when([...recorded(), ...overdue], command('MarkDevelopmentReviewOverdue', { dueOn: '2027-12-01' }))).toEqual([]);
    const reviewed = when(recorded(), command('ReviewDevelopmentPlan', { notes: 'Reviewed early', today: '2027-11-01' }));
    expect(when([...recorded(), ...reviewed], command('MarkDevelopmentReviewOverdue', { dueOn: '2027-12-01' }))).toEqual([]);
    const back = when([...recorded(), ...overdue], command('ReviewDevelopmentPlan', { notes: 'Late review', today: '2027-12-05' }));
    expect(aggregateAfter([...recorded(), ...overdue, ...back]).status).toBe('active');
  });

  it('closes when the employee leaves, and takes no review after', () => {
    const closed = when(recorded(), command('CloseDevelopmentPlan', { closedOn: '2027-01-31' }));
    expect(aggregateAfter([...recorded(), ...closed]).status).toBe('closed');
    expect(refusal([...recorded(), ...closed], command('ReviewDevelopmentPlan', { notes: 'x', today: '2027-02-01' }))).toMatchObject(refused('plan-closed'));
    expect(when([...recorded(), ...closed], command('MarkDevelopmentReviewOverdue', { dueOn: '2027-12-01' }))).toEqual([]);
  });

  it('reads as erased after the employee’s erasure, once closed', () => {
    expect(refusal(recorded(), command('EraseDevelopmentPlanData', {}))).toMatchObject(refused('plan-open'));
    const closed = [...recorded(), ...when(recorded(), command('CloseDevelopmentPlan', { closedOn: '2027-01-31' }))];
    const erased = when(closed, command('EraseDevelopmentPlanData', {}));
    expect(aggregateAfter([...closed, ...erased])).toMatchObject({ interests: ['[erased]'], strengths: ['[erased]'], goals: ['[erased]'], trainingOpportunities: ['[erased]'], erased: true });
    expect(when([...closed, ...erased], command('EraseDevelopmentPlanData', {}))).toEqual([]);
  });
});
