import { Injectable } from '@nestjs/common';
import { CommandMetadata, NotFoundError, RuleViolation } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { developmentPlans, employees, localDate } from '@serviceledger/hr-performance/domain';
import { DevelopmentPlanDto } from './development-plan.dto';

/** Development plans (H-3.1) of employees on the record, in their current department, dated in the company's time zone. */
@Injectable()
export class DevelopmentPlansService {
  constructor(private readonly commands: Commands) {}

  async record(employeeId: string, dto: DevelopmentPlanDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const record = await this.commands.state(employees, employeeId);
    if (!record) throw new NotFoundError('Employee', employeeId);
    if (record.leftOn) throw new RuleViolation('employee-left', `${employeeId} left on ${record.leftOn}`);
    return this.commands.execute(developmentPlans, {
      type: 'RecordDevelopmentPlan',
      data: { employeeId, departmentId: record.departmentId, ...dto, today: localDate(metadata.at) },
      metadata,
    });
  }

  review(employeeId: string, notes: string, metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(developmentPlans, { type: 'ReviewDevelopmentPlan', data: { employeeId, notes, today: localDate(metadata.at) }, metadata });
  }
}
