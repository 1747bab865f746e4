import { Actor, Aggregate, Command, Decider, DomainEvent, streamOf } from '@serviceledger/platform/core';

/**
 * Who may see one person's appraisal (personal data, H-2): the employee their own, the head of their
 * department the department's, HR everyone's. Nobody else, whatever else their role sees across the
 * company: analysts read aggregates per department and period only, and a refused read is the 404 of a
 * record that does not exist.
 */
export function maySeeAppraisal(actor: Pick<Actor, 'userId' | 'roles' | 'departments'>, appraisal: { employeeId: string; departmentId: string }): boolean {
  if (actor.roles.includes('hr')) return true;
  if (actor.roles.includes('department-head') && actor.departments.includes(appraisal.departmentId)) return true;
  return actor.userId === appraisal.employeeId;
}

/** The head of the appraised person's department: assesses, reviews, approves outcomes first. */
export const isHeadOf = (actor: Pick<Actor, 'roles' | 'departments'>, departmentId: string): boolean =>
  actor.roles.includes('department-head') && actor.departments.includes(departmentId);

export const isHr = (actor: Pick<Actor, 'roles'>): boolean => actor.roles.includes('hr');

export type RecordAppraisalAccess = Command<'RecordAppraisalAccess', { employeeId: string; appraisalId: string; fields: string[]; reason: string }>;
export type AppraisalAccessed = DomainEvent<
  'AppraisalAccessed',
  { employeeId: string; appraisalId: string; fields: string[]; reason: string; accessedBy: string; accessedAt: string }
>;

/** An audit log, as intake's personal-data access register: a read that happened cannot be refused, so it only records. */
export const appraisalAccessLog: Decider<RecordAppraisalAccess, AppraisalAccessed, null> = {
  initialState: () => null,
  evolve: (state) => state,
  appendOnly: true,
  decide: ({ data, metadata }) => [{ type: 'AppraisalAccessed', data: { ...data, accessedBy: metadata.actor.userId, accessedAt: metadata.at } }],
};

/**
 * `hr-performance.appraisal-access-<employeeId>`: every read of a person's appraisal text by someone other
 * than the person, with its reason. Grows with use, so append-only (handle() reads none of it).
 */
export const appraisalAccessLogs: Aggregate<RecordAppraisalAccess, AppraisalAccessed, null> = {
  name: 'Appraisal access log',
  streamPrefix: 'hr-performance.appraisal-access-',
  decider: appraisalAccessLog,
  idOf: (command) => command.data.employeeId,
  creates: 'any',
};

export const appraisalAccessStream = (employeeId: string): string => streamOf(appraisalAccessLogs, employeeId);
