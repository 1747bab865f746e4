import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { ServiceCase, serviceCases } from '@serviceledger/service-delivery/domain';

/**
 * Write-side scoping of what belongs to a case. The case's own commands are scoped by its descriptor
 * (`serviceCases.scope`); its plan, team, visits, problems and meetings are scoped by the case too, which
 * a descriptor's scope cannot say (it sees only its own instance): their use cases read the case here first.
 */
@Injectable()
export class CaseAccess {
  constructor(private readonly commands: Commands) {}

  /** The case, if the actor may see it; 404 otherwise, as a read would answer. */
  async caseFor(actor: Actor, caseId: string): Promise<ServiceCase> {
    // stateFor answers 404 for a missing case, and an existing case's stream opens with ServiceCaseOpened.
    return (await this.commands.stateFor(serviceCases, caseId, actor)) as ServiceCase;
  }

  /** A visit, problem or meeting of a case the actor may not see does not exist for them: 404 names it, not the case. */
  async ensureMayActOnPartOf(actor: Actor, caseId: string | undefined, part: { name: string; id: string }): Promise<void> {
    if (!caseId) throw new NotFoundError(part.name, part.id);
    await this.caseFor(actor, caseId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError(part.name, part.id) : error;
    });
  }
}
