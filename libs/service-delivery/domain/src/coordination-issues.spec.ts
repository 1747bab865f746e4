import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { openCoordinationIssues } from './coordination-issues';
import { ServiceCaseEvent, serviceCase } from './service-case';
import { CLOSED, IN_DELIVERY, PLANNING, command, people } from './testing/service-case-fixtures';

const { when, aggregateAfter, refusal } = deciderSpec(serviceCase);

const AT = '2026-03-06T09:00:00.000Z';
const log = (description = 'Software development has no test printer') =>
  command(
    'LogCoordinationIssue',
    { caseId: 'case-1', description, departmentIds: ['tech-support', 'software-development'] },
    { actor: people.technician, at: AT },
  );
const resolve = (issueNumber = 1, resolution = 'Tech support lends one') =>
  command('ResolveCoordinationIssue', { caseId: 'case-1', issueNumber, resolution }, { at: AT });

const LOGGED: ServiceCaseEvent[] = [
  ...IN_DELIVERY,
  {
    type: 'CoordinationIssueLogged',
    data: {
      caseId: 'case-1',
      issueNumber: 1,
      description: 'Software development has no test printer',
      departmentIds: ['tech-support', 'software-development'],
      loggedBy: 'li',
      loggedAt: AT,
    },
  },
];
const RESOLVED: ServiceCaseEvent[] = [
  ...LOGGED,
  {
    type: 'CoordinationIssueResolved',
    data: { caseId: 'case-1', issueNumber: 1, resolution: 'Tech support lends one', resolvedBy: 'zhang', resolvedAt: AT },
  },
];

describe('coordination issues (P-4.3)', () => {
  it('logs an issue between departments, numbered within the case', () => {
    expect(when(IN_DELIVERY, log())).toEqual([LOGGED[LOGGED.length - 1]]);
    expect(openCoordinationIssues(aggregateAfter(LOGGED))).toEqual([1]);
  });

  it('logs issues already while planning', () => {
    expect(when(PLANNING, log())[0].data).toMatchObject({ issueNumber: 1 });
  });

  it('numbers the next issue after the last', () => {
    expect(when(RESOLVED, log('Vendor contact unknown'))[0].data).toMatchObject({ issueNumber: 2 });
  });

  it('resolves an issue with how it was resolved', () => {
    expect(when(LOGGED, resolve())).toEqual([RESOLVED[RESOLVED.length - 1]]);
    expect(openCoordinationIssues(aggregateAfter(RESOLVED))).toEqual([]);
  });

  it.each([
    ['issue-description-required', IN_DELIVERY, log(' ')],
    ['unknown-issue', LOGGED, resolve(2)],
    ['issue-already-resolved', RESOLVED, resolve()],
    ['resolution-required', LOGGED, resolve(1, '')],
    ['case-closed', CLOSED, log()],
  ])('refuses with %s', (code, given, cmd) => {
    expect(refusal(given, cmd)).toMatchObject(refused(code));
  });
});
