import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, seedMetadata } from '@serviceledger/platform/core';
import { CLOCK, Decisions } from '@serviceledger/platform/nest';
import { DEPARTMENT_REGISTRY_STREAM, TRIAGE_RULES_STREAM, departmentRegistry, triageRuleBook } from '@serviceledger/intake/domain';
import { SEED_DEPARTMENTS, SEED_FALLBACK, SEED_ROUTES, SEED_TRIAGE_RULES } from './seed';

/** Seeds an empty registry and rule book at start-up; both seeds are no-ops once data exists. */
@Injectable()
export class IntakeSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly decisions: Decisions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.decisions.decide(DEPARTMENT_REGISTRY_STREAM, departmentRegistry, {
      type: 'SeedDepartmentRegistry',
      data: { departments: SEED_DEPARTMENTS, routes: SEED_ROUTES, fallback: SEED_FALLBACK },
      metadata: seedMetadata('intake', 'departments', this.clock.now()),
    });
    await this.decisions.decide(TRIAGE_RULES_STREAM, triageRuleBook, {
      type: 'SeedTriageRules',
      data: { rules: SEED_TRIAGE_RULES },
      metadata: seedMetadata('intake', 'triage-rules', this.clock.now()),
    });
  }
}
