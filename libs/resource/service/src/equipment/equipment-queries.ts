import { Injectable } from '@nestjs/common';
import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { departmentColumn, scopedQuery } from '@serviceledger/platform/auth';
import { Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { Asset, Procurement } from '@serviceledger/resource/domain';
import { AssetHistoryRow, AssetRow, EQUIPMENT_PROJECTION, FailureRow, MaintenanceRow, ProcurementRow } from './equipment.projection';
import { AssetListQuery, DowntimeQuery, MaintenanceQuery, ProcurementListQuery } from './equipment.dto';
import { toYuan } from '../rd-investment/rd-investment.dto';

export type AssetView = Asset & { updatedAt: string };

export interface AssetHistoryEntry {
  position: number;
  type: string;
  at: string;
  by: string;
  data: unknown;
}

export interface MaintenanceDue {
  assetId: string;
  assetName: string;
  planKey: string;
  kind: string;
  everyMonths: number;
  dueOn: string;
  state: string;
  departmentId: string;
  custodianDepartmentId: string;
  lastPerformedOn: string | null;
  notify: string[];
}

export interface DowntimeReport {
  from: string;
  to: string;
  failures: Array<Omit<FailureRow, 'description'>>;
  /** Downtime of the failures restored, in minutes; those still open are counted in `open`. */
  totals: { failures: number; restored: number; open: number; downtimeMinutes: number };
  departments: Array<{ departmentId: string; failures: number; open: number; downtimeMinutes: number }>;
}

/** The columns of the asset register's CSV. */
export const ASSET_REGISTER_COLUMNS = [
  'assetId',
  'name',
  'category',
  'departmentId',
  'custodianDepartmentId',
  'allocatedTo',
  'status',
  'serialNumber',
  'storageDevice',
  'acquiredOn',
  'endOfLifeOn',
  'retirementFlag',
  'failures',
  'downtimeMinutes',
  'procurementId',
] as const;

/**
 * The asset register, each asset's history, maintenance due and overdue, downtime and procurement plans
 * (R-2.1..R-2.3). An asset is seen by its own department and by the department it is allocated to; a
 * procurement by the department that requested it.
 */
@Injectable()
export class EquipmentQueries {
  constructor(private readonly readModels: ReadModels) {}

  async assets(actor: Actor, query: AssetListQuery): Promise<Page<AssetView>> {
    await this.readModels.after(EQUIPMENT_PROJECTION, query);
    const [rows, total] = await this.assetQuery(actor, query)
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(assetView), page: query.page, pageSize: query.pageSize, total };
  }

  /** Every asset the query selects, read a page at a time, as CSV records. */
  async register(actor: Actor, query: AssetListQuery): Promise<AsyncIterable<Record<(typeof ASSET_REGISTER_COLUMNS)[number], unknown>>> {
    await this.readModels.after(EQUIPMENT_PROJECTION, query);
    const pageOf = (page: number, pageSize: number) => readRows(this.assetQuery(actor, query).skip(page * pageSize).take(pageSize));
    return (async function* () {
      const pageSize = 500;
      for (let page = 0; ; page++) {
        const rows = await pageOf(page, pageSize);
        for (const row of rows) {
          const { state: _state, updatedAt: _at, ...record } = row;
          yield record;
        }
        if (rows.length < pageSize) return;
      }
    })();
  }

  async asset(actor: Actor, assetId: string, after: ReadAfter | undefined): Promise<AssetView> {
    await this.readModels.after(EQUIPMENT_PROJECTION, after);
    return assetView(await this.visibleAsset(actor, assetId));
  }

  async history(actor: Actor, assetId: string, after: ReadAfter | undefined): Promise<AssetHistoryEntry[]> {
    await this.readModels.after(EQUIPMENT_PROJECTION, after);
    await this.visibleAsset(actor, assetId);
    const rows = await this.readModels.repository<AssetHistoryRow>(EQUIPMENT_PROJECTION, 'asset_history').find({ where: { assetId }, order: { position: 'ASC' } });
    return rows.map(({ position, type, at, by, data }) => ({ position, type, at, by, data: JSON.parse(data) }));
  }

  async maintenance(actor: Actor, query: MaintenanceQuery): Promise<MaintenanceDue[]> {
    await this.readModels.after(EQUIPMENT_PROJECTION, query);
    const builder = this.scoped<MaintenanceRow>(actor, 'maintenance', 'm').andWhere('m.active = :active', { active: true });
    builder.andWhere('m.dueState IN (:...states)', { states: query.state ? [query.state] : ['due', 'overdue'] });
    if (query.department) byDepartment(builder, 'm', query.department);
    const rows = await readRows(builder.orderBy('m.dueOn', 'ASC').addOrderBy('m.assetId', 'ASC').addOrderBy('m.planKey', 'ASC').take(1000));
    return rows.map(({ dueState, notify, active: _active, ...row }) => ({ ...row, state: dueState, notify: JSON.parse(notify) as string[] }));
  }

  async downtime(actor: Actor, query: DowntimeQuery): Promise<DowntimeReport> {
    await this.readModels.after(EQUIPMENT_PROJECTION, query);
    const from = new Date(query.from).toISOString();
    const to = new Date(query.to).toISOString();
    const builder = scopedQuery(actor, this.readModels.repository<FailureRow>(EQUIPMENT_PROJECTION, 'failure'), 'f', { departments: [departmentColumn('f.departmentId')] })
      .andWhere('f.failedAt >= :from', { from })
      .andWhere('f.failedAt < :to', { to });
    if (query.department) builder.andWhere('f.departmentId = :department', { department: query.department });
    const rows = await readRows(builder.orderBy('f.failedAt', 'ASC').addOrderBy('f.assetId', 'ASC'));
    const sum = (items: FailureRow[]) => ({
      failures: items.length,
      open: items.filter((f) => f.restoredAt === null).length,
      downtimeMinutes: items.reduce((total, f) => total + (f.downtimeMinutes ?? 0), 0),
    });
    const all = sum(rows);
    return {
      from,
      to,
      failures: rows.map(({ description: _text, ...failure }) => failure),
      totals: { failures: all.failures, restored: all.failures - all.open, open: all.open, downtimeMinutes: all.downtimeMinutes },
      departments: [...new Set(rows.map((f) => f.departmentId))].sort().map((departmentId) => ({ departmentId, ...sum(rows.filter((f) => f.departmentId === departmentId)) })),
    };
  }

  async procurements(actor: Actor, query: ProcurementListQuery): Promise<Page<Procurement & { updatedAt: string }>> {
    await this.readModels.after(EQUIPMENT_PROJECTION, query);
    const builder = this.procurementQuery(actor);
    if (query.department) builder.andWhere('p.departmentId = :department', { department: query.department });
    if (query.status) builder.andWhere('p.status = :status', { status: query.status });
    const [rows, total] = await builder
      .orderBy('p.requestedAt', 'DESC')
      .addOrderBy('p.procurementId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(procurementView), page: query.page, pageSize: query.pageSize, total };
  }

  async procurement(actor: Actor, procurementId: string, after: ReadAfter | undefined): Promise<Procurement & { updatedAt: string }> {
    await this.readModels.after(EQUIPMENT_PROJECTION, after);
    const row = await this.procurementQuery(actor).andWhere('p.procurementId = :procurementId', { procurementId }).getOne();
    if (!row) throw new NotFoundError('Procurement', procurementId);
    return procurementView(row);
  }

  private async visibleAsset(actor: Actor, assetId: string): Promise<AssetRow> {
    const row = await this.scoped<AssetRow>(actor, 'asset', 'a').andWhere('a.assetId = :assetId', { assetId }).getOne();
    if (!row) throw new NotFoundError('Asset', assetId);
    return row;
  }

  private assetQuery(actor: Actor, query: AssetListQuery) {
    const builder = this.scoped<AssetRow>(actor, 'asset', 'a');
    if (query.department) byDepartment(builder, 'a', query.department);
    if (query.category) builder.andWhere('a.category = :category', { category: query.category });
    if (query.status) builder.andWhere('a.status = :status', { status: query.status });
    if (query.allocatedTo) builder.andWhere('a.allocatedTo = :allocatedTo', { allocatedTo: query.allocatedTo });
    if (query.flagged !== undefined) builder.andWhere(query.flagged ? 'a.retirementFlag IS NOT NULL' : 'a.retirementFlag IS NULL');
    return builder.orderBy('a.departmentId', 'ASC').addOrderBy('a.name', 'ASC').addOrderBy('a.assetId', 'ASC');
  }

  private procurementQuery(actor: Actor) {
    return scopedQuery(actor, this.readModels.repository<ProcurementRow>(EQUIPMENT_PROJECTION, 'procurement'), 'p', { departments: [departmentColumn('p.departmentId')] });
  }

  /** Assets and their maintenance: their own department's, and the department's they are allocated to. */
  private scoped<T extends ObjectLiteral>(actor: Actor, table: 'asset' | 'maintenance', alias: string) {
    return scopedQuery(actor, this.readModels.repository<T>(EQUIPMENT_PROJECTION, table), alias, {
      departments: [departmentColumn(`${alias}.departmentId`), departmentColumn(`${alias}.custodianDepartmentId`)],
    });
  }
}

/** The department's own assets and those allocated to it. */
function byDepartment<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>, alias: string, department: string): void {
  builder.andWhere(new Brackets((either) => either.where(`${alias}.departmentId = :department`).orWhere(`${alias}.custodianDepartmentId = :department`)), { department });
}

function assetView(row: AssetRow): AssetView {
  return { ...(JSON.parse(row.state) as Asset), updatedAt: row.updatedAt };
}

/** Prices are kept in whole fen and answered in CNY, the unit they are requested in. */
function procurementView(row: ProcurementRow): Procurement & { updatedAt: string } {
  const procurement = JSON.parse(row.state) as Procurement;
  return { ...procurement, items: procurement.items.map((item) => ({ ...item, unitPrice: toYuan(item.unitPrice) })), updatedAt: row.updatedAt };
}
