import { ForbiddenException, Injectable } from '@nestjs/common';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { Actor, CommandMetadata, NotFoundError, followOn } from '@serviceledger/platform/core';
import { CommandAccepted, Commands, Page, ReadModels } from '@serviceledger/platform/nest';
import { Outcome, OutcomeRuleBook, careers, isHeadOf, isHr, maySeeAppraisal, outcomeRuleBooks, outcomes } from '@serviceledger/hr-performance/domain';
import { OUTCOME_RULE_BOOK } from './outcome-proposer';
import { OUTCOMES_PROJECTION, OutcomeRow } from './outcomes.projection';
import { HrApprovalDto, OutcomeListQuery, OutcomeRulesDto } from './outcome.dto';

/**
 * H-2.3: the rule book, and each outcome's approval — the head of the employee's department first, then HR.
 * An outcome is seen by whoever may see the appraisal it rests on (404 otherwise); approving takes the
 * stage's role (403 otherwise), and nobody approves their own. An approved pay adjustment enters the
 * employee's career history from its effective date.
 */
@Injectable()
export class OutcomeWorkflow {
  constructor(
    private readonly commands: Commands,
    private readonly readModels: ReadModels,
  ) {}

  async setRules(dto: OutcomeRulesDto, metadata: CommandMetadata) {
    const { id, checkpoint, state } = await this.commands.decide(outcomeRuleBooks, {
      type: 'SetOutcomeRules',
      data: { ruleBookId: OUTCOME_RULE_BOOK, rules: dto.rules.map((rule) => ({ ...rule })) },
      metadata,
    });
    return { id, checkpoint, version: state?.versions[state.versions.length - 1]?.version };
  }

  async rules(): Promise<NonNullable<OutcomeRuleBook>> {
    const book = await this.commands.state(outcomeRuleBooks, OUTCOME_RULE_BOOK);
    if (!book) throw new NotFoundError('Outcome rules', OUTCOME_RULE_BOOK);
    return book;
  }

  async approveAsHead(actor: Actor, outcomeId: string, metadata: CommandMetadata): Promise<CommandAccepted> {
    const outcome = await this.visible(actor, outcomeId);
    if (!isHeadOf(actor, outcome.departmentId) || actor.userId === outcome.employeeId) throw new ForbiddenException('The head of the employee’s department approves first');
    return this.commands.execute(outcomes, { type: 'ApproveOutcome', data: { outcomeId, stage: 'head' }, metadata });
  }

  async approveAsHr(actor: Actor, outcomeId: string, dto: HrApprovalDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const outcome = await this.visible(actor, outcomeId);
    if (!isHr(actor) || actor.userId === outcome.employeeId) throw new ForbiddenException('HR approves after the department head');
    const decided = await this.commands.decide(outcomes, { type: 'ApproveOutcome', data: { outcomeId, stage: 'hr' }, metadata });
    const approved = decided.state!;
    if (approved.kind === 'pay-adjustment' && approved.status === 'approved' && approved.proposal.payAdjustmentPercent !== undefined) {
      const { employeeId, departmentId, appraisal, rule } = approved;
      await this.commands.execute(careers, {
        type: 'RecordPayAdjustment',
        data: { employeeId, departmentId, outcomeId, percent: approved.proposal.payAdjustmentPercent, effectiveOn: dto.effectiveOn ?? metadata.at.slice(0, 10), appraisal, rule },
        metadata: followOn(metadata, 'pay-adjustment'),
      });
    }
    return { id: decided.id, checkpoint: decided.checkpoint };
  }

  async reject(actor: Actor, outcomeId: string, reason: string, metadata: CommandMetadata): Promise<CommandAccepted> {
    const outcome = await this.visible(actor, outcomeId);
    const stage = outcome.status === 'proposed' ? 'head' : 'hr';
    const allowed = stage === 'head' ? isHeadOf(actor, outcome.departmentId) : isHr(actor);
    if (!allowed || actor.userId === outcome.employeeId) throw new ForbiddenException(`The ${stage === 'head' ? 'department head' : 'HR'} decides this outcome now`);
    return this.commands.execute(outcomes, { type: 'RejectOutcome', data: { outcomeId, stage, reason }, metadata });
  }

  async detail(actor: Actor, outcomeId: string): Promise<Outcome> {
    return this.visible(actor, outcomeId);
  }

  async list(actor: Actor, query: OutcomeListQuery): Promise<Page<Outcome>> {
    await this.readModels.after(OUTCOMES_PROJECTION, query);
    const builder = this.scoped(actor);
    if (query.status) builder.andWhere('o.status = :status', { status: query.status });
    if (query.employee) builder.andWhere('o.employeeId = :employee', { employee: query.employee });
    if (query.department) builder.andWhere('o.departmentId = :department', { department: query.department });
    return this.page(builder, query);
  }

  /** What waits on this actor: a head's departments' proposals, HR's head-approved outcomes; never their own. */
  async awaiting(actor: Actor, query: OutcomeListQuery): Promise<Page<Outcome>> {
    await this.readModels.after(OUTCOMES_PROJECTION, query);
    const heads = actor.roles.includes('department-head') ? actor.departments : [];
    const builder = this.readModels
      .repository<OutcomeRow>(OUTCOMES_PROJECTION, 'outcome')
      .createQueryBuilder('o')
      .where(
        new Brackets((either) => {
          either.where('1 = 0');
          if (heads.length > 0) either.orWhere("o.status = 'proposed' AND o.departmentId IN (:...heads)", { heads: [...heads] });
          if (isHr(actor)) either.orWhere("o.status = 'head-approved'");
        }),
      )
      .andWhere('o.employeeId <> :self', { self: actor.userId });
    return this.page(builder, query);
  }

  private async page(builder: SelectQueryBuilder<OutcomeRow>, query: OutcomeListQuery): Promise<Page<Outcome>> {
    const [rows, total] = await builder
      .orderBy('o.proposedAt', 'ASC')
      .addOrderBy('o.outcomeId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map((row) => JSON.parse(row.state) as Outcome), page: query.page, pageSize: query.pageSize, total };
  }

  private scoped(actor: Actor): SelectQueryBuilder<OutcomeRow> {
    const builder = this.readModels.repository<OutcomeRow>(OUTCOMES_PROJECTION, 'outcome').createQueryBuilder('o');
    if (isHr(actor)) return builder.where('1 = 1');
    const heads = actor.roles.includes('department-head') ? actor.departments : [];
    return builder.where(
      new Brackets((either) => {
        either.where('o.employeeId = :self', { self: actor.userId });
        if (heads.length > 0) either.orWhere('o.departmentId IN (:...heads)', { heads: [...heads] });
      }),
    );
  }

  private async visible(actor: Actor, outcomeId: string): Promise<Outcome> {
    const outcome = await this.commands.state(outcomes, outcomeId);
    if (!outcome || !maySeeAppraisal(actor, outcome)) throw new NotFoundError('Outcome', outcomeId);
    return outcome;
  }
}
