import { ModuleRef } from '@nestjs/core';
import { Clock, RuleViolation, assertContract, causedBy, commandIdFrom } from '@serviceledger/platform/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { CLOCK, Commands, PLATFORM_CONFIG, PlatformConfig } from '@serviceledger/platform/nest';
import {
  DEMAND_RELEASED_TO_DELIVERY_V1,
  DEMAND_RELEASED_TO_DELIVERY_V2,
  DEMAND_RELEASED_TO_DELIVERY_V3,
  DEMAND_WITHDRAWN_V1,
  DEMAND_WITHDRAWN_V2,
  INTAKE_CONTRACTS,
  INTAKE_DEMAND_TOPIC,
  isIntakeEvent,
} from '@serviceledger/intake/contracts';
import { ACCEPTED_STATUSES, DepartmentResponsibility, ServiceCaseEvent, serviceCases, servicePlans } from '@serviceledger/service-delivery/domain';
import { SERVICE_DELIVERY_ACTOR, caseIdFor } from '../configuration';
import { streamView } from '../stream-view';

/** When the case's plan is due, as its opening set it: the case state keeps no copy. */
const planDueAtOf = streamView(serviceCases, {
  initialState: (): string | undefined => undefined,
  evolve: (dueAt: string | undefined, event: ServiceCaseEvent) => (event.type === 'ServiceCaseOpened' ? event.data.planDueAt : dueAt),
});

export const INTAKE_HAND_OFF_CONSUMER = 'service-delivery.intake-hand-off';

/**
 * ADR 0008: service-delivery opens a case from intake's `demand.released-to-delivery`, and cancels it
 * on `demand.withdrawn`. It reads intake's contracts only. The case id derives from the demand id and
 * each command id from the message id, so a redelivered message (or a second replica) appends nothing
 * new; the inbox makes the common case a no-op anyway. The consumer checks each message against its
 * contract before this runs; the hand-off checks again what it acts on, so that a release without its
 * reference, customer or department can never open a case, even if that check were bypassed.
 *
 * Intake publishes version 3 of the release and version 2 of the withdrawal only, without staff text
 * the departments that took on responsibilities, not what each took on; no reason for a
 * withdrawal. Delivery does without them: the case needs the departments and the lead, which it has, and
 * the text is on the demand in intake for whoever reads it there with their own rights. Versions 1 and 2
 * still arrive from messages published before, and open the case as they did.
 */
export function intakeHandOff(moduleRef: ModuleRef): ConsumerOptions {
  const commands = moduleRef.get(Commands, { strict: false });
  const clock = moduleRef.get<Clock>(CLOCK, { strict: false });
  const config = moduleRef.get<PlatformConfig>(PLATFORM_CONFIG, { strict: false });
  return {
    name: INTAKE_HAND_OFF_CONSUMER,
    topics: [INTAKE_DEMAND_TOPIC],
    contracts: INTAKE_CONTRACTS,
    async handle(message: IntegrationMessage) {
      const at = clock.now().toISOString();
      const metadata = (step: string) => causedBy(message, { commandId: commandIdFrom(message.id, step), at, actor: SERVICE_DELIVERY_ACTOR });
      // Version 2 named the departments involved and carried the releases version 1 could not (P-2.2); both
      // came for the others (ADR 0012): whichever arrives first opens the case, the other finds it open.
      if (
        isIntakeEvent(message, DEMAND_RELEASED_TO_DELIVERY_V3) ||
        isIntakeEvent(message, DEMAND_RELEASED_TO_DELIVERY_V2) ||
        isIntakeEvent(message, DEMAND_RELEASED_TO_DELIVERY_V1)
      ) {
        const contract = [DEMAND_RELEASED_TO_DELIVERY_V3, DEMAND_RELEASED_TO_DELIVERY_V2, DEMAND_RELEASED_TO_DELIVERY_V1].find((c) => c.type === message.type)!;
        assertContract(contract, message.data);
        const d = message.data;
        // Versions 1 and 2 carry what each department took on, version 3 only which departments did.
        const agreed = d as { responsibilities?: DepartmentResponsibility[]; responsibleDepartmentIds?: string[] };
        const responsibilities = agreed.responsibilities ?? agreed.responsibleDepartmentIds?.map((departmentId) => ({ departmentId }));
        const caseId = caseIdFor(d.demandId);
        const open = {
          type: 'OpenServiceCase' as const,
          data: {
            caseId,
            demandId: d.demandId,
            reference: d.reference,
            customerId: d.customerId,
            departmentId: d.departmentId,
            ownerId: d.ownerId,
            complexity: d.complexity,
            ...('departmentIds' in d ? { departmentIds: d.departmentIds } : {}),
            ...(d.leadDepartmentId ? { leadDepartmentId: d.leadDepartmentId } : {}),
            ...(responsibilities ? { responsibilities } : {}),
            planDraftingHours: config.DELIVERY_PLAN_DRAFTING_HOURS,
            progressReportIntervalHours: config.DELIVERY_PROGRESS_REPORT_INTERVAL_HOURS,
            followUpVisitOffsetsDays: config.DELIVERY_FOLLOW_UP_DAYS.split(',').map(Number),
          },
          metadata: metadata('open-case'),
        };
        try {
          await commands.execute(serviceCases, open);
        } catch (error) {
          // The same release published again under another id (a replayed topic): the case is open already.
          if (!(error instanceof RuleViolation && error.code === 'case-already-open')) throw error;
        }
        // Policy ServiceCaseOpened → OpenServicePlan, in the same handling: a failure retries the message,
        // and a case whose plan is missing (a crash between the two) gets it on the redelivery.
        const state = await commands.state(serviceCases, caseId);
        const plan = await commands.state(servicePlans, caseId);
        if (!state || plan) return;
        const planDueAt = await commands.state(planDueAtOf, caseId);
        if (!planDueAt) return;
        await commands.execute(servicePlans, {
          type: 'OpenServicePlan',
          data: {
            caseId,
            reference: state.reference,
            departmentId: state.responsibleDepartmentId,
            complexity: state.complexity,
            draftingDueAt: planDueAt,
          },
          metadata: metadata('open-plan'),
        });
        return;
      }
      if (isIntakeEvent(message, DEMAND_WITHDRAWN_V2) || isIntakeEvent(message, DEMAND_WITHDRAWN_V1)) {
        assertContract(message.type === DEMAND_WITHDRAWN_V2.type ? DEMAND_WITHDRAWN_V2 : DEMAND_WITHDRAWN_V1, message.data);
        const caseId = caseIdFor(message.data.demandId);
        const state = await commands.state(serviceCases, caseId);
        // No case (withdrawn before delivery), already ended, or accepted (closed, not cancelled): nothing to stop.
        if (!state || state.status === 'closed' || state.status === 'cancelled' || ACCEPTED_STATUSES.includes(state.status)) return;
        try {
          await commands.execute(serviceCases, {
            type: 'CancelServiceCase',
            // Why stays in intake: it is staff text on the customer's demand.
            data: { caseId, reason: 'Demand withdrawn in intake' },
            metadata: metadata('cancel-case'),
          });
        } catch (error) {
          // A concurrent acceptance or closure won the race: the case is no longer cancellable, and that is fine.
          if (!(error instanceof RuleViolation)) throw error;
        }
      }
    },
  };
}
