import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
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
      metadata: this.metadata('departments'),
    });
    await this.decisions.decide(TRIAGE_RULES_STREAM, triageRuleBook, {
      type: 'SeedTriageRules',
      data: { rules: SEED_TRIAGE_RULES },
      metadata: this.metadata('triage-rules'),
    });
  }

  private metadata(what: string): CommandMetadata {
    const commandId = commandIdFrom('intake-seed', what);
    return {
      commandId,
      at: this.clock.now().toISOString(),
      actor: { userId: 'system:seed', roles: ['administrator'], departments: [] },
      correlationId: commandId,
    };
  }
}
