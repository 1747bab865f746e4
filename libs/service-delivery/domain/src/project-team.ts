import { Aggregate, Command, CommandMetadata, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { requireText } from './required-text';

/**
 * The project team of a service case (P-4.1): a project manager, technicians and customer-service
 * staff, each with their duties. Members join and leave; the events are the team's history. The
 * team has exactly one project manager once it has one: the manager is replaced, never just removed.
 */
export const TEAM_ROLES = ['project-manager', 'technician', 'customer-service'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface TeamMember {
  memberId: string;
  role: TeamRole;
  duties: string;
}

/** Who is on the team by role: what delivery needs to start (P-4.1). */
export interface ProjectTeamComposition {
  projectManagerId?: string;
  technicianIds: string[];
  customerServiceIds: string[];
}

// Commands

export type AddTeamMember = Command<'AddTeamMember', { caseId: string } & TeamMember>;
export type ChangeTeamMemberDuties = Command<
  'ChangeTeamMemberDuties',
  { caseId: string; memberId: string; duties: string }
>;
export type RemoveTeamMember = Command<'RemoveTeamMember', { caseId: string; memberId: string; reason: string }>;
export type ReplaceProjectManager = Command<
  'ReplaceProjectManager',
  { caseId: string; memberId: string; duties: string; reason: string }
>;

export type ProjectTeamCommand = AddTeamMember | ChangeTeamMemberDuties | RemoveTeamMember | ReplaceProjectManager;

// Events

export type TeamMemberJoined = {
  type: 'TeamMemberJoined';
  data: { caseId: string; memberId: string; role: TeamRole; duties: string; addedBy: string; joinedAt: string };
};
export type TeamMemberDutiesChanged = {
  type: 'TeamMemberDutiesChanged';
  data: { caseId: string; memberId: string; duties: string; changedBy: string };
};
export type TeamMemberLeft = {
  type: 'TeamMemberLeft';
  data: { caseId: string; memberId: string; role: TeamRole; reason: string; removedBy: string; leftAt: string };
};

export type ProjectTeamEvent = TeamMemberJoined | TeamMemberDutiesChanged | TeamMemberLeft;

// State

export interface ProjectTeam {
  caseId: string;
  members: TeamMember[];
}

export type ProjectTeamState = ProjectTeam | null;

export const projectTeam: Decider<ProjectTeamCommand, ProjectTeamEvent, ProjectTeamState> = {
  initialState: () => null,
  evolve(state, event) {
    const team = state ?? { caseId: event.data.caseId, members: [] };
    switch (event.type) {
      case 'TeamMemberJoined': {
        const { memberId, role, duties } = event.data;
        return { ...team, members: [...team.members, { memberId, role, duties }] };
      }
      case 'TeamMemberDutiesChanged':
        return {
          ...team,
          members: team.members.map((m) =>
            m.memberId === event.data.memberId ? { ...m, duties: event.data.duties } : m,
          ),
        };
      case 'TeamMemberLeft':
        return { ...team, members: team.members.filter((m) => m.memberId !== event.data.memberId) };
    }
  },
  decide(command, state) {
    // The first member forms the team; anything else needs a team to act on.
    if (command.type === 'AddTeamMember') {
      const { caseId, memberId, role, duties } = command.data;
      return [joined(state ?? { caseId, members: [] }, { memberId, role, duties }, command.metadata)];
    }
    if (!state) throw new NotFoundError('Project team', command.data.caseId);
    return decideOn(state, command);
  },
};

/** One team per case, scoped by its case. */
export const projectTeams: Aggregate<ProjectTeamCommand, ProjectTeamEvent, ProjectTeamState> = {
  name: 'Project team',
  streamPrefix: 'service-delivery.team-',
  decider: projectTeam,
  idOf: (command) => command.data.caseId,
  creates: ['AddTeamMember'],
};

export const projectTeamStream = (caseId: string): string => streamOf(projectTeams, caseId);

export function teamComposition(state: ProjectTeamState): ProjectTeamComposition {
  const members = state?.members ?? [];
  const withRole = (role: TeamRole) => members.filter((m) => m.role === role).map((m) => m.memberId);
  const [projectManagerId] = withRole('project-manager');
  return {
    ...(projectManagerId ? { projectManagerId } : {}),
    technicianIds: withRole('technician'),
    customerServiceIds: withRole('customer-service'),
  };
}

function decideOn(state: ProjectTeam, command: Exclude<ProjectTeamCommand, AddTeamMember>): ProjectTeamEvent[] {
  const { metadata } = command;
  const actor = metadata.actor.userId;
  switch (command.type) {
    case 'ChangeTeamMemberDuties': {
      const member = memberOf(state, command.data.memberId);
      const duties = requireDuties(command.data.duties, member.memberId);
      return [
        {
          type: 'TeamMemberDutiesChanged',
          data: { caseId: state.caseId, memberId: member.memberId, duties, changedBy: actor },
        },
      ];
    }
    case 'RemoveTeamMember': {
      const member = memberOf(state, command.data.memberId);
      if (member.role === 'project-manager') {
        throw new RuleViolation(
          'project-manager-needs-successor',
          `${member.memberId} manages the project of case ${state.caseId}: replace the project manager rather than leave the team without one (P-4.1)`,
        );
      }
      return [left(state, member, requireReason(command.data.reason, member.memberId), actor, metadata.at)];
    }
    case 'ReplaceProjectManager': {
      const current = state.members.find((m) => m.role === 'project-manager');
      if (!current) {
        throw new RuleViolation(
          'no-project-manager',
          `The team of case ${state.caseId} has no project manager to replace: add one (P-4.1)`,
        );
      }
      const { memberId, duties } = command.data;
      if (memberId === current.memberId) {
        throw new RuleViolation(
          'already-project-manager',
          `${memberId} already manages the project of case ${state.caseId}`,
        );
      }
      const reason = requireReason(command.data.reason, current.memberId);
      return [
        left(state, current, reason, actor, metadata.at),
        joined(
          { ...state, members: state.members.filter((m) => m !== current) },
          { memberId, role: 'project-manager', duties },
          metadata,
        ),
      ];
    }
  }
}

function joined(
  team: ProjectTeam,
  { memberId, role, duties }: TeamMember,
  metadata: CommandMetadata,
): TeamMemberJoined {
  if (team.members.some((m) => m.memberId === memberId)) {
    throw new RuleViolation('already-member', `${memberId} is already on the team of case ${team.caseId}`);
  }
  const manager = team.members.find((m) => m.role === 'project-manager');
  if (role === 'project-manager' && manager) {
    throw new RuleViolation(
      'project-manager-already-assigned',
      `${manager.memberId} already manages the project of case ${team.caseId}; replace them instead (P-4.1)`,
    );
  }
  return {
    type: 'TeamMemberJoined',
    data: {
      caseId: team.caseId,
      memberId,
      role,
      duties: requireDuties(duties, memberId),
      addedBy: metadata.actor.userId,
      joinedAt: metadata.at,
    },
  };
}

function left(team: ProjectTeam, member: TeamMember, reason: string, actor: string, at: string): TeamMemberLeft {
  return {
    type: 'TeamMemberLeft',
    data: { caseId: team.caseId, memberId: member.memberId, role: member.role, reason, removedBy: actor, leftAt: at },
  };
}

function memberOf(team: ProjectTeam, memberId: string): TeamMember {
  const member = team.members.find((m) => m.memberId === memberId);
  if (!member) throw new RuleViolation('not-a-member', `${memberId} is not on the team of case ${team.caseId}`);
  return member;
}

function requireDuties(duties: string, memberId: string): string {
  return requireText(
    duties,
    'duties-required',
    `Each member of a project team has defined duties; ${memberId} has none (P-4.1)`,
  );
}

function requireReason(reason: string, memberId: string): string {
  return requireText(
    reason,
    'reason-required',
    `${memberId} leaves the project team with a reason, kept in its history (P-4.1)`,
  );
}
