import { actor, commandsOf, deciderSpec } from '@serviceledger/platform/testing/decider-spec';
import {
  DEPARTMENT_REGISTRY_STREAM,
  Department,
  DepartmentRegistryCommand,
  DepartmentRegistryEvent,
  departmentRegistry,
  ensureOwnerInDepartment,
  routeDemand,
} from './department-registry';

const admin = actor('admin-1', ['administrator'], []);
const command = commandsOf<DepartmentRegistryCommand>({ at: '2026-03-02T09:00:00.000Z', actor: admin });
const { when, stateAfter, refusal } = deciderSpec(departmentRegistry);

const techSupport: Department = { departmentId: 'tech-support', name: 'Technical support', members: ['zhang', 'li'] };
const customerService: Department = { departmentId: 'customer-service', name: 'Customer service', members: ['wang'] };
const defined = (department: Department): DepartmentRegistryEvent => ({ type: 'DepartmentDefined', data: department });
const printersRoute: DepartmentRegistryEvent = {
  type: 'RoutingRuleSet',
  data: { businessCategory: 'technical-support', departmentId: 'tech-support', defaultOwnerId: 'zhang' },
};
const fallbackRoute: DepartmentRegistryEvent = {
  type: 'FallbackRouteSet',
  data: { departmentId: 'customer-service', defaultOwnerId: 'wang' },
};
const routeTechnicalSupportTo = (defaultOwnerId: string) =>
  command('SetRoutingRule', { businessCategory: 'technical-support', departmentId: 'tech-support', defaultOwnerId });
const fallBackTo = (defaultOwnerId: string) =>
  command('SetFallbackRoute', { departmentId: 'customer-service', defaultOwnerId });
const configured = [defined(techSupport), defined(customerService), printersRoute, fallbackRoute];

describe('department registry', () => {
  it('lives in one stream', () => {
    expect(DEPARTMENT_REGISTRY_STREAM).toBe('intake.department-registry-default');
  });

  describe('DefineDepartment', () => {
    it('defines a department', () => {
      expect(when([], command('DefineDepartment', techSupport))).toEqual([defined(techSupport)]);
    });

    it('refuses a department id that is already defined', () => {
      expect(refusal([defined(techSupport)], command('DefineDepartment', techSupport))).toMatchObject({
        name: 'RuleViolation',
        code: 'department-exists',
      });
    });

    it('does not take inherited object keys for departments', () => {
      expect(when([], command('DefineDepartment', { departmentId: 'constructor', name: 'x', members: [] }))).toHaveLength(1);
    });
  });

  describe('UpdateDepartment', () => {
    it('renames a department and changes its members', () => {
      const update = { departmentId: 'tech-support', name: 'Tech support', members: ['zhang', 'zhao'] };
      expect(when(configured, command('UpdateDepartment', update))).toEqual([{ type: 'DepartmentUpdated', data: update }]);
    });

    it('refuses an unknown department', () => {
      expect(refusal([], command('UpdateDepartment', techSupport))).toMatchObject({
        name: 'RuleViolation',
        code: 'unknown-department',
      });
    });

    it('refuses to remove the default owner of a routing rule', () => {
      expect(refusal(configured, command('UpdateDepartment', { ...techSupport, members: ['li'] }))).toMatchObject({
        name: 'RuleViolation',
        code: 'owner-still-routed',
        message: expect.stringContaining('business category technical-support'),
      });
    });

    it('refuses to remove the default owner of the fallback route', () => {
      expect(refusal(configured, command('UpdateDepartment', { ...customerService, members: [] }))).toMatchObject({
        code: 'owner-still-routed',
        message: expect.stringContaining('fallback route'),
      });
    });
  });

  describe('SetRoutingRule', () => {
    it('routes a business category to a department and a default owner in it', () => {
      expect(
        when(
          [defined(techSupport)],
          routeTechnicalSupportTo('zhang'),
        ),
      ).toEqual([printersRoute]);
    });

    it('refuses an unknown department', () => {
      expect(
        refusal([], routeTechnicalSupportTo('zhang')),
      ).toMatchObject({ code: 'unknown-department' });
    });

    it('refuses a default owner from outside the department', () => {
      expect(
        refusal(
          [defined(techSupport)],
          routeTechnicalSupportTo('wang'),
        ),
      ).toMatchObject({ name: 'RuleViolation', code: 'owner-not-in-department' });
    });
  });

  describe('RemoveRoutingRule', () => {
    it('removes a routing rule', () => {
      const events = when(configured, command('RemoveRoutingRule', { businessCategory: 'technical-support' }));
      expect(events).toEqual([{ type: 'RoutingRuleRemoved', data: { businessCategory: 'technical-support' } }]);
      expect(stateAfter([...configured, ...events]).routes.size).toBe(0);
    });

    it('refuses a category without a rule', () => {
      expect(refusal(configured, command('RemoveRoutingRule', { businessCategory: 'hardware' }))).toMatchObject({
        code: 'unknown-routing-rule',
      });
    });
  });

  describe('SetFallbackRoute', () => {
    it('sets the route for categories without a rule', () => {
      expect(
        when([defined(customerService)], fallBackTo('wang')),
      ).toEqual([fallbackRoute]);
    });

    it('refuses a default owner from outside the department', () => {
      expect(
        refusal([defined(customerService)], fallBackTo('li')),
      ).toMatchObject({ code: 'owner-not-in-department' });
    });
  });

  describe('SeedDepartmentRegistry', () => {
    const seed = command('SeedDepartmentRegistry', {
      departments: [techSupport, customerService],
      routes: [{ businessCategory: 'technical-support', departmentId: 'tech-support', defaultOwnerId: 'zhang' }],
      fallback: { departmentId: 'customer-service', defaultOwnerId: 'wang' },
    });

    it('configures an empty registry', () => {
      expect(when([], seed)).toEqual(configured);
    });

    it('leaves a configured registry as it is', () => {
      expect(when([defined(techSupport)], seed)).toEqual([]);
    });

    it('applies the rules of the commands it stands for', () => {
      expect(
        refusal(
          [],
          command('SeedDepartmentRegistry', {
            departments: [techSupport],
            routes: [
              { businessCategory: 'software-development', departmentId: 'software-development', defaultOwnerId: 'zhang' },
            ],
          }),
        ),
      ).toMatchObject({ code: 'unknown-department' });
    });
  });
});

describe('routeDemand', () => {
  const registry = stateAfter(configured);

  it('routes a category with a rule to its department and default owner', () => {
    expect(routeDemand(registry, 'technical-support')).toEqual({
      departmentId: 'tech-support',
      defaultOwnerId: 'zhang',
      routedBy: 'business-category',
    });
  });

  it('routes other and missing categories along the fallback route', () => {
    const fallback = { departmentId: 'customer-service', defaultOwnerId: 'wang', routedBy: 'fallback' };
    expect(routeDemand(registry, 'hardware')).toEqual(fallback);
    expect(routeDemand(registry, undefined)).toEqual(fallback);
  });

  it('finds no route without a rule or a fallback', () => {
    expect(routeDemand(stateAfter([defined(techSupport)]), 'hardware')).toBeUndefined();
  });
});

describe('ensureOwnerInDepartment', () => {
  const registry = stateAfter(configured);

  it('accepts a member of the department', () => {
    expect(() => ensureOwnerInDepartment(registry, 'tech-support', 'li')).not.toThrow();
  });

  it('refuses an unknown department', () => {
    expect(() => ensureOwnerInDepartment(registry, 'legal', 'li')).toThrow(
      expect.objectContaining({ code: 'unknown-department' }),
    );
  });

  it('refuses someone outside the department', () => {
    expect(() => ensureOwnerInDepartment(registry, 'tech-support', 'wang')).toThrow(
      expect.objectContaining({ code: 'owner-not-in-department' }),
    );
  });
});
