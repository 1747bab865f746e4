import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Seed, Seeds } from '@serviceledger/platform/nest';
import {
  AfterSalesMeasureRulesRevised,
  AfterSalesMeasureRulesState,
  DEFAULT_MEASURE_RULES,
  MEASURE_RULES_ID,
  ReviseAfterSalesMeasureRules,
  afterSalesMeasureRules,
} from '@serviceledger/service-delivery/domain';

/** Version 1 of the measure rules, so problems are classified before anyone revises them; never once they exist. */
export const MEASURE_RULES_SEED: Seed<ReviseAfterSalesMeasureRules, AfterSalesMeasureRulesRevised, AfterSalesMeasureRulesState> = {
  aggregate: afterSalesMeasureRules,
  id: MEASURE_RULES_ID,
  isEmpty: (rules) => rules === null,
  commands: [{ key: `measure-rules:${MEASURE_RULES_ID}`, command: { type: 'ReviseAfterSalesMeasureRules', data: { rulesId: MEASURE_RULES_ID, byNature: DEFAULT_MEASURE_RULES } } }],
};

@Injectable()
export class MeasureRulesSeeder implements OnApplicationBootstrap {
  constructor(private readonly seeds: Seeds) {}

  onApplicationBootstrap(): Promise<void> {
    return this.seeds.sow('service-delivery', [MEASURE_RULES_SEED]);
  }
}
