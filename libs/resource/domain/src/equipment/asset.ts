import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { addCalendarDays, addCalendarMonths, shanghaiDateAt, ensureCalendarDate, wholeMinutesBetween } from './calendar-dates';

/**
 * One piece of equipment over its life (R-2.1..R-2.3; 五(二)1–3):
 *
 *   registered ─allocate/release─▶ in service ──failure──▶ failed ──repair──▶ in service
 *                                       │                     └──replace──▶ flagged unusable
 *                    service life reached, or unusable: flagged for retirement
 *                                       ▼
 *               retirement requested ──approve──▶ retired ──dispose──▶ disposed
 *                          └──reject──▶ back
 *
 * Maintenance plans recur (an inspection every month, a calibration every 24 months); the scheduler marks
 * each due on its date and overdue after its grace days, naming who is told; doing it plans the next one
 * from the day it was done. A failure's downtime runs from the failure to the repair or the replacement.
 * A retired asset is never allocated again; a storage device is disposed of only with its data wiped.
 * Time and the acting user come with the command.
 */
export const ASSET_CATEGORIES = ['office', 'technical'] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
export const MAINTENANCE_KINDS = ['inspection', 'maintenance', 'calibration'] as const;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];
export const MAINTENANCE_OUTCOMES = ['passed', 'defects-found'] as const;
export type MaintenanceOutcome = (typeof MAINTENANCE_OUTCOMES)[number];
export const FAILURE_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type FailureSeverity = (typeof FAILURE_SEVERITIES)[number];
export const DISPOSAL_METHODS = ['recycling', 'resale', 'donation', 'destruction'] as const;
export type DisposalMethod = (typeof DISPOSAL_METHODS)[number];
export type RetirementReason = 'service-life-reached' | 'unusable';
export type AssetStatus = 'in-service' | 'failed' | 'retirement-requested' | 'retired' | 'disposed';
export type MaintenanceDueState = 'scheduled' | 'due' | 'overdue';

export const MAX_MAINTENANCE_PLANS = 20;
export const MAINTENANCE_DEFAULT_GRACE_DAYS = 7;

/** To whom an asset is given: a department, or a person in it. */
export interface Allocation {
  departmentId: string;
  personId?: string;
  allocatedAt: string;
  allocatedBy: string;
}

export interface MaintenancePlan {
  planKey: string;
  kind: MaintenanceKind;
  everyMonths: number;
  graceDays: number;
  /** Who is told when it falls due or overdue, besides the person the asset is allocated to. */
  notify: string[];
  dueOn: string;
  dueState: MaintenanceDueState;
  lastPerformedOn?: string;
  lastOutcome?: MaintenanceOutcome;
}

export interface OpenFailure {
  failureNumber: number;
  failedAt: string;
  severity: FailureSeverity;
  description: string;
}

export interface RetirementFlag {
  reason: RetirementReason;
  flaggedAt: string;
  note: string;
}

export interface Retirement {
  reason: string;
  requestedBy: string;
  requestedAt: string;
  approvedBy?: string;
  retiredAt?: string;
}

export interface DataWipe {
  method: string;
  performedBy: string;
  performedOn: string;
  verification: string;
}

export interface Disposal {
  disposedOn: string;
  method: DisposalMethod;
  recycler: { name: string; certificateNumber: string };
  dataWipe?: DataWipe;
  recordedBy: string;
}

export interface AssetContent {
  assetId: string;
  name: string;
  category: AssetCategory;
  /** Holds data (a disk, a laptop, a phone): disposed of only with the data wiped. */
  storageDevice: boolean;
  serialNumber: string;
  model?: string;
  /** The department whose asset it is (the register's department). */
  departmentId: string;
  acquiredOn: string;
  serviceLifeMonths: number;
  /** The procurement it was received from, and its item there. */
  procurementId?: string;
  itemNumber?: number;
}

export interface Asset extends AssetContent {
  endOfLifeOn: string;
  status: AssetStatus;
  allocation?: Allocation;
  plans: MaintenancePlan[];
  failures: number;
  openFailure?: OpenFailure;
  downtimeMinutes: number;
  retirementFlag?: RetirementFlag;
  retirement?: Retirement;
  disposal?: Disposal;
  registeredAt: string;
}

export type AssetState = Asset | null;

type Of<T extends string, D> = Command<T, D & { assetId: string }>;
export type RegisterAsset = Command<'RegisterAsset', AssetContent>;
export type AllocateAsset = Of<'AllocateAsset', { departmentId: string; personId?: string }>;
export type ReleaseAsset = Of<'ReleaseAsset', { note: string }>;
export type AddMaintenancePlan = Of<'AddMaintenancePlan', { planKey: string; kind: MaintenanceKind; everyMonths: number; firstDueOn: string; graceDays?: number; notify: string[] }>;
export type MarkMaintenanceDue = Of<'MarkMaintenanceDue', { planKey: string; dueOn: string }>;
export type MarkMaintenanceOverdue = Of<'MarkMaintenanceOverdue', { planKey: string; dueOn: string }>;
export type RecordMaintenance = Of<'RecordMaintenance', { planKey: string; performedOn: string; outcome: MaintenanceOutcome; notes: string }>;
export type ReportAssetFailure = Of<'ReportAssetFailure', { failedAt: string; severity: FailureSeverity; description: string }>;
export type RecordAssetRepair = Of<'RecordAssetRepair', { repairedAt: string; notes: string }>;
export type ReplaceFailedAsset = Of<'ReplaceFailedAsset', { replacedAt: string; replacementAssetId: string; notes: string }>;
export type FlagAssetUnusable = Of<'FlagAssetUnusable', { note: string }>;
export type FlagEndOfLife = Of<'FlagEndOfLife', { endOfLifeOn: string }>;
export type RequestRetirement = Of<'RequestRetirement', { reason: string }>;
export type ApproveRetirement = Of<'ApproveRetirement', Record<never, never>>;
export type RejectRetirement = Of<'RejectRetirement', { reason: string }>;
export type DisposeAsset = Of<'DisposeAsset', { disposedOn: string; method: DisposalMethod; recycler: { name: string; certificateNumber: string }; dataWipe?: DataWipe }>;
/** The commands the scheduler sends when a date comes. */
export type DueAssetCommand = MarkMaintenanceDue | MarkMaintenanceOverdue | FlagEndOfLife;
export type AssetCommand =
  | RegisterAsset
  | AllocateAsset
  | ReleaseAsset
  | AddMaintenancePlan
  | RecordMaintenance
  | ReportAssetFailure
  | RecordAssetRepair
  | ReplaceFailedAsset
  | FlagAssetUnusable
  | RequestRetirement
  | ApproveRetirement
  | RejectRetirement
  | DisposeAsset
  | DueAssetCommand;

export type AssetRegistered = { type: 'AssetRegistered'; data: AssetContent & { endOfLifeOn: string; registeredBy: string; registeredAt: string } };
export type AssetAllocated = {
  type: 'AssetAllocated';
  data: { assetId: string; departmentId: string; personId?: string; previous?: { departmentId: string; personId?: string }; allocatedBy: string; allocatedAt: string };
};
export type AssetReleased = { type: 'AssetReleased'; data: { assetId: string; previous: { departmentId: string; personId?: string }; note: string; releasedBy: string; releasedAt: string } };
export type MaintenancePlanAdded = {
  type: 'MaintenancePlanAdded';
  data: { assetId: string; planKey: string; kind: MaintenanceKind; everyMonths: number; graceDays: number; notify: string[]; dueOn: string; addedBy: string; addedAt: string };
};
export type MaintenanceFellDue = { type: 'MaintenanceFellDue'; data: { assetId: string; planKey: string; kind: MaintenanceKind; dueOn: string; notified: string[]; at: string } };
export type MaintenanceOverdue = {
  type: 'MaintenanceOverdue';
  data: { assetId: string; planKey: string; kind: MaintenanceKind; dueOn: string; graceDays: number; notified: string[]; at: string };
};
export type MaintenancePerformed = {
  type: 'MaintenancePerformed';
  data: {
    assetId: string;
    planKey: string;
    kind: MaintenanceKind;
    dueOn: string;
    /** The plan's grace days, which the next due date's overdue date counts on. */
    graceDays: number;
    performedOn: string;
    /** Done after the grace days had passed. */
    late: boolean;
    outcome: MaintenanceOutcome;
    notes: string;
    nextDueOn: string;
    performedBy: string;
    recordedAt: string;
  };
};
export type AssetFailed = {
  type: 'AssetFailed';
  data: {
    assetId: string;
    assetName: string;
    category: AssetCategory;
    failureNumber: number;
    failedAt: string;
    severity: FailureSeverity;
    description: string;
    /** The department that has it in hand when it fails. */
    departmentId: string;
    reportedBy: string;
    reportedAt: string;
  };
};
export type AssetRepaired = {
  type: 'AssetRepaired';
  data: { assetId: string; failureNumber: number; failedAt: string; repairedAt: string; downtimeMinutes: number; notes: string; recordedBy: string };
};
export type AssetReplaced = {
  type: 'AssetReplaced';
  data: { assetId: string; failureNumber: number; failedAt: string; replacedAt: string; downtimeMinutes: number; replacementAssetId: string; notes: string; recordedBy: string };
};
export type AssetFlaggedForRetirement = { type: 'AssetFlaggedForRetirement'; data: { assetId: string; reason: RetirementReason; note: string; flaggedAt: string; flaggedBy: string } };
export type RetirementRequested = { type: 'RetirementRequested'; data: { assetId: string; reason: string; flag: RetirementReason; requestedBy: string; requestedAt: string } };
export type RetirementRejected = { type: 'RetirementRejected'; data: { assetId: string; reason: string; rejectedBy: string; rejectedAt: string } };
export type AssetRetired = {
  type: 'AssetRetired';
  data: {
    assetId: string;
    name: string;
    category: AssetCategory;
    departmentId: string;
    flag: RetirementReason;
    reason: string;
    requestedBy: string;
    approvedBy: string;
    retiredAt: string;
    /** The allocation the retirement ended, if it was allocated. */
    released?: { departmentId: string; personId?: string };
  };
};
export type AssetDisposed = { type: 'AssetDisposed'; data: Disposal & { assetId: string; recordedAt: string } };
export type AssetEvent =
  | AssetRegistered
  | AssetAllocated
  | AssetReleased
  | MaintenancePlanAdded
  | MaintenanceFellDue
  | MaintenanceOverdue
  | MaintenancePerformed
  | AssetFailed
  | AssetRepaired
  | AssetReplaced
  | AssetFlaggedForRetirement
  | RetirementRequested
  | RetirementRejected
  | AssetRetired
  | AssetDisposed;

const holder = (allocation: Allocation): { departmentId: string; personId?: string } => ({
  departmentId: allocation.departmentId,
  ...(allocation.personId ? { personId: allocation.personId } : {}),
});

const withPlan = (asset: Asset, planKey: string, change: (plan: MaintenancePlan) => MaintenancePlan): Asset => ({
  ...asset,
  plans: asset.plans.map((plan) => (plan.planKey === planKey ? change(plan) : plan)),
});

export const asset: Decider<AssetCommand, AssetEvent, AssetState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'AssetRegistered') {
      const { registeredBy: _by, ...content } = event.data;
      return { ...content, status: 'in-service', plans: [], failures: 0, downtimeMinutes: 0 };
    }
    if (!state) return state;
    switch (event.type) {
      case 'AssetAllocated': {
        const { departmentId, personId, allocatedAt, allocatedBy } = event.data;
        return { ...state, allocation: { departmentId, ...(personId ? { personId } : {}), allocatedAt, allocatedBy } };
      }
      case 'AssetReleased': {
        const { allocation: _released, ...rest } = state;
        return rest;
      }
      case 'MaintenancePlanAdded': {
        const { planKey, kind, everyMonths, graceDays, notify, dueOn } = event.data;
        return { ...state, plans: [...state.plans, { planKey, kind, everyMonths, graceDays, notify, dueOn, dueState: 'scheduled' }] };
      }
      case 'MaintenanceFellDue':
        return withPlan(state, event.data.planKey, (plan) => ({ ...plan, dueState: 'due' }));
      case 'MaintenanceOverdue':
        return withPlan(state, event.data.planKey, (plan) => ({ ...plan, dueState: 'overdue' }));
      case 'MaintenancePerformed': {
        const { performedOn, outcome, nextDueOn } = event.data;
        return withPlan(state, event.data.planKey, (plan) => ({ ...plan, dueOn: nextDueOn, dueState: 'scheduled', lastPerformedOn: performedOn, lastOutcome: outcome }));
      }
      case 'AssetFailed': {
        const { failureNumber, failedAt, severity, description } = event.data;
        return { ...state, status: 'failed', failures: failureNumber, openFailure: { failureNumber, failedAt, severity, description } };
      }
      case 'AssetRepaired':
      case 'AssetReplaced': {
        const { openFailure: _closed, ...rest } = state;
        return { ...rest, status: 'in-service', downtimeMinutes: state.downtimeMinutes + event.data.downtimeMinutes };
      }
      case 'AssetFlaggedForRetirement': {
        const { reason, note, flaggedAt } = event.data;
        return { ...state, retirementFlag: { reason, note, flaggedAt } };
      }
      case 'RetirementRequested': {
        const { reason, requestedBy, requestedAt } = event.data;
        return { ...state, status: 'retirement-requested', retirement: { reason, requestedBy, requestedAt } };
      }
      case 'RetirementRejected': {
        const { retirement: _rejected, ...rest } = state;
        return { ...rest, status: rest.openFailure ? 'failed' : 'in-service' };
      }
      case 'AssetRetired': {
        const { allocation: _released, ...rest } = state;
        return { ...rest, status: 'retired', retirement: { ...(state.retirement as Retirement), approvedBy: event.data.approvedBy, retiredAt: event.data.retiredAt } };
      }
      case 'AssetDisposed': {
        const { assetId: _id, recordedAt: _at, ...disposal } = event.data;
        return { ...state, status: 'disposed', disposal };
      }
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'RegisterAsset') {
      if (state) throw new RuleViolation('asset-exists', `Asset ${command.data.assetId} is already registered`);
      return [{ type: 'AssetRegistered', data: { ...registration(command.data), registeredBy: actor.userId, registeredAt: at } }];
    }
    if (!state) throw new NotFoundError('Asset', command.data.assetId);
    const { assetId } = state;
    switch (command.type) {
      case 'AllocateAsset': {
        ensureInService(state, 'allocated');
        const departmentId = required(command.data.departmentId, 'department');
        const personId = command.data.personId?.trim();
        const previous = state.allocation ? holder(state.allocation) : undefined;
        if (previous && previous.departmentId === departmentId && previous.personId === (personId || undefined)) return [];
        return [
          {
            type: 'AssetAllocated',
            data: { assetId, departmentId, ...(personId ? { personId } : {}), ...(previous ? { previous } : {}), allocatedBy: actor.userId, allocatedAt: at },
          },
        ];
      }
      case 'ReleaseAsset':
        if (!state.allocation) throw new RuleViolation('asset-not-allocated', `Asset ${assetId} is not allocated`);
        return [{ type: 'AssetReleased', data: { assetId, previous: holder(state.allocation), note: required(command.data.note, 'note'), releasedBy: actor.userId, releasedAt: at } }];
      case 'AddMaintenancePlan': {
        ensureNotRetired(state, 'given a maintenance plan');
        const { kind, everyMonths, notify } = command.data;
        const planKey = required(command.data.planKey, 'plan key');
        if (state.plans.some((plan) => plan.planKey === planKey)) throw new RuleViolation('maintenance-plan-exists', `Asset ${assetId} already has the plan ${planKey}`);
        if (state.plans.length >= MAX_MAINTENANCE_PLANS) throw new RuleViolation('too-many-plans', `An asset has at most ${MAX_MAINTENANCE_PLANS} maintenance plans`);
        if (!(MAINTENANCE_KINDS as readonly string[]).includes(kind)) throw new RuleViolation('field-invalid', `A maintenance plan is one of ${MAINTENANCE_KINDS.join(', ')}`);
        if (!Number.isInteger(everyMonths) || everyMonths < 1 || everyMonths > 120) throw new RuleViolation('field-invalid', 'A plan recurs every 1 to 120 months');
        const graceDays = command.data.graceDays ?? MAINTENANCE_DEFAULT_GRACE_DAYS;
        if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > 90) throw new RuleViolation('field-invalid', 'A plan allows 0 to 90 grace days');
        const dueOn = ensureCalendarDate(command.data.firstDueOn, 'The first due date');
        return [
          {
            type: 'MaintenancePlanAdded',
            data: { assetId, planKey, kind, everyMonths, graceDays, notify: [...new Set(notify.map((n) => n.trim()).filter(Boolean))], dueOn, addedBy: actor.userId, addedAt: at },
          },
        ];
      }
      case 'MarkMaintenanceDue':
      case 'MarkMaintenanceOverdue': {
        const plan = state.plans.find((candidate) => candidate.planKey === command.data.planKey);
        // A due command for a date since done, or for an asset no longer in use, no longer applies.
        if (!plan || plan.dueOn !== command.data.dueOn || isRetired(state)) return [];
        const notified = [...new Set([...plan.notify, ...(state.allocation?.personId ? [state.allocation.personId] : [])])];
        const { planKey, kind, dueOn, graceDays } = plan;
        if (command.type === 'MarkMaintenanceDue') {
          return plan.dueState === 'scheduled' ? [{ type: 'MaintenanceFellDue', data: { assetId, planKey, kind, dueOn, notified, at } }] : [];
        }
        return plan.dueState === 'overdue' ? [] : [{ type: 'MaintenanceOverdue', data: { assetId, planKey, kind, dueOn, graceDays, notified, at } }];
      }
      case 'RecordMaintenance': {
        ensureNotRetired(state, 'maintained');
        const plan = state.plans.find((candidate) => candidate.planKey === command.data.planKey);
        if (!plan) throw new RuleViolation('no-such-plan', `Asset ${assetId} has no maintenance plan ${command.data.planKey}`);
        const performedOn = ensureCalendarDate(command.data.performedOn, 'The date it was done');
        if (performedOn > shanghaiDateAt(at)) throw new RuleViolation('date-in-the-future', `Maintenance is recorded once done, not for ${performedOn}`);
        const { outcome } = command.data;
        if (!(MAINTENANCE_OUTCOMES as readonly string[]).includes(outcome)) throw new RuleViolation('field-invalid', `An outcome is one of ${MAINTENANCE_OUTCOMES.join(', ')}`);
        return [
          {
            type: 'MaintenancePerformed',
            data: {
              assetId,
              planKey: plan.planKey,
              kind: plan.kind,
              dueOn: plan.dueOn,
              graceDays: plan.graceDays,
              performedOn,
              late: performedOn > addCalendarDays(plan.dueOn, plan.graceDays),
              outcome,
              notes: required(command.data.notes, 'notes'),
              nextDueOn: addCalendarMonths(performedOn, plan.everyMonths),
              performedBy: actor.userId,
              recordedAt: at,
            },
          },
        ];
      }
      case 'ReportAssetFailure': {
        ensureNotRetired(state, 'reported failed');
        if (state.openFailure) throw new RuleViolation('asset-already-failed', `Asset ${assetId} has failed already (failure ${state.openFailure.failureNumber})`);
        const { severity } = command.data;
        if (!(FAILURE_SEVERITIES as readonly string[]).includes(severity)) throw new RuleViolation('field-invalid', `A severity is one of ${FAILURE_SEVERITIES.join(', ')}`);
        const failedAt = instant(command.data.failedAt, 'The failure time');
        if (Date.parse(failedAt) > Date.parse(at)) throw new RuleViolation('date-in-the-future', 'A failure is reported once it happened');
        return [
          {
            type: 'AssetFailed',
            data: { assetId, assetName: state.name, category: state.category, failureNumber: state.failures + 1, failedAt, severity, description: required(command.data.description, 'description'), departmentId: custodianOf(state), reportedBy: actor.userId, reportedAt: at },
          },
        ];
      }
      case 'RecordAssetRepair':
      case 'ReplaceFailedAsset': {
        const failure = state.openFailure;
        if (!failure || state.status !== 'failed') throw new RuleViolation('asset-not-failed', `Asset ${assetId} has no failure to repair or replace`);
        const notes = required(command.data.notes, 'notes');
        if (command.type === 'RecordAssetRepair') {
          const repairedAt = restoredAt(command.data.repairedAt, failure, at);
          return [{ type: 'AssetRepaired', data: { assetId, failureNumber: failure.failureNumber, failedAt: failure.failedAt, repairedAt, downtimeMinutes: wholeMinutesBetween(failure.failedAt, repairedAt), notes, recordedBy: actor.userId } }];
        }
        const replacedAt = restoredAt(command.data.replacedAt, failure, at);
        const replacementAssetId = required(command.data.replacementAssetId, 'replacement');
        if (replacementAssetId === assetId) throw new RuleViolation('field-invalid', 'An asset is not its own replacement');
        return [
          {
            type: 'AssetReplaced',
            data: { assetId, failureNumber: failure.failureNumber, failedAt: failure.failedAt, replacedAt, downtimeMinutes: wholeMinutesBetween(failure.failedAt, replacedAt), replacementAssetId, notes, recordedBy: actor.userId },
          },
          ...flag(state, 'unusable', `Replaced by ${replacementAssetId}: ${notes}`, at, actor.userId),
        ];
      }
      case 'FlagAssetUnusable':
        ensureNotRetired(state, 'flagged');
        return flag(state, 'unusable', required(command.data.note, 'note'), at, actor.userId);
      case 'FlagEndOfLife':
        if (command.data.endOfLifeOn !== state.endOfLifeOn || isRetired(state)) return [];
        return flag(state, 'service-life-reached', `Service life of ${state.serviceLifeMonths} months reached on ${state.endOfLifeOn}`, at, actor.userId);
      case 'RequestRetirement': {
        ensureNotRetired(state, 'put up for retirement');
        if (state.status === 'retirement-requested') throw new RuleViolation('retirement-pending', `Asset ${assetId}'s retirement awaits a decision`);
        if (!state.retirementFlag) {
          throw new RuleViolation('not-flagged-for-retirement', `Asset ${assetId} is neither past its service life (${state.endOfLifeOn}) nor flagged unusable`);
        }
        return [{ type: 'RetirementRequested', data: { assetId, reason: required(command.data.reason, 'reason'), flag: state.retirementFlag.reason, requestedBy: actor.userId, requestedAt: at } }];
      }
      case 'ApproveRetirement':
      case 'RejectRetirement': {
        const retirement = state.retirement;
        if (state.status !== 'retirement-requested' || !retirement) throw new RuleViolation('no-retirement-request', `Asset ${assetId} has no retirement awaiting a decision`);
        if (actor.userId === retirement.requestedBy) throw new RuleViolation('approver-is-requester', 'A retirement is decided by someone other than who requested it');
        if (command.type === 'RejectRetirement') {
          return [{ type: 'RetirementRejected', data: { assetId, reason: required(command.data.reason, 'reason'), rejectedBy: actor.userId, rejectedAt: at } }];
        }
        return [
          {
            type: 'AssetRetired',
            data: {
              assetId,
              name: state.name,
              category: state.category,
              departmentId: state.departmentId,
              flag: (state.retirementFlag as RetirementFlag).reason,
              reason: retirement.reason,
              requestedBy: retirement.requestedBy,
              approvedBy: actor.userId,
              retiredAt: at,
              ...(state.allocation ? { released: holder(state.allocation) } : {}),
            },
          },
        ];
      }
      case 'DisposeAsset': {
        if (state.status === 'disposed') throw new RuleViolation('asset-disposed', `Asset ${assetId} was disposed of on ${state.disposal?.disposedOn}`);
        if (state.status !== 'retired') throw new RuleViolation('asset-not-retired', `Asset ${assetId} is disposed of only once its retirement is approved`);
        const { method, recycler, dataWipe } = command.data;
        if (!(DISPOSAL_METHODS as readonly string[]).includes(method)) throw new RuleViolation('field-invalid', `A disposal method is one of ${DISPOSAL_METHODS.join(', ')}`);
        const disposedOn = ensureCalendarDate(command.data.disposedOn, 'The disposal date');
        if (disposedOn > shanghaiDateAt(at)) throw new RuleViolation('date-in-the-future', 'A disposal is recorded once done');
        if (state.storageDevice && !dataWipe) {
          throw new RuleViolation('data-wipe-required', `Asset ${assetId} stores data: its disposal records the data wipe (method, by whom, when, how verified)`);
        }
        return [
          {
            type: 'AssetDisposed',
            data: {
              assetId,
              disposedOn,
              method,
              recycler: { name: required(recycler?.name, 'recycler'), certificateNumber: required(recycler?.certificateNumber, "recycler's certificate") },
              ...(dataWipe
                ? {
                    dataWipe: {
                      method: required(dataWipe.method, 'data wipe method'),
                      performedBy: required(dataWipe.performedBy, 'who wiped the data'),
                      performedOn: ensureCalendarDate(dataWipe.performedOn, 'The data wipe date'),
                      verification: required(dataWipe.verification, "data wipe's verification"),
                    },
                  }
                : {}),
              recordedBy: actor.userId,
              recordedAt: at,
            },
          },
        ];
      }
    }
  },
};

/**
 * An asset's stream is `resource.asset-<id>`, bounded by its life (allocations, maintenance, failures,
 * retirement). It is its department's, and the department it is allocated to sees it too.
 */
export const assets: Aggregate<AssetCommand, AssetEvent, AssetState> = {
  name: 'Asset',
  streamPrefix: 'resource.asset-',
  decider: asset,
  idOf: (command) => command.data.assetId,
  creates: ['RegisterAsset'],
  scope: (state) => ({ departments: state ? [...new Set([state.departmentId, ...(state.allocation ? [state.allocation.departmentId] : [])])] : [] }),
};

export const assetStream = (assetId: string): string => streamOf(assets, assetId);

/** The department that has the asset in hand: the one it is allocated to, else its own. */
export function custodianOf(state: Pick<Asset, 'departmentId' | 'allocation'>): string {
  return state.allocation?.departmentId ?? state.departmentId;
}

function registration(content: AssetContent): AssetContent & { endOfLifeOn: string } {
  const { assetId, category, storageDevice, serviceLifeMonths, model, procurementId, itemNumber } = content;
  if (!(ASSET_CATEGORIES as readonly string[]).includes(category)) throw new RuleViolation('field-invalid', `An asset is ${ASSET_CATEGORIES.join(' or ')} equipment`);
  if (!Number.isInteger(serviceLifeMonths) || serviceLifeMonths < 1 || serviceLifeMonths > 600) throw new RuleViolation('field-invalid', 'A service life is 1 to 600 months');
  const acquiredOn = ensureCalendarDate(content.acquiredOn, 'The acquisition date');
  return {
    assetId,
    name: required(content.name, 'name'),
    category,
    storageDevice: storageDevice === true,
    serialNumber: required(content.serialNumber, 'serial number'),
    ...(model?.trim() ? { model: model.trim() } : {}),
    departmentId: required(content.departmentId, 'department'),
    acquiredOn,
    serviceLifeMonths,
    ...(procurementId ? { procurementId } : {}),
    ...(itemNumber !== undefined ? { itemNumber } : {}),
    endOfLifeOn: addCalendarMonths(acquiredOn, serviceLifeMonths),
  };
}

function flag(state: Asset, reason: RetirementReason, note: string, at: string, by: string): AssetFlaggedForRetirement[] {
  if (state.retirementFlag) return [];
  return [{ type: 'AssetFlaggedForRetirement', data: { assetId: state.assetId, reason, note, flaggedAt: at, flaggedBy: by } }];
}

function isRetired(state: Asset): boolean {
  return state.status === 'retired' || state.status === 'disposed';
}

function ensureNotRetired(state: Asset, what: string): void {
  if (isRetired(state)) throw new RuleViolation('asset-retired', `Asset ${state.assetId} is ${state.status}: it cannot be ${what}`);
}

function ensureInService(state: Asset, what: string): void {
  ensureNotRetired(state, what);
  if (state.status === 'retirement-requested') throw new RuleViolation('retirement-pending', `Asset ${state.assetId} awaits its retirement: it cannot be ${what}`);
  if (state.status === 'failed') throw new RuleViolation('asset-failed', `Asset ${state.assetId} has failed: it cannot be ${what} until repaired`);
}

function restoredAt(value: string, failure: OpenFailure, at: string): string {
  const restored = instant(value, 'The time it was restored');
  if (Date.parse(restored) < Date.parse(failure.failedAt)) throw new RuleViolation('field-invalid', `Restored at ${restored}, before the failure at ${failure.failedAt}`);
  if (Date.parse(restored) > Date.parse(at)) throw new RuleViolation('date-in-the-future', 'A repair or replacement is recorded once done');
  return restored;
}

function instant(value: string, what: string): string {
  const ms = Date.parse(value);
  if (!value || Number.isNaN(ms)) throw new RuleViolation('field-invalid', `${what} must be an ISO-8601 instant`);
  return new Date(ms).toISOString();
}

function required(value: string | undefined, what: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new RuleViolation('field-required', `An asset needs its ${what}`);
  return trimmed;
}
