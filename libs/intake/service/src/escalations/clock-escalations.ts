import { ModuleRef } from '@nestjs/core';
import { Clock, assertContract, causedBy, commandIdFrom } from '@serviceledger/platform/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { CLOCK, Commands } from '@serviceledger/platform/nest';
import { CLOCK_ESCALATED_V1, ClockEscalatedV1, QUALITY_CLOCK_TOPIC, QUALITY_MONITORING_CONTRACTS } from '@serviceledger/quality-monitoring/contracts';
import { demands } from '@serviceledger/intake/domain';
import { INTAKE_ACTOR } from '../delivery/delivery-outcome';

export const CLOCK_ESCALATIONS_CONSUMER = 'intake.clock-escalations';

/**
 * SLA escalation (sla-and-metrics.md, "Warning, breach, escalation"): quality monitoring says when a step of
 * the policy a clock runs under falls due (`clock.escalated.v1`); intake honours it on the demand
 * (`EscalateDemand`, demand-escalation.ts): raise-priority raises a triaged demand's priority, published as a
 * revision of its triage so that quality monitoring re-targets the clocks; notify-department-head and
 * add-observer are recorded on the demand's internal timeline, naming whom. There is no messaging system to
 * send notices: nobody is notified by this consumer, and the entry says so, for staff to tell the person.
 *
 * Only a demand's clocks concern intake: the contract's `caseId` is the demand id for intake's demands and
 * complaints; a clock of another case (an after-sales problem, a finding's rectification) names no demand
 * intake knows, and is left alone, as is a rectification deadline, which measures the rectification, not
 * the demand. A raise published as demand.triaged comes back as re-targeted clocks, never as the same step
 * again (a clock raises each step once per target), and a demand at P1 keeps its priority and publishes
 * nothing: no escalation loops.
 *
 * The command id derives from the message id, so a redelivered message (or a second replica) appends
 * nothing new; the inbox makes the common case a no-op anyway.
 */
export function clockEscalations(moduleRef: ModuleRef): ConsumerOptions {
  const commands = moduleRef.get(Commands, { strict: false });
  const clock = moduleRef.get<Clock>(CLOCK, { strict: false });
  return {
    name: CLOCK_ESCALATIONS_CONSUMER,
    topics: [QUALITY_CLOCK_TOPIC],
    contracts: QUALITY_MONITORING_CONTRACTS,
    async handle(message: IntegrationMessage) {
      if (message.type !== CLOCK_ESCALATED_V1.type) return;
      assertContract(CLOCK_ESCALATED_V1, message.data);
      const { caseId, clockId, metric, step, dueAt } = message.data as ClockEscalatedV1;
      if (metric === 'rectification-deadline') return;
      if (!(await commands.state(demands, caseId))) return;
      await commands.execute(demands, {
        type: 'EscalateDemand',
        data: {
          demandId: caseId,
          action: step.action,
          ...(step.levels !== undefined ? { levels: step.levels } : {}),
          ...(step.observerId !== undefined ? { observerId: step.observerId } : {}),
          source: { clockId, metric, offsetMinutes: step.offsetMinutes, dueAt },
        },
        metadata: causedBy(message, { commandId: commandIdFrom(message.id, 'escalate-demand'), at: clock.now().toISOString(), actor: INTAKE_ACTOR }),
      });
    },
  };
}
