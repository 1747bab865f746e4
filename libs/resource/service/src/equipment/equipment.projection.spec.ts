import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { AssetEvent, ProcurementEvent, assetStream, procurementStream } from '@serviceledger/resource/domain';
import { AssetHistoryRow, AssetRow, FailureRow, MaintenanceRow, ProcurementRow, equipmentProjection } from './equipment.projection';

const registered: AssetEvent = {
  type: 'AssetRegistered',
  data: {
    assetId: 'a-1',
    name: 'Oscilloscope',
    category: 'technical',
    storageDevice: false,
    serialNumber: 'OSC-001',
    departmentId: 'tech-support',
    acquiredOn: '2026-01-31',
    serviceLifeMonths: 36,
    endOfLifeOn: '2029-01-31',
    registeredBy: 'rm-zhou',
    registeredAt: '2026-03-02T09:00:00.000Z',
  },
};
const allocated: AssetEvent = { type: 'AssetAllocated', data: { assetId: 'a-1', departmentId: 'logistics', personId: 'lg-wang', allocatedBy: 'rm-zhou', allocatedAt: '2026-03-02T09:01:00.000Z' } };
const calibration: AssetEvent = {
  type: 'MaintenancePlanAdded',
  data: { assetId: 'a-1', planKey: 'calibration', kind: 'calibration', everyMonths: 24, graceDays: 7, notify: ['lab-lead'], dueOn: '2026-03-10', addedBy: 'rm-zhou', addedAt: '2026-03-02T09:02:00.000Z' },
};
const failed: AssetEvent = {
  type: 'AssetFailed',
  data: { assetId: 'a-1', assetName: 'Oscilloscope', category: 'technical', failureNumber: 1, failedAt: '2026-03-12T01:00:00.000Z', severity: 'high', description: 'No trace', departmentId: 'logistics', reportedBy: 'rm-zhou', reportedAt: '2026-03-12T01:10:00.000Z' },
};
const repaired: AssetEvent = {
  type: 'AssetRepaired',
  data: { assetId: 'a-1', failureNumber: 1, failedAt: '2026-03-12T01:00:00.000Z', repairedAt: '2026-03-12T05:30:00.000Z', downtimeMinutes: 270, notes: 'Fuse', recordedBy: 'rm-zhou' },
};

describe('equipment projection', () => {
  const projection = projectionSpec(equipmentProjection);

  it('registers an asset with its department and the department holding it, and keeps its history event by event', async () => {
    const a1 = eventStream<AssetEvent>(assetStream('a-1'));
    await projection.apply([a1(registered), a1(allocated)]);
    expect(await projection.rows<AssetRow>('asset')).toEqual([
      {
        assetId: 'a-1',
        name: 'Oscilloscope',
        category: 'technical',
        departmentId: 'tech-support',
        custodianDepartmentId: 'logistics',
        allocatedTo: 'lg-wang',
        status: 'in-service',
        storageDevice: false,
        serialNumber: 'OSC-001',
        acquiredOn: '2026-01-31',
        endOfLifeOn: '2029-01-31',
        retirementFlag: null,
        failures: 0,
        downtimeMinutes: 0,
        procurementId: null,
        state: expect.any(String),
        updatedAt: '2026-03-02T09:01:00.000Z',
      },
    ]);
    expect((await projection.rows<AssetHistoryRow>('asset_history')).map((row) => [row.position, row.type, row.by])).toEqual([
      [0, 'AssetRegistered', 'agent-1'],
      [1, 'AssetAllocated', 'agent-1'],
    ]);
  });

  it('lists a maintenance plan by its due date and state, held by the department holding the asset', async () => {
    const a1 = eventStream<AssetEvent>(assetStream('a-1'));
    await projection.apply([
      a1(registered),
      a1(allocated),
      a1(calibration),
      a1({ type: 'MaintenanceFellDue', data: { assetId: 'a-1', planKey: 'calibration', kind: 'calibration', dueOn: '2026-03-10', notified: ['lab-lead', 'lg-wang'], at: '2026-03-09T16:00:00.000Z' } }),
    ]);
    expect(await projection.rows<MaintenanceRow>('maintenance')).toEqual([
      {
        assetId: 'a-1',
        planKey: 'calibration',
        assetName: 'Oscilloscope',
        departmentId: 'tech-support',
        custodianDepartmentId: 'logistics',
        kind: 'calibration',
        everyMonths: 24,
        dueOn: '2026-03-10',
        dueState: 'due',
        lastPerformedOn: null,
        notify: '["lab-lead"]',
        active: true,
      },
    ]);
  });

  it('measures each failure’s downtime to its repair, and changes nothing when events come again', async () => {
    const a1 = eventStream<AssetEvent>(assetStream('a-1'));
    const events = [a1(registered), a1(allocated), a1(failed), a1(repaired)];
    await projection.apply(events);
    const once = { failures: await projection.rows<FailureRow>('failure'), assets: await projection.rows<AssetRow>('asset') };
    expect(once.failures).toEqual([
      {
        assetId: 'a-1',
        failureNumber: 1,
        assetName: 'Oscilloscope',
        category: 'technical',
        departmentId: 'logistics',
        severity: 'high',
        description: 'No trace',
        failedAt: '2026-03-12T01:00:00.000Z',
        restoredAt: '2026-03-12T05:30:00.000Z',
        resolution: 'repaired',
        downtimeMinutes: 270,
      },
    ]);
    expect(once.assets[0]).toMatchObject({ status: 'in-service', failures: 1, downtimeMinutes: 270 });
    await projection.apply(events);
    expect({ failures: await projection.rows<FailureRow>('failure'), assets: await projection.rows<AssetRow>('asset') }).toEqual(once);
  });

  it('ends an asset’s maintenance plans when it is retired', async () => {
    const a1 = eventStream<AssetEvent>(assetStream('a-1'));
    await projection.apply([
      a1(registered),
      a1(calibration),
      a1({ type: 'AssetFlaggedForRetirement', data: { assetId: 'a-1', reason: 'unusable', note: 'Dead', flaggedAt: '2026-03-03T00:00:00.000Z', flaggedBy: 'rm-zhou' } }),
      a1({ type: 'RetirementRequested', data: { assetId: 'a-1', reason: 'Dead', flag: 'unusable', requestedBy: 'rm-zhou', requestedAt: '2026-03-03T00:00:00.000Z' } }),
      a1({
        type: 'AssetRetired',
        data: { assetId: 'a-1', name: 'Oscilloscope', category: 'technical', departmentId: 'tech-support', flag: 'unusable', reason: 'Dead', requestedBy: 'rm-zhou', approvedBy: 'rm-wu', retiredAt: '2026-03-04T00:00:00.000Z' },
      }),
    ]);
    expect(await projection.rows<AssetRow>('asset')).toEqual([expect.objectContaining({ status: 'retired', retirementFlag: 'unusable' })]);
    expect(await projection.rows<MaintenanceRow>('maintenance')).toEqual([expect.objectContaining({ planKey: 'calibration', active: false })]);
  });

  it('follows a procurement from its request to its receipt', async () => {
    const p1 = eventStream<ProcurementEvent>(procurementStream('pr-1'));
    await projection.apply([
      p1({
        type: 'ProcurementRequested',
        data: {
          procurementId: 'pr-1',
          departmentId: 'tech-support',
          purpose: 'Network faults',
          items: [{ itemNumber: 1, category: 'technical', description: 'Tester', quantity: 1, unitPrice: 100, serviceLifeMonths: 60, storageDevice: false }],
          requestedBy: 'ts-lead',
          requestedAt: '2026-03-02T09:00:00.000Z',
        },
      }),
      p1({ type: 'ProcurementApproved', data: { procurementId: 'pr-1', approvedBy: 'rm-zhou', approvedAt: '2026-03-02T09:01:00.000Z' } }),
    ]);
    expect(await projection.rows<ProcurementRow>('procurement')).toEqual([
      { procurementId: 'pr-1', departmentId: 'tech-support', status: 'approved', purpose: 'Network faults', requestedAt: '2026-03-02T09:00:00.000Z', state: expect.any(String), updatedAt: '2026-03-02T09:01:00.000Z' },
    ]);
  });
});
