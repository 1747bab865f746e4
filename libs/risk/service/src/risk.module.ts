import { Module } from '@nestjs/common';

/**
 * The risk service (K-1, K-2, K-3): the risk register with its identification rounds, assessments on a
 * versioned likelihood × impact matrix, responses checked by versioned rules, reviews on a cadence by level,
 * key risk indicators and early warnings.
 */
@Module({
  controllers: [],
  providers: [],
})
export class RiskModule {}
