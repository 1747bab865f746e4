import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PLATFORM_CONFIG, PlatformConfig, Seed, Seeds } from '@serviceledger/platform/nest';
import {
  CALENDAR_REGISTRY_ID,
  CalendarRegistry,
  CalendarRegistryCommand,
  CalendarRegistryEvent,
  POLICY_REGISTRY_ID,
  PolicyRegistry,
  PolicyRegistryCommand,
  PolicyRegistryEvent,
  ScoringSchemeCommand,
  ScoringSchemeEvent,
  ScoringSchemeState,
  calendarRegistries,
  policyRegistries,
  scoringSchemes,
} from '@serviceledger/quality-monitoring/domain';
import { SEED_CALENDAR, SEED_POLICIES, SEED_SCORING_SCHEME } from './seed';

const calendarSeed: Seed<CalendarRegistryCommand, CalendarRegistryEvent, CalendarRegistry> = {
  aggregate: calendarRegistries,
  id: CALENDAR_REGISTRY_ID,
  isEmpty: (registry) => registry.calendars.size === 0,
  commands: [{ key: `calendar:${SEED_CALENDAR.calendarId}`, command: { type: 'DefineCalendar', data: SEED_CALENDAR } }],
};

const policySeed: Seed<PolicyRegistryCommand, PolicyRegistryEvent, PolicyRegistry> = {
  aggregate: policyRegistries,
  id: POLICY_REGISTRY_ID,
  isEmpty: (registry) => registry.policies.size === 0,
  commands: SEED_POLICIES.map((policy) => ({ key: `policy:${policy.policyId}`, command: { type: 'DefinePolicy', data: policy } })),
};

/** The official scheme, held to the installation's satisfaction floor (G-1) as any scheme a monitor defines. */
const scoringSchemeSeed = (satisfactionFloorPercent: number): Seed<ScoringSchemeCommand, ScoringSchemeEvent, ScoringSchemeState> => ({
  aggregate: scoringSchemes,
  id: SEED_SCORING_SCHEME.schemeId,
  isEmpty: (scheme) => scheme === null,
  commands: [
    {
      key: `scoring-scheme:${SEED_SCORING_SCHEME.schemeId}`,
      command: { type: 'DefineScoringScheme', data: { ...SEED_SCORING_SCHEME, satisfactionFloorPercent } },
    },
  ],
});

/**
 * Seeds an empty calendar registry, policy registry and official scoring scheme at start-up; nothing once
 * each holds data, so a fresh install scores and closes periods before anyone defines a scheme.
 */
@Injectable()
export class QualitySeeder implements OnApplicationBootstrap {
  constructor(
    private readonly seeds: Seeds,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.seeds.sow('quality-monitoring', [calendarSeed, policySeed, scoringSchemeSeed(this.config.QUALITY_SATISFACTION_FLOOR_PERCENT)]);
  }
}
