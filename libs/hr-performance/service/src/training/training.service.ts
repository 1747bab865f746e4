import { Injectable } from '@nestjs/common';
import { CommandMetadata, RuleViolation, commandIdFrom, followOn } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { Attendee, OnboardingTopic, PlanItemRef, TrainingSession, employees, localDate, trainingPlanId, trainingPlans, trainingSessions } from '@serviceledger/hr-performance/domain';
import { AttendanceDto, ScheduleSessionDto, TrainingResultDto } from './training.dto';

/**
 * Training sessions (H-1.2, H-1.3): a regular session delivers its department's planned training of the
 * year when the plan lists it; attendance names employees on the record, with their department; a passed
 * assessment of an onboarding session also completes that topic of the employee's onboarding.
 */
@Injectable()
export class TrainingService {
  constructor(private readonly commands: Commands) {}

  async schedule(dto: ScheduleSessionDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    // The session's id derives from the command id, so a retried request schedules one session.
    const sessionId = commandIdFrom('hr-performance-training-session', metadata.commandId);
    const planItem = dto.kind === 'onboarding' ? undefined : await this.planItem(dto.departmentId, Number(dto.heldOn.slice(0, 4)), dto.trainingId);
    const { trainingId, kind, title, departmentId, heldOn, trainer } = dto;
    return this.commands.execute(trainingSessions, {
      type: 'ScheduleTrainingSession',
      data: { sessionId, trainingId, kind, ...(dto.kind === 'onboarding' ? { topic: dto.topic } : {}), title, departmentId, heldOn, trainer, ...(planItem ? { planItem } : {}) },
      metadata,
    });
  }

  async attendance(sessionId: string, dto: AttendanceDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const attendees: Attendee[] = [];
    for (const { employeeId, attended } of dto.attendees) {
      const record = await this.commands.state(employees, employeeId);
      if (!record) throw new RuleViolation('unknown-employee', `${employeeId} is not on the staff record`);
      if (record.leftOn) throw new RuleViolation('employee-left', `${employeeId} left on ${record.leftOn}`);
      attendees.push({ employeeId, departmentId: record.departmentId, attended });
    }
    return this.commands.execute(trainingSessions, { type: 'RecordAttendance', data: { sessionId, today: localDate(metadata.at), attendees }, metadata });
  }

  async result(sessionId: string, dto: TrainingResultDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const today = localDate(metadata.at);
    const decided = await this.commands.decide(trainingSessions, {
      type: 'RecordTrainingResult',
      data: { sessionId, employeeId: dto.employeeId, passed: dto.passed, score: dto.score ?? null, today },
      metadata,
    });
    const session = decided.state as TrainingSession;
    const completed = session.results.find((r) => r.employeeId === dto.employeeId);
    if (session.kind !== 'onboarding' || !completed?.passed) return { id: sessionId, checkpoint: decided.checkpoint };
    const onboarding = await this.commands.execute(employees, {
      type: 'RecordOnboardingTopicCompleted',
      data: { employeeId: dto.employeeId, topic: session.topic as OnboardingTopic, completedOn: completed.recordedOn, sessionId },
      metadata: followOn(metadata, `onboarding-${dto.employeeId}`),
    });
    return { id: sessionId, checkpoint: onboarding.checkpoint ?? decided.checkpoint };
  }

  private async planItem(departmentId: string, year: number, trainingId: string): Promise<PlanItemRef | undefined> {
    const plan = await this.commands.state(trainingPlans, trainingPlanId(departmentId, year));
    return plan?.items.some((item) => item.trainingId === trainingId) ? { departmentId, year, trainingId } : undefined;
  }
}
