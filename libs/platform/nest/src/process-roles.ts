import { SetMetadata } from '@nestjs/common';

/** What a process may run, chosen by `ROLES`. */
export const PROCESS_ROLES = ['api', 'projector', 'relay', 'consumer', 'scheduler'] as const;

export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** The roles of a `ROLES` value (validated by PlatformConfig: a comma-separated list of PROCESS_ROLES). */
export function processRoles(roles: string): ReadonlySet<ProcessRole> {
  return new Set(roles.split(',').map((r) => r.trim()) as ProcessRole[]);
}

export const SERVED_BY = 'serviceledger:process-roles';

/**
 * The roles whose processes serve a route; on a controller, the default for its routes. A route that
 * declares none belongs to `api`. ProcessRoleGuard refuses a route whose roles this process does not run.
 */
export const ServedBy = (...roles: ProcessRole[]): MethodDecorator & ClassDecorator => SetMetadata(SERVED_BY, roles);
