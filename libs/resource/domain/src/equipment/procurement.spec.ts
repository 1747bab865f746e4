import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { ProcurementCommand, ProcurementEvent, procurement } from './procurement';

const meta = (userId: string): CommandMetadata => ({ commandId: userId, at: '2026-03-02T02:00:00.000Z', actor: { userId, roles: [], departments: [] }, correlationId: 'c' });
const { when, aggregateAfter, refusal } = deciderSpec(procurement);
const command = <T extends ProcurementCommand['type']>(type: T, data: Omit<Extract<ProcurementCommand, { type: T }>['data'], 'procurementId'>, by = 'ts-lead'): ProcurementCommand =>
  ({ type, data: { procurementId: 'pr-1', ...data }, metadata: meta(by) }) as ProcurementCommand;

const items = [
  { category: 'technical' as const, description: 'Network tester', quantity: 2, unitPrice: 350_000, serviceLifeMonths: 60, storageDevice: false },
  { category: 'office' as const, description: 'Laptop', quantity: 1, unitPrice: 800_000, serviceLifeMonths: 48, storageDevice: true },
];
const requested: ProcurementEvent = {
  type: 'ProcurementRequested',
  data: {
    procurementId: 'pr-1',
    departmentId: 'tech-support',
    purpose: 'On-site network faults',
    items: items.map((item, index) => ({ ...item, itemNumber: index + 1 })),
    requestedBy: 'ts-lead',
    requestedAt: '2026-03-02T02:00:00.000Z',
  },
};
const approved: ProcurementEvent = { type: 'ProcurementApproved', data: { procurementId: 'pr-1', approvedBy: 'rm-zhou', approvedAt: '2026-03-02T02:00:00.000Z' } };
const ordered: ProcurementEvent = { type: 'ProcurementOrdered', data: { procurementId: 'pr-1', supplier: 'Acme Instruments', orderReference: 'PO-77', orderedOn: '2026-03-03', orderedBy: 'rm-zhou' } };
const units = [
  { itemNumber: 1, serialNumber: 'NT-1', assetId: 'a-1' },
  { itemNumber: 1, serialNumber: 'NT-2', assetId: 'a-2' },
  { itemNumber: 2, serialNumber: 'LT-1', assetId: 'a-3' },
];

describe('procurement plan (R-2.1)', () => {
  it('is requested for a service need with numbered items of office or technical equipment', () => {
    expect(when([], command('RequestProcurement', { departmentId: 'tech-support', purpose: 'On-site network faults', items }))).toEqual([requested]);
    expect(refusal([], command('RequestProcurement', { departmentId: 'tech-support', purpose: 'x', items: [] }))).toMatchObject(refused('field-invalid'));
    expect(refusal([], command('RequestProcurement', { departmentId: 'tech-support', purpose: 'x', items: [{ ...items[0], quantity: 0 }] }))).toMatchObject(refused('field-invalid'));
    const many = [{ ...items[0], quantity: 200 }, { ...items[0], quantity: 200 }, { ...items[1], quantity: 101 }];
    expect(refusal([], command('RequestProcurement', { departmentId: 'tech-support', purpose: 'x', items: many }))).toMatchObject(refused('too-many-units'));
  });

  it('is approved by someone else, then ordered, then received unit by unit', () => {
    expect(refusal([requested], command('ApproveProcurement', {}))).toMatchObject(refused('approver-is-requester'));
    expect(refusal([requested], command('OrderProcurement', { supplier: 'Acme', orderReference: 'PO-77', orderedOn: '2026-03-03' }, 'rm-zhou'))).toMatchObject(refused('procurement-state'));
    expect(when([requested], command('ApproveProcurement', {}, 'rm-zhou'))).toEqual([approved]);
    expect(when([requested, approved], command('OrderProcurement', { supplier: 'Acme Instruments', orderReference: 'PO-77', orderedOn: '2026-03-03' }, 'rm-zhou'))).toEqual([ordered]);
    const received = when([requested, approved, ordered], command('ReceiveProcurement', { receivedOn: '2026-03-10', units }, 'rm-zhou'));
    expect(received).toEqual([{ type: 'ProcurementReceived', data: { procurementId: 'pr-1', receivedOn: '2026-03-10', units, receivedBy: 'rm-zhou' } }]);
    expect(aggregateAfter([requested, approved, ordered, ...received])).toMatchObject({ status: 'received', order: { supplier: 'Acme Instruments' }, units });
  });

  it('refuses a receipt that does not name every unit ordered, once each', () => {
    const history = [requested, approved, ordered];
    expect(refusal(history, command('ReceiveProcurement', { receivedOn: '2026-03-10', units: units.slice(0, 2) }, 'rm-zhou'))).toMatchObject(refused('receipt-incomplete'));
    expect(refusal(history, command('ReceiveProcurement', { receivedOn: '2026-03-10', units: [...units, { itemNumber: 3, serialNumber: 'X', assetId: 'a-4' }] }, 'rm-zhou'))).toMatchObject(
      refused('receipt-incomplete'),
    );
    expect(refusal(history, command('ReceiveProcurement', { receivedOn: '2026-03-10', units: [units[0], { ...units[1], serialNumber: 'NT-1' }, units[2]] }, 'rm-zhou'))).toMatchObject(
      refused('duplicate-serial-number'),
    );
  });

  it('is rejected with a reason, and then neither ordered nor decided again', () => {
    const rejected = when([requested], command('RejectProcurement', { reason: 'Borrow from system maintenance' }, 'rm-zhou'));
    expect(aggregateAfter([requested, ...rejected])).toMatchObject({ status: 'rejected', rejection: 'Borrow from system maintenance', decidedBy: 'rm-zhou' });
    expect(refusal([requested, ...rejected], command('ApproveProcurement', {}, 'rm-zhou'))).toMatchObject(refused('procurement-state'));
  });
});
