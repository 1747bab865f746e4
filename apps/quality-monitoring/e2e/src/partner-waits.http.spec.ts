import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, createJsonSchemaValidator, eventually, startTestApp } from '@serviceledger/platform/testing';
import { QUALITY_CLOCK_TOPIC, findQualityContract } from '@serviceledger/quality-monitoring/contracts';
import { QualityMonitoringModule, qualityMonitoringService } from '@serviceledger/quality-monitoring/service';
import { IntakeModule, intakeService } from '@serviceledger/intake/service';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { ResourceModule, resourceService } from '@serviceledger/resource/service';

const MINUTE = 60_000;

interface ClockView {
  clockId: string;
  metric: string;
  status: string;
  state: string;
  usedMinutes: number;
  outcome: string | null;
  deadlineAt: string | null;
}

/**
 * Issue 20 item 6 end to end, in one app with intake, resource and quality monitoring on a faked clock: a
 * partner's cooperation agreement signed in resource (C-3.1) becomes its UC policies in quality monitoring
 * (`agreement.signed.v1`); a demand waits on that partner, named by its id in intake; quality monitoring
 * measures the wait against the partner's UC policy for the demand's priority, warns and breaches it, and
 * stops it when the demand resumes. The agreement's P3 standard: resolution within 120 minutes, 24×7.
 */
describe('a wait on a partner measured against its UC policy (C-3.1, issue 20 item 6)', () => {
  const clock = new ManualClock(new Date('2026-11-30T01:00:00Z'));
  let t: TestApp;
  let agent: RequestHeaders;
  let monitor: RequestHeaders;
  let manager: RequestHeaders;
  let customerId: string;
  let partnerId: string;
  const published: IntegrationMessage[] = [];

  const post = (url: string, payload: object, headers = agent) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers = monitor) => t.app.inject({ method: 'GET', url, headers });
  const waitClockOf = async (demandId: string): Promise<ClockView | undefined> =>
    ((await get(`/quality-monitoring/clocks?demand=${demandId}`)).json().items as ClockView[]).find((c) => c.metric === 'third-party-wait');
  const demandWaitingOnPartner = async (): Promise<string> => {
    const demandId = (await post('/intake/demands', phoneEnquiry(customerId))).json().id as string;
    expect((await post(`/intake/demands/${demandId}/triage`, {})).statusCode).toBe(200);
    expect((await post(`/intake/demands/${demandId}/assignment`, {})).statusCode).toBe(200);
    const waiting = await post(`/intake/demands/${demandId}/waiting-on-third-party`, { party: 'Acme printing', reason: '等待合作方寄送替換主板', partnerId });
    expect(waiting.statusCode).toBe(200);
    return demandId;
  };

  beforeAll(async () => {
    t = await startTestApp({
      services: [intakeService, resourceService, qualityMonitoringService],
      modules: [IntakeModule, ResourceModule, QualityMonitoringModule],
      clock,
    });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    monitor = await t.headersFor({ userId: 'qm-zhao', roles: ['quality-monitor'], departments: [] });
    manager = await t.headersFor({ userId: 'res-wu', roles: ['resource-manager'], departments: ['operations'] });
    await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'partner-wait-spec', topics: [QUALITY_CLOCK_TOPIC] }, eachMessage(async (m) => {
      published.push(m);
    }));
    const customer = await post('/intake/customers', { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' });
    customerId = customer.json().id;
  });
  afterAll(() => t.close());

  it('makes the signed standards the partner’s UC policy, and measures a wait on the partner against it: warned, breached, stopped', async () => {
    partnerId = (await post('/resource/partners', { name: 'Acme Printing', kind: 'service-provider', departmentId: 'tech-support' }, manager)).json().id;
    const signed = await post(
      '/resource/agreements',
      {
        partnerId,
        rights: ['We may audit the partner’s service records'],
        duties: ['The partner repairs printers on site'],
        scope: 'Printer repair in Shanghai',
        serviceStandards: { targets: [{ priority: 'P3', responseMinutes: 30, resolutionMinutes: 120 }] },
        communicationChannels: [{ kind: 'email', detail: 'Tickets to service@acme.example' }],
        validFrom: '2026-11-01',
        validTo: '2027-10-31',
        meetingIntervalDays: 30,
      },
      manager,
    );
    expect(signed.statusCode).toBe(201);

    const policy = await eventually(async () => {
      const response = await get(`/quality-monitoring/policies/uc-${partnerId}-p3`);
      expect(response.statusCode).toBe(200);
      return response.json();
    });
    expect(policy).toMatchObject({ kind: 'UC', partnerId, match: { priorities: ['P3'] }, targets: { 'third-party-wait': 120 }, warningThreshold: 0.75 });

    // 09:00 Monday: a P3 demand waits on the partner, named by its id.
    const demandId = await demandWaitingOnPartner();
    await eventually(async () => expect(await waitClockOf(demandId)).toMatchObject({ status: 'running', state: 'running', deadlineAt: '2026-11-30T03:00:00.000Z' }));

    // 10:31: 91 of 120 minutes: past the warning at 90. 11:01: past the target.
    clock.set('2026-11-30T02:31:00Z');
    await eventually(async () => expect(await waitClockOf(demandId)).toMatchObject({ state: 'warning' }));
    clock.set('2026-11-30T03:01:00Z');
    await eventually(async () => expect(await waitClockOf(demandId)).toMatchObject({ state: 'breached' }));

    // 11:10: the partner delivered; the agent resumes the demand. 130 minutes used, 10 over the partner's target.
    clock.set('2026-11-30T03:10:00Z');
    expect((await post(`/intake/demands/${demandId}/resumption`, {})).statusCode).toBe(200);
    await eventually(async () => expect(await waitClockOf(demandId)).toMatchObject({ status: 'stopped', outcome: 'breached', usedMinutes: 130 }));

    await eventually(async () => {
      const waits = published.filter((m) => m.key === demandId && (m.data as { metric: string }).metric === 'third-party-wait');
      expect(waits.map((m) => m.type)).toEqual(
        expect.arrayContaining(['serviceledger.quality-monitoring.clock.warning-reached.v1', 'serviceledger.quality-monitoring.clock.breached.v1', 'serviceledger.quality-monitoring.clock.stopped.v1']),
      );
      const stopped = waits.find((m) => m.type === 'serviceledger.quality-monitoring.clock.stopped.v1');
      expect(stopped?.data).toMatchObject({ outcome: 'breached', targetMinutes: 120, usedMinutes: 130, policy: { policyId: `uc-${partnerId}-p3`, version: 1, kind: 'UC' } });
      const ajv = createJsonSchemaValidator();
      for (const m of waits) expect(ajv.validate(findQualityContract(m.type)!.schema, m.data)).toBe(true);
    });
  });

  it('meets the partner’s target when the wait ends in time, and measures no wait on a party that is not a partner', async () => {
    clock.set('2026-11-30T05:00:00Z');
    const demandId = await demandWaitingOnPartner();
    clock.advance(45 * MINUTE);
    expect((await post(`/intake/demands/${demandId}/resumption`, {})).statusCode).toBe(200);
    await eventually(async () => expect(await waitClockOf(demandId)).toMatchObject({ status: 'stopped', outcome: 'met', usedMinutes: 45 }));

    const unnamed = (await post('/intake/demands', phoneEnquiry(customerId))).json().id as string;
    expect((await post(`/intake/demands/${unnamed}/triage`, {})).statusCode).toBe(200);
    const waiting = await post(`/intake/demands/${unnamed}/waiting-on-third-party`, { party: 'SF Express', reason: '等待快遞' });
    expect(waiting.statusCode).toBe(200);
    await eventually(async () => {
      const clocks = (await get(`/quality-monitoring/clocks?demand=${unnamed}`)).json().items as ClockView[];
      expect(clocks.map((c) => c.metric)).toContain('resolution');
      expect(clocks.map((c) => c.metric)).not.toContain('third-party-wait');
    });
  });
});
