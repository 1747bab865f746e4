import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import {
  ProjectTeamCommand,
  ProjectTeamEvent,
  TeamMemberJoined,
  TeamRole,
  projectTeam,
  projectTeamStream,
  teamComposition,
} from './project-team';

const AT = '2026-03-04T09:00:00.000Z';
const head = actor('wang', ['department-head'], ['software-development']);
const command = commandsOf<ProjectTeamCommand>({ at: AT, actor: head });
const { when, stateAfter, refusal } = deciderSpec(projectTeam);

const add = (memberId: string, role: TeamRole, duties = 'Patch the print module') =>
  command('AddTeamMember', { caseId: 'case-1', memberId, role, duties });
const joined = (memberId: string, role: TeamRole, duties: string): TeamMemberJoined => ({
  type: 'TeamMemberJoined',
  data: { caseId: 'case-1', memberId, role, duties, addedBy: 'wang', joinedAt: AT },
});
const left = (memberId: string, role: TeamRole, reason: string): ProjectTeamEvent => ({
  type: 'TeamMemberLeft',
  data: { caseId: 'case-1', memberId, role, reason, removedBy: 'wang', leftAt: AT },
});

const MANAGED = [joined('zhang', 'project-manager', 'Runs the project')];
const FULL = [
  ...MANAGED,
  joined('li', 'technician', 'Patch the print module'),
  joined('agent-1', 'customer-service', 'Reports to the customer'),
];
const changeDuties = (memberId: string, duties: string) =>
  command('ChangeTeamMemberDuties', { caseId: 'case-1', memberId, duties });

describe('project team (P-4.1)', () => {
  it('names its stream after the case', () => {
    expect(projectTeamStream('case-1')).toBe('service-delivery.team-case-1');
  });

  it.each<ProjectTeamCommand>([
    changeDuties('li', 'Test'),
    command('RemoveTeamMember', { caseId: 'case-1', memberId: 'li', reason: 'Moved' }),
    command('ReplaceProjectManager', { caseId: 'case-1', memberId: 'li', duties: 'Runs it', reason: 'Leave' }),
  ])('refuses $type before the team is formed', (cmd) => {
    expect(refusal([], cmd)).toMatchObject({ name: 'NotFoundError', what: 'Project team', id: 'case-1' });
  });

  describe('AddTeamMember', () => {
    it('forms the team with its first member and their duties', () => {
      expect(when([], add('zhang', 'project-manager', ' Runs the project '))).toEqual(MANAGED);
    });

    it('adds technicians and customer-service staff, giving the composition delivery needs', () => {
      expect(when(MANAGED, add('li', 'technician'))).toEqual([FULL[1]]);
      expect(teamComposition(stateAfter(FULL))).toEqual({
        projectManagerId: 'zhang',
        technicianIds: ['li'],
        customerServiceIds: ['agent-1'],
      });
    });

    it('reports an empty composition for a team not yet formed', () => {
      expect(teamComposition(null)).toEqual({ technicianIds: [], customerServiceIds: [] });
    });

    it.each([
      ['duties-required', MANAGED, add('li', 'technician', ' ')],
      ['already-member', FULL, add('li', 'customer-service')],
      ['project-manager-already-assigned', MANAGED, add('qian', 'project-manager')],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('ChangeTeamMemberDuties', () => {
    it('changes a member’s duties', () => {
      const events = when(FULL, changeDuties('li', 'Test the patch'));
      expect(events).toEqual([
        {
          type: 'TeamMemberDutiesChanged',
          data: { caseId: 'case-1', memberId: 'li', duties: 'Test the patch', changedBy: 'wang' },
        },
      ]);
      expect(stateAfter([...FULL, ...events])?.members[1]).toEqual({
        memberId: 'li',
        role: 'technician',
        duties: 'Test the patch',
      });
    });

    it.each([
      ['not-a-member', 'qian', 'Test'],
      ['duties-required', 'li', ''],
    ])('refuses with %s', (code, memberId, duties) => {
      expect(refusal(FULL, changeDuties(memberId, duties))).toMatchObject(refused(code));
    });
  });

  describe('RemoveTeamMember', () => {
    const remove = (memberId: string, reason = 'Moved to another project') =>
      command('RemoveTeamMember', { caseId: 'case-1', memberId, reason });

    it('lets a member leave with a reason; the history keeps them', () => {
      const events = when(FULL, remove('li'));
      expect(events).toEqual([left('li', 'technician', 'Moved to another project')]);
      expect(teamComposition(stateAfter([...FULL, ...events])).technicianIds).toEqual([]);
    });

    it('lets a member who left join again', () => {
      expect(when([...FULL, left('li', 'technician', 'Moved')], add('li', 'technician'))).toHaveLength(1);
    });

    it.each([
      ['project-manager-needs-successor', remove('zhang')],
      ['not-a-member', remove('qian')],
      ['reason-required', remove('li', ' ')],
    ])('refuses with %s', (code, cmd) => {
      expect(refusal(FULL, cmd)).toMatchObject(refused(code));
    });
  });

  describe('ReplaceProjectManager', () => {
    const replace = (memberId = 'qian', reason = 'Zhang is on leave') =>
      command('ReplaceProjectManager', { caseId: 'case-1', memberId, duties: 'Runs the project', reason });

    it('hands the project over: the old manager leaves, the new one joins', () => {
      const events = when(FULL, replace());
      expect(events).toEqual([
        left('zhang', 'project-manager', 'Zhang is on leave'),
        joined('qian', 'project-manager', 'Runs the project'),
      ]);
      expect(teamComposition(stateAfter([...FULL, ...events])).projectManagerId).toBe('qian');
    });

    it.each([
      ['no-project-manager', [joined('li', 'technician', 'Patch')], replace()],
      ['already-member', FULL, replace('li')],
      ['already-project-manager', FULL, replace('zhang')],
      ['reason-required', FULL, replace('qian', '')],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });
});
