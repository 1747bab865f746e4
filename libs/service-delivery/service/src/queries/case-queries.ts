import { Inject, Injectable } from '@nestjs/common';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { Actor, Clock, EventStore, NotFoundError } from '@serviceledger/platform/core';
import { accessScope, departmentLinks, scopedQuery } from '@serviceledger/platform/auth';
import { AsOf, CLOCK, EVENT_STORE, Page, ReadAfter, ReadModels, stateAsOf } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { DELIVERY_STATUSES, PROCESS_STAGES, ProcessStage, ServiceCase, serviceCases } from '@serviceledger/service-delivery/domain';
import { CASES_PROJECTION } from '../projections/cases.projection';
import {
  CaseDepartmentRow,
  CaseRow,
  ContractCriteriaRow,
  IssueRow,
  ItemRow,
  MemberRow,
  MilestoneRow,
  PlanVersionRow,
  ProblemRow,
  ReportRow,
  RoundRow,
  VisitRow,
} from '../projections/case-rows';
import { CaseListQuery } from './case-query.dto';
import { MeetingQueries } from './meeting-queries';

const parse = <T>(text: string): T => JSON.parse(text) as T;

export interface ImprovementFindings {
  from: string;
  to: string;
  stages: Array<{ stage: ProcessStage; visitFindings: number; resolvedProblems: number; examples: string[] }>;
}

/**
 * Case queries over the projection. Department scoping is applied in the query itself, as intake
 * does, so a list, a detail and "my work" only ever return what the principal may see.
 */
@Injectable()
export class CaseQueries {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly meetings: MeetingQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private repo<T extends object>(table: string) {
    return this.readModels.repository<T>(CASES_PROJECTION, table);
  }

  async list(actor: Actor, query: CaseListQuery): Promise<Page<CaseRow>> {
    await this.readModels.after(CASES_PROJECTION, query);
    const builder = this.scoped(actor);
    const equal: Array<[keyof CaseRow, string | undefined]> = [
      ['status', query.status],
      ['projectManagerId', query.manager],
      ['customerId', query.customer],
    ];
    for (const [column, value] of equal) if (value !== undefined) builder.andWhere(`c.${column} = :${column}`, { [column]: value });
    if (query.department) builder.andWhere(`c.caseId IN (${this.involving()})`, { department: query.department });
    const now = this.clock.now().toISOString();
    if (query.overdueMilestone) {
      const overdue = this.repo<MilestoneRow>('milestone').createQueryBuilder('m').select('m.caseId').where("m.status = 'open'").andWhere('m.dueAt < :now');
      builder.andWhere(`c.caseId IN (${overdue.getQuery()})`, { now });
      builder.andWhere('c.status IN (:...delivering)', { delivering: [...DELIVERY_STATUSES] });
    }
    if (query.overdueReport) {
      builder.andWhere(new Brackets((b) => b.where('c.reportDueAt < :now', { now }).orWhere('c.lastReportMissed = :missed', { missed: true })));
      builder.andWhere('c.status IN (:...delivering)', { delivering: [...DELIVERY_STATUSES] });
    }
    const [column, direction] = query.sort.startsWith('-') ? [query.sort.slice(1), 'DESC' as const] : [query.sort, 'ASC' as const];
    builder.orderBy(`c.${column}`, direction).addOrderBy('c.caseId', 'ASC');
    const [items, total] = await builder.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  /** The case with its plan version history, team, milestones, reports, rounds, items, issues, visits, problems and meetings. */
  async detail(actor: Actor, caseId: string, after: ReadAfter | undefined) {
    const row = await this.visible(actor, caseId, after);
    const byCase = { where: { caseId } };
    const [departments, versions, team, milestones, reports, contractCriteria, rounds, items, issues, visits, problems, meetings] = await Promise.all([
      this.repo<CaseDepartmentRow>('department').find({ ...byCase, order: { departmentId: 'ASC' } }),
      this.repo<PlanVersionRow>('plan_version').find({ ...byCase, order: { version: 'ASC' } }),
      this.repo<MemberRow>('member').find({ ...byCase, order: { joinedAt: 'ASC', memberId: 'ASC' } }),
      this.repo<MilestoneRow>('milestone').find({ ...byCase, order: { dueAt: 'ASC', milestoneId: 'ASC' } }),
      this.repo<ReportRow>('report').find({ ...byCase, order: { dueAt: 'ASC', entry: 'ASC' } }),
      this.repo<ContractCriteriaRow>('contract_criteria').find({ ...byCase, order: { version: 'ASC' } }),
      this.repo<RoundRow>('round').find({ ...byCase, order: { round: 'ASC' } }),
      this.repo<ItemRow>('item').find({ ...byCase, order: { round: 'ASC', itemId: 'ASC' } }),
      this.repo<IssueRow>('issue').find({ ...byCase, order: { issueNumber: 'ASC' } }),
      this.repo<VisitRow>('visit').find({ ...byCase, order: { visitNumber: 'ASC' } }),
      this.repo<ProblemRow>('problem').find({ ...byCase, order: { raisedAt: 'ASC' } }),
      this.meetings.ofCase(caseId, after),
    ]);
    const forCustomer = isCustomerView(actor);
    const detail = {
      ...row,
      departments: departments.map((d) => d.departmentId),
      planVersions: versions.map((v) => ({ ...v, experts: parse(v.experts), plan: parse(v.plan), reviews: parse(v.reviews) })),
      team: team.map(({ caseId: _, ...m }) => m),
      milestones: milestones.map(({ caseId: _, ...m }) => ({ ...m, standards: parse(m.standards), checkEvidence: parse(m.checkEvidence) })),
      progressReports: reports.map(({ caseId: _, entry: __, ...r }) => ({ ...r, problems: parse(r.problems) })),
      contractCriteria: contractCriteria.map(({ caseId: _, ...c }) => ({ ...c, criteria: parse(c.criteria) })),
      acceptanceRounds: rounds.map(({ caseId: _, ...r }) => ({
        ...r,
        criteria: parse(r.criteria),
        results: parse(r.results),
        signatory: r.signatory === null ? null : parse(r.signatory),
        signedDocument: r.signedDocument === null ? null : parse(r.signedDocument),
        items: items.filter((i) => i.round === r.round).map(({ caseId: __, ...i }) => i),
      })),
      coordinationIssues: issues.map(({ caseId: _, ...i }) => ({ ...i, departmentIds: parse(i.departmentIds) })),
      followUpVisits: visits.map((v) => ({ ...v, findings: parse(v.findings) })),
      afterSalesProblems: problems.map((p) => ({ ...p, measures: parse(p.measures) })),
      meetings,
    };
    if (!forCustomer) return detail;
    // A customer sees their service, not the company's internal review and coordination.
    const { coordinationIssues: _issues, meetings: _meetings, ...customerView } = detail;
    return { ...customerView, planVersions: customerView.planVersions.filter((v) => v.status === 'approved' || v.status === 'superseded').map(({ reviews: _r, ...v }) => v) };
  }

  /** The case as it stood at `asOf`, to whoever may read its detail now; a customer is not shown its coordination issues. */
  async asOf(actor: Actor, caseId: string, asOf: string, after: ReadAfter | undefined): Promise<AsOf<ServiceCase | Omit<ServiceCase, 'coordinationIssues'> | null>> {
    await this.visible(actor, caseId, after);
    const found = await stateAsOf(this.store, this.clock, serviceCases, caseId, asOf);
    if (!isCustomerView(actor) || !found.state) return found;
    const { coordinationIssues: _issues, ...customerView } = found.state;
    return { ...found, state: customerView };
  }

  /** The case's row, when the principal may see it: 404 otherwise, whether it exists or not. */
  private async visible(actor: Actor, caseId: string, after: ReadAfter | undefined) {
    await this.readModels.after(CASES_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('c.caseId = :caseId', { caseId }).getOne();
    if (!row) throw new NotFoundError('Service case', caseId);
    return row;
  }

  /**
   * "My work": the open cases the person owns, manages or works on, plan versions awaiting their
   * expert opinion, follow-up visits due in their departments, the problems they handle, and their
   * open meeting actions.
   */
  async myWork(actor: Actor, after: ReadAfter | undefined) {
    await this.readModels.after(CASES_PROJECTION, after);
    const me = actor.userId;
    const teams = this.repo<MemberRow>('member').createQueryBuilder('t').select('t.caseId').where('t.memberId = :me').andWhere('t.leftAt IS NULL');
    const cases = await readRows(
      this.scoped(actor)
        .andWhere('c.status NOT IN (:...ended)', { ended: ['closed', 'cancelled'] })
        .andWhere(
          new Brackets((b) =>
            b
              .where('c.ownerId = :me', { me })
              .orWhere('c.projectManagerId = :me', { me })
              .orWhere(`c.caseId IN (${teams.getQuery()})`, { me }),
          ),
        )
        .orderBy('c.updatedAt', 'DESC'),
    );
    const visible = async (caseIds: string[]) => {
      if (caseIds.length === 0) return new Set<string>();
      const rows = await readRows(this.scoped(actor).andWhere('c.caseId IN (:...caseIds)', { caseIds }).select('c.caseId'));
      return new Set(rows.map((r) => r.caseId));
    };
    const inReview = await this.repo<PlanVersionRow>('plan_version').find({ where: { status: 'in-review' } });
    const awaiting = inReview.filter(
      (v) => parse<string[]>(v.experts).includes(me) && !parse<Array<{ by: string; kind: string }>>(v.reviews).some((r) => r.by === me),
    );
    const dueVisits = await readRows(
      this.repo<VisitRow>('visit')
        .createQueryBuilder('v')
        .where('v.status = :due', { due: 'due' })
        .andWhere('v.departmentId IN (:...departments)', { departments: actor.departments.length ? actor.departments : [''] }),
    );
    const problems = await readRows(
      this.repo<ProblemRow>('problem')
        .createQueryBuilder('p')
        .where('p.handlerId = :me', { me })
        .andWhere('p.status IN (:...open)', { open: ['raised', 'handling'] }),
    );
    const meetingActions = await this.meetings.openActionsOf(me, after);
    const allowed = await visible([...new Set([...awaiting, ...dueVisits, ...problems].map((r) => r.caseId))]);
    return {
      cases,
      expertReviews: awaiting
        .filter((v) => allowed.has(v.caseId))
        .map((v) => ({ caseId: v.caseId, version: v.version, submittedBy: v.submittedBy, submittedAt: v.submittedAt })),
      followUpVisitsDue: dueVisits.filter((v) => allowed.has(v.caseId)).map((v) => ({ ...v, findings: parse(v.findings) })),
      afterSalesProblems: problems.filter((p) => allowed.has(p.caseId)).map((p) => ({ ...p, measures: parse(p.measures) })),
      meetingActions,
    };
  }

  /**
   * P-6.3: what after-sales found, grouped by the process stage it points back to — follow-up visit
   * findings and resolved after-sales problems in [from, to) — as the basis of improvement.
   */
  async improvementFindings(actor: Actor, from: string, to: string): Promise<ImprovementFindings> {
    const visible = this.scoped(actor).select('c.caseId');
    const visits = await readRows(
      this.repo<VisitRow>('visit')
        .createQueryBuilder('v')
        .where(`v.caseId IN (${visible.getQuery()})`, visible.getParameters())
        .andWhere('v.visitedAt >= :from AND v.visitedAt < :to', { from, to }),
    );
    const problems = await readRows(
      this.repo<ProblemRow>('problem')
        .createQueryBuilder('p')
        .where(`p.caseId IN (${visible.getQuery()})`, visible.getParameters())
        .andWhere('p.resolvedAt >= :from AND p.resolvedAt < :to', { from, to }),
    );
    const byStage = Object.fromEntries(PROCESS_STAGES.map((stage) => [stage, { visitFindings: [] as string[], problems: [] as string[] }]));
    for (const visit of visits) {
      for (const finding of parse<Array<{ description: string; stage: ProcessStage }>>(visit.findings)) byStage[finding.stage].visitFindings.push(finding.description);
    }
    for (const problem of problems) if (problem.stage) byStage[problem.stage as ProcessStage].problems.push(problem.description);
    return {
      from,
      to,
      stages: PROCESS_STAGES.map((stage) => ({
        stage,
        visitFindings: byStage[stage].visitFindings.length,
        resolvedProblems: byStage[stage].problems.length,
        examples: [...byStage[stage].visitFindings, ...byStage[stage].problems].slice(0, 10),
      })),
    };
  }

  /** A case is seen by every department taking part (its department rows) and by its customer. */
  private scoped(actor: Actor): SelectQueryBuilder<CaseRow> {
    return scopedQuery(actor, this.repo<CaseRow>('case'), 'c', {
      departments: [departmentLinks('c.caseId', this.repo<CaseDepartmentRow>('department'), 'caseId', 'departmentId')],
      customer: 'c.customerId',
    });
  }

  /** A sub-select of the cases `:department` takes part in. */
  private involving(): string {
    return this.repo<CaseDepartmentRow>('department').createQueryBuilder('cd').select('cd.caseId').where('cd.departmentId = :department').getQuery();
  }
}

/** A customer principal reads their service, not the company's internal review and coordination. */
function isCustomerView(actor: Actor): boolean {
  return actor.roles.includes('customer') && accessScope(actor).kind === 'customer';
}
