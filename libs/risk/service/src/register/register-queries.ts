import { Inject, Injectable } from '@nestjs/common';
import { Actor, Clock, NotFoundError } from '@serviceledger/platform/core';
import { departmentColumn, scopedQuery } from '@serviceledger/platform/auth';
import { CLOCK, Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { Risk } from '@serviceledger/risk/domain';
import { Brackets, In } from 'typeorm';
import { readRows } from '@serviceledger/platform/read-models';
import { AssessmentRow, REGISTER_PROJECTION, RiskRow } from './register.projection';
import { HeatMapQuery, RegisterQuery } from './register.dto';

export type RiskView = Risk;

/** A risk's history, oldest first: every assessment, exception, response, review, warning and its closing. */
export interface HistoryEntry {
  at: string;
  kind: 'identified' | 'assessed' | 'exception-approved' | 'response-chosen' | 'reviewed' | 'warning-linked' | 'closed';
  detail: Record<string, unknown>;
}

export interface HeatMapCell {
  likelihood: number;
  impact: number;
  level: string;
  band: string;
  count: number;
  riskIds: string[];
}

/** Risks counted per cell, per matrix version: an assessment keeps the version that levelled it. */
export interface HeatMap {
  asOf: string;
  total: number;
  matrices: Array<{ matrixVersion: number; cells: HeatMapCell[] }>;
}

/** The register's columns in a CSV export, in this order. */
export const REGISTER_COLUMNS = [
  'riskId', 'title', 'category', 'ownerId', 'departmentId', 'state', 'level', 'band', 'likelihood', 'impact', 'matrixVersion',
  'strategy', 'responseStatus', 'nextReviewDue', 'reviewOverdue', 'identifiedAt', 'changedAt', 'closedAt',
] as const;

export type RegisterRecord = Omit<RiskRow, 'risk'>;

const EXPORT_PAGE_SIZE = 500;

/** The register, a risk's history and the heat map, scoped to the departments the principal may see. */
@Injectable()
export class RegisterQueries {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: RegisterQuery): Promise<Page<RegisterRecord>> {
    await this.readModels.after(REGISTER_PROJECTION, query);
    const [rows, total] = await this.filtered(actor, query)
      .orderBy('r.identifiedAt', 'ASC')
      .addOrderBy('r.riskId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(record), page: query.page, pageSize: query.pageSize, total };
  }

  /** Every risk the filters select, for the CSV export: read a page at a time. */
  async all(actor: Actor, query: RegisterQuery): Promise<AsyncIterable<RegisterRecord>> {
    await this.readModels.after(REGISTER_PROJECTION, query);
    return this.pages(actor, query);
  }

  async detail(actor: Actor, riskId: string, after: ReadAfter | undefined): Promise<RiskView> {
    await this.readModels.after(REGISTER_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('r.riskId = :riskId', { riskId }).getOne();
    if (!row) throw new NotFoundError('Risk', riskId);
    return JSON.parse(row.risk) as Risk;
  }

  async history(actor: Actor, riskId: string, after: ReadAfter | undefined): Promise<HistoryEntry[]> {
    return historyOf(await this.detail(actor, riskId, after));
  }

  /** Risks that were identified and not closed at `asOf`, each in the cell of its latest assessment by then. */
  async heatMap(actor: Actor, query: HeatMapQuery): Promise<HeatMap> {
    await this.readModels.after(REGISTER_PROJECTION, query);
    const asOf = new Date(query.asOf ?? this.clock.now()).toISOString();
    const builder = this.scoped(actor)
      .select(['r.riskId'])
      .andWhere('r.identifiedAt <= :asOf', { asOf })
      .andWhere(new Brackets((open) => open.where('r.closedAt IS NULL').orWhere('r.closedAt > :asOf', { asOf })));
    if (query.category) builder.andWhere('r.category = :category', { category: query.category });
    if (query.department) builder.andWhere('r.departmentId = :department', { department: query.department });
    const riskIds = (await readRows(builder)).map((r) => r.riskId);
    const latest = new Map<string, AssessmentRow>();
    const assessments = this.readModels.repository<AssessmentRow>(REGISTER_PROJECTION, 'assessment');
    for (let i = 0; i < riskIds.length; i += EXPORT_PAGE_SIZE) {
      const rows = await readRows(
        assessments
          .createQueryBuilder('a')
          .where({ riskId: In(riskIds.slice(i, i + EXPORT_PAGE_SIZE)) })
          .andWhere('a.assessedAt <= :asOf', { asOf }),
      );
      for (const row of rows) {
        const seen = latest.get(row.riskId);
        if (!seen || seen.assessmentNumber < row.assessmentNumber) latest.set(row.riskId, row);
      }
    }
    const matrices = new Map<number, Map<string, HeatMapCell>>();
    for (const a of [...latest.values()].sort((x, y) => x.riskId.localeCompare(y.riskId))) {
      const cells = matrices.get(a.matrixVersion) ?? new Map<string, HeatMapCell>();
      matrices.set(a.matrixVersion, cells);
      const key = `${a.likelihood}×${a.impact}`;
      const cell = cells.get(key) ?? { likelihood: a.likelihood, impact: a.impact, level: a.level, band: a.band, count: 0, riskIds: [] };
      cell.count += 1;
      cell.riskIds.push(a.riskId);
      cells.set(key, cell);
    }
    return {
      asOf,
      total: latest.size,
      matrices: [...matrices.entries()]
        .sort(([x], [y]) => x - y)
        .map(([matrixVersion, cells]) => ({ matrixVersion, cells: [...cells.values()].sort((x, y) => y.likelihood - x.likelihood || x.impact - y.impact) })),
    };
  }

  /** Open risks whose review is due by now and not recorded (K-3.1), the longest overdue first. */
  async overdueReviews(actor: Actor, after: ReadAfter | undefined): Promise<RegisterRecord[]> {
    await this.readModels.after(REGISTER_PROJECTION, after);
    const now = this.clock.now().toISOString();
    const rows = await readRows(
      this.scoped(actor)
        .andWhere('r.closedAt IS NULL')
        .andWhere('r.nextReviewDue <= :now', { now })
        .orderBy('r.nextReviewDue', 'ASC')
        .addOrderBy('r.riskId', 'ASC'),
    );
    return rows.map(record);
  }

  /** A risk is its department's: staff see their departments' risks, cross-department roles every one. */
  scoped(actor: Actor) {
    return scopedQuery(actor, this.readModels.repository<RiskRow>(REGISTER_PROJECTION, 'risk'), 'r', { departments: [departmentColumn('r.departmentId')] });
  }

  private filtered(actor: Actor, query: RegisterQuery) {
    const builder = this.scoped(actor);
    if (query.category) builder.andWhere('r.category = :category', { category: query.category });
    if (query.level) builder.andWhere('r.level = :level', { level: query.level });
    if (query.band) builder.andWhere('r.band = :band', { band: query.band });
    if (query.state) builder.andWhere('r.state = :state', { state: query.state });
    if (query.owner) builder.andWhere('r.ownerId = :owner', { owner: query.owner });
    if (query.department) builder.andWhere('r.departmentId = :department', { department: query.department });
    return builder;
  }

  private async *pages(actor: Actor, query: RegisterQuery): AsyncGenerator<RegisterRecord> {
    let last: RiskRow | undefined;
    do {
      const builder = this.filtered(actor, query);
      if (last) {
        const { identifiedAt, riskId } = last;
        builder.andWhere(new Brackets((later) => later.where('r.identifiedAt > :identifiedAt', { identifiedAt }).orWhere('r.identifiedAt = :identifiedAt AND r.riskId > :riskId', { riskId })));
      }
      const rows = await readRows(builder.orderBy('r.identifiedAt', 'ASC').addOrderBy('r.riskId', 'ASC').take(EXPORT_PAGE_SIZE));
      for (const row of rows) yield record(row);
      last = rows.length === EXPORT_PAGE_SIZE ? rows[rows.length - 1] : undefined;
    } while (last);
  }
}

function record(row: RiskRow): RegisterRecord {
  const { risk: _risk, ...columns } = row;
  return columns;
}

export function historyOf(risk: Risk): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    { at: risk.identifiedAt, kind: 'identified', detail: { category: risk.category, by: risk.identifiedBy } },
    ...risk.assessments.map((a): HistoryEntry => ({ at: a.assessedAt, kind: 'assessed', detail: { ...a } })),
    ...risk.exceptions.map((e): HistoryEntry => ({ at: e.approvedAt, kind: 'exception-approved', detail: { ...e } })),
    ...risk.responses.map((r): HistoryEntry => ({ at: r.chosenAt, kind: 'response-chosen', detail: { ...r } })),
    ...risk.reviews.map((r): HistoryEntry => ({ at: r.reviewedAt, kind: 'reviewed', detail: { ...r } })),
    ...risk.warnings.map((w): HistoryEntry => ({ at: w.linkedAt, kind: 'warning-linked', detail: { ...w } })),
    ...(risk.closedAt ? [{ at: risk.closedAt, kind: 'closed' as const, detail: { reason: risk.closeReason } }] : []),
  ];
  return entries.sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
}
