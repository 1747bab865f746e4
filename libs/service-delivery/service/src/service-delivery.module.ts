import { Module } from '@nestjs/common';
import { AfterSalesController } from './cases/after-sales.controller';
import { AfterSalesWork } from './cases/after-sales-work';
import { CaseAccess } from './cases/case-access';
import { CaseWork } from './cases/case-work';
import { CasesController } from './cases/cases.controller';
import { MeasureRulesController } from './cases/measure-rules.controller';
import { MeasureRulesSeeder } from './cases/measure-rules-seeder';
import { MeetingCadenceController } from './cases/meeting-cadence.controller';
import { MeetingWork } from './cases/meeting-work';
import { CaseQueries } from './queries/case-queries';
import { CaseQueriesController } from './queries/case-queries.controller';
import { MeetingQueries } from './queries/meeting-queries';
import { MeetingQueriesController } from './queries/meeting-queries.controller';
import { StandardSeeder } from './standards/standard-seeder';
import { StandardsFollowed } from './standards/standards-followed';
import { TechnicalStandardsController } from './standards/technical-standards.controller';
import { SatisfactionSurveysController } from './surveys/satisfaction-surveys.controller';
import { SurveySeeder } from './surveys/survey-seeder';

/** The service-delivery service (P-3.1 … P-6.3, C-1.1, C-2.1, C-2.2): plans, teams, delivery, acceptance, after-sales, satisfaction surveys. */
@Module({
  controllers: [CasesController, AfterSalesController, CaseQueriesController, MeetingQueriesController, MeetingCadenceController, SatisfactionSurveysController, TechnicalStandardsController, MeasureRulesController],
  providers: [CaseAccess, CaseWork, AfterSalesWork, MeetingWork, CaseQueries, MeetingQueries, SurveySeeder, StandardsFollowed, StandardSeeder, MeasureRulesSeeder],
})
export class ServiceDeliveryModule {}
