import { eventStream } from '@serviceledger/platform/testing';
import { AssetEvent, assetStream } from '@serviceledger/resource/domain';
import { equipmentSchedule } from './equipment-schedule';

const envelope = eventStream<AssetEvent>(assetStream('a-1'));

describe('the equipment schedule (R-2.2, R-2.3)', () => {
  it('flags an asset for retirement as the day its service life ends begins in Shanghai', () => {
    const changes = equipmentSchedule.changes(
      envelope({
        type: 'AssetRegistered',
        data: {
          assetId: 'a-1',
          name: 'Analyser',
          category: 'technical',
          storageDevice: true,
          serialNumber: 'NA-1',
          departmentId: 'tech-support',
          acquiredOn: '2026-03-02',
          serviceLifeMonths: 24,
          endOfLifeOn: '2028-03-02',
          registeredBy: 'rm-zhou',
          registeredAt: '2026-03-02T01:00:00.000Z',
        },
      }),
    );
    expect(changes).toEqual([{ plan: { key: 'a-1:end-of-life', dueAt: '2028-03-01T16:00:00.000Z', type: 'FlagEndOfLife', data: { assetId: 'a-1', endOfLifeOn: '2028-03-02' } } }]);
  });

  it('marks a plan due on its date and overdue after its grace days, and re-plans both from the day it was done', () => {
    const added = equipmentSchedule.changes(
      envelope({
        type: 'MaintenancePlanAdded',
        data: { assetId: 'a-1', planKey: 'calibration', kind: 'calibration', everyMonths: 24, graceDays: 7, notify: [], dueOn: '2026-03-10', addedBy: 'rm-zhou', addedAt: '2026-03-02T01:00:00.000Z' },
      }),
    );
    const data = { assetId: 'a-1', planKey: 'calibration', dueOn: '2026-03-10' };
    expect(added).toEqual([
      { plan: { key: 'a-1:calibration:due:2026-03-10', dueAt: '2026-03-09T16:00:00.000Z', type: 'MarkMaintenanceDue', data } },
      { plan: { key: 'a-1:calibration:overdue:2026-03-10', dueAt: '2026-03-17T16:00:00.000Z', type: 'MarkMaintenanceOverdue', data } },
    ]);
    const performed = equipmentSchedule.changes(
      envelope({
        type: 'MaintenancePerformed',
        data: {
          assetId: 'a-1',
          planKey: 'calibration',
          kind: 'calibration',
          dueOn: '2026-03-10',
          graceDays: 7,
          performedOn: '2026-03-12',
          late: false,
          outcome: 'passed',
          notes: 'OK',
          nextDueOn: '2028-03-12',
          performedBy: 'tech-chen',
          recordedAt: '2026-03-12T02:00:00.000Z',
        },
      }),
    );
    expect(performed).toEqual([
      { cancel: 'a-1:calibration:due:2026-03-10' },
      { cancel: 'a-1:calibration:overdue:2026-03-10' },
      { plan: expect.objectContaining({ key: 'a-1:calibration:due:2028-03-12', dueAt: '2028-03-11T16:00:00.000Z' }) },
      { plan: expect.objectContaining({ key: 'a-1:calibration:overdue:2028-03-12', dueAt: '2028-03-19T16:00:00.000Z' }) },
    ]);
  });
});
