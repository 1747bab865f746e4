import { Module } from '@nestjs/common';
import { AssessmentController } from './assessment/assessment.controller';
import { BackTester } from './indicators/back-tester';
import { IndicatorConsumer } from './indicators/indicator-consumer';
import { IndicatorSeeder } from './indicators/indicator-seeder';
import { IndicatorsController } from './indicators/indicators.controller';
import { RegisterController } from './register/register.controller';
import { RegisterQueries } from './register/register-queries';
import { RiskSeeder } from './register/risk-seeder';
import { RiskUseCases } from './register/risk-use-cases';
import { ResponsesController } from './responses/responses.controller';
import { ReviewsController } from './reviews/reviews.controller';
import { RoundsController } from './rounds/rounds.controller';
import { RoundsService } from './rounds/rounds.service';
import { WarningQueries } from './warnings/warning-queries';
import { WarningUseCases } from './warnings/warning-use-cases';
import { WarningsController } from './warnings/warnings.controller';

/**
 * The risk service (K-1, K-2, K-3): the risk register with its identification rounds, assessments on a
 * versioned likelihood × impact matrix, responses checked by versioned rules, reviews on a cadence by level,
 * key risk indicators and early warnings.
 */
@Module({
  controllers: [RegisterController, AssessmentController, ResponsesController, ReviewsController, RoundsController, IndicatorsController, WarningsController],
  providers: [RegisterQueries, RiskUseCases, RiskSeeder, RoundsService, IndicatorConsumer, IndicatorSeeder, BackTester, WarningQueries, WarningUseCases],
})
export class RiskModule {}
