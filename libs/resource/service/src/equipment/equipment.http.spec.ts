import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, pollUntil, startTestApp } from '@serviceledger/platform/testing';
import { EQUIPMENT_FAILED_V1, EQUIPMENT_RETIRED_V1, EQUIPMENT_TOPIC } from '@serviceledger/resource/contracts';
import { ResourceModule } from '../resource.module';
import { resourceService } from '../resource.service-definition';

/**
 * One analyser's life over HTTP (R-2.1..R-2.3; 五(二)1–3): planned, approved, ordered and received (which
 * registers it), allocated, calibrated when the scheduler marks it due, failed and repaired with its downtime,
 * flagged by the scheduler at the end of its service life, retired with someone else's approval and disposed of
 * with its data wiped; it is never allocated again.
 */
describe('equipment over HTTP: an asset’s life', () => {
  // Monday 2 March 2026, 09:00 in Shanghai.
  const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
  const published: IntegrationMessage[] = [];
  let t: TestApp;
  let manager: RequestHeaders;
  let approver: RequestHeaders;
  let tsHead: RequestHeaders;
  let logisticsHead: RequestHeaders;
  let technician: RequestHeaders;

  const post = (url: string, payload: object, headers = manager) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers = manager) => t.app.inject({ method: 'GET', url, headers });
  const ok = async (response: Promise<{ statusCode: number; json(): { checkpoint?: string } & Record<string, unknown> }>, status = 200) => {
    const answered = await response;
    expect({ status: answered.statusCode, body: answered.json() }).toMatchObject({ status });
    return answered.json();
  };
  const refusedWith = async (response: Promise<{ statusCode: number; json(): unknown }>, code: string) => {
    const answered = await response;
    expect({ status: answered.statusCode, body: answered.json() }).toMatchObject({ status: 409, body: { status: 409, code } });
  };

  beforeAll(async () => {
    t = await startTestApp({ services: [resourceService], modules: [ResourceModule], clock });
    manager = await t.headersFor({ userId: 'rm-zhou', roles: ['resource-manager'], departments: ['administration'] });
    approver = await t.headersFor({ userId: 'rm-wu', roles: ['resource-manager'], departments: ['administration'] });
    tsHead = await t.headersFor({ userId: 'ts-lead', roles: ['department-head'], departments: ['tech-support'] });
    logisticsHead = await t.headersFor({ userId: 'lg-lead', roles: ['department-head'], departments: ['logistics'] });
    technician = await t.headersFor({ userId: 'tech-chen', roles: ['technician'], departments: ['tech-support'] });
    await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'equipment-spec', topics: [EQUIPMENT_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
  });
  afterAll(() => t.close());

  it('plans, approves, receives, allocates, inspects when due, fails, repairs, retires with approval and disposes of an analyser, which then cannot be allocated', async () => {
    // Procurement: a plan for the service work, approved by someone other than who asked for it.
    const { id: procurementId } = await ok(
      post('/resource/equipment/procurements', {
        departmentId: 'tech-support',
        purpose: 'Diagnose customers’ network faults on site',
        items: [
          { category: 'technical', description: 'Network analyser', quantity: 1, unitPrice: 35000, serviceLifeMonths: 24, storageDevice: true },
          { category: 'office', description: 'Laptop stand', quantity: 1, unitPrice: 120.5, serviceLifeMonths: 60, storageDevice: false },
        ],
      }),
      201,
    );
    await refusedWith(post(`/resource/equipment/procurements/${procurementId}/approval`, {}), 'approver-is-requester');
    await ok(post(`/resource/equipment/procurements/${procurementId}/approval`, {}, approver));
    await ok(post(`/resource/equipment/procurements/${procurementId}/order`, { supplier: 'Acme Instruments', orderReference: 'PO-2026-077', orderedOn: '2026-03-02' }));
    const receipt = await ok(
      post(`/resource/equipment/procurements/${procurementId}/receipt`, {
        receivedOn: '2026-03-02',
        units: [
          { itemNumber: 1, serialNumber: 'NA-0001' },
          { itemNumber: 2, serialNumber: 'LS-0001' },
        ],
      }),
    );
    const [analyser, stand] = receipt['assetIds'] as string[];
    expect(await ok(get(`/resource/equipment/procurements/${procurementId}?after=${receipt.checkpoint}`))).toMatchObject({
      status: 'received',
      decidedBy: 'rm-wu',
      order: { supplier: 'Acme Instruments' },
      items: [{ itemNumber: 1, unitPrice: 35000 }, { itemNumber: 2, unitPrice: 120.5 }],
    });

    // The register: scoped to the department whose equipment it is.
    const register = await ok(get(`/resource/equipment/assets?department=tech-support&after=${receipt.checkpoint}`));
    expect(register).toMatchObject({ total: 2 });
    expect((register['items'] as Array<{ assetId: string }>).map((a) => a.assetId).sort()).toEqual([analyser, stand].sort());
    expect(await ok(get(`/resource/equipment/assets/${analyser}`, tsHead))).toMatchObject({
      name: 'Network analyser',
      category: 'technical',
      storageDevice: true,
      serialNumber: 'NA-0001',
      acquiredOn: '2026-03-02',
      endOfLifeOn: '2028-03-02',
      status: 'in-service',
      procurementId,
    });
    expect((await get('/resource/equipment/assets', logisticsHead)).json()).toMatchObject({ total: 0 });
    expect((await get(`/resource/equipment/assets/${analyser}`, logisticsHead)).statusCode).toBe(404);
    expect((await get('/resource/equipment/assets', technician)).statusCode).toBe(403);

    // Allocation to a person, and two recurring plans: a calibration every 24 months, an inspection every month.
    await ok(post(`/resource/equipment/assets/${analyser}/allocation`, { departmentId: 'tech-support', personId: 'tech-chen' }));
    await ok(post(`/resource/equipment/assets/${analyser}/maintenance-plans`, { planKey: 'calibration', kind: 'calibration', everyMonths: 24, firstDueOn: '2026-03-10', graceDays: 7, notify: ['lab-lead'] }), 201);
    const plans = await ok(post(`/resource/equipment/assets/${analyser}/maintenance-plans`, { planKey: 'inspection', kind: 'inspection', everyMonths: 1, firstDueOn: '2026-04-01', notify: ['ts-lead'] }), 201);
    expect(await ok(get(`/resource/equipment/maintenance?after=${plans.checkpoint}`))).toEqual([]);

    // The calibration falls due as 10 March begins in Shanghai: the scheduler marks it, telling the lab lead and the holder.
    clock.set('2026-03-09T16:00:01Z');
    const due = await pollUntil(async () => (await get('/resource/equipment/maintenance?state=due', tsHead)).json(), (rows) => rows.length === 1, 'the calibration to fall due');
    expect(due).toEqual([
      {
        assetId: analyser,
        assetName: 'Network analyser',
        planKey: 'calibration',
        kind: 'calibration',
        everyMonths: 24,
        dueOn: '2026-03-10',
        state: 'due',
        departmentId: 'tech-support',
        custodianDepartmentId: 'tech-support',
        lastPerformedOn: null,
        notify: ['lab-lead'],
      },
    ]);
    const history = async () => (await get(`/resource/equipment/assets/${analyser}/history`)).json() as Array<{ type: string; by: string; data: Record<string, unknown> }>;
    expect((await history()).find((entry) => entry.type === 'MaintenanceFellDue')).toMatchObject({ by: 'system:resource-equipment', data: { planKey: 'calibration', notified: ['lab-lead', 'tech-chen'] } });
    const calibrated = await ok(post(`/resource/equipment/assets/${analyser}/maintenance-plans/calibration/records`, { performedOn: '2026-03-10', outcome: 'passed', notes: 'Within tolerance' }));
    expect(await ok(get(`/resource/equipment/maintenance?after=${calibrated.checkpoint}`))).toEqual([]);
    expect(await ok(get(`/resource/equipment/assets/${analyser}`))).toMatchObject({ plans: [{ planKey: 'calibration', dueOn: '2028-03-10', lastPerformedOn: '2026-03-10', lastOutcome: 'passed' }, { planKey: 'inspection' }] });

    // A failure, published as a risk signal, repaired 4 h 30 min later.
    clock.set('2026-03-12T02:00:00Z');
    await ok(post(`/resource/equipment/assets/${analyser}/failures`, { failedAt: '2026-03-12T09:00:00+08:00', severity: 'high', description: 'No link detected on any port' }), 201);
    await refusedWith(post(`/resource/equipment/assets/${analyser}/allocation`, { departmentId: 'logistics' }), 'asset-failed');
    const failed = await pollUntil(async () => published.filter((m) => m.key === analyser && m.type === EQUIPMENT_FAILED_V1.type), (m) => m.length === 1, 'the failure to be published');
    expect(failed[0]).toMatchObject({
      topic: EQUIPMENT_TOPIC,
      data: { assetId: analyser, assetName: 'Network analyser', category: 'technical', departmentId: 'tech-support', failedAt: '2026-03-12T01:00:00.000Z', severity: 'high', failureNumber: 1, occurredAt: '2026-03-12T02:00:00.000Z' },
    });
    clock.set('2026-03-12T06:00:00Z');
    const repaired = await ok(post(`/resource/equipment/assets/${analyser}/repair`, { repairedAt: '2026-03-12T13:30:00+08:00', notes: 'Port board reseated' }));
    const downtime = await ok(get(`/resource/equipment/downtime?from=2026-03-01T00:00:00%2B08:00&to=2026-04-01T00:00:00%2B08:00&after=${repaired.checkpoint}`));
    expect(downtime).toMatchObject({
      failures: [{ assetId: analyser, failureNumber: 1, severity: 'high', failedAt: '2026-03-12T01:00:00.000Z', restoredAt: '2026-03-12T05:30:00.000Z', resolution: 'repaired', downtimeMinutes: 270 }],
      totals: { failures: 1, restored: 1, open: 0, downtimeMinutes: 270 },
      departments: [{ departmentId: 'tech-support', failures: 1, open: 0, downtimeMinutes: 270 }],
    });

    // Not retired before its time: nothing flags it yet.
    await refusedWith(post(`/resource/equipment/assets/${analyser}/retirement-request`, { reason: 'Old' }), 'not-flagged-for-retirement');

    // Two years on, its service life ends as 2 March 2028 begins: the scheduler flags it. The monthly inspection, never done, is overdue.
    clock.set('2028-03-01T16:00:01Z');
    const flagged = await pollUntil(async () => (await get('/resource/equipment/assets?flagged=true')).json(), (page) => page.total === 1, 'the analyser to be flagged');
    expect(flagged.items[0]).toMatchObject({ assetId: analyser, retirementFlag: { reason: 'service-life-reached' } });
    const overdue = await pollUntil(async () => (await get('/resource/equipment/maintenance?state=overdue')).json(), (rows) => rows.length === 1, 'the inspection to be overdue');
    expect(overdue[0]).toMatchObject({ assetId: analyser, planKey: 'inspection', dueOn: '2026-04-01', state: 'overdue', notify: ['ts-lead'] });

    // Retirement by procedure: requested, refused to the requester, approved by another, published.
    await ok(post(`/resource/equipment/assets/${analyser}/retirement-request`, { reason: 'Past its two-year service life' }));
    await refusedWith(post(`/resource/equipment/assets/${analyser}/allocation`, { departmentId: 'logistics' }), 'retirement-pending');
    await refusedWith(post(`/resource/equipment/assets/${analyser}/retirement-request/approval`, {}), 'approver-is-requester');
    await ok(post(`/resource/equipment/assets/${analyser}/retirement-request/approval`, {}, approver));
    const retired = await pollUntil(async () => published.filter((m) => m.key === analyser && m.type === EQUIPMENT_RETIRED_V1.type), (m) => m.length === 1, 'the retirement to be published');
    expect(retired[0].data).toEqual({
      assetId: analyser,
      assetName: 'Network analyser',
      category: 'technical',
      departmentId: 'tech-support',
      reason: 'service-life-reached',
      retiredAt: '2028-03-01T16:00:01.000Z',
      occurredAt: '2028-03-01T16:00:01.000Z',
    });

    // Disposal: a storage device goes only with its data wiped.
    const recycler = { name: 'Green Recycling Co.', certificateNumber: 'GR-2028-0042' };
    await refusedWith(post(`/resource/equipment/assets/${analyser}/disposal`, { disposedOn: '2028-03-02', method: 'recycling', recycler }), 'data-wipe-required');
    const wipe = { method: 'NIST 800-88 purge', performedBy: 'it-sun', performedOn: '2028-03-02', verification: 'Read-back of 1,000 random sectors: all zero' };
    const disposed = await ok(post(`/resource/equipment/assets/${analyser}/disposal`, { disposedOn: '2028-03-02', method: 'recycling', recycler, dataWipe: wipe }));
    expect(await ok(get(`/resource/equipment/assets/${analyser}?after=${disposed.checkpoint}`))).toMatchObject({
      status: 'disposed',
      retirement: { reason: 'Past its two-year service life', requestedBy: 'rm-zhou', approvedBy: 'rm-wu' },
      disposal: { disposedOn: '2028-03-02', method: 'recycling', recycler, dataWipe: wipe, recordedBy: 'rm-zhou' },
      downtimeMinutes: 270,
    });
    expect(await ok(get(`/resource/equipment/maintenance?after=${disposed.checkpoint}`))).toEqual([]);

    // Never allocated again.
    await refusedWith(post(`/resource/equipment/assets/${analyser}/allocation`, { departmentId: 'logistics', personId: 'lg-wang' }), 'asset-retired');

    // Its history, in order.
    expect((await history()).map((entry) => entry.type)).toEqual([
      'AssetRegistered',
      'AssetAllocated',
      'MaintenancePlanAdded',
      'MaintenancePlanAdded',
      'MaintenanceFellDue',
      'MaintenancePerformed',
      'AssetFailed',
      'AssetRepaired',
      'MaintenanceFellDue',
      'MaintenanceOverdue',
      'AssetFlaggedForRetirement',
      'RetirementRequested',
      'AssetRetired',
      'AssetDisposed',
    ]);
  });

  it('exports the asset register as CSV, scoped like the list', async () => {
    const csv = await get('/resource/equipment/assets.csv?department=tech-support&category=office', tsHead);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toBe('assetId,name,category,departmentId,custodianDepartmentId,allocatedTo,status,serialNumber,storageDevice,acquiredOn,endOfLifeOn,retirementFlag,failures,downtimeMinutes,procurementId');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^[0-9a-f-]{36},Laptop stand,office,tech-support,tech-support,,in-service,LS-0001,false,2026-03-02,2031-03-02,,0,0,[0-9a-f-]{36}$/);
    const logistics = await get('/resource/equipment/assets.csv', logisticsHead);
    expect(logistics.body.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1);
  });

  it('replaces a failed asset with one in service, which goes to whoever held the failed one', async () => {
    clock.set('2028-03-03T01:00:00Z');
    const register = (serialNumber: string) =>
      ok(post('/resource/equipment/assets', { name: 'Laptop', category: 'office', storageDevice: true, serialNumber, departmentId: 'tech-support', acquiredOn: '2028-01-02', serviceLifeMonths: 48 }), 201);
    const { id: laptop } = await register('LT-0001');
    const { id: spare } = await register('LT-0002');
    await ok(post(`/resource/equipment/assets/${laptop}/allocation`, { departmentId: 'logistics', personId: 'lg-wang' }));
    await ok(post(`/resource/equipment/assets/${laptop}/failures`, { failedAt: '2028-03-03T08:00:00+08:00', severity: 'medium', description: 'Will not boot' }), 201);
    await refusedWith(post(`/resource/equipment/assets/${laptop}/replacement`, { replacedAt: '2028-03-03T08:30:00+08:00', replacementAssetId: laptop, notes: 'Itself' }), 'replacement-unavailable');

    const replaced = await ok(post(`/resource/equipment/assets/${laptop}/replacement`, { replacedAt: '2028-03-03T08:45:00+08:00', replacementAssetId: spare, notes: 'Mainboard dead' }));
    expect(await ok(get(`/resource/equipment/assets/${spare}?after=${replaced.checkpoint}`, logisticsHead))).toMatchObject({ allocation: { departmentId: 'logistics', personId: 'lg-wang' }, status: 'in-service' });
    expect(await ok(get(`/resource/equipment/assets/${laptop}`))).toMatchObject({ status: 'in-service', downtimeMinutes: 45, retirementFlag: { reason: 'unusable', note: `Replaced by ${spare}: Mainboard dead` } });
    const downtime = await ok(get('/resource/equipment/downtime?from=2028-03-01T00:00:00Z&to=2028-04-01T00:00:00Z&department=logistics', logisticsHead));
    expect(downtime).toMatchObject({ failures: [{ assetId: laptop, resolution: 'replaced', downtimeMinutes: 45 }], totals: { failures: 1, restored: 1, open: 0, downtimeMinutes: 45 } });
    await ok(post(`/resource/equipment/assets/${laptop}/retirement-request`, { reason: 'Not worth repairing' }));
  });

  it('receives a retried receipt once: the same assets, each registered once', async () => {
    const { id: procurementId } = await ok(
      post('/resource/equipment/procurements', {
        departmentId: 'system-maintenance',
        purpose: 'Spare disks for the backup servers',
        items: [{ category: 'technical', description: 'Backup disk', quantity: 2, unitPrice: 900, serviceLifeMonths: 36, storageDevice: true }],
      }),
      201,
    );
    await ok(post(`/resource/equipment/procurements/${procurementId}/approval`, {}, approver));
    await ok(post(`/resource/equipment/procurements/${procurementId}/order`, { supplier: 'Disk Depot', orderReference: 'PO-2028-003', orderedOn: '2028-03-03' }));
    const receipt = { receivedOn: '2028-03-03', units: [{ itemNumber: 1, serialNumber: 'BD-1' }, { itemNumber: 1, serialNumber: 'BD-2' }] };
    const headers = { ...manager, 'idempotency-key': 'receipt-po-2028-003' };
    const first = await t.app.inject({ method: 'POST', url: `/resource/equipment/procurements/${procurementId}/receipt`, payload: receipt, headers });
    const again = await t.app.inject({ method: 'POST', url: `/resource/equipment/procurements/${procurementId}/receipt`, payload: receipt, headers });
    expect(first.statusCode).toBe(200);
    expect(again.json().assetIds).toEqual(first.json().assetIds);
    expect((await get(`/resource/equipment/assets?department=system-maintenance&after=${first.json().checkpoint}`)).json()).toMatchObject({ total: 2 });
    await refusedWith(post(`/resource/equipment/procurements/${procurementId}/receipt`, receipt), 'procurement-state');
  });

  it('answers bad input with a problem detail and appends nothing', async () => {
    const before = (await get('/resource/equipment/assets')).json().total;
    const bad = await post('/resource/equipment/assets', { name: 'Printer', category: 'furniture', storageDevice: false, serialNumber: 'P-1', departmentId: 'tech-support', acquiredOn: '2026-02-30', serviceLifeMonths: 60 });
    expect(bad.statusCode).toBe(400);
    const invalidDate = await post('/resource/equipment/assets', { name: 'Printer', category: 'office', storageDevice: false, serialNumber: 'P-1', departmentId: 'tech-support', acquiredOn: '2026-02-30', serviceLifeMonths: 60 });
    expect(invalidDate.json()).toMatchObject({ status: 400, errors: [{ field: 'acquiredOn', message: 'acquiredOn must be a date (YYYY-MM-DD)' }] });
    expect((await get('/resource/equipment/assets')).json()).toMatchObject({ total: before });
    const noRecycler = await post(`/resource/equipment/assets/${(await get('/resource/equipment/assets')).json().items[0].assetId}/disposal`, { disposedOn: '2028-03-03', method: 'recycling' });
    expect(noRecycler.json()).toMatchObject({ status: 400 });
  });
});
