import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, ProjectionTables, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { Asset, AssetEvent, ProcurementEvent, asset, assets, custodianOf, procurement } from '@serviceledger/resource/domain';

export const EQUIPMENT_PROJECTION = 'resource-equipment';

export interface AssetRow {
  assetId: string;
  name: string;
  category: string;
  /** The department whose asset it is. */
  departmentId: string;
  /** The department that has it in hand: the one it is allocated to, else its own. */
  custodianDepartmentId: string;
  /** The person it is allocated to, if it is allocated to a person. */
  allocatedTo: string | null;
  status: string;
  storageDevice: boolean;
  serialNumber: string;
  acquiredOn: string;
  endOfLifeOn: string;
  /** Why it is flagged for retirement: service-life-reached or unusable. */
  retirementFlag: string | null;
  failures: number;
  downtimeMinutes: number;
  procurementId: string | null;
  /** The folded asset (JSON): allocation, plans, open failure, retirement, disposal. */
  state: string;
  updatedAt: string;
}

/** An asset's history as it happened: the events themselves, since the folded state keeps only the present. */
export interface AssetHistoryRow {
  assetId: string;
  position: number;
  type: string;
  at: string;
  by: string;
  /** The event's data (JSON). */
  data: string;
}

export interface MaintenanceRow {
  assetId: string;
  planKey: string;
  assetName: string;
  departmentId: string;
  custodianDepartmentId: string;
  kind: string;
  everyMonths: number;
  dueOn: string;
  dueState: string;
  lastPerformedOn: string | null;
  /** Who is told when it falls due (JSON array), besides the person holding the asset. */
  notify: string;
  /** False once the asset is retired: its plans end with it. */
  active: boolean;
}

export interface FailureRow {
  assetId: string;
  failureNumber: number;
  assetName: string;
  category: string;
  departmentId: string;
  severity: string;
  description: string;
  failedAt: string;
  restoredAt: string | null;
  resolution: string | null;
  downtimeMinutes: number | null;
}

export interface ProcurementRow {
  procurementId: string;
  departmentId: string;
  status: string;
  purpose: string;
  requestedAt: string;
  /** The folded procurement (JSON): items, decision, order, units received. */
  state: string;
  updatedAt: string;
}

const key = (name: string) => ({ type: String, primary: true, name });
const str = { type: String, nullable: true };

/**
 * Equipment for the asset register, its CSV, each asset's history, maintenance due and overdue, downtime and
 * procurement plans (R-2.1..R-2.3). Assets and procurements fold their deciders' `evolve`.
 */
export const equipmentProjection: ProjectionDefinition = {
  name: EQUIPMENT_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [assets.streamPrefix, 'resource.procurement-'] },
  tables: {
    asset: {
      columns: {
        assetId: key('asset_id'),
        name: { type: String },
        category: { type: String },
        departmentId: { type: String, name: 'department_id' },
        custodianDepartmentId: { type: String, name: 'custodian_department_id' },
        allocatedTo: { ...str, name: 'allocated_to' },
        status: { type: String },
        storageDevice: { type: Boolean, name: 'storage_device' },
        serialNumber: { type: String, name: 'serial_number' },
        acquiredOn: { type: String, name: 'acquired_on' },
        endOfLifeOn: { type: String, name: 'end_of_life_on' },
        retirementFlag: { ...str, name: 'retirement_flag' },
        failures: { type: Number },
        downtimeMinutes: { type: Number, name: 'downtime_minutes' },
        procurementId: { ...str, name: 'procurement_id' },
        state: { type: 'text' },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['departmentId', 'status'] }, { columns: ['custodianDepartmentId'] }, { columns: ['allocatedTo'] }],
    } satisfies TableSpec<AssetRow>,
    asset_history: {
      columns: {
        assetId: key('asset_id'),
        position: { type: Number, primary: true },
        type: { type: String },
        at: { type: String },
        by: { type: String },
        data: { type: 'text' },
      },
    } satisfies TableSpec<AssetHistoryRow>,
    maintenance: {
      columns: {
        assetId: key('asset_id'),
        planKey: key('plan_key'),
        assetName: { type: String, name: 'asset_name' },
        departmentId: { type: String, name: 'department_id' },
        custodianDepartmentId: { type: String, name: 'custodian_department_id' },
        kind: { type: String },
        everyMonths: { type: Number, name: 'every_months' },
        dueOn: { type: String, name: 'due_on' },
        dueState: { type: String, name: 'due_state' },
        lastPerformedOn: { ...str, name: 'last_performed_on' },
        notify: { type: 'text' },
        active: { type: Boolean },
      },
      indices: [{ columns: ['active', 'dueState', 'dueOn'] }],
    } satisfies TableSpec<MaintenanceRow>,
    failure: {
      columns: {
        assetId: key('asset_id'),
        failureNumber: { type: Number, primary: true, name: 'failure_number' },
        assetName: { type: String, name: 'asset_name' },
        category: { type: String },
        departmentId: { type: String, name: 'department_id' },
        severity: { type: String },
        description: { type: 'text' },
        failedAt: { type: String, name: 'failed_at' },
        restoredAt: { ...str, name: 'restored_at' },
        resolution: { ...str },
        downtimeMinutes: { type: Number, nullable: true, name: 'downtime_minutes' },
      },
      indices: [{ columns: ['failedAt'] }, { columns: ['departmentId', 'failedAt'] }],
    } satisfies TableSpec<FailureRow>,
    procurement: {
      columns: {
        procurementId: key('procurement_id'),
        departmentId: { type: String, name: 'department_id' },
        status: { type: String },
        purpose: { type: 'text' },
        requestedAt: { type: String, name: 'requested_at' },
        state: { type: 'text' },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['departmentId', 'status'] }],
    } satisfies TableSpec<ProcurementRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    const restored = (events as Array<EventEnvelope & AssetEvent>).flatMap((event) =>
      event.type === 'AssetRepaired' || event.type === 'AssetReplaced' ? [{ assetId: event.data.assetId, failureNumber: event.data.failureNumber }] : [],
    );
    await tables.table<FailureRow>('failure').load(restored);
    for (const event of events) {
      if (event.stream.startsWith(assets.streamPrefix)) await applyAssetEvent(event as EventEnvelope & AssetEvent, tables);
      else await applyProcurementEvent(event as EventEnvelope & ProcurementEvent, tables);
    }
  },
};

async function applyProcurementEvent(event: EventEnvelope & ProcurementEvent, tables: ProjectionTables): Promise<void> {
  const after = (await foldEvent(tables, event, procurement))?.after;
  if (!after) return;
  tables.table<ProcurementRow>('procurement').upsert({
    procurementId: after.procurementId,
    departmentId: after.departmentId,
    status: after.status,
    purpose: after.purpose,
    requestedAt: after.requestedAt,
    state: JSON.stringify(after),
    updatedAt: event.occurredAt,
  });
}

async function applyAssetEvent(event: EventEnvelope & AssetEvent, tables: ProjectionTables): Promise<void> {
  const after = (await foldEvent(tables, event, asset))?.after;
  if (!after) return;
  tables.table<AssetRow>('asset').upsert(assetRow(after, event.occurredAt));
  tables.table<AssetHistoryRow>('asset_history').upsert({
    assetId: after.assetId,
    position: event.streamPosition,
    type: event.type,
    at: event.occurredAt,
    by: event.metadata.actor.userId,
    data: JSON.stringify(event.data),
  });
  const custodian = custodianOf(after);
  const retired = after.status === 'retired' || after.status === 'disposed';
  for (const plan of after.plans) {
    tables.table<MaintenanceRow>('maintenance').upsert({
      assetId: after.assetId,
      planKey: plan.planKey,
      assetName: after.name,
      departmentId: after.departmentId,
      custodianDepartmentId: custodian,
      kind: plan.kind,
      everyMonths: plan.everyMonths,
      dueOn: plan.dueOn,
      dueState: plan.dueState,
      lastPerformedOn: plan.lastPerformedOn ?? null,
      notify: JSON.stringify(plan.notify),
      active: !retired,
    });
  }
  const failures = tables.table<FailureRow>('failure');
  switch (event.type) {
    case 'AssetFailed': {
      const d = event.data;
      failures.upsert({
        assetId: d.assetId,
        failureNumber: d.failureNumber,
        assetName: after.name,
        category: after.category,
        departmentId: d.departmentId,
        severity: d.severity,
        description: d.description,
        failedAt: d.failedAt,
        restoredAt: null,
        resolution: null,
        downtimeMinutes: null,
      });
      break;
    }
    case 'AssetRepaired':
      await failures.update(
        { assetId: event.data.assetId, failureNumber: event.data.failureNumber },
        { restoredAt: event.data.repairedAt, resolution: 'repaired', downtimeMinutes: event.data.downtimeMinutes },
      );
      break;
    case 'AssetReplaced':
      await failures.update(
        { assetId: event.data.assetId, failureNumber: event.data.failureNumber },
        { restoredAt: event.data.replacedAt, resolution: 'replaced', downtimeMinutes: event.data.downtimeMinutes },
      );
      break;
    default:
      break;
  }
}

function assetRow(state: Asset, updatedAt: string): AssetRow {
  return {
    assetId: state.assetId,
    name: state.name,
    category: state.category,
    departmentId: state.departmentId,
    custodianDepartmentId: custodianOf(state),
    allocatedTo: state.allocation?.personId ?? null,
    status: state.status,
    storageDevice: state.storageDevice,
    serialNumber: state.serialNumber,
    acquiredOn: state.acquiredOn,
    endOfLifeOn: state.endOfLifeOn,
    retirementFlag: state.retirementFlag?.reason ?? null,
    failures: state.failures,
    downtimeMinutes: state.downtimeMinutes,
    procurementId: state.procurementId ?? null,
    state: JSON.stringify(state),
    updatedAt,
  };
}
