import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, pollUntil, startTestApp } from '@serviceledger/platform/testing';
import { PARTNER_TOPIC } from '@serviceledger/resource/contracts';
import { ResourceModule } from '../resource.module';
import { resourceService } from '../resource.service-definition';

/**
 * Partners over HTTP (C-3.1, C-3.2; 六(三) 與合作伙伴溝通機制): a partner with its contacts, a cooperation
 * agreement with every term the regulation names (refused, naming it, without one), renewed as a version,
 * its renewal warned of and a meeting marked overdue by the scheduler, meetings with minutes and actions,
 * and the log of what was shared with the partner.
 */
describe('partners over HTTP (C-3.1, C-3.2)', () => {
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  let t: TestApp;
  let manager: RequestHeaders;
  let analyst: RequestHeaders;
  let agent: RequestHeaders;
  const published: IntegrationMessage[] = [];

  const post = (url: string, payload: object, headers = manager) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers = manager) => t.app.inject({ method: 'GET', url, headers });
  const created = async (url: string, payload: object): Promise<{ id: string; checkpoint: string }> => {
    const response = await post(url, payload);
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const terms = (partnerId: string, changes: object = {}) => ({
    partnerId,
    rights: ['We may audit the partner’s service records'],
    duties: ['The partner keeps spare parts for five years'],
    scope: 'On-site printer repair in Shanghai',
    serviceStandards: { targets: [{ priority: 'P3', responseMinutes: 60, resolutionMinutes: 480 }] },
    communicationChannels: [{ kind: 'email', detail: 'Tickets to service@acme.example' }],
    validFrom: '2026-12-01',
    validTo: '2027-01-31',
    meetingIntervalDays: 14,
    ...changes,
  });

  beforeAll(async () => {
    t = await startTestApp({ services: [resourceService], modules: [ResourceModule], clock });
    manager = await t.headersFor({ userId: 'res-wu', roles: ['resource-manager'], departments: ['operations'] });
    analyst = await t.headersFor({ userId: 'analyst-he', roles: ['analyst'] });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'partner-spec', topics: [PARTNER_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
  });
  afterAll(() => t.close());

  it('registers a partner with a contact, refuses an agreement without its service standards naming them, and signs one with every term', async () => {
    clock.set('2026-12-01T02:00:00Z');
    const partner = await created('/resource/partners', { name: 'Acme Printing', kind: 'service-provider', departmentId: 'tech-support' });
    const contact = await created(`/resource/partners/${partner.id}/contacts`, { name: '錢偉', role: 'Account manager', phone: '13800138000' });
    const detail = (await get(`/resource/partners/${partner.id}?after=${contact.checkpoint}`)).json();
    expect(detail).toMatchObject({ partnerId: partner.id, name: 'Acme Printing', departmentId: 'tech-support', contacts: [{ name: '錢偉', role: 'Account manager', phone: '13800138000' }] });
    // The contact's personal data is the resource manager's to keep; other readers see it masked.
    expect((await get(`/resource/partners/${partner.id}?after=${contact.checkpoint}`, analyst)).json().contacts).toEqual([
      expect.objectContaining({ name: '錢*', role: 'Account manager', phone: '138****8000' }),
    ]);

    const { serviceStandards: _standards, ...withoutStandards } = terms(partner.id);
    const refused = await post('/resource/agreements', withoutStandards);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'service-standards-required' });
    expect(refused.json().detail).toContain('service standards');
    expect((await post('/resource/agreements', terms(partner.id, { communicationChannels: [] }))).json()).toMatchObject({ code: 'communication-channels-required' });
    expect((await post('/resource/agreements', terms(partner.id, { rights: [' '] }))).json()).toMatchObject({ code: 'rights-required' });
    expect((await post('/resource/agreements', terms(partner.id, { meetingIntervalDays: 0 }))).statusCode).toBe(400);
    expect((await post('/resource/agreements', terms(partner.id, { validFrom: '2026-13-01' }))).json()).toMatchObject({ status: 400, errors: [{ field: 'validFrom' }] });
    expect((await post('/resource/agreements', terms('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    expect((await post('/resource/agreements', terms(partner.id), agent)).statusCode).toBe(403);

    const signed = await created('/resource/agreements', terms(partner.id));
    const agreement = (await get(`/resource/agreements/${signed.id}?after=${signed.checkpoint}`, analyst)).json();
    expect(agreement).toMatchObject({
      agreementId: signed.id,
      partnerId: partner.id,
      current: { version: 1, scope: 'On-site printer repair in Shanghai', serviceStandards: { targets: [{ priority: 'P3', responseMinutes: 60, resolutionMinutes: 480 }] } },
      nextMeetingDueOn: '2026-12-15',
      meetingOverdue: false,
      renewalDue: false,
      versions: [{ version: 1, signedBy: 'res-wu' }],
    });
    await pollUntil(async () => published.filter((m) => m.key === partner.id).map((m) => m.type), (types) => types.includes('serviceledger.resource.agreement.signed.v1'), 'the signing to be published');
    expect(published.find((m) => m.type === 'serviceledger.resource.agreement.signed.v1' && m.key === partner.id)?.data).toEqual({
      partnerId: partner.id,
      agreementId: signed.id,
      version: 1,
      validFrom: '2026-12-01',
      validTo: '2027-01-31',
      serviceStandards: { targets: [{ priority: 'P3', responseMinutes: 60, resolutionMinutes: 480 }] },
      signedAt: '2026-12-01T02:00:00.000Z',
      occurredAt: '2026-12-01T02:00:00.000Z',
    });
  });

  it('marks a meeting overdue when the cadence passes without one, shows it, publishes it, and a meeting held with minutes moves the due date on', async () => {
    clock.set('2026-12-01T02:00:00Z');
    const partner = await created('/resource/partners', { name: 'Globex Networks', kind: 'technology', departmentId: 'system-maintenance' });
    const signed = await created('/resource/agreements', terms(partner.id));

    // The meeting was due by 15 December; at midnight in Shanghai the scheduler marks it overdue.
    clock.set('2026-12-15T16:00:01Z');
    const overdue = await pollUntil(
      async () => (await get(`/resource/agreements?meetingOverdue=true&partnerId=${partner.id}`)).json(),
      (page) => page.total === 1,
      'the meeting to be overdue',
    );
    expect(overdue.items[0]).toMatchObject({ agreementId: signed.id, nextMeetingDueOn: '2026-12-15', meetingOverdue: true });
    await pollUntil(async () => published.filter((m) => m.key === partner.id && m.type === 'serviceledger.resource.partner-meeting.overdue.v1'), (m) => m.length === 1, 'the overdue meeting to be published');
    expect(published.find((m) => m.key === partner.id && m.type === 'serviceledger.resource.partner-meeting.overdue.v1')?.data).toEqual({
      partnerId: partner.id,
      agreementId: signed.id,
      dueOn: '2026-12-15',
      occurredAt: '2026-12-15T16:00:00.000Z',
    });

    clock.set('2026-12-17T08:00:00Z');
    const meeting = await created(`/resource/agreements/${signed.id}/meetings`, {
      heldAt: '2026-12-17T10:00:00+08:00',
      attendees: ['res-wu'],
      partnerContactIds: ['c-globex-1'],
      progress: 'Core switch replaced at two sites',
      problems: 'A firmware bug on site B',
      solutions: 'Vendor patch next week',
      decisions: ['Patch site B first'],
      actions: [{ description: 'Install the patch on site B', ownerId: 'c-globex-1', dueOn: '2026-12-24', cooperationArea: 'technology' }],
    });
    const after = (await get(`/resource/agreements/${signed.id}?after=${meeting.checkpoint}`)).json();
    expect(after).toMatchObject({ lastMeetingOn: '2026-12-17', nextMeetingDueOn: '2026-12-31', meetingOverdue: false });
    const completed = await post(`/resource/partner-meetings/${meeting.id}/actions/1/completion`, { outcome: 'Patched' });
    expect(completed.statusCode).toBe(200);
    const minutes = (await get(`/resource/partner-meetings/${meeting.id}?after=${completed.json().checkpoint}`, analyst)).json();
    expect(minutes).toMatchObject({
      agreementId: signed.id,
      partnerId: partner.id,
      minutes: { progress: 'Core switch replaced at two sites', problems: 'A firmware bug on site B', solutions: 'Vendor patch next week', decisions: ['Patch site B first'] },
      actions: [{ actionNumber: 1, ownerId: 'c-globex-1', dueOn: '2026-12-24', cooperationArea: 'technology', done: true, outcome: 'Patched', late: false, completedBy: 'res-wu' }],
    });
    expect((await get(`/resource/agreements/${signed.id}/meetings`)).json()).toMatchObject({ total: 1, items: [{ meetingId: meeting.id }] });
  });

  it('marks a kind of information overdue when its sharing cadence passes without a sharing, shows it, and a sharing under the agreement clears it (六(三)3 及時)', async () => {
    clock.set('2026-12-01T02:00:00Z');
    const partner = await created('/resource/partners', { name: 'Hooli Analytics', kind: 'technology', departmentId: 'sales' });
    const other = await created('/resource/partners', { name: 'Vandelay Imports', kind: 'supplier', departmentId: 'logistics' });
    for (const sharingIntervalDays of [{ market: 0 }, { business: 367 }, { technical: 'weekly' }, { rumours: 7 }, 'monthly']) {
      const refused = await post('/resource/agreements', terms(partner.id, { sharingIntervalDays }));
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get(`/resource/agreements?partnerId=${partner.id}`)).json().total).toBe(0);
    const signed = await created('/resource/agreements', terms(partner.id, { meetingIntervalDays: 90, sharingIntervalDays: { market: 30, business: 7 } }));
    const before = (await get(`/resource/agreements/${signed.id}?after=${signed.checkpoint}`, analyst)).json();
    expect(before).toMatchObject({
      sharingOverdue: false,
      current: { sharingIntervalDays: { market: 30, business: 7 } },
      informationSharing: [
        { kind: 'business', intervalDays: 7, nextDueOn: '2026-12-08', overdue: false },
        { kind: 'market', intervalDays: 30, nextDueOn: '2026-12-31', overdue: false },
      ],
    });

    // Business information was due by 8 December; at midnight in Shanghai the scheduler marks it overdue.
    clock.set('2026-12-08T16:00:01Z');
    const overdue = await pollUntil(
      async () => (await get(`/resource/agreements?sharingOverdue=true&partnerId=${partner.id}`)).json(),
      (page) => page.total === 1,
      'business information to be overdue',
    );
    expect(overdue.items[0]).toMatchObject({ agreementId: signed.id, sharingOverdue: true, meetingOverdue: false });
    expect(overdue.items[0].informationSharing).toEqual([
      { kind: 'business', intervalDays: 7, nextDueOn: '2026-12-08', overdue: true },
      { kind: 'market', intervalDays: 30, nextDueOn: '2026-12-31', overdue: false },
    ]);
    expect((await get('/resource/agreements?sharingOverdue=maybe')).statusCode).toBe(400);

    const foreign = await post(`/resource/partners/${other.id}/shared-information`, { kind: 'business', subject: 'x', summary: 'x', channel: 'email', agreementId: signed.id });
    expect(foreign.statusCode).toBe(409);
    expect(foreign.json()).toMatchObject({ code: 'agreement-of-another-partner' });
    expect((await post(`/resource/partners/${partner.id}/shared-information`, { kind: 'business', subject: 'x', summary: 'x', channel: 'email', cooperationArea: 'finance' })).statusCode).toBe(400);

    clock.set('2026-12-10T02:00:00Z');
    const shared = await created(`/resource/partners/${partner.id}/shared-information`, {
      kind: 'business',
      subject: 'Joint bid for the Pudong hospital',
      summary: 'Our order pipeline for Q1',
      channel: 'email',
      agreementId: signed.id,
      cooperationArea: 'market',
    });
    const after = (await get(`/resource/agreements/${signed.id}?after=${shared.checkpoint}`)).json();
    expect(after).toMatchObject({ sharingOverdue: false });
    expect(after.informationSharing).toEqual([
      { kind: 'business', intervalDays: 7, lastSharedOn: '2026-12-10', nextDueOn: '2026-12-17', overdue: false },
      { kind: 'market', intervalDays: 30, nextDueOn: '2026-12-31', overdue: false },
    ]);
    expect((await get(`/resource/agreements?sharingOverdue=true&partnerId=${partner.id}&after=${shared.checkpoint}`)).json().total).toBe(0);
    expect((await get(`/resource/partners/${partner.id}/shared-information?after=${shared.checkpoint}`, analyst)).json()).toMatchObject({
      total: 1,
      items: [{ kind: 'business', agreementId: signed.id, cooperationArea: 'market', sharedAt: '2026-12-10T02:00:00.000Z' }],
    });
  });

  it('warns of renewal before the version expires, and a renewal signs version 2', async () => {
    clock.set('2026-12-01T02:00:00Z');
    const partner = await created('/resource/partners', { name: 'Initech Parts', kind: 'supplier', departmentId: 'logistics' });
    const signed = await created('/resource/agreements', terms(partner.id, { meetingIntervalDays: 90, renewalNoticeDays: 10 }));

    // Valid to 31 January: the notice begins on 21 January, Shanghai time.
    clock.set('2027-01-20T16:00:01Z');
    await pollUntil(async () => (await get(`/resource/agreements?renewalDue=true&partnerId=${partner.id}`)).json().total, (n) => n === 1, 'the renewal warning');
    await pollUntil(async () => published.filter((m) => m.key === partner.id && m.type === 'serviceledger.resource.agreement.expiring.v1').length, (n) => n === 1, 'the warning to be published');

    const { partnerId: _partner, ...renewal } = terms(partner.id, { validFrom: '2027-02-01', validTo: '2028-01-31', meetingIntervalDays: 90 });
    const renewed = await created(`/resource/agreements/${signed.id}/versions`, renewal);
    const detail = (await get(`/resource/agreements/${signed.id}?after=${renewed.checkpoint}`)).json();
    expect(detail).toMatchObject({ current: { version: 2, validTo: '2028-01-31' }, renewalDue: false, versions: [{ version: 1 }, { version: 2 }] });
  });

  it('logs what was shared with a partner, market developments included, with when and by whom, and removes a contact with a reason', async () => {
    clock.set('2026-12-03T02:00:00Z');
    const partner = await created('/resource/partners', { name: 'Umbrella Cloud', kind: 'channel', departmentId: 'sales' });
    const shared = await created(`/resource/partners/${partner.id}/shared-information`, { kind: 'market', subject: 'Q4 demand', summary: 'Printer demand up 12 % in Pudong', channel: 'email' });
    expect((await post(`/resource/partners/${partner.id}/shared-information`, { kind: 'gossip', subject: 'x', summary: 'x', channel: 'x' })).statusCode).toBe(400);
    const log = (await get(`/resource/partners/${partner.id}/shared-information?after=${shared.checkpoint}`, analyst)).json();
    expect(log).toMatchObject({ total: 1, items: [{ partnerId: partner.id, kind: 'market', subject: 'Q4 demand', sharedAt: '2026-12-03T02:00:00.000Z', sharedBy: 'res-wu' }] });

    const contact = await created(`/resource/partners/${partner.id}/contacts`, { name: '孫麗', role: 'Channel manager', email: 'sun.li@umbrella.example' });
    const contactId = (await get(`/resource/partners/${partner.id}?after=${contact.checkpoint}`)).json().contacts[0].contactId;
    const removed = await post(`/resource/partners/${partner.id}/contacts/${contactId}/removal`, { reason: 'Left Umbrella' });
    expect(removed.statusCode).toBe(200);
    expect((await get(`/resource/partners/${partner.id}?after=${removed.json().checkpoint}`)).json().contacts).toEqual([]);
  });
});
