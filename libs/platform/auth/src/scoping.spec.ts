import type { Actor } from '@serviceledger/platform/core';
import { EVERY_DEPARTMENT, accessScope, canSee } from './scoping';

const actor = (roles: string[], departments: string[] = [], customerId?: string): Actor => ({
  userId: 'u-1',
  roles,
  departments,
  ...(customerId && { customerId }),
});

const techSupportCase = { departments: ['tech-support'], customerId: 'acme' };
const jointCase = { departments: ['software-development', 'system-maintenance'], customerId: 'globex' };
const unassignedCase = { customerId: 'acme' };

describe('accessScope', () => {
  it.each(['agent', 'quality-monitor', 'analyst', 'administrator'])('gives %s every record', (role) => {
    expect(accessScope(actor([role]))).toEqual({ kind: 'all' });
  });

  it('gives department members and heads their own departments', () => {
    expect(accessScope(actor(['department-member'], ['tech-support']))).toEqual({
      kind: 'departments',
      departments: ['tech-support'],
    });
    expect(accessScope(actor(['department-head'], ['tech-support', 'system-maintenance']))).toEqual({
      kind: 'departments',
      departments: ['tech-support', 'system-maintenance'],
    });
  });

  it('gives a customer their own organisation', () => {
    expect(accessScope(actor(['customer'], [], 'acme'))).toEqual({ kind: 'customer', customerId: 'acme' });
  });

  it('gives nothing to staff without departments, a customer without an organisation, or unknown roles', () => {
    expect(accessScope(actor(['technician']))).toEqual({ kind: 'none' });
    expect(accessScope(actor(['customer']))).toEqual({ kind: 'none' });
    expect(accessScope(actor(['root'], ['tech-support']))).toEqual({ kind: 'none' });
  });
});

describe('canSee', () => {
  it('shows a member the cases of their department and hides the others', () => {
    const scope = accessScope(actor(['department-member'], ['tech-support']));
    expect(canSee(scope, techSupportCase)).toBe(true);
    expect(canSee(scope, jointCase)).toBe(false);
    expect(canSee(scope, unassignedCase)).toBe(false);
  });

  it('shows a case spanning departments to a member of any of them', () => {
    expect(canSee(accessScope(actor(['technician'], ['system-maintenance'])), jointCase)).toBe(true);
  });

  it('shows a customer their organisation’s cases only', () => {
    const scope = accessScope(actor(['customer'], [], 'acme'));
    expect(canSee(scope, techSupportCase)).toBe(true);
    expect(canSee(scope, unassignedCase)).toBe(true);
    expect(canSee(scope, jointCase)).toBe(false);
  });

  it("shows a record every department serves to any department's staff, and to its own customer", () => {
    const customerRecord = { departments: EVERY_DEPARTMENT, customerId: 'acme' };
    expect(canSee(accessScope(actor(['department-member'], ['quality-assurance'])), customerRecord)).toBe(true);
    expect(canSee(accessScope(actor(['customer'], [], 'acme')), customerRecord)).toBe(true);
    expect(canSee(accessScope(actor(['customer'], [], 'globex')), customerRecord)).toBe(false);
    expect(canSee(accessScope(actor(['department-member'])), customerRecord)).toBe(false);
  });

  it('shows everything to cross-department roles and nothing to a principal without scope', () => {
    expect([techSupportCase, jointCase, unassignedCase].every((record) => canSee({ kind: 'all' }, record))).toBe(true);
    expect([techSupportCase, jointCase, unassignedCase].some((record) => canSee({ kind: 'none' }, record))).toBe(false);
  });
});
