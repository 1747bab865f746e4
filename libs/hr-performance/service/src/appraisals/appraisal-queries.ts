import { Inject, Injectable } from '@nestjs/common';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { Actor, Clock, NotFoundError, newId } from '@serviceledger/platform/core';
import { departmentColumn, hasPermission, scopedQuery } from '@serviceledger/platform/auth';
import { CLOCK, Commands, Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { Appraisal, AppraisalScheme, appraisalAccessLogs, isHr, maySeeAppraisal, rescore } from '@serviceledger/hr-performance/domain';
import { APPRAISALS_PROJECTION, AppraisalRow, AppraisalSchemeRow } from './appraisals.projection';
import { AppraisalAccessQuery, AppraisalListQuery } from './appraisal.dto';
import { APPRAISAL_ACCESSES_PROJECTION, AppraisalAccessRow } from './appraisal-accesses.projection';

/** Rows read from the read model at a time for the CSV export. */
const EXPORT_PAGE_SIZE = 500;

/** What a list shows of an appraisal: its figures, never its qualitative text. */
export type AppraisalSummary = Omit<AppraisalRow, 'state' | 'year'>;

/** An appraisal in full; the text fields withheld (null) from a reader other than the employee who gave no reason. */
export type AppraisalDetail = Appraisal & { withheld: string[] };

export interface DepartmentAggregate {
  departmentId: string;
  appraisals: number;
  finalised: number;
  needsReview: number;
  averageScore: number | null;
  minScore: number | null;
  maxScore: number | null;
}

const TEXT_FIELDS = ['assessment', 'annualReview', 'revisions.reason'];
export const APPRAISAL_CSV_COLUMNS = ['appraisalId', 'employeeId', 'departmentId', 'postId', 'kind', 'period', 'score', 'revision', 'needsReview', 'finalisedAt'];

/**
 * Reads of appraisals (personal data, H-2): the employee sees their own, the head of their department the
 * department's, HR everyone's (`maySeeAppraisal`); analysts and everyone else with `hr:read` see figures
 * per department and period only. Lists and exports carry no qualitative text; a detail shows it to the
 * employee, and to the head or HR with a reason, each such read recorded (as intake's access register).
 */
@Injectable()
export class AppraisalQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly commands: Commands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: AppraisalListQuery, own = false): Promise<Page<AppraisalSummary>> {
    await this.readModels.after(APPRAISALS_PROJECTION, query);
    const builder = this.filtered(own ? this.ownOnly(actor) : this.visible(actor), query);
    const [rows, total] = await builder
      .orderBy('a.period', 'DESC')
      .addOrderBy('a.appraisalId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(summary), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(actor: Actor, appraisalId: string, reason: string | undefined, after: ReadAfter | undefined): Promise<AppraisalDetail> {
    await this.readModels.after(APPRAISALS_PROJECTION, after);
    const row = await this.readModels.repository<AppraisalRow>(APPRAISALS_PROJECTION, 'appraisal').findOneBy({ appraisalId });
    if (!row || !maySeeAppraisal(actor, row)) throw new NotFoundError('Appraisal', appraisalId);
    const appraisal = JSON.parse(row.state) as Appraisal;
    if (actor.userId === appraisal.employeeId) return { ...appraisal, withheld: [] };
    if (!reason?.trim()) return withheld(appraisal);
    const commandId = newId();
    await this.commands.execute(appraisalAccessLogs, {
      type: 'RecordAppraisalAccess',
      data: { employeeId: appraisal.employeeId, appraisalId, fields: TEXT_FIELDS, reason: reason.trim() },
      metadata: { commandId, at: this.clock.now().toISOString(), actor, correlationId: commandId },
    });
    return { ...appraisal, withheld: [] };
  }

  /** The register of reads of appraisal texts, newest first: the data-protection duty's, as intake's register. */
  async accesses(query: AppraisalAccessQuery): Promise<Page<AppraisalAccessRow>> {
    await this.readModels.after(APPRAISAL_ACCESSES_PROJECTION, query);
    const builder = this.readModels.repository<AppraisalAccessRow>(APPRAISAL_ACCESSES_PROJECTION, 'access').createQueryBuilder('r').where('1 = 1');
    if (query.employee) builder.andWhere('r.employeeId = :employee', { employee: query.employee });
    const [items, total] = await builder
      .orderBy('r.accessedAt', 'DESC')
      .addOrderBy('r.employeeId', 'ASC')
      .addOrderBy('r.position', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  /** A closed monthly appraisal re-scored under another version of its post's scheme, beside the official figures. */
  async rescoring(actor: Actor, appraisalId: string, version: number, after: ReadAfter | undefined) {
    const { withheld: _withheld, ...appraisal } = await this.detail(actor, appraisalId, undefined, after);
    const row = await this.readModels.repository<AppraisalSchemeRow>(APPRAISALS_PROJECTION, 'scheme').findOneBy({ postId: appraisal.postId });
    const scheme = row && (JSON.parse(row.state) as AppraisalScheme).versions.find((v) => v.version === version);
    if (!scheme) throw new NotFoundError('Appraisal scheme version', `${appraisal.postId} v${version}`);
    const recomputed = rescore(appraisal, scheme);
    return {
      appraisalId,
      official: { scheme: appraisal.scheme, lines: appraisal.lines, score: appraisal.score },
      recomputed,
      difference: recomputed.score === null || appraisal.score === null ? null : Math.round((recomputed.score - appraisal.score) * 10_000) / 10_000,
    };
  }

  async scheme(postId: string, after: ReadAfter | undefined): Promise<AppraisalScheme> {
    await this.readModels.after(APPRAISALS_PROJECTION, after);
    const row = await this.readModels.repository<AppraisalSchemeRow>(APPRAISALS_PROJECTION, 'scheme').findOneBy({ postId });
    if (!row) throw new NotFoundError('Appraisal scheme', postId);
    return JSON.parse(row.state) as AppraisalScheme;
  }

  /**
   * Figures per department for one period, no person named: HR for every department, analysts (across the
   * company) likewise, a head for their departments.
   */
  async aggregates(actor: Actor, period: string, after: ReadAfter | undefined): Promise<{ period: string; departments: DepartmentAggregate[] }> {
    await this.readModels.after(APPRAISALS_PROJECTION, after);
    const repository = this.readModels.repository<AppraisalRow>(APPRAISALS_PROJECTION, 'appraisal');
    const builder = hasPermission(actor, 'hr:manage')
      ? repository.createQueryBuilder('a').where('1 = 1')
      : scopedQuery(actor, repository, 'a', { departments: [departmentColumn('a.departmentId')] });
    const rows = await readRows(builder.andWhere('a.period = :period', { period }));
    const byDepartment = new Map<string, AppraisalRow[]>();
    for (const row of rows) byDepartment.set(row.departmentId, [...(byDepartment.get(row.departmentId) ?? []), row]);
    const departments = [...byDepartment.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([departmentId, list]) => {
        const scores = list.filter((r) => r.status === 'finalised' && r.score !== null).map((r) => r.score as number);
        return {
          departmentId,
          appraisals: list.length,
          finalised: list.filter((r) => r.status === 'finalised').length,
          needsReview: list.filter((r) => r.needsReview).length,
          averageScore: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10_000) / 10_000 : null,
          minScore: scores.length ? Math.min(...scores) : null,
          maxScore: scores.length ? Math.max(...scores) : null,
        };
      });
    return { period, departments };
  }

  /** The finalised appraisals of a period the actor may see, for the CSV export, a page at a time. */
  async finalised(actor: Actor, period: string, after: ReadAfter | undefined): Promise<AsyncIterable<AppraisalSummary>> {
    await this.readModels.after(APPRAISALS_PROJECTION, after);
    return this.pages(actor, period);
  }

  private async *pages(actor: Actor, period: string): AsyncGenerator<AppraisalSummary> {
    let last: string | undefined;
    do {
      const builder = this.visible(actor).andWhere('a.period = :period', { period }).andWhere('a.status = :finalised', { finalised: 'finalised' });
      if (last) builder.andWhere('a.appraisalId > :last', { last });
      const rows = await readRows(builder.orderBy('a.appraisalId', 'ASC').take(EXPORT_PAGE_SIZE));
      yield* rows.map(summary);
      last = rows.length === EXPORT_PAGE_SIZE ? rows[rows.length - 1].appraisalId : undefined;
    } while (last);
  }

  /** The rule of `maySeeAppraisal` in SQL. */
  private visible(actor: Actor): SelectQueryBuilder<AppraisalRow> {
    const builder = this.readModels.repository<AppraisalRow>(APPRAISALS_PROJECTION, 'appraisal').createQueryBuilder('a');
    if (isHr(actor)) return builder.where('1 = 1');
    const headOf = actor.roles.includes('department-head') ? actor.departments : [];
    return builder.where(
      new Brackets((either) => {
        either.where('a.employeeId = :self', { self: actor.userId });
        if (headOf.length > 0) either.orWhere('a.departmentId IN (:...headOf)', { headOf: [...headOf] });
      }),
    );
  }

  private ownOnly(actor: Actor): SelectQueryBuilder<AppraisalRow> {
    return this.readModels.repository<AppraisalRow>(APPRAISALS_PROJECTION, 'appraisal').createQueryBuilder('a').where('a.employeeId = :self', { self: actor.userId });
  }

  private filtered(builder: SelectQueryBuilder<AppraisalRow>, query: AppraisalListQuery): SelectQueryBuilder<AppraisalRow> {
    if (query.period) builder.andWhere('a.period = :period', { period: query.period });
    if (query.department) builder.andWhere('a.departmentId = :department', { department: query.department });
    if (query.employee) builder.andWhere('a.employeeId = :employee', { employee: query.employee });
    if (query.status) builder.andWhere('a.status = :status', { status: query.status });
    if (query.needsReview) builder.andWhere('a.needsReview = :needsReview', { needsReview: query.needsReview === 'true' });
    return builder;
  }
}

function summary({ state: _state, year: _year, ...row }: AppraisalRow): AppraisalSummary {
  return { ...row, needsReview: !!row.needsReview };
}

function withheld(appraisal: Appraisal): AppraisalDetail {
  return {
    ...appraisal,
    assessment: appraisal.assessment && { ...appraisal.assessment, text: '' },
    annualReview: appraisal.annualReview && { ...appraisal.annualReview, goalsMet: '', strengths: '', developmentNeeds: '' },
    revisions: appraisal.revisions.map((r) => ({ ...r, reason: '' })),
    withheld: TEXT_FIELDS,
  };
}
