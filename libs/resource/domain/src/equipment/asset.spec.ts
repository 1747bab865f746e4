import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { AssetCommand, AssetEvent, asset } from './asset';

const meta = (userId: string, at: string): CommandMetadata => ({ commandId: `${userId}-${at}`, at, actor: { userId, roles: [], departments: [] }, correlationId: 'c' });
const { when, stateAfter, aggregateAfter, refusal } = deciderSpec(asset);
const command = <T extends AssetCommand['type']>(type: T, data: Omit<Extract<AssetCommand, { type: T }>['data'], 'assetId'>, at = '2026-03-02T02:00:00.000Z', by = 'rm-zhou'): AssetCommand =>
  ({ type, data: { assetId: 'a-1', ...data }, metadata: meta(by, at) }) as AssetCommand;

const registered: AssetEvent = {
  type: 'AssetRegistered',
  data: {
    assetId: 'a-1',
    name: 'Oscilloscope',
    category: 'technical',
    storageDevice: true,
    serialNumber: 'OSC-001',
    departmentId: 'tech-support',
    acquiredOn: '2026-01-31',
    serviceLifeMonths: 36,
    endOfLifeOn: '2029-01-31',
    registeredBy: 'rm-zhou',
    registeredAt: '2026-01-31T02:00:00.000Z',
  },
};
const allocated: AssetEvent = {
  type: 'AssetAllocated',
  data: { assetId: 'a-1', departmentId: 'tech-support', personId: 'tech-chen', allocatedBy: 'rm-zhou', allocatedAt: '2026-02-01T02:00:00.000Z' },
};
const calibration: AssetEvent = {
  type: 'MaintenancePlanAdded',
  data: { assetId: 'a-1', planKey: 'calibration', kind: 'calibration', everyMonths: 24, graceDays: 14, notify: ['lab-lead'], dueOn: '2026-03-01', addedBy: 'rm-zhou', addedAt: '2026-02-01T02:00:00.000Z' },
};
const failed: AssetEvent = {
  type: 'AssetFailed',
  data: { assetId: 'a-1', assetName: 'Oscilloscope', category: 'technical', failureNumber: 1, failedAt: '2026-03-02T01:00:00.000Z', severity: 'high', description: 'No trace', departmentId: 'tech-support', reportedBy: 'tech-chen', reportedAt: '2026-03-02T01:10:00.000Z' },
};

describe('asset (R-2.1..R-2.3)', () => {
  it('is registered with the end of its service life, clamped to the month’s last day', () => {
    const { endOfLifeOn: _end, registeredBy: _by, registeredAt: _at, ...content } = registered.data;
    const events = when([], command('RegisterAsset', { ...content, serviceLifeMonths: 13 }, '2026-01-31T02:00:00.000Z'));
    expect(events).toEqual([{ type: 'AssetRegistered', data: { ...registered.data, serviceLifeMonths: 13, endOfLifeOn: '2027-02-28' } }]);
    expect(refusal([], command('RegisterAsset', { ...content, category: 'furniture' as never }))).toMatchObject(refused('field-invalid'));
    expect(refusal([], command('RegisterAsset', { ...content, acquiredOn: '2026-02-30' }))).toMatchObject(refused('field-invalid'));
  });

  it('is allocated to a person or a department, keeping who had it before', () => {
    expect(when([registered], command('AllocateAsset', { departmentId: 'tech-support', personId: 'tech-chen' }, '2026-02-01T02:00:00.000Z'))).toEqual([allocated]);
    const moved = when([registered, allocated], command('AllocateAsset', { departmentId: 'system-maintenance' }));
    expect(moved).toEqual([
      {
        type: 'AssetAllocated',
        data: { assetId: 'a-1', departmentId: 'system-maintenance', previous: { departmentId: 'tech-support', personId: 'tech-chen' }, allocatedBy: 'rm-zhou', allocatedAt: '2026-03-02T02:00:00.000Z' },
      },
    ]);
    expect(when([registered, allocated], command('AllocateAsset', { departmentId: 'tech-support', personId: 'tech-chen' }))).toEqual([]);
    expect(aggregateAfter([registered, allocated, ...moved]).allocation).toEqual({ departmentId: 'system-maintenance', allocatedAt: '2026-03-02T02:00:00.000Z', allocatedBy: 'rm-zhou' });
    expect(refusal([registered, allocated, failed], command('AllocateAsset', { departmentId: 'logistics' }))).toMatchObject(refused('asset-failed'));
  });

  it('keeps several recurring maintenance plans, falls due and overdue on the scheduler’s commands, naming who is told', () => {
    const inspection = when([registered, allocated, calibration], command('AddMaintenancePlan', { planKey: 'inspection', kind: 'inspection', everyMonths: 1, firstDueOn: '2026-02-15', notify: ['ts-lead'] }));
    expect(inspection).toEqual([expect.objectContaining({ data: expect.objectContaining({ planKey: 'inspection', graceDays: 7, dueOn: '2026-02-15' }) })]);
    expect(refusal([registered, calibration], command('AddMaintenancePlan', { planKey: 'calibration', kind: 'calibration', everyMonths: 12, firstDueOn: '2026-05-01', notify: [] }))).toMatchObject(
      refused('maintenance-plan-exists'),
    );
    const history = [registered, allocated, calibration, ...inspection];
    const due = when(history, command('MarkMaintenanceDue', { planKey: 'calibration', dueOn: '2026-03-01' }, '2026-02-28T16:00:00.000Z', 'scheduler'));
    expect(due).toEqual([
      { type: 'MaintenanceFellDue', data: { assetId: 'a-1', planKey: 'calibration', kind: 'calibration', dueOn: '2026-03-01', notified: ['lab-lead', 'tech-chen'], at: '2026-02-28T16:00:00.000Z' } },
    ]);
    expect(when([...history, ...due], command('MarkMaintenanceDue', { planKey: 'calibration', dueOn: '2026-03-01' }))).toEqual([]);
    const overdue = when([...history, ...due], command('MarkMaintenanceOverdue', { planKey: 'calibration', dueOn: '2026-03-01' }, '2026-03-14T16:00:00.000Z', 'scheduler'));
    expect(overdue).toEqual([expect.objectContaining({ type: 'MaintenanceOverdue', data: expect.objectContaining({ graceDays: 14, notified: ['lab-lead', 'tech-chen'] }) })]);
    expect(aggregateAfter([...history, ...due, ...overdue]).plans.map((plan) => [plan.planKey, plan.dueState])).toEqual([
      ['calibration', 'overdue'],
      ['inspection', 'scheduled'],
    ]);
  });

  it('plans the next maintenance from the day it was done; a due command for a date since done is ignored', () => {
    const history = [registered, calibration];
    const done = when(history, command('RecordMaintenance', { planKey: 'calibration', performedOn: '2026-03-20', outcome: 'passed', notes: 'Within tolerance' }, '2026-03-20T08:00:00.000Z', 'tech-chen'));
    expect(done).toEqual([
      {
        type: 'MaintenancePerformed',
        data: {
          assetId: 'a-1',
          planKey: 'calibration',
          kind: 'calibration',
          dueOn: '2026-03-01',
          graceDays: 14,
          performedOn: '2026-03-20',
          late: true,
          outcome: 'passed',
          notes: 'Within tolerance',
          nextDueOn: '2028-03-20',
          performedBy: 'tech-chen',
          recordedAt: '2026-03-20T08:00:00.000Z',
        },
      },
    ]);
    expect(aggregateAfter([...history, ...done]).plans[0]).toMatchObject({ dueOn: '2028-03-20', dueState: 'scheduled', lastPerformedOn: '2026-03-20', lastOutcome: 'passed' });
    expect(when([...history, ...done], command('MarkMaintenanceOverdue', { planKey: 'calibration', dueOn: '2026-03-01' }))).toEqual([]);
    expect(refusal(history, command('RecordMaintenance', { planKey: 'calibration', performedOn: '2026-03-03', outcome: 'passed', notes: 'x' }))).toMatchObject(refused('date-in-the-future'));
  });

  it('measures a failure’s downtime to its repair or its replacement, which flags it unusable', () => {
    const reported = when([registered, allocated], command('ReportAssetFailure', { failedAt: '2026-03-02T09:00:00+08:00', severity: 'high', description: 'No trace' }, '2026-03-02T01:10:00.000Z', 'tech-chen'));
    expect(reported).toEqual([failed]);
    expect(refusal([registered], command('ReportAssetFailure', { failedAt: '2026-03-02T09:00:00Z', severity: 'low', description: 'Later' }))).toMatchObject(refused('date-in-the-future'));
    expect(refusal([registered, failed], command('ReportAssetFailure', { failedAt: '2026-03-02T01:30:00Z', severity: 'low', description: 'Again' }))).toMatchObject(refused('asset-already-failed'));
    const repaired = when([registered, failed], command('RecordAssetRepair', { repairedAt: '2026-03-03T05:30:00+08:00', notes: 'Fuse replaced' }, '2026-03-03T02:00:00.000Z'));
    expect(repaired).toEqual([
      {
        type: 'AssetRepaired',
        data: { assetId: 'a-1', failureNumber: 1, failedAt: '2026-03-02T01:00:00.000Z', repairedAt: '2026-03-02T21:30:00.000Z', downtimeMinutes: 1230, notes: 'Fuse replaced', recordedBy: 'rm-zhou' },
      },
    ]);
    expect(aggregateAfter([registered, failed, ...repaired])).toMatchObject({ status: 'in-service', downtimeMinutes: 1230, failures: 1 });

    const replaced = when([registered, failed], command('ReplaceFailedAsset', { replacedAt: '2026-03-02T02:00:00.000Z', replacementAssetId: 'a-2', notes: 'Board burnt' }));
    expect(replaced).toEqual([
      expect.objectContaining({ type: 'AssetReplaced', data: expect.objectContaining({ downtimeMinutes: 60, replacementAssetId: 'a-2' }) }),
      expect.objectContaining({ type: 'AssetFlaggedForRetirement', data: expect.objectContaining({ reason: 'unusable', note: 'Replaced by a-2: Board burnt' }) }),
    ]);
    expect(refusal([registered], command('RecordAssetRepair', { repairedAt: '2026-03-02T01:00:00Z', notes: 'x' }))).toMatchObject(refused('asset-not-failed'));
  });

  it('is flagged at the end of its service life, and retired only when flagged, with someone else’s approval', () => {
    expect(refusal([registered], command('RequestRetirement', { reason: 'Old' }))).toMatchObject(refused('not-flagged-for-retirement'));
    const flagged = when([registered, allocated], command('FlagEndOfLife', { endOfLifeOn: '2029-01-31' }, '2029-01-30T16:00:00.000Z', 'scheduler'));
    expect(flagged).toEqual([
      { type: 'AssetFlaggedForRetirement', data: { assetId: 'a-1', reason: 'service-life-reached', note: 'Service life of 36 months reached on 2029-01-31', flaggedAt: '2029-01-30T16:00:00.000Z', flaggedBy: 'scheduler' } },
    ]);
    const requested = when([registered, allocated, ...flagged], command('RequestRetirement', { reason: 'Past its life' }, '2029-02-01T02:00:00.000Z'));
    const history = [registered, allocated, ...flagged, ...requested];
    expect(refusal(history, command('AllocateAsset', { departmentId: 'logistics' }))).toMatchObject(refused('retirement-pending'));
    expect(refusal(history, command('ApproveRetirement', {}))).toMatchObject(refused('approver-is-requester'));
    const retired = when(history, command('ApproveRetirement', {}, '2029-02-02T02:00:00.000Z', 'cfo-li'));
    expect(retired).toEqual([
      {
        type: 'AssetRetired',
        data: {
          assetId: 'a-1',
          name: 'Oscilloscope',
          category: 'technical',
          departmentId: 'tech-support',
          flag: 'service-life-reached',
          reason: 'Past its life',
          requestedBy: 'rm-zhou',
          approvedBy: 'cfo-li',
          retiredAt: '2029-02-02T02:00:00.000Z',
          released: { departmentId: 'tech-support', personId: 'tech-chen' },
        },
      },
    ]);
    const after = [...history, ...retired];
    expect(stateAfter(after)).toMatchObject({ status: 'retired', retirement: { approvedBy: 'cfo-li' } });
    expect(stateAfter(after)).not.toHaveProperty('allocation');
    expect(refusal(after, command('AllocateAsset', { departmentId: 'logistics' }))).toMatchObject(refused('asset-retired'));
    expect(when(after, command('MarkMaintenanceDue', { planKey: 'calibration', dueOn: '2026-03-01' }))).toEqual([]);
  });

  it('returns to service when a retirement is rejected', () => {
    const flagged = when([registered], command('FlagAssetUnusable', { note: 'Screen cracked' }));
    const requested = when([registered, ...flagged], command('RequestRetirement', { reason: 'Cracked' }));
    const rejected = when([registered, ...flagged, ...requested], command('RejectRetirement', { reason: 'Repair first' }, '2026-03-03T02:00:00.000Z', 'cfo-li'));
    expect(aggregateAfter([registered, ...flagged, ...requested, ...rejected])).toMatchObject({ status: 'in-service', retirementFlag: { reason: 'unusable' } });
  });

  it('is disposed of once retired, with the recycler’s certificate and, for a storage device, the data wipe', () => {
    const retiredHistory: AssetEvent[] = [
      registered,
      { type: 'AssetFlaggedForRetirement', data: { assetId: 'a-1', reason: 'unusable', note: 'Dead', flaggedAt: '2026-03-02T02:00:00.000Z', flaggedBy: 'rm-zhou' } },
      { type: 'RetirementRequested', data: { assetId: 'a-1', reason: 'Dead', flag: 'unusable', requestedBy: 'rm-zhou', requestedAt: '2026-03-02T02:00:00.000Z' } },
    ];
    const recycler = { name: 'Green Recycling Co.', certificateNumber: 'GR-2026-0042' };
    const dispose = (dataWipe?: object) => command('DisposeAsset', { disposedOn: '2026-03-05', method: 'recycling', recycler, ...(dataWipe ? { dataWipe } : {}) } as never, '2026-03-05T08:00:00.000Z', 'rm-zhou');
    expect(refusal(retiredHistory, dispose())).toMatchObject(refused('asset-not-retired'));
    const retired = [...retiredHistory, ...when(retiredHistory, command('ApproveRetirement', {}, '2026-03-03T02:00:00.000Z', 'cfo-li'))];
    expect(refusal(retired, dispose())).toMatchObject(refused('data-wipe-required'));
    const wipe = { method: 'NIST 800-88 purge', performedBy: 'it-sun', performedOn: '2026-03-04', verification: 'Read-back of 1,000 random sectors: all zero' };
    const disposed = when(retired, dispose(wipe));
    expect(disposed).toEqual([
      { type: 'AssetDisposed', data: { assetId: 'a-1', disposedOn: '2026-03-05', method: 'recycling', recycler, dataWipe: wipe, recordedBy: 'rm-zhou', recordedAt: '2026-03-05T08:00:00.000Z' } },
    ]);
    expect(refusal([...retired, ...disposed], dispose(wipe))).toMatchObject(refused('asset-disposed'));
    expect(refusal([...retired, ...disposed], command('AllocateAsset', { departmentId: 'logistics' }))).toMatchObject(refused('asset-retired'));
  });
});
