import { Injectable } from '@nestjs/common';
import { CommandMetadata } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { DeclaredWork, ensureStandardExists, standardRequirements, technicalStandards } from '@serviceledger/service-delivery/domain';
import { CaseAccess } from '../cases/case-access';
import { CaseWork } from '../cases/case-work';

/**
 * P-4.2: a milestone or step declares the standards it follows. The case is told the checks of each
 * version named, read here from the standard, so its decider holds the work to them.
 */
@Injectable()
export class StandardsFollowed {
  constructor(
    private readonly commands: Commands,
    private readonly access: CaseAccess,
    private readonly cases: CaseWork,
  ) {}

  async declare(
    caseId: string,
    work: DeclaredWork,
    references: ReadonlyArray<{ standardId: string; version: number }>,
    metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    await this.access.caseFor(metadata.actor, caseId);
    const standards = await Promise.all(
      references.map(async ({ standardId, version }) =>
        standardRequirements(ensureStandardExists(await this.commands.state(technicalStandards, standardId), standardId), version),
      ),
    );
    return this.cases.onCase({ type: 'DeclareStandards', data: { caseId, work, standards }, metadata });
  }
}
