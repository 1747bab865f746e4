import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { IntegrationMessage, ConsumerOptions } from '@serviceledger/platform/messaging';
import { Commands } from '@serviceledger/platform/nest';
import { INTAKE_CONTRACTS, INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { SERVICE_DELIVERY_CASE_TOPIC, SERVICE_DELIVERY_CONTRACTS } from '@serviceledger/service-delivery/contracts';
import { POLICY_REGISTRY_ID, activePolicies, policyRegistries } from '@serviceledger/quality-monitoring/domain';
import { CalendarBook } from '../calendars/calendar-book';
import { ClockDriver, ClockRules } from './clock-driver';

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

  handle(message: IntegrationMessage): Promise<void> {
    return this.driver.handle(message);
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
