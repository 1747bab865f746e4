import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { IntegrationMessage, ConsumerOptions } from '@serviceledger/platform/messaging';
import { Decisions } from '@serviceledger/platform/nest';
import { INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { SERVICE_DELIVERY_CASE_TOPIC } from '@serviceledger/service-delivery/contracts';
import {
  Metric,
  POLICY_REGISTRY_STREAM,
  SlaClock,
  activePolicies,
  clockIdFor,
  clockStream,
  deliveryCaseLink,
  deliveryCaseStream,
  policyRegistry,
  slaClock,
  trackedCase,
  trackedCaseStream,
} from '@serviceledger/quality-monitoring/domain';
import { CalendarBook } from '../calendars/calendar-book';
import { CASE_METRICS, CaseSnapshot, PlannedCommand, caseIdOf, deliveryCaseIdOf, demandIdOfDelivery, planClockCommands } from './clock-planner';

export const CLOCK_CONSUMER = 'quality-monitoring.clocks';

/** Reads what a message's plan needs (the case, its clocks, the policies, the calendars) and sends the plan. */
@Injectable()
export class ClockConsumer {
  constructor(
    private readonly decisions: Decisions,
    private readonly calendars: CalendarBook,
  ) {}

  async handle(message: IntegrationMessage): Promise<void> {
    const deliveryCaseId = deliveryCaseIdOf(message);
    if (deliveryCaseId) return this.handleDelivery(message, deliveryCaseId);
    const caseId = caseIdOf(message);
    if (!caseId) return;
    await this.send(planClockCommands(message, await this.snapshot(caseId)));
  }

  /** A service-delivery case event: its clocks are those of the demand the case delivers. */
  private async handleDelivery(message: IntegrationMessage, deliveryCaseId: string): Promise<void> {
    const demandId =
      demandIdOfDelivery(message) ?? (await this.decisions.state(deliveryCaseStream(deliveryCaseId), deliveryCaseLink))?.demandId;
    // Before its case.opened the case delivers no known demand: nothing to drive.
    if (!demandId) return;
    const snapshot = await this.snapshot(demandId);
    const nextUpdateClocks: SlaClock[] = [];
    for (let cycle = 1; ; cycle++) {
      const clock = await this.decisions.state(clockStream(clockIdFor(demandId, 'next-update', cycle)), slaClock);
      if (!clock) break;
      nextUpdateClocks.push(clock);
    }
    await this.send(planClockCommands(message, { ...snapshot, nextUpdateClocks, deliveryCase: { deliveryCaseId, demandId } }));
  }

  private async send(plan: PlannedCommand[]): Promise<void> {
    for (const planned of plan) {
      if (planned.kind === 'case') await this.decisions.decide(planned.stream, trackedCase, planned.command);
      else if (planned.kind === 'link') await this.decisions.decide(planned.stream, deliveryCaseLink, planned.command);
      else await this.decisions.decide(planned.stream, slaClock, planned.command);
    }
  }

  private async snapshot(caseId: string): Promise<CaseSnapshot> {
    const [known, registry, calendars] = await Promise.all([
      this.decisions.state(trackedCaseStream(caseId), trackedCase),
      this.decisions.state(POLICY_REGISTRY_STREAM, policyRegistry),
      this.calendars.view(),
    ]);
    const clocks: Partial<Record<Metric, SlaClock>> = {};
    for (const metric of CASE_METRICS) {
      const clock = await this.decisions.state(clockStream(clockIdFor(caseId, metric)), slaClock);
      if (clock) clocks[metric] = clock;
    }
    return {
      trackedCase: known,
      clocks,
      policies: activePolicies(registry),
      calendarAt: calendars.at,
      currentCalendar: calendars.current,
    };
  }
}

/**
 * The consumer of intake's demand topic and service-delivery's case topic: each message once (inbox), its
 * clock commands idempotent by id.
 */
export const clockConsumer = (moduleRef: ModuleRef): ConsumerOptions => ({
  name: CLOCK_CONSUMER,
  topics: [INTAKE_DEMAND_TOPIC, SERVICE_DELIVERY_CASE_TOPIC],
  handle: (message) => moduleRef.get(ClockConsumer, { strict: false }).handle(message),
});
