import { Module } from '@nestjs/common';
import { AppraisalConsumer } from './appraisals/appraisal-consumer';
import { AppraisalQueries } from './appraisals/appraisal-queries';
import { AppraisalWorkflow } from './appraisals/appraisal-workflow';
import { AppraisalsController } from './appraisals/appraisals.controller';
import { OutcomeProposer } from './outcomes/outcome-proposer';
import { OutcomeWorkflow } from './outcomes/outcome-workflow';
import { OutcomesController } from './outcomes/outcomes.controller';
import { PromotionWorkflow } from './promotions/promotion-workflow';
import { PromotionsController } from './promotions/promotions.controller';
import { DevelopmentPlanQueries } from './careers/development-plan-queries';
import { DevelopmentPlansController } from './careers/development-plans.controller';
import { DevelopmentPlansService } from './careers/development-plans.service';
import { EmployeeQueries } from './employees/employee-queries';
import { EmployeesController } from './employees/employees.controller';
import { EmployeesService } from './employees/employees.service';
import { StaffRecords } from './employees/staff-records';
import { PostQueries } from './posts/post-queries';
import { PostsController } from './posts/posts.controller';
import { TrainingQueries } from './training/training-queries';
import { TrainingController } from './training/training.controller';
import { TrainingService } from './training/training.service';

/**
 * The hr-performance service (section 四 of the regulation): posts and their recruitment standards, employees and
 * their placements, onboarding and regular training, individual development plans (H-1.1, H-1.2, H-1.3, H-3.1);
 * appraisals, their outcomes and promotions (H-2, H-3.2).
 */
@Module({
  controllers: [PostsController, EmployeesController, TrainingController, DevelopmentPlansController, AppraisalsController, OutcomesController, PromotionsController],
  providers: [PostQueries, EmployeesService, EmployeeQueries, StaffRecords, TrainingService, TrainingQueries, DevelopmentPlansService, DevelopmentPlanQueries, AppraisalConsumer, AppraisalQueries, AppraisalWorkflow, OutcomeProposer, OutcomeWorkflow, PromotionWorkflow],
})
export class HrPerformanceModule {}
