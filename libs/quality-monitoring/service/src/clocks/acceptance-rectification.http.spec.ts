import { ManualClock } from '@serviceledger/platform/core';
import { MessageBus } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, eventually, publishedMessage, startTestApp } from '@serviceledger/platform/testing';
import {
  CASE_ACCEPTANCE_REJECTED_V1,
  CASE_CANCELLED_V1,
  CASE_OPENED_V1,
  CASE_RECTIFICATION_ITEM_FIXED_V1,
  SERVICE_DELIVERY_SOURCE,
} from '@serviceledger/service-delivery/contracts';
import { QualityMonitoringModule } from '../quality-monitoring.module';
import { qualityMonitoringService } from '../quality-monitoring.service-definition';

const CASE = '5d2f1c0e-8a7b-4c3d-9e1f-2a3b4c5d6e7f';
const OTHER_CASE = '6e3a2d1f-9b8c-4d4e-8f2a-3b4c5d6e7f80';

/**
 * What a new user found (P-5.2 及時進行整改, Q-3.2 限期整改), over HTTP: quality monitoring alone, fed service delivery's
 * case events as service delivery publishes them, on a faked clock from Monday 30 November 2026, 10:00 in Shanghai
 * (02:00Z). The customer rejects round 1 with three rectification items, two with an agreed fix date: each is
 * measured by a rectification-deadline clock, 24×7 to its date, under the case's responsible department.
 */
describe('quality monitoring over HTTP: the deadlines of acceptance rectification items (P-5.2)', () => {
  const clock = new ManualClock(new Date('2026-11-30T02:00:00Z'));
  let t: TestApp;
  let monitor: RequestHeaders;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: monitor });
  const publish = async (caseId: string, contract: Parameters<typeof publishedMessage>[0], data: object, time: string) =>
    t.app.get<MessageBus>(MESSAGE_BUS).publish([publishedMessage(contract, { source: SERVICE_DELIVERY_SOURCE, key: caseId }, { caseId, ...data }, time)]);
  const rectificationClocks = async () =>
    ((await get('/quality-monitoring/clocks?metric=rectification-deadline&pageSize=50')).json().items as Array<Record<string, unknown>>).sort((a, b) =>
      String(a.demandId).localeCompare(String(b.demandId)),
    );
  const opened = (caseId: string, demandId: string, at: string) =>
    publish(
      caseId,
      CASE_OPENED_V1,
      {
        demandId,
        reference: 'SR-2026-000001',
        customerId: 'c-1',
        responsibleDepartmentId: 'software-development',
        departments: ['software-development'],
        complexity: 'routine',
        planDueAt: '2026-11-30T10:00:00Z',
        occurredAt: at,
      },
      at,
    );
  const rejected = (caseId: string, items: object[], at: string) =>
    publish(caseId, CASE_ACCEPTANCE_REJECTED_V1, { round: 1, criteriaCount: 3, criteriaMet: 0, rectificationItemCount: items.length, rectificationItems: items, reportForm: 'portal', rejectedAt: at, occurredAt: at }, at);
  const fixed = (itemId: string, at: string) => publish(CASE, CASE_RECTIFICATION_ITEM_FIXED_V1, { itemId, round: 1, fixedAt: at, occurredAt: at }, at);

  beforeAll(async () => {
    t = await startTestApp({ services: [qualityMonitoringService], modules: [QualityMonitoringModule], env: { EVENT_STORE: 'sqlite' }, clock });
    monitor = await t.headersFor({ userId: 'qm-zhao', roles: ['quality-monitor'] });
    await opened(CASE, '0c8d7b4f-6a2e-4d3b-8f9c-8e7d6c5b4a32', '2026-11-29T01:00:00Z');
    await opened(OTHER_CASE, '1d9e8c5a-7b3f-4e4c-9a0d-9f8e7d6c5b43', '2026-11-29T01:00:00Z');
  });
  afterAll(() => t.close());

  it('starts a clock per item with a fix date, targeted at that date, under the case’s department', async () => {
    // Rejected at 10:00:20 Shanghai: 1.1 due Wednesday 10:00, 1.2 due Tuesday 10:00, 1.3 with no date agreed.
    await rejected(CASE, [{ itemId: '1.1', dueAt: '2026-12-02T02:00:00Z' }, { itemId: '1.2', dueAt: '2026-12-01T02:00:00Z' }, { itemId: '1.3' }], '2026-11-30T02:00:20Z');
    await eventually(async () => {
      expect(await rectificationClocks()).toEqual([
        expect.objectContaining({
          demandId: `${CASE}.rectification-item-1.1`,
          caseKind: 'rectification',
          departmentId: 'software-development',
          status: 'running',
          startedAt: '2026-11-30T02:00:00.000Z',
          targetMinutes: 2 * 24 * 60,
          deadlineAt: '2026-12-02T02:00:00.000Z',
          calendar: null,
        }),
        expect.objectContaining({ demandId: `${CASE}.rectification-item-1.2`, departmentId: 'software-development', status: 'running', deadlineAt: '2026-12-01T02:00:00.000Z' }),
      ]);
    });
  });

  it('breaches an item still open past its date, against the case’s department', async () => {
    clock.set('2026-12-01T02:01:00Z');
    await eventually(async () => {
      const [first, second] = await rectificationClocks();
      expect(first).toMatchObject({ status: 'running', breached: false });
      expect(second).toMatchObject({ status: 'running', breached: true, state: 'breached' });
      const report = (await get('/quality-monitoring/breaches?period=2026-12&metric=rectification-deadline')).json();
      expect(report.byDepartment).toEqual([{ departmentId: 'software-development', breaches: 1, byMetric: { 'rectification-deadline': 1 } }]);
    });
  });

  it('stops each item’s clock when it is fixed: met in time, breached when late', async () => {
    await fixed('1.1', '2026-12-01T03:00:00Z');
    await fixed('1.2', '2026-12-01T04:00:00Z');
    await eventually(async () => {
      const [first, second] = await rectificationClocks();
      expect(first).toMatchObject({ status: 'stopped', outcome: 'met', stoppedAt: '2026-12-01T03:00:00Z', diffMinutes: 23 * 60 });
      expect(second).toMatchObject({ status: 'stopped', outcome: 'breached', stoppedAt: '2026-12-01T04:00:00Z', diffMinutes: -2 * 60 });
    });
  });

  it('cancels the clocks of a case cancelled before its items are fixed', async () => {
    await rejected(OTHER_CASE, [{ itemId: '1.1', dueAt: '2026-12-10T02:00:00Z' }], '2026-12-01T05:00:00Z');
    await eventually(async () => expect((await rectificationClocks()).filter((c) => c.status === 'running')).toHaveLength(1));
    await publish(OTHER_CASE, CASE_CANCELLED_V1, { previousStatus: 'rectifying', cancelledAt: '2026-12-01T06:00:00Z', occurredAt: '2026-12-01T06:00:00Z' }, '2026-12-01T06:00:00Z');
    await eventually(async () => {
      const other = (await rectificationClocks()).find((c) => c.demandId === `${OTHER_CASE}.rectification-item-1.1`);
      expect(other).toMatchObject({ status: 'cancelled', departmentId: 'software-development' });
    });
  });
});
