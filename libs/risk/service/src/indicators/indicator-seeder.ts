import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Seed, Seeds } from '@serviceledger/platform/nest';
import { INDICATOR_REGISTRY_ID, IndicatorCommand, IndicatorEvent, IndicatorRegistry, indicatorRegistries } from '@serviceledger/risk/domain';
import { SEED_INDICATORS } from './indicator-seeds';

/**
 * Defines each shipped indicator at start-up while the registry does not have it, under a fixed command id
 * (one seed per indicator: a start interrupted between two sows the rest next time).
 */
@Injectable()
export class IndicatorSeeder implements OnApplicationBootstrap {
  constructor(private readonly seeds: Seeds) {}

  onApplicationBootstrap(): Promise<void> {
    return this.seeds.sow(
      'risk',
      SEED_INDICATORS.map(
        (definition): Seed<IndicatorCommand, IndicatorEvent, IndicatorRegistry> => ({
          aggregate: indicatorRegistries,
          id: INDICATOR_REGISTRY_ID,
          isEmpty: (registry) => !registry.indicators[definition.indicatorId],
          commands: [{ key: `indicator:${definition.indicatorId}:1`, command: { type: 'DefineIndicator', data: definition } }],
        }),
      ),
    );
  }
}
