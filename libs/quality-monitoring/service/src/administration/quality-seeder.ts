import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CLOCK, Decisions } from '@serviceledger/platform/nest';
import {
  CALENDAR_REGISTRY_STREAM,
  POLICY_REGISTRY_STREAM,
  calendarRegistry,
  policyRegistry,
} from '@serviceledger/quality-monitoring/domain';
import { SEED_CALENDAR, SEED_POLICIES } from './seed';

/**
 * Seeds an empty calendar registry and policy registry at start-up; nothing once either holds data.
 * The command ids are fixed, so two replicas seeding at once append the seed once.
 */
@Injectable()
export class QualitySeeder implements OnApplicationBootstrap {
  constructor(
    private readonly decisions: Decisions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const calendars = await this.decisions.state(CALENDAR_REGISTRY_STREAM, calendarRegistry);
    if (calendars.calendars.size === 0) {
      await this.decisions.decide(CALENDAR_REGISTRY_STREAM, calendarRegistry, {
        type: 'DefineCalendar',
        data: SEED_CALENDAR,
        metadata: this.metadata(`calendar:${SEED_CALENDAR.calendarId}`),
      });
    }
    const policies = await this.decisions.state(POLICY_REGISTRY_STREAM, policyRegistry);
    if (policies.policies.size === 0) {
      for (const policy of SEED_POLICIES) {
        await this.decisions.decide(POLICY_REGISTRY_STREAM, policyRegistry, {
          type: 'DefinePolicy',
          data: policy,
          metadata: this.metadata(`policy:${policy.policyId}`),
        });
      }
    }
  }

  private metadata(what: string): CommandMetadata {
    const commandId = commandIdFrom('quality-monitoring-seed', what);
    return {
      commandId,
      at: this.clock.now().toISOString(),
      actor: { userId: 'system:seed', roles: ['administrator'], departments: [] },
      correlationId: commandId,
    };
  }
}
