import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Seed, Seeds } from '@serviceledger/platform/nest';
import {
  DEPARTMENT_REGISTRY_ID,
  DepartmentRegistry,
  DepartmentRegistryCommand,
  DepartmentRegistryEvent,
  TRIAGE_RULES_ID,
  TriageRuleSet,
  TriageRulesCommand,
  TriageRulesEvent,
  departmentRegistries,
  triageRuleBooks,
} from '@serviceledger/intake/domain';
import { SEED_DEPARTMENTS, SEED_FALLBACK, SEED_ROUTES, SEED_TRIAGE_RULES } from './seed';

const DEPARTMENTS: Seed<DepartmentRegistryCommand, DepartmentRegistryEvent, DepartmentRegistry> = {
  aggregate: departmentRegistries,
  id: DEPARTMENT_REGISTRY_ID,
  isEmpty: (registry) => registry.departments.size === 0,
  commands: [{ key: 'departments', command: { type: 'SeedDepartmentRegistry', data: { departments: SEED_DEPARTMENTS, routes: SEED_ROUTES, fallback: SEED_FALLBACK } } }],
};

const TRIAGE_RULES: Seed<TriageRulesCommand, TriageRulesEvent, TriageRuleSet> = {
  aggregate: triageRuleBooks,
  id: TRIAGE_RULES_ID,
  isEmpty: (rules) => rules.version === 0,
  commands: [{ key: 'triage-rules', command: { type: 'SeedTriageRules', data: { rules: SEED_TRIAGE_RULES } } }],
};

/** Seeds an empty registry and rule book at start-up; neither once an administrator has defined it. */
@Injectable()
export class IntakeSeeder implements OnApplicationBootstrap {
  constructor(private readonly seeds: Seeds) {}

  onApplicationBootstrap(): Promise<void> {
    return this.seeds.sow('intake', [DEPARTMENTS, TRIAGE_RULES]);
  }
}
