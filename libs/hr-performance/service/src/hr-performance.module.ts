import { Module } from '@nestjs/common';

/**
 * The hr-performance service (section 四 of the regulation): posts and their recruitment standards, employees and
 * their placements, onboarding and regular training, individual development plans (H-1.1, H-1.2, H-1.3, H-3.1);
 * appraisals, their outcomes and promotions (H-2, H-3.2).
 */
@Module({
  controllers: [],
  providers: [],
})
export class HrPerformanceModule {}
