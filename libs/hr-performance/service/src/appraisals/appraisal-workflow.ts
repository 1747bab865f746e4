import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { Actor, CommandMetadata, NotFoundError, RuleViolation, followOn } from '@serviceledger/platform/core';
import { CommandAccepted, Commands, PLATFORM_CONFIG, PlatformConfig, ReadModels } from '@serviceledger/platform/nest';
import {
  Appraisal,
  AppraisalCommand,
  SchemeLine,
  appraisalIdOf,
  appraisalSchemes,
  appraisals,
  employees,
  isHeadOf,
  isHr,
  maySeeAppraisal,
  posts,
} from '@serviceledger/hr-performance/domain';
import { OutcomeProposer } from '../outcomes/outcome-proposer';
import { APPRAISALS_PROJECTION, AppraisalRow } from './appraisals.projection';
import { AnnualReviewDto, AppraisalSchemeDto, AssessmentDto, RevisionDto } from './appraisal.dto';

/**
 * The appraisal cycle's steps (H-2.1, H-2.2): HR sets a post's scheme from its duties; the head of the
 * person's department assesses a month or reviews a year; HR drafts the annual appraisal from the months
 * that exist, finalises, and revises with a reason. Who may act is narrower than a department
 * (`appraisal-access.ts`): an appraisal the actor may not see is a 404, one they see but may not act on a 403.
 * A finalisation or revision then proposes its outcomes (H-2.3).
 */
@Injectable()
export class AppraisalWorkflow {
  constructor(
    private readonly commands: Commands,
    private readonly readModels: ReadModels,
    private readonly proposer: OutcomeProposer,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** A post's scheme: its duty lines must be duties of the post (H-2.1 根據不同崗位的職責). */
  async setScheme(postId: string, dto: AppraisalSchemeDto, metadata: CommandMetadata): Promise<CommandAccepted & { version: number | undefined }> {
    const post = await this.commands.state(posts, postId);
    if (!post) throw new NotFoundError('Post', postId);
    const lines = dto.lines.map((line) => ({ ...line })) as SchemeLine[];
    const foreign = lines.find((line) => line.source === 'duty' && !post.duties.includes(line.duty?.trim() ?? ''));
    if (foreign && foreign.source === 'duty') throw new RuleViolation('not-a-duty-of-the-post', `"${foreign.duty}" is not a duty of post ${postId} (${post.duties.join('; ')})`);
    const { id, checkpoint, state } = await this.commands.decide(appraisalSchemes, {
      type: 'SetAppraisalScheme',
      data: { postId, name: dto.name, lines, referenceMinutes: { ...(dto.referenceMinutes ?? {}) }, satisfactionFloorPercent: this.config.HR_APPRAISAL_SATISFACTION_FLOOR_PERCENT },
      metadata,
    });
    return { id, checkpoint, version: state?.versions[state.versions.length - 1]?.version };
  }

  assess(actor: Actor, appraisalId: string, dto: AssessmentDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.asHead(actor, appraisalId, { type: 'AssessAppraisal', data: { appraisalId, assessment: dto.assessment, ratings: dto.ratings }, metadata });
  }

  review(actor: Actor, appraisalId: string, dto: AnnualReviewDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.asHead(actor, appraisalId, { type: 'RecordAnnualReview', data: { appraisalId, ...dto }, metadata });
  }

  /** The annual appraisal: the employee's finalised months of the year that exist, with their latest scores. */
  async draftAnnual(employeeId: string, year: string, metadata: CommandMetadata): Promise<CommandAccepted> {
    const employee = await this.commands.state(employees, employeeId);
    if (!employee) throw new NotFoundError('Employee', employeeId);
    const months = await this.readModels
      .repository<AppraisalRow>(APPRAISALS_PROJECTION, 'appraisal')
      .find({ where: { employeeId, year, kind: 'monthly', status: 'finalised' }, order: { period: 'ASC' } });
    return this.commands.execute(appraisals, {
      type: 'DraftAnnualAppraisal',
      data: {
        appraisalId: appraisalIdOf(employeeId, year),
        employeeId,
        departmentId: employee.departmentId,
        postId: employee.postId,
        year,
        months: months.map((m) => ({ period: m.period, appraisalId: m.appraisalId, score: m.score })),
      },
      metadata,
    });
  }

  async finalise(actor: Actor, appraisalId: string, metadata: CommandMetadata): Promise<CommandAccepted> {
    await this.asHr(actor, appraisalId);
    const decided = await this.commands.decide(appraisals, { type: 'FinaliseAppraisal', data: { appraisalId }, metadata });
    await this.proposer.propose(decided.state!, followOn(metadata, 'outcomes'));
    return { id: decided.id, checkpoint: decided.checkpoint };
  }

  async revise(actor: Actor, appraisalId: string, dto: RevisionDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    await this.asHr(actor, appraisalId);
    const decided = await this.commands.decide(appraisals, { type: 'ReviseAppraisal', data: { appraisalId, reason: dto.reason, ...(dto.ratings ? { ratings: dto.ratings } : {}) }, metadata });
    await this.proposer.propose(decided.state!, followOn(metadata, 'outcomes'));
    return { id: decided.id, checkpoint: decided.checkpoint };
  }

  /** The appraisal as the actor may see it: 404 when missing or outside the access rule. */
  async visible(actor: Actor, appraisalId: string): Promise<Appraisal> {
    const state = await this.commands.state(appraisals, appraisalId);
    if (!state || !maySeeAppraisal(actor, state)) throw new NotFoundError('Appraisal', appraisalId);
    return state;
  }

  private async asHead(actor: Actor, appraisalId: string, command: AppraisalCommand): Promise<CommandAccepted> {
    const state = await this.visible(actor, appraisalId);
    if (!isHeadOf(actor, state.departmentId)) throw new ForbiddenException('Only the head of the employee’s department assesses their appraisal');
    return this.commands.execute(appraisals, command);
  }

  private async asHr(actor: Actor, appraisalId: string): Promise<void> {
    const state = await this.visible(actor, appraisalId);
    if (!isHr(actor)) throw new ForbiddenException('HR finalises and revises appraisals');
    if (state.employeeId === actor.userId) throw new ForbiddenException('Nobody finalises or revises their own appraisal');
  }
}
