import { Aggregate, Command, Decider, RuleViolation, streamOf } from '@serviceledger/platform/core';

/** The customer-service department leads intake and convenes coordination meetings (P-2.2). */
export const CUSTOMER_SERVICE_DEPARTMENT = 'customer-service';

export interface Department {
  departmentId: string;
  name: string;
  /** User ids of the people a demand can be assigned to. */
  members: string[];
}

/** Where a business category goes (P-2.1), and who owns a demand there until someone reassigns it. */
export interface Route {
  departmentId: string;
  defaultOwnerId: string;
}

export interface DepartmentRegistry {
  departments: ReadonlyMap<string, Department>;
  /** By business category. */
  routes: ReadonlyMap<string, Route>;
  /** For a demand whose category has no route of its own. */
  fallback?: Route;
}

export type DefineDepartment = Command<'DefineDepartment', Department>;
export type UpdateDepartment = Command<'UpdateDepartment', Department>;
export type SetRoutingRule = Command<'SetRoutingRule', { businessCategory: string } & Route>;
export type RemoveRoutingRule = Command<'RemoveRoutingRule', { businessCategory: string }>;
export type SetFallbackRoute = Command<'SetFallbackRoute', Route>;
/** Sent at every start-up: configures an empty registry, and leaves a configured one as it is. */
export type SeedDepartmentRegistry = Command<
  'SeedDepartmentRegistry',
  { departments: Department[]; routes: ({ businessCategory: string } & Route)[]; fallback?: Route }
>;

export type DepartmentRegistryCommand =
  | DefineDepartment
  | UpdateDepartment
  | SetRoutingRule
  | RemoveRoutingRule
  | SetFallbackRoute
  | SeedDepartmentRegistry;

export type DepartmentDefined = { type: 'DepartmentDefined'; data: Department };
export type DepartmentUpdated = { type: 'DepartmentUpdated'; data: Department };
export type RoutingRuleSet = { type: 'RoutingRuleSet'; data: { businessCategory: string } & Route };
export type RoutingRuleRemoved = { type: 'RoutingRuleRemoved'; data: { businessCategory: string } };
export type FallbackRouteSet = { type: 'FallbackRouteSet'; data: Route };

export type DepartmentRegistryEvent =
  | DepartmentDefined
  | DepartmentUpdated
  | RoutingRuleSet
  | RoutingRuleRemoved
  | FallbackRouteSet;

export const departmentRegistry: Decider<DepartmentRegistryCommand, DepartmentRegistryEvent, DepartmentRegistry> = {
  initialState: () => ({ departments: new Map(), routes: new Map() }),

  evolve(state, event) {
    switch (event.type) {
      case 'DepartmentDefined':
      case 'DepartmentUpdated':
        return { ...state, departments: new Map(state.departments).set(event.data.departmentId, event.data) };
      case 'RoutingRuleSet': {
        const { businessCategory, ...route } = event.data;
        return { ...state, routes: new Map(state.routes).set(businessCategory, route) };
      }
      case 'RoutingRuleRemoved': {
        const routes = new Map(state.routes);
        routes.delete(event.data.businessCategory);
        return { ...state, routes };
      }
      case 'FallbackRouteSet':
        return { ...state, fallback: event.data };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'SeedDepartmentRegistry': {
        if (state.departments.size > 0) return [];
        const { departments, routes, fallback } = command.data;
        const { metadata } = command;
        // The seed passes the same rules as the commands it stands for, applied in order.
        const steps: Step[] = [
          ...departments.map((data): Step => ({ type: 'DefineDepartment', data, metadata })),
          ...routes.map((data): Step => ({ type: 'SetRoutingRule', data, metadata })),
          ...(fallback ? [{ type: 'SetFallbackRoute', data: fallback, metadata } satisfies Step] : []),
        ];
        const events: DepartmentRegistryEvent[] = [];
        let current = state;
        for (const step of steps) {
          const decided = decideStep(step, current);
          events.push(...decided);
          current = decided.reduce(departmentRegistry.evolve, current);
        }
        return events;
      }
      default:
        return decideStep(command, state);
    }
  },
};

/** One registry for the whole site, kept as configuration events. */
export const DEPARTMENT_REGISTRY_ID = 'default';

export const departmentRegistries: Aggregate<DepartmentRegistryCommand, DepartmentRegistryEvent, DepartmentRegistry> = {
  name: 'Department registry',
  streamPrefix: 'intake.department-registry-',
  decider: departmentRegistry,
  idOf: () => DEPARTMENT_REGISTRY_ID,
  creates: 'any',
};

export const DEPARTMENT_REGISTRY_STREAM = streamOf(departmentRegistries, DEPARTMENT_REGISTRY_ID);

type Step = Exclude<DepartmentRegistryCommand, SeedDepartmentRegistry>;

function decideStep(step: Step, state: DepartmentRegistry): DepartmentRegistryEvent[] {
  switch (step.type) {
    case 'DefineDepartment': {
      if (state.departments.has(step.data.departmentId)) {
        throw new RuleViolation('department-exists', `Department ${step.data.departmentId} is already defined`);
      }
      return [{ type: 'DepartmentDefined', data: step.data }];
    }
    case 'UpdateDepartment': {
      knownDepartment(state, step.data.departmentId);
      const { departmentId, members } = step.data;
      const routed = routesOf(state).find(
        ({ route }) => route.departmentId === departmentId && !members.includes(route.defaultOwnerId),
      );
      if (routed) {
        throw new RuleViolation(
          'owner-still-routed',
          `${routed.route.defaultOwnerId} owns ${routed.label} by default and cannot leave ${departmentId}; change the route first`,
        );
      }
      return [{ type: 'DepartmentUpdated', data: step.data }];
    }
    case 'SetRoutingRule': {
      ensureOwnerInDepartment(state, step.data.departmentId, step.data.defaultOwnerId);
      return [{ type: 'RoutingRuleSet', data: step.data }];
    }
    case 'RemoveRoutingRule': {
      if (!state.routes.has(step.data.businessCategory)) {
        throw new RuleViolation(
          'unknown-routing-rule',
          `There is no routing rule for business category ${step.data.businessCategory}`,
        );
      }
      return [{ type: 'RoutingRuleRemoved', data: step.data }];
    }
    case 'SetFallbackRoute': {
      ensureOwnerInDepartment(state, step.data.departmentId, step.data.defaultOwnerId);
      return [{ type: 'FallbackRouteSet', data: step.data }];
    }
  }
}

function routesOf(state: DepartmentRegistry): { label: string; route: Route }[] {
  return [
    ...[...state.routes].map(([category, route]) => ({ label: `business category ${category}`, route })),
    ...(state.fallback ? [{ label: 'the fallback route', route: state.fallback }] : []),
  ];
}

function knownDepartment(registry: DepartmentRegistry, departmentId: string): Department {
  const department = registry.departments.get(departmentId);
  if (!department) throw new RuleViolation('unknown-department', `Department ${departmentId} is not in the registry`);
  return department;
}

/** P-2.2: a department a demand involves is one the registry knows; the service checks before triage records it. */
export function ensureKnownDepartment(registry: DepartmentRegistry, departmentId: string): void {
  knownDepartment(registry, departmentId);
}

/** P-2.1: a demand goes to a registered department and an owner inside it; the service checks before assigning. */
export function ensureOwnerInDepartment(registry: DepartmentRegistry, departmentId: string, ownerId: string): void {
  const department = knownDepartment(registry, departmentId);
  if (!department.members.includes(ownerId)) {
    throw new RuleViolation('owner-not-in-department', `${ownerId} is not a member of department ${departmentId}`);
  }
}

export interface RoutingDecision extends Route {
  routedBy: 'business-category' | 'fallback';
}

/** P-2.1: the department and default owner for a business category, or undefined when nothing routes it. */
export function routeDemand(
  registry: DepartmentRegistry,
  businessCategory: string | undefined,
): RoutingDecision | undefined {
  const route = businessCategory === undefined ? undefined : registry.routes.get(businessCategory);
  if (route) return { ...route, routedBy: 'business-category' };
  return registry.fallback && { ...registry.fallback, routedBy: 'fallback' };
}
