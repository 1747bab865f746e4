import { ModuleRef } from '@nestjs/core';
import { Actor, Clock, RuleViolation, assertContract, causedBy, commandIdFrom } from '@serviceledger/platform/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { CLOCK, Commands } from '@serviceledger/platform/nest';
import {
  CASE_ACCEPTANCE_PASSED_V1,
  CASE_CANCELLED_V1,
  CASE_OPENED_V1,
  SERVICE_DELIVERY_CASE_TOPIC,
  SERVICE_DELIVERY_CONTRACTS,
  isServiceDeliveryEvent,
} from '@serviceledger/service-delivery/contracts';
import { DemandCommand, deliveryCaseLinks, demands } from '@serviceledger/intake/domain';

export const DELIVERY_OUTCOME_CONSUMER = 'intake.delivery-outcome';

/** Who intake's own follow-on commands on a demand are recorded as. */
export const INTAKE_ACTOR: Actor = { userId: 'intake', roles: [], departments: [] };

/**
 * ADR 0008 the other way: what becomes of a demand intake released to delivery is service delivery's to
 * say, in its public case contracts.
 *
 * - `case.opened` names the demand the case delivers; the later events name only the case, so intake keeps
 *   the link (`intake.delivery-case-<caseId>`). One key (the case) keeps the case's messages in order, so
 *   the link is there before its acceptance or cancellation.
 * - `case.acceptance-passed` resolves the demand (P-5.1 客戶驗收; the SLA spec stops resolution at
 *   "acceptance passed"): staff cannot resolve a demand in delivery by hand.
 * - `case.cancelled` hands the demand back to intake, workable as before its release. A case cancelled
 *   because intake withdrew its demand finds the demand withdrawn, and leaves it so.
 *
 * Each command id derives from the message id, so a redelivered message (or a second replica) appends
 * nothing new; the inbox makes the common case a no-op anyway. A demand no longer in delivery (withdrawn
 * meanwhile) is left as it is.
 */
export function deliveryOutcome(moduleRef: ModuleRef): ConsumerOptions {
  const commands = moduleRef.get(Commands, { strict: false });
  const clock = moduleRef.get<Clock>(CLOCK, { strict: false });
  return {
    name: DELIVERY_OUTCOME_CONSUMER,
    topics: [SERVICE_DELIVERY_CASE_TOPIC],
    contracts: SERVICE_DELIVERY_CONTRACTS,
    async handle(message: IntegrationMessage) {
      const metadata = (step: string) =>
        causedBy(message, { commandId: commandIdFrom(message.id, step), at: clock.now().toISOString(), actor: INTAKE_ACTOR });
      if (isServiceDeliveryEvent(message, CASE_OPENED_V1)) {
        assertContract(CASE_OPENED_V1, message.data);
        const { caseId, demandId } = message.data;
        await commands.execute(deliveryCaseLinks, { type: 'LinkDeliveryCase', data: { caseId, demandId }, metadata: metadata('link-case') });
        return;
      }
      const outcome = outcomeOf(message);
      if (!outcome) return;
      const link = await commands.state(deliveryCaseLinks, outcome.caseId);
      // Service delivery's relay publishes every case's opening before its outcome (its catch-up included).
      if (!link) return;
      const demand = await commands.state(demands, link.demandId);
      if (demand?.status !== 'in-delivery') return;
      try {
        await commands.execute(demands, { ...outcome.command(link.demandId), metadata: metadata(outcome.step) } as DemandCommand);
      } catch (error) {
        // Withdrawn meanwhile: the demand is no longer in delivery, and that is fine.
        if (!(error instanceof RuleViolation && error.code === 'not-in-delivery')) throw error;
      }
    },
  };
}

type Outcome = {
  caseId: string;
  step: string;
  command(demandId: string): Pick<DemandCommand, 'type' | 'data'>;
};

function outcomeOf(message: IntegrationMessage): Outcome | undefined {
  if (isServiceDeliveryEvent(message, CASE_ACCEPTANCE_PASSED_V1)) {
    assertContract(CASE_ACCEPTANCE_PASSED_V1, message.data);
    const { caseId, round, acceptedAt } = message.data;
    return {
      caseId,
      step: 'resolve-demand',
      command: (demandId) => ({ type: 'ResolveOnAcceptance', data: { demandId, caseId, round, acceptedAt } }),
    };
  }
  if (isServiceDeliveryEvent(message, CASE_CANCELLED_V1)) {
    assertContract(CASE_CANCELLED_V1, message.data);
    const { caseId } = message.data;
    return { caseId, step: 'return-demand', command: (demandId) => ({ type: 'ReturnFromDelivery', data: { demandId, caseId } }) };
  }
  return undefined;
}
