import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, seedMetadata } from '@serviceledger/platform/core';
import { CLOCK, Decisions } from '@serviceledger/platform/nest';
import {
  CALENDAR_REGISTRY_STREAM,
  POLICY_REGISTRY_STREAM,
  calendarRegistry,
  policyRegistry,
  scoringScheme,
  scoringSchemeStream,
} from '@serviceledger/quality-monitoring/domain';
import { SEED_CALENDAR, SEED_POLICIES, SEED_SCORING_SCHEME } from './seed';

/**
 * Seeds an empty calendar registry, policy registry and official scoring scheme at start-up; nothing once
 * each holds data, so a fresh install scores and closes periods before anyone defines a scheme.
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
        metadata: seedMetadata('quality-monitoring', `calendar:${SEED_CALENDAR.calendarId}`, this.clock.now()),
      });
    }
    const policies = await this.decisions.state(POLICY_REGISTRY_STREAM, policyRegistry);
    if (policies.policies.size === 0) {
      for (const policy of SEED_POLICIES) {
        await this.decisions.decide(POLICY_REGISTRY_STREAM, policyRegistry, {
          type: 'DefinePolicy',
          data: policy,
          metadata: seedMetadata('quality-monitoring', `policy:${policy.policyId}`, this.clock.now()),
        });
      }
    }
    const schemeStream = scoringSchemeStream(SEED_SCORING_SCHEME.schemeId);
    if (!(await this.decisions.state(schemeStream, scoringScheme))) {
      await this.decisions.decide(schemeStream, scoringScheme, {
        type: 'DefineScoringScheme',
        data: SEED_SCORING_SCHEME,
        metadata: seedMetadata('quality-monitoring', `scoring-scheme:${SEED_SCORING_SCHEME.schemeId}`, this.clock.now()),
      });
    }
  }
}
