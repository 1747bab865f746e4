import type { Actor } from '@serviceledger/platform/core';
import { AccessScope, accessScope } from '@serviceledger/platform/auth';

/**
 * Whose per-person indicators a principal may read: the one scoping rule, except that HR appraises
 * everyone (H-2). By the role, not the `hr:read` permission: department heads hold that permission
 * for their own staff, not the company's.
 */
export function appraisalScope(actor: Actor): AccessScope {
  return actor.roles.includes('hr') ? { kind: 'all' } : accessScope(actor);
}
