import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { Commands } from '@serviceledger/platform/nest';
import { AGREEMENT_SIGNED_V1, AgreementSignedV1, PARTNER_CONTRACTS, PARTNER_TOPIC } from '@serviceledger/resource/contracts';
import {
  CALENDAR_REGISTRY_ID,
  POLICY_REGISTRY_ID,
  POLICY_REGISTRY_STREAM,
  PolicyRegistry,
  PolicyRegistryCommand,
  calendarRegistries,
  policyRegistries,
} from '@serviceledger/quality-monitoring/domain';
import { metadataFor } from '../clocks/clock-planner';
import { THIRD_PARTY_WAIT } from '../clocks/partner-wait-planner';

export const PARTNER_POLICIES_CONSUMER = 'quality-monitoring.partner-policies';

/** The UC policy of a partner's standard for one priority. */
export const partnerPolicyId = (partnerId: string, priority: string): string => `uc-${partnerId}-${priority.toLowerCase()}`;

/**
 * A partner's service standards as underpinning-contract policies (C-3.1): one UC policy per priority the
 * signed agreement covers, matching only waits on that partner and demands of that priority, whose
 * `third-party-wait` target is the partner's resolution target — how long the partner may hold the next
 * step. A later version revises them; a priority it no longer covers is retired (a retired policy stays
 * retired: a priority covered again later is not measured under it). The response target has
 * no signal here (intake does not record the partner's first answer) and is not measured. A calendar
 * quality monitoring does not know is left out: the minutes count 24×7, and the policy's name says so.
 */
export function partnerPolicyCommands(
  signed: AgreementSignedV1,
  registry: PolicyRegistry,
  calendarKnown: (calendarId: string) => boolean,
): Array<Omit<PolicyRegistryCommand, 'metadata'>> {
  const { partnerId, agreementId, version, serviceStandards } = signed;
  const calendarId = serviceStandards.calendarId;
  const counted = calendarId && calendarKnown(calendarId) ? { calendarId } : {};
  const note = calendarId && !counted.calendarId ? ` (24×7: calendar ${calendarId} unknown)` : '';
  const covered = new Set<string>();
  const commands = serviceStandards.targets.flatMap((target): Array<Omit<PolicyRegistryCommand, 'metadata'>> => {
    const policyId = partnerPolicyId(partnerId, target.priority);
    covered.add(policyId);
    const existing = registry.policies.get(policyId);
    if (existing?.retired) return [];
    const terms = {
      kind: 'UC' as const,
      name: `UC of partner ${partnerId}, ${target.priority}: agreement ${agreementId} v${version}${note}`,
      match: { priorities: [target.priority] },
      targets: { [THIRD_PARTY_WAIT]: target.resolutionMinutes },
      partnerId,
      ...counted,
    };
    return [{ type: existing ? 'RevisePolicy' : 'DefinePolicy', data: { policyId, ...terms } }];
  });
  const dropped = [...registry.policies.values()].filter((p) => p.partnerId === partnerId && !p.retired && !covered.has(p.policyId));
  return [
    ...commands,
    ...dropped.map((p): Omit<PolicyRegistryCommand, 'metadata'> => ({
      type: 'RetirePolicy',
      data: { policyId: p.policyId, reason: `Agreement ${agreementId} v${version} no longer sets a standard for its priorities` },
    })),
  ];
}

/** Keeps each partner's signed service standards as its UC policies. */
@Injectable()
export class PartnerPolicyConsumer {
  constructor(private readonly commands: Commands) {}

  async handle(message: IntegrationMessage): Promise<void> {
    if (message.type !== AGREEMENT_SIGNED_V1.type) return;
    const [registry, calendars] = await Promise.all([
      this.commands.state(policyRegistries, POLICY_REGISTRY_ID),
      this.commands.state(calendarRegistries, CALENDAR_REGISTRY_ID),
    ]);
    const planned = partnerPolicyCommands(message.data as AgreementSignedV1, registry, (calendarId) => calendars.calendars.has(calendarId));
    for (const command of planned) {
      await this.commands.execute(policyRegistries, {
        ...command,
        metadata: metadataFor(message, POLICY_REGISTRY_STREAM, message.time, command.data.policyId),
      } as PolicyRegistryCommand);
    }
  }
}

export const partnerPolicyConsumer = (moduleRef: ModuleRef): ConsumerOptions => ({
  name: PARTNER_POLICIES_CONSUMER,
  topics: [PARTNER_TOPIC],
  contracts: [...PARTNER_CONTRACTS],
  handle: (message) => moduleRef.get(PartnerPolicyConsumer, { strict: false }).handle(message),
});
