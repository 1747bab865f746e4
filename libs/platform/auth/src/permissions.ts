import type { Actor } from '@serviceledger/platform/core';
import { Role, isRole } from './roles';

/** Every permission, named for the action it allows, grouped by the service that checks it. */
export const PERMISSIONS = [
  // intake: P-1, P-2, C-2.3
  'demand:register',
  // Handing in raw e-mail for any sender: the mail server's service account and customer service only.
  'email:ingest',
  'demand:read',
  'demand:triage',
  'demand:assign',
  'demand:reply',
  'demand:note',
  'demand:close',
  'coordination:record',
  'complaint:handle',
  'customer:register',
  'customer:read',
  'customer-pii:read',
  // The data-protection duty: who read whose personal data, and one customer's everything held about them.
  'personal-data-register:read',
  'subject-access:export',
  // Erasure by crypto-shredding of the customer's data key (ADR 0016): irreversible, so the same duty only.
  'customer:erase',
  'triage-rules:read',
  'triage-rules:manage',
  'departments:read',
  'departments:manage',
  // platform operations: projection status and rebuilds, dead-letter replays
  'operations:manage',
  // service-delivery: P-3 … P-6, C-1.1, C-2.1, C-2.2
  'delivery:read',
  'plan:draft',
  'plan:approve',
  'plan:expert-review',
  'team:manage',
  'progress:report',
  'acceptance:organise',
  'acceptance:respond',
  'follow-up:record',
  'after-sales:handle',
  'meeting:record',
  // Technical standards, operating rules and quality requirements that delivery follows (P-4.2).
  'technical-standards:manage',
  // quality-monitoring: Q-*
  'quality:read',
  // The live SLA clocks of demands and cases: watched by those who work them, not only by those who read the figures.
  'sla-clock:read',
  // Also service-delivery's satisfaction surveys: how satisfaction is measured is a quality standard.
  'quality-standards:manage',
  'quality:check',
  'quality:evaluate',
  'finding:raise',
  'rectification:submit',
  'finding:recheck',
  // hr-performance: H-*
  'hr:read',
  'hr:manage',
  'appraisal:record',
  // One's own HR record, training and development plan (H-1.2, H-3.1): every member of staff, about themselves only.
  'hr-self:read',
  // resource: R-*, C-3.*
  'resource:read',
  'document:read',
  'document:manage',
  'knowledge:share',
  'rd-investment:manage',
  'equipment:manage',
  'partner:manage',
  // The information-security incident register: the risk officer and the administrator, not risk:manage, which administrators lack.
  'security-incident:manage',
  // risk: K-*
  'risk:read',
  'risk:manage',
  // A manager's exception to a response rule (K-2.1, e.g. accepting a high risk), with its reason: not the risk officer's own.
  'risk-exception:approve',
  'warning:respond',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * The one table of who may do what. Department scoping (which records) is separate: see scoping.ts.
 * Unmasked customer data (`customer-pii:read`, R-3.1) is held only by the agents who must contact customers;
 * the data-protection duty (the access register and subject-access exports) by administrators.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  customer: [
    'customer:read','demand:register', 'demand:read', 'delivery:read', 'acceptance:respond'],
  agent: [
    'hr-self:read',
    'triage-rules:read', 'departments:read',
    'demand:register', 'email:ingest', 'demand:read', 'demand:triage', 'demand:assign', 'demand:reply', 'demand:note',
    'demand:close', 'coordination:record', 'complaint:handle', 'customer:register', 'customer:read',
    'customer-pii:read', 'delivery:read', 'acceptance:organise', 'follow-up:record', 'after-sales:handle',
    'meeting:record', 'document:read', 'knowledge:share', 'sla-clock:read',
  ],
  'department-member': [
    'hr-self:read',
    'departments:read',
    'demand:read', 'demand:reply', 'demand:note', 'customer:read', 'delivery:read', 'plan:draft',
    'progress:report', 'after-sales:handle', 'meeting:record', 'quality:read', 'sla-clock:read', 'rectification:submit',
    'document:read', 'document:manage', 'knowledge:share',
  ],
  'department-head': [
    'hr-self:read',
    // Their people's appraisals (H-2.2): the qualitative assessment, the annual review, the first approval of outcomes.
    'appraisal:record',
    'departments:read',
    'demand:read', 'demand:assign', 'demand:reply', 'demand:note', 'customer:read', 'delivery:read',
    'plan:draft', 'plan:approve', 'team:manage', 'progress:report', 'after-sales:handle', 'meeting:record',
    'quality:read', 'sla-clock:read', 'rectification:submit', 'hr:read', 'risk:read', 'risk-exception:approve', 'document:read', 'document:manage',
    'knowledge:share', 'technical-standards:manage',
    // Their department's equipment and R&D investment (R-1.3, R-2.*), scoped to it.
    'resource:read',
  ],
  'expert-reviewer': ['hr-self:read', 'demand:read', 'delivery:read', 'plan:expert-review', 'document:read', 'knowledge:share'],
  'project-manager': [
    'hr-self:read',
    'departments:read',
    'demand:read', 'demand:note', 'customer:read', 'delivery:read', 'plan:draft', 'team:manage',
    'progress:report', 'after-sales:handle', 'meeting:record', 'document:read', 'document:manage',
    'knowledge:share', 'sla-clock:read',
  ],
  technician: [
    'hr-self:read',
    'demand:read', 'demand:note', 'delivery:read', 'progress:report', 'after-sales:handle', 'meeting:record',
    'document:read', 'document:manage', 'knowledge:share', 'sla-clock:read',
  ],
  'quality-monitor': [
    'hr-self:read',
    'departments:read',
    'demand:read', 'customer:read', 'delivery:read', 'follow-up:record', 'meeting:record', 'quality:read', 'sla-clock:read',
    'quality-standards:manage', 'technical-standards:manage', 'quality:check', 'quality:evaluate', 'finding:raise',
    'finding:recheck', 'document:read',
  ],
  hr: ['hr-self:read', 'hr:read', 'hr:manage', 'appraisal:record', 'quality:read', 'sla-clock:read', 'meeting:record', 'document:read', 'knowledge:share'],
  'resource-manager': [
    'hr-self:read',
    'resource:read', 'rd-investment:manage', 'equipment:manage', 'partner:manage', 'meeting:record',
    'document:read', 'document:manage', 'knowledge:share',
  ],
  'risk-officer': [
    'hr-self:read',
    'risk:read', 'risk:manage', 'warning:respond', 'quality:read', 'sla-clock:read', 'resource:read', 'meeting:record',
    'document:read', 'knowledge:share', 'security-incident:manage',
  ],
  analyst: [
    'hr-self:read',
    'triage-rules:read', 'departments:read',
    'demand:read', 'customer:read', 'delivery:read', 'quality:read', 'sla-clock:read', 'hr:read', 'resource:read',
    'document:read', 'risk:read',
  ],
  administrator: [
    'hr-self:read',
    'operations:manage',
    'triage-rules:read', 'departments:read',
    'demand:read', 'customer:read', 'delivery:read', 'quality:read', 'sla-clock:read', 'hr:read', 'resource:read',
    'document:read', 'risk:read', 'departments:manage', 'triage-rules:manage',
    'personal-data-register:read', 'subject-access:export', 'customer:erase', 'security-incident:manage',
  ],
};

/** The union of the permissions of the given roles; unknown role names grant nothing. */
export function permissionsOf(roles: readonly string[]): ReadonlySet<Permission> {
  return new Set(roles.filter(isRole).flatMap((role) => ROLE_PERMISSIONS[role]));
}

export function hasPermission(actor: Pick<Actor, 'roles'>, permission: Permission): boolean {
  return permissionsOf(actor.roles).has(permission);
}
