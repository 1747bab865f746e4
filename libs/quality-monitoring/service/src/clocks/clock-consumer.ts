import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { IntegrationMessage, ConsumerOptions } from '@serviceledger/platform/messaging';
import { Commands } from '@serviceledger/platform/nest';
import { INTAKE_CONTRACTS, INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { SERVICE_DELIVERY_CASE_TOPIC, SERVICE_DELIVERY_CONTRACTS } from '@serviceledger/service-delivery/contracts';
import {
  POLICY_REGISTRY_ID,
  SlaClock,
  acceptanceItemCaseId,
  activePolicies,
  clockIdFor,
  deliveryCaseLinks,
  policyRegistries,
  slaClocks,
  trackedCases,
} from '@serviceledger/quality-monitoring/domain';
import { CalendarBook } from '../calendars/calendar-book';
import { planAcceptanceRectification, rectificationCaseIdOf, rectificationItemIdsOf } from './acceptance-rectification-planner';
import { ClockDriver, ClockRules } from './clock-driver';
import { PlannedCommand } from './clock-planner';

export const CLOCK_CONSUMER = 'quality-monitoring.clocks';

/** Drives the clocks on the service's own store, under the registry's active policies and calendars. */
@Injectable()
export class ClockConsumer {
  private readonly driver: ClockDriver;

  constructor(
    private readonly commands: Commands,
    private readonly calendars: CalendarBook,
  ) {
    this.driver = new ClockDriver(commands, () => this.rules());
  }

  async handle(message: IntegrationMessage): Promise<void> {
    await this.driver.handle(message);
    await this.rectification(message);
  }

  /** Acceptance rectification items' deadlines (acceptance-rectification-planner.ts): the live service's only, not replayed. */
  private async rectification(message: IntegrationMessage): Promise<void> {
    const deliveryCaseId = rectificationCaseIdOf(message);
    if (!deliveryCaseId) return;
    const link = await this.commands.state(deliveryCaseLinks, deliveryCaseId);
    if (!link) return;
    const demandDepartmentId = link.departmentId ? undefined : (await this.commands.state(trackedCases, link.demandId))?.departmentId;
    const clocks: Record<string, SlaClock> = {};
    for (const itemId of rectificationItemIdsOf(message, link)) {
      const clock = await this.commands.state(slaClocks, clockIdFor(acceptanceItemCaseId(deliveryCaseId, itemId), 'rectification-deadline'));
      if (clock) clocks[itemId] = clock;
    }
    for (const planned of planAcceptanceRectification(message, { link, ...(demandDepartmentId ? { demandDepartmentId } : {}), clocks })) await this.send(planned);
  }

  private async send(planned: PlannedCommand): Promise<void> {
    if (planned.kind === 'case') await this.commands.execute(trackedCases, planned.command);
    else if (planned.kind === 'link') await this.commands.execute(deliveryCaseLinks, planned.command);
    else await this.commands.execute(slaClocks, planned.command);
  }

  private async rules(): Promise<ClockRules> {
    const [registry, calendars] = await Promise.all([this.commands.state(policyRegistries, POLICY_REGISTRY_ID), this.calendars.view()]);
    return { policies: activePolicies(registry), calendarAt: calendars.at, currentCalendar: calendars.current };
  }
}

/**
 * The consumer of intake's demand topic and service-delivery's case topic: each message once (inbox), its
 * clock commands idempotent by id.
 */
export const clockConsumer = (moduleRef: ModuleRef): ConsumerOptions => ({
  name: CLOCK_CONSUMER,
  topics: [INTAKE_DEMAND_TOPIC, SERVICE_DELIVERY_CASE_TOPIC],
  contracts: [...INTAKE_CONTRACTS, ...SERVICE_DELIVERY_CONTRACTS],
  handle: (message) => moduleRef.get(ClockConsumer, { strict: false }).handle(message),
});
