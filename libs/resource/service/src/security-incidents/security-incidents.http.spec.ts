import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, pollUntil, startTestApp } from '@serviceledger/platform/testing';
import { SECURITY_INCIDENT_TOPIC } from '@serviceledger/resource/contracts';
import { ResourceModule } from '../resource.module';
import { resourceService } from '../resource.service-definition';

const HOUR = 60 * 60 * 1000;

/**
 * The register of information-security incidents over HTTP (R-3.3, 五(三)3 信息安全管理:
 * 保障公司信息系統的安全穩定運行,防止信息泄露和網絡攻擊): an incident recorded as detected, contained and
 * resolved, when and by whom; for one involving personal data, the notification of the affected within
 * 72 hours of the detection, marked overdue by the scheduler when the deadline passes with no one notified;
 * each step published as a risk signal without the incident's texts.
 */
describe('security incident register over HTTP (R-3.3)', () => {
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  let t: TestApp;
  let officer: RequestHeaders;
  let admin: RequestHeaders;
  let analyst: RequestHeaders;
  let agent: RequestHeaders;
  const published: IntegrationMessage[] = [];

  const post = (url: string, payload: object, headers = officer) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers = officer) => t.app.inject({ method: 'GET', url, headers });
  const incident = (changes: object = {}) => ({
    title: 'Phishing mail opened on a support laptop',
    description: 'A macro from a phishing mail ran on laptop SUP-17; the CRM export folder was reachable from it',
    severity: 'high',
    detectedAt: '2026-12-01T09:30:00+08:00',
    affectedCustomerIds: ['c-acme', 'c-bright'],
    personalDataInvolved: true,
    ...changes,
  });
  const record = async (changes: object = {}, headers = officer): Promise<{ id: string; checkpoint: string }> => {
    const response = await post('/resource/security-incidents', incident(changes), headers);
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const messagesOf = (incidentId: string) => published.filter((m) => m.key === incidentId);

  beforeAll(async () => {
    t = await startTestApp({ services: [resourceService], modules: [ResourceModule], clock });
    officer = await t.headersFor({ userId: 'risk-qian', roles: ['risk-officer'] });
    admin = await t.headersFor({ userId: 'admin-wu', roles: ['administrator'] });
    analyst = await t.headersFor({ userId: 'analyst-he', roles: ['analyst'] });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'security-incident-spec', topics: [SECURITY_INCIDENT_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
  });
  afterAll(() => t.close());

  it('records an incident as detected, contains and resolves it, each step with when and who, and publishes each as a risk signal without its texts', async () => {
    clock.set('2026-12-01T02:00:00Z');
    const { id, checkpoint } = await record({ detectedBy: 'soc-li' });
    const detected = (await get(`/resource/security-incidents/${id}?after=${checkpoint}`)).json();
    expect(detected).toMatchObject({
      incidentId: id,
      status: 'detected',
      severity: 'high',
      detectedAt: '2026-12-01T01:30:00.000Z',
      detectedBy: 'soc-li',
      recordedAt: '2026-12-01T02:00:00.000Z',
      recordedBy: 'risk-qian',
      affectedCustomerIds: ['c-acme', 'c-bright'],
      personalDataInvolved: true,
      notificationDueAt: '2026-12-04T01:30:00.000Z',
      notificationPending: true,
      notificationOverdue: false,
      notifications: [],
    });

    clock.set('2026-12-01T04:00:00Z');
    const contained = await post(`/resource/security-incidents/${id}/containment`, { measures: 'Laptop SUP-17 isolated; CRM passwords reset', containedAt: '2026-12-01T11:00:00+08:00' }, admin);
    expect(contained.statusCode).toBe(200);
    clock.set('2026-12-02T06:00:00Z');
    const resolved = await post(`/resource/security-incidents/${id}/resolution`, { resolution: 'Laptop re-imaged; Office macros blocked by policy' });
    expect(resolved.statusCode).toBe(200);
    const after = (await get(`/resource/security-incidents/${id}?after=${resolved.json().checkpoint}`, analyst)).json();
    expect(after).toMatchObject({
      status: 'resolved',
      containment: { at: '2026-12-01T03:00:00.000Z', by: 'admin-wu', summary: 'Laptop SUP-17 isolated; CRM passwords reset' },
      resolution: { at: '2026-12-02T06:00:00.000Z', by: 'risk-qian', summary: 'Laptop re-imaged; Office macros blocked by policy' },
    });

    const signals = await pollUntil(async () => messagesOf(id), (found) => found.length === 3, `the signals of incident ${id}`);
    expect(signals.map((m) => [m.type, m.data])).toEqual([
      [
        'serviceledger.resource.security-incident.recorded.v1',
        {
          incidentId: id,
          severity: 'high',
          personalDataInvolved: true,
          affectedCustomerIds: ['c-acme', 'c-bright'],
          detectedAt: '2026-12-01T01:30:00.000Z',
          notificationDueAt: '2026-12-04T01:30:00.000Z',
          occurredAt: '2026-12-01T02:00:00.000Z',
        },
      ],
      ['serviceledger.resource.security-incident.contained.v1', { incidentId: id, containedAt: '2026-12-01T03:00:00.000Z', occurredAt: '2026-12-01T04:00:00.000Z' }],
      ['serviceledger.resource.security-incident.resolved.v1', { incidentId: id, resolvedAt: '2026-12-02T06:00:00.000Z', occurredAt: '2026-12-02T06:00:00.000Z' }],
    ]);
    const serialised = JSON.stringify(signals);
    for (const text of ['Phishing', 'SUP-17', 'macros']) expect(serialised).not.toContain(text);
  });

  it('lists the register newest first, by state, severity, customer, personal data and overdue notification, and exports it as CSV', async () => {
    clock.set('2026-12-05T02:00:00Z');
    const low = await record({ severity: 'low', personalDataInvolved: false, affectedCustomerIds: [], detectedAt: '2026-12-05T01:00:00Z' });
    const ours = await record({ severity: 'critical', affectedCustomerIds: ['c-zenith'], detectedAt: '2026-12-05T01:30:00Z' });
    const ids = async (query: string) =>
      ((await get(`/resource/security-incidents?after=${ours.checkpoint}&${query}`, analyst)).json() as { items: Array<{ incidentId: string }> }).items.map((i) => i.incidentId);
    expect((await ids('pageSize=2')).slice(0, 2)).toEqual([ours.id, low.id]);
    expect(await ids('customer=c-zenith')).toEqual([ours.id]);
    expect(await ids('severity=low')).toEqual([low.id]);
    expect(await ids('personalData=false')).toContain(low.id);
    expect(await ids('personalData=false')).not.toContain(ours.id);
    expect(await ids('state=detected')).toEqual(expect.arrayContaining([low.id, ours.id]));
    expect(await ids('state=resolved')).not.toContain(ours.id);

    const csv = await get('/resource/security-incidents.csv?customer=c-zenith', analyst);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, row, ...rest] = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toBe(
      'incidentId,title,severity,status,detectedAt,detectedBy,recordedAt,recordedBy,containedAt,containedBy,resolvedAt,resolvedBy,affectedCustomerIds,personalDataInvolved,notificationDueAt,notifiedAt,notificationOverdue',
    );
    expect(row).toBe(
      `${ours.id},Phishing mail opened on a support laptop,critical,detected,2026-12-05T01:30:00.000Z,risk-qian,2026-12-05T02:00:00.000Z,risk-qian,,,,,c-zenith,true,2026-12-08T01:30:00.000Z,,false`,
    );
    expect(rest).toEqual([]);
  });

  it('marks the notification overdue when 72 hours pass after the detection with no one notified, through the scheduler, and publishes it once', async () => {
    clock.set('2026-12-10T02:00:00Z');
    const late = await record({ detectedAt: '2026-12-10T01:00:00Z', affectedCustomerIds: ['c-harbour'] });
    const notifiedInTime = await record({ detectedAt: '2026-12-10T01:00:00Z', severity: 'medium', affectedCustomerIds: ['c-harbour'] });
    const overdueOfHarbour = async (after = '') =>
      (await get(`/resource/security-incidents?customer=c-harbour&notificationOverdue=true${after}`)).json().items.map((i: { incidentId: string }) => i.incidentId);
    clock.set('2026-12-11T02:00:00Z');
    const notified = await post(`/resource/security-incidents/${notifiedInTime.id}/notifications`, {
      notifiedAt: '2026-12-11T09:00:00+08:00',
      recipients: 'The affected customers’ data-protection contacts',
      channel: 'email',
    });
    expect(notified.statusCode).toBe(200);
    expect(await overdueOfHarbour(`&after=${notified.json().checkpoint}`)).toEqual([]);

    clock.set(new Date(Date.parse('2026-12-10T01:00:00Z') + 72 * HOUR + 60_000));
    const overdue = await pollUntil(async () => (await get(`/resource/security-incidents/${late.id}`)).json(), (d) => d.notificationOverdue === true, 'the notification to be overdue');
    expect(overdue).toMatchObject({ notificationDueAt: '2026-12-13T01:00:00.000Z', notificationPending: true, status: 'detected' });
    expect(await overdueOfHarbour()).toEqual([late.id]);
    expect((await get(`/resource/security-incidents/${notifiedInTime.id}`)).json()).toMatchObject({
      notificationOverdue: false,
      notificationPending: false,
      notifications: [{ notifiedAt: '2026-12-11T01:00:00.000Z', recipients: 'The affected customers’ data-protection contacts', channel: 'email', recordedBy: 'risk-qian', late: false }],
    });

    const signals = await pollUntil(async () => messagesOf(late.id), (found) => found.length === 2, `the overdue signal of ${late.id}`);
    expect(signals[1]).toMatchObject({
      type: 'serviceledger.resource.security-incident.notification-overdue.v1',
      data: { incidentId: late.id, severity: 'high', dueAt: '2026-12-13T01:00:00.000Z' },
    });
    expect(messagesOf(notifiedInTime.id).map((m) => [m.type, (m.data as { late?: boolean }).late])).toEqual([
      ['serviceledger.resource.security-incident.recorded.v1', undefined],
      ['serviceledger.resource.security-incident.notified.v1', false],
    ]);

    // A notification given after the deadline is recorded as late; the incident stays marked overdue.
    const lateNotice = await post(`/resource/security-incidents/${late.id}/notifications`, { notifiedAt: '2026-12-13T01:00:30Z', recipients: 'CAC provincial office', channel: 'regulator-filing' });
    expect(lateNotice.statusCode).toBe(200);
    expect((await get(`/resource/security-incidents/${late.id}?after=${lateNotice.json().checkpoint}`)).json()).toMatchObject({
      notificationOverdue: true,
      notificationPending: false,
      notifications: [expect.objectContaining({ late: true, channel: 'regulator-filing' })],
    });
  });

  it('answers 400 naming the field for bad input, 409 for a step out of order, 404 for an unknown incident, and records nothing for any', async () => {
    clock.set('2026-12-20T02:00:00Z');
    const before = (await get('/resource/security-incidents')).json().total;
    for (const [field, bad] of [
      ['severity', incident({ severity: 'dire' })],
      ['detectedAt', incident({ detectedAt: 'yesterday' })],
      ['affectedCustomerIds', incident({ affectedCustomerIds: 'c-acme' })],
      ['personalDataInvolved', incident({ personalDataInvolved: 'yes' })],
      ['title', incident({ title: '' })],
      ['reporterPhone', { ...incident(), reporterPhone: '+8613800138000' }],
    ] as const) {
      const response = await post('/resource/security-incidents', bad);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    const future = await post('/resource/security-incidents', incident({ detectedAt: '2026-12-21T02:00:00Z' }));
    expect(future.statusCode).toBe(409);
    expect(future.json()).toMatchObject({ code: 'time-in-the-future' });
    expect((await get('/resource/security-incidents')).json().total).toBe(before);

    const { id } = await record({ personalDataInvolved: false, affectedCustomerIds: [] });
    const resolveFirst = await post(`/resource/security-incidents/${id}/resolution`, { resolution: 'Nothing to do' });
    expect(resolveFirst.statusCode).toBe(409);
    expect(resolveFirst.json()).toMatchObject({ code: 'incident-state' });
    const notify = await post(`/resource/security-incidents/${id}/notifications`, { notifiedAt: '2026-12-20T02:00:00Z', recipients: 'Everyone', channel: 'email' });
    expect(notify.statusCode).toBe(409);
    expect(notify.json()).toMatchObject({ code: 'notification-not-required' });
    const badChannel = await post(`/resource/security-incidents/${id}/notifications`, { notifiedAt: '2026-12-20T02:00:00Z', recipients: 'Everyone', channel: 'pigeon' });
    expect(badChannel.statusCode).toBe(400);
    const unknown = await post('/resource/security-incidents/8c0d5f62-2f7e-4c39-9a41-3b7f2f6f1a00/containment', { measures: 'Isolated' });
    expect(unknown.statusCode).toBe(404);
    expect((await get('/resource/security-incidents/not-a-uuid')).statusCode).toBe(400);
    expect((await get(`/resource/security-incidents/${id}`)).json()).toMatchObject({ status: 'detected', notifications: [] });
  });

  it('records an incident once for a retried request (Idempotency-Key)', async () => {
    const headers = { ...officer, 'idempotency-key': 'incident-retry-1' };
    const first = await post('/resource/security-incidents', incident({ title: 'Retried' }), headers);
    const again = await post('/resource/security-incidents', incident({ title: 'Retried' }), headers);
    expect(first.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const retried = (await get(`/resource/security-incidents?after=${again.json().checkpoint}&pageSize=200`)).json().items.filter((i: { title: string }) => i.title === 'Retried');
    expect(retried).toHaveLength(1);
  });

  it('lets the risk officer and the administrator keep the register, and others with risk:read only read it', async () => {
    expect((await post('/resource/security-incidents', incident(), analyst)).statusCode).toBe(403);
    expect((await post('/resource/security-incidents', incident(), agent)).statusCode).toBe(403);
    expect((await get('/resource/security-incidents', agent)).statusCode).toBe(403);
    expect((await get('/resource/security-incidents', analyst)).statusCode).toBe(200);
    expect((await post('/resource/security-incidents', incident(), admin)).statusCode).toBe(201);
  });
});
