import { ModuleRef } from '@nestjs/core';
import { causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommandSender, ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import {
  IdentificationRoundCommand,
  IdentificationRoundEvent,
  RISK_ACTOR,
  RISK_CATEGORIES,
  RISK_POLICY_ID,
  RiskPolicyEvent,
  cadencesOf,
  identificationRounds,
  nextPeriodStart,
  periodStart,
  riskPolicies,
  startOf,
} from '@serviceledger/risk/domain';

const openKey = (category: string, opensOn: string) => `round:${category}:${opensOn}`;
const overdueKey = (roundId: string) => `round-overdue:${roundId}`;

/**
 * K-1.1: identification rounds per category on its cadence. The policy's first cadences open the rounds of
 * the period holding their date; each round, once opened, plans the next at its period's end, and falls
 * overdue then unless closed.
 */
export const roundSchedule: ScheduleDefinition = {
  name: 'risk.identification-rounds',
  filter: { streamPrefixes: [identificationRounds.streamPrefix, riskPolicies.streamPrefix], eventTypes: ['RiskCadencesSet', 'IdentificationRoundOpened', 'IdentificationRoundClosed'] },
  changes(envelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as IdentificationRoundEvent | RiskPolicyEvent;
    switch (event.type) {
      case 'RiskCadencesSet': {
        const { firstRoundsOn, identification } = event.data;
        if (!firstRoundsOn) return [];
        return RISK_CATEGORIES.map((category) => {
          const opensOn = periodStart(firstRoundsOn, identification[category]);
          return { plan: { key: openKey(category, opensOn), dueAt: startOf(opensOn), type: 'OpenIdentificationRound', data: { category, opensOn } } };
        });
      }
      case 'IdentificationRoundOpened': {
        const { roundId, category, dueOn } = event.data;
        return [
          { plan: { key: overdueKey(roundId), dueAt: startOf(dueOn), type: 'MarkRoundOverdue', data: { roundId, dueOn } } },
          { plan: { key: openKey(category, dueOn), dueAt: startOf(dueOn), type: 'OpenIdentificationRound', data: { category, opensOn: dueOn } } },
        ];
      }
      case 'IdentificationRoundClosed':
        return [{ cancel: overdueKey(event.data.roundId) }];
      default:
        return [];
    }
  },
};

/** Opens a round for the period of the category's cadence as the policy sets it now; sends the others as they are. */
export const roundSender =
  (moduleRef: ModuleRef): DueCommandSender =>
  async ({ type, data, commandId, at, cause }) => {
    const commands = moduleRef.get(Commands, { strict: false });
    const metadata = causedBy(cause, { commandId, at, actor: RISK_ACTOR });
    if (type === 'OpenIdentificationRound') {
      const { category, opensOn } = data as { category: (typeof RISK_CATEGORIES)[number]; opensOn: string };
      const cadence = cadencesOf(await commands.state(riskPolicies, RISK_POLICY_ID)).identification[category];
      await commands.execute(identificationRounds, { type, data: { category, opensOn, dueOn: nextPeriodStart(opensOn, cadence), cadence }, metadata });
      return;
    }
    await commands.execute(identificationRounds, { type, data, metadata } as IdentificationRoundCommand);
  };

export const ROUND_SCHEDULE = { definition: roundSchedule, sender: roundSender };
