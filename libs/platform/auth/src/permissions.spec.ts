import { PERMISSIONS, ROLE_PERMISSIONS, hasPermission, permissionsOf } from './permissions';
import { ROLES, isCrossDepartment } from './roles';

describe('the role → permission table', () => {
  it('grants every permission to some role, so none is declared for nothing', () => {
    const granted = permissionsOf([...ROLES]);
    expect(PERMISSIONS.filter((permission) => !granted.has(permission))).toEqual([]);
  });

  it('keeps the analyst read-only', () => {
    expect(ROLE_PERMISSIONS.analyst.filter((permission) => !permission.endsWith(':read'))).toEqual([]);
  });

  it('shows customers’ personal data unmasked only to customer-service agents (R-3.1)', () => {
    expect(ROLES.filter((role) => hasPermission({ roles: [role] }, 'customer-pii:read'))).toEqual(['agent']);
  });

  it.each(['personal-data-register:read', 'subject-access:export', 'customer:erase'] as const)('gives the data-protection duty, %s, to administrators only (R-3.1)', (permission) => {
    expect(ROLES.filter((role) => hasPermission({ roles: [role] }, permission))).toEqual(['administrator']);
  });

  it('lets customers register demands through the portal but not triage them', () => {
    expect(hasPermission({ roles: ['customer'] }, 'demand:register')).toBe(true);
    expect(hasPermission({ roles: ['customer'] }, 'demand:triage')).toBe(false);
  });

  it('lets the department head approve a plan and the expert review it, not the other way round (P-3.2)', () => {
    expect(hasPermission({ roles: ['department-head'] }, 'plan:approve')).toBe(true);
    expect(hasPermission({ roles: ['department-head'] }, 'plan:expert-review')).toBe(false);
    expect(hasPermission({ roles: ['expert-reviewer'] }, 'plan:expert-review')).toBe(true);
    expect(hasPermission({ roles: ['expert-reviewer'] }, 'plan:approve')).toBe(false);
  });

  it('lets the department head approve an exception to a risk response rule, not the risk officer who chose the response (K-2.1)', () => {
    expect(hasPermission({ roles: ['department-head'] }, 'risk-exception:approve')).toBe(true);
    expect(hasPermission({ roles: ['risk-officer'] }, 'risk-exception:approve')).toBe(false);
    expect(hasPermission({ roles: ['risk-officer'] }, 'risk:manage')).toBe(true);
  });

  it('unites the permissions of several roles and ignores names that are not roles', () => {
    const permissions = permissionsOf(['technician', 'hr', 'root', 'admin']);
    expect(permissions.has('progress:report')).toBe(true);
    expect(permissions.has('appraisal:record')).toBe(true);
    expect(permissions.has('departments:manage')).toBe(false);
    expect(permissionsOf(['root']).size).toBe(0);
  });
});

describe('cross-department roles', () => {
  it.each(['agent', 'quality-monitor', 'analyst', 'administrator', 'resource-manager', 'risk-officer'])('%s works across departments', (role) => {
    expect(isCrossDepartment({ roles: [role] })).toBe(true);
  });

  it.each(['department-member', 'department-head', 'technician', 'customer'])('%s does not', (role) => {
    expect(isCrossDepartment({ roles: [role] })).toBe(false);
  });
});
