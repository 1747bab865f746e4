import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { AssetCategory, ASSET_CATEGORIES } from './asset';
import { ensureCalendarDate } from './calendar-dates';

/**
 * A procurement plan for office and technical equipment (R-2.1; 五(二)1 "根據服務工作需要,制定設備采購計劃"):
 *
 *   requested ──approve──▶ approved ──order──▶ ordered ──receive──▶ received
 *        └──reject──▶ rejected
 *
 * A department asks for equipment for a stated service need; someone else approves it; the order is placed
 * with a supplier; on receipt every unit is named by its serial number and registered as an asset (the
 * receiving use case registers them, each with the id the receipt gives it).
 */
export type ProcurementStatus = 'requested' | 'approved' | 'rejected' | 'ordered' | 'received';

export interface ProcurementItemContent {
  category: AssetCategory;
  description: string;
  quantity: number;
  /** Estimated price of one unit, in fen. */
  unitPrice: number;
  serviceLifeMonths: number;
  storageDevice: boolean;
}

export interface ProcurementItem extends ProcurementItemContent {
  itemNumber: number;
}

export interface ReceivedUnit {
  itemNumber: number;
  serialNumber: string;
  assetId: string;
}

export interface Procurement {
  procurementId: string;
  departmentId: string;
  /** The service work the equipment is needed for. */
  purpose: string;
  items: ProcurementItem[];
  status: ProcurementStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  rejection?: string;
  order?: { supplier: string; orderReference: string; orderedOn: string };
  receivedOn?: string;
  units?: ReceivedUnit[];
}

export type ProcurementState = Procurement | null;

export type RequestProcurement = Command<'RequestProcurement', { procurementId: string; departmentId: string; purpose: string; items: ProcurementItemContent[] }>;
export type ApproveProcurement = Command<'ApproveProcurement', { procurementId: string }>;
export type RejectProcurement = Command<'RejectProcurement', { procurementId: string; reason: string }>;
export type OrderProcurement = Command<'OrderProcurement', { procurementId: string; supplier: string; orderReference: string; orderedOn: string }>;
export type ReceiveProcurement = Command<'ReceiveProcurement', { procurementId: string; receivedOn: string; units: ReceivedUnit[] }>;
export type ProcurementCommand = RequestProcurement | ApproveProcurement | RejectProcurement | OrderProcurement | ReceiveProcurement;

export type ProcurementRequested = {
  type: 'ProcurementRequested';
  data: { procurementId: string; departmentId: string; purpose: string; items: ProcurementItem[]; requestedBy: string; requestedAt: string };
};
export type ProcurementApproved = { type: 'ProcurementApproved'; data: { procurementId: string; approvedBy: string; approvedAt: string } };
export type ProcurementRejected = { type: 'ProcurementRejected'; data: { procurementId: string; reason: string; rejectedBy: string; rejectedAt: string } };
export type ProcurementOrdered = {
  type: 'ProcurementOrdered';
  data: { procurementId: string; supplier: string; orderReference: string; orderedOn: string; orderedBy: string };
};
export type ProcurementReceived = { type: 'ProcurementReceived'; data: { procurementId: string; receivedOn: string; units: ReceivedUnit[]; receivedBy: string } };
export type ProcurementEvent = ProcurementRequested | ProcurementApproved | ProcurementRejected | ProcurementOrdered | ProcurementReceived;

export const MAX_PROCUREMENT_ITEMS = 50;
export const MAX_ITEM_QUANTITY = 200;
/** Units one procurement may bring: its receipt registers each as an asset in one request. */
export const MAX_PROCUREMENT_UNITS = 500;

export const procurement: Decider<ProcurementCommand, ProcurementEvent, ProcurementState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'ProcurementRequested') return { ...event.data, status: 'requested' };
    if (!state) return state;
    switch (event.type) {
      case 'ProcurementApproved':
        return { ...state, status: 'approved', decidedBy: event.data.approvedBy, decidedAt: event.data.approvedAt };
      case 'ProcurementRejected':
        return { ...state, status: 'rejected', decidedBy: event.data.rejectedBy, decidedAt: event.data.rejectedAt, rejection: event.data.reason };
      case 'ProcurementOrdered': {
        const { supplier, orderReference, orderedOn } = event.data;
        return { ...state, status: 'ordered', order: { supplier, orderReference, orderedOn } };
      }
      case 'ProcurementReceived':
        return { ...state, status: 'received', receivedOn: event.data.receivedOn, units: event.data.units };
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'RequestProcurement') {
      if (state) throw new RuleViolation('procurement-exists', `Procurement ${command.data.procurementId} was already requested`);
      const { procurementId, items } = command.data;
      if (items.length === 0 || items.length > MAX_PROCUREMENT_ITEMS) throw new RuleViolation('field-invalid', `A procurement has 1 to ${MAX_PROCUREMENT_ITEMS} items`);
      if (items.reduce((sum, item) => sum + item.quantity, 0) > MAX_PROCUREMENT_UNITS) {
        throw new RuleViolation('too-many-units', `A procurement brings at most ${MAX_PROCUREMENT_UNITS} units; split a larger one`);
      }
      return [
        {
          type: 'ProcurementRequested',
          data: {
            procurementId,
            departmentId: required(command.data.departmentId, 'department'),
            purpose: required(command.data.purpose, 'purpose'),
            items: items.map((item, index) => itemOf(item, index + 1)),
            requestedBy: actor.userId,
            requestedAt: at,
          },
        },
      ];
    }
    if (!state) throw new NotFoundError('Procurement', command.data.procurementId);
    const { procurementId } = state;
    switch (command.type) {
      case 'ApproveProcurement':
      case 'RejectProcurement':
        ensureStatus(state, 'requested', 'A procurement is approved or rejected once, as requested');
        if (actor.userId === state.requestedBy) throw new RuleViolation('approver-is-requester', 'A procurement is decided by someone other than who requested it');
        return command.type === 'ApproveProcurement'
          ? [{ type: 'ProcurementApproved', data: { procurementId, approvedBy: actor.userId, approvedAt: at } }]
          : [{ type: 'ProcurementRejected', data: { procurementId, reason: required(command.data.reason, 'reason'), rejectedBy: actor.userId, rejectedAt: at } }];
      case 'OrderProcurement':
        ensureStatus(state, 'approved', 'Equipment is ordered once its procurement is approved');
        return [
          {
            type: 'ProcurementOrdered',
            data: {
              procurementId,
              supplier: required(command.data.supplier, 'supplier'),
              orderReference: required(command.data.orderReference, 'order reference'),
              orderedOn: ensureCalendarDate(command.data.orderedOn, 'The order date'),
              orderedBy: actor.userId,
            },
          },
        ];
      case 'ReceiveProcurement': {
        ensureStatus(state, 'ordered', 'Equipment is received once ordered');
        const receivedOn = ensureCalendarDate(command.data.receivedOn, 'The date of receipt');
        const units = command.data.units.map((unit) => ({ itemNumber: unit.itemNumber, serialNumber: required(unit.serialNumber, 'serial number'), assetId: unit.assetId }));
        for (const item of state.items) {
          const received = units.filter((unit) => unit.itemNumber === item.itemNumber).length;
          if (received !== item.quantity) {
            throw new RuleViolation('receipt-incomplete', `Item ${item.itemNumber} (${item.description}) was ordered ${item.quantity} times; the receipt names ${received}`);
          }
        }
        if (units.length !== state.items.reduce((sum, item) => sum + item.quantity, 0)) throw new RuleViolation('receipt-incomplete', 'The receipt names a unit of no item ordered');
        if (new Set(units.map((unit) => unit.serialNumber)).size !== units.length) throw new RuleViolation('duplicate-serial-number', 'Each unit received has its own serial number');
        return [{ type: 'ProcurementReceived', data: { procurementId, receivedOn, units, receivedBy: actor.userId } }];
      }
    }
  },
};

/** A procurement's stream is `resource.procurement-<id>`, bounded by its own steps. It is its requesting department's. */
export const procurements: Aggregate<ProcurementCommand, ProcurementEvent, ProcurementState> = {
  name: 'Procurement',
  streamPrefix: 'resource.procurement-',
  decider: procurement,
  idOf: (command) => command.data.procurementId,
  creates: ['RequestProcurement'],
  scope: (state) => ({ departments: state ? [state.departmentId] : [] }),
};

export const procurementStream = (procurementId: string): string => streamOf(procurements, procurementId);

function itemOf(item: ProcurementItemContent, itemNumber: number): ProcurementItem {
  const { category, quantity, unitPrice, serviceLifeMonths } = item;
  if (!(ASSET_CATEGORIES as readonly string[]).includes(category)) throw new RuleViolation('field-invalid', `An item is ${ASSET_CATEGORIES.join(' or ')} equipment`);
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_ITEM_QUANTITY) throw new RuleViolation('field-invalid', `An item's quantity is 1 to ${MAX_ITEM_QUANTITY}`);
  if (!Number.isInteger(unitPrice) || unitPrice < 0) throw new RuleViolation('field-invalid', 'A unit price is whole fen, not negative');
  if (!Number.isInteger(serviceLifeMonths) || serviceLifeMonths < 1 || serviceLifeMonths > 600) throw new RuleViolation('field-invalid', 'A service life is 1 to 600 months');
  return { itemNumber, category, description: required(item.description, 'item description'), quantity, unitPrice, serviceLifeMonths, storageDevice: item.storageDevice === true };
}

function ensureStatus(state: Procurement, status: ProcurementStatus, rule: string): void {
  if (state.status !== status) throw new RuleViolation('procurement-state', `${rule}; procurement ${state.procurementId} is ${state.status}`);
}

function required(value: string | undefined, what: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new RuleViolation('field-required', `A procurement needs its ${what}`);
  return trimmed;
}
