import { Module } from '@nestjs/common';
import { CalendarsController } from './administration/calendars.controller';
import { IcsBodyParser } from './administration/ics-body-parser';
import { PoliciesController } from './administration/policies.controller';
import { QualitySeeder } from './administration/quality-seeder';
import { CalendarBook } from './calendars/calendar-book';
import { CaseDirectory } from './cases/case-directory';
import { ChecksController } from './checks/checks.controller';
import { DeliveryStandardConsumer } from './checks/delivery-standard-consumer';
import { ClockConsumer } from './clocks/clock-consumer';
import { ClockQueries } from './clocks/clock-queries';
import { ClocksController } from './clocks/clocks.controller';
import { FindingQueries } from './findings/finding-queries';
import { FindingsController } from './findings/findings.controller';
import { FindingsService } from './findings/findings.service';
import { AttributionConsumer } from './improvement/attribution-consumer';
import { ImprovementMeasuresController } from './improvement/improvement-measures.controller';
import { ImprovementMeasuresService } from './improvement/improvement-measures.service';
import { ImprovementQueries } from './improvement/improvement-queries';
import { PerformanceFactConsumer } from './periods/performance-fact-consumer';
import { PeriodEvaluator } from './periods/period-evaluator';
import { PeriodsController } from './periods/periods.controller';
import { PartnerPolicyConsumer } from './administration/partner-policies';

/**
 * The quality-monitoring service (Q-1.1, Q-2.1, Q-3, C-2.3): business calendars, SLA policies, SLA clocks and
 * breaches, daily checks against versioned checklists, findings with their rectification and re-checks.
 */
@Module({
  controllers: [CalendarsController, PoliciesController, ClocksController, ChecksController, FindingsController, PeriodsController, ImprovementMeasuresController],
  providers: [CalendarBook, CaseDirectory, ClockConsumer, ClockQueries, FindingsService, FindingQueries, QualitySeeder, IcsBodyParser, PerformanceFactConsumer, PeriodEvaluator, DeliveryStandardConsumer, AttributionConsumer, ImprovementMeasuresService, ImprovementQueries, PartnerPolicyConsumer],
})
export class QualityMonitoringModule {}
