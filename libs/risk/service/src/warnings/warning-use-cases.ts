import { Injectable } from '@nestjs/common';
import { NotFoundError, followOn } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { LinkWarningToRisk, risks, warning, warnings } from '@serviceledger/risk/domain';

/**
 * Linking a warning to a risk of the register (K-3.2 → K-3.1): the warning must accept the link (it is
 * acknowledged, not closed, not linked elsewhere); the risk then records the warning (RISK-A's
 * `LinkWarning`: 404 for an unknown risk, 409 for a closed one), and the warning records the risk. A retry
 * repeats neither: the risk's command id follows from the request's.
 */
@Injectable()
export class WarningUseCases {
  constructor(private readonly commands: Commands) {}

  async link(command: LinkWarningToRisk): Promise<CommandAccepted> {
    const { warningId, riskId } = command.data;
    const state = await this.commands.stateFor(warnings, warningId, command.metadata.actor);
    if (!state) throw new NotFoundError('Warning', warningId);
    warning.decide(command, state);
    const { indicator, count, window, groupKind, groupKey, raisedAt } = state;
    await this.commands.execute(risks, {
      type: 'LinkWarning',
      data: { riskId, warningId, indicatorId: indicator.indicatorId, raisedAt, summary: `${indicator.name}: ${count} in ${window.key} for ${groupKind} ${groupKey}` },
      metadata: followOn(command.metadata, 'risk-link'),
    });
    return this.commands.execute(warnings, command);
  }
}
