import { Injectable } from '@nestjs/common';
import { CommandMetadata, RuleViolation, followOn } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { LeavingReason, Post, PostSnapshot, ProgrammeSnapshot, developmentPlans, employees, posts } from '@serviceledger/hr-performance/domain';
import { HireEmployeeDto, PlacementDto } from './employee.dto';

/**
 * Hiring, placing, leaving and erasure (H-1.1, H-1.2): each reads the post it places into (its department,
 * track, recruitment standards in force and onboarding programme) before deciding; leaving closes the development plan (H-3.1) and
 * erasure erases its folded copies too. Follow-on commands take ids derived from the request's, so a
 * retried request completes what a failure interrupted without repeating anything.
 */
@Injectable()
export class EmployeesService {
  constructor(private readonly commands: Commands) {}

  async hire(dto: HireEmployeeDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const post = await this.post(dto.postId);
    const { employeeId, name, level, hiredOn, assessment } = dto;
    const standardsVersion = post.standards.at(-1)?.version ?? 0;
    return this.commands.execute(employees, {
      type: 'HireEmployee',
      data: { employeeId, name, level, hiredOn, post: snapshot(post), standardsVersion, assessment: { ...assessment }, programme: programme(post) },
      metadata,
    });
  }

  async place(employeeId: string, dto: PlacementDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const post = await this.post(dto.postId);
    return this.commands.execute(employees, { type: 'PlaceEmployee', data: { employeeId, level: dto.level, from: dto.from, post: snapshot(post) }, metadata });
  }

  async leave(employeeId: string, leftOn: string, reason: LeavingReason, metadata: CommandMetadata): Promise<CommandAccepted> {
    const accepted = await this.commands.execute(employees, { type: 'RecordLeaving', data: { employeeId, leftOn, reason }, metadata });
    if (await this.commands.state(developmentPlans, employeeId)) {
      const closed = await this.commands.execute(developmentPlans, { type: 'CloseDevelopmentPlan', data: { employeeId, closedOn: leftOn }, metadata: followOn(metadata, 'close-development-plan') });
      return { id: employeeId, checkpoint: closed.checkpoint ?? accepted.checkpoint };
    }
    return accepted;
  }

  async erase(employeeId: string, metadata: CommandMetadata): Promise<CommandAccepted> {
    const accepted = await this.commands.execute(employees, { type: 'EraseEmployeeData', data: { employeeId }, metadata });
    if (await this.commands.state(developmentPlans, employeeId)) {
      const erased = await this.commands.execute(developmentPlans, { type: 'EraseDevelopmentPlanData', data: { employeeId }, metadata: followOn(metadata, 'erase-development-plan') });
      return { id: employeeId, checkpoint: erased.checkpoint ?? accepted.checkpoint };
    }
    return accepted;
  }

  private async post(postId: string): Promise<Post> {
    const post = await this.commands.state(posts, postId);
    if (!post) throw new RuleViolation('unknown-post', `Post ${postId} is not defined; define it before placing anyone in it`);
    return post;
  }
}

function snapshot(post: Post): PostSnapshot {
  return { postId: post.postId, departmentId: post.departmentId, track: post.track };
}

function programme(post: Post): ProgrammeSnapshot | undefined {
  const { onboarding } = post;
  if (!onboarding) return undefined;
  return { version: onboarding.version, topics: [...new Set(onboarding.items.map((item) => item.topic))], dueWithinDays: onboarding.dueWithinDays };
}
