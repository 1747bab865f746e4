import { randomBytes } from 'node:crypto';
import { DataKeys, ERASED, InMemoryDataKeyTable, InMemoryEventStore, MasterKey, PersonalDataPolicy, withPersonalData } from '@serviceledger/platform/core';
import { newEvent } from '@serviceledger/platform/testing';
import { intakePersonalData } from './personal-data';

const STREAM = 'intake.demand-d-1';

/** A demand of customer c-1 with a complaint, a message, a reply and a resolution, each holding text the customer wrote or was written. */
const history = [
  newEvent('DemandRegistered', {
    demandId: 'd-1',
    reference: 'SR-2026-000001',
    customerId: 'c-1',
    contact: { name: '李偉' },
    channel: 'phone',
    kind: 'complaint',
    subject: '李偉的打印機',
    description: '請打 13800138000 找李偉',
    attachments: [{ name: '李偉的發票.pdf', contentType: 'application/pdf', size: 48_213 }],
  }),
  newEvent('ComplaintRegistered', { demandId: 'd-1', priority: 'P3', promisedHandlingHours: 24, promisedResult: '給李偉換一台打印機', dueAt: '2026-03-03T09:00:00.000Z' }),
  newEvent('CustomerMessageReceived', {
    demandId: 'd-1',
    channel: 'email',
    from: 'li@acme.cn',
    subject: 'Re: 李偉',
    body: '我住在幸福路 8 號',
    messageId: '<m-1@acme.cn>',
    attachments: [{ name: '幸福路門牌.jpg', contentType: 'image/jpeg', size: 10_240, sha256: 'a'.repeat(64) }],
  }),
  newEvent('CustomerReplySent', { demandId: 'd-1', channel: 'email', body: '李先生您好', messageId: '<r-1@serviceledger>', firstResponse: true, attachments: [{ name: '給李先生的報價.pdf', contentType: 'application/pdf', size: 2_048 }] }),
  newEvent('ComplaintResultCommunicated', { demandId: 'd-1', channel: 'phone', result: '已通知李偉' }),
  newEvent('ComplaintResolved', { demandId: 'd-1', withinPromise: true, promisedResultDelivered: false, promisedResultNote: '李偉只要借用機' }),
];
const texts = ['李偉', '13800138000', '幸福路', '李先生', '發票', '門牌', '報價'];

describe('intake personal data (R-3.1: 嚴格控制客戶信息的訪問權限,防止客戶信息泄露)', () => {
  it('keeps the free text and attachment names written by or to the customer encrypted with the customer’s key, and erased with it, the identifiers and enums plain', async () => {
    const raw = new InMemoryEventStore();
    const keys = new DataKeys(new InMemoryDataKeyTable(), MasterKey.generate());
    const store = withPersonalData(raw, new PersonalDataPolicy([intakePersonalData]), keys);
    await store.appendToStream(STREAM, history);

    const stored = JSON.stringify((await raw.readAll()).events);
    for (const text of texts) expect({ text, stored: stored.includes(text) }).toEqual({ text, stored: false });
    expect((await store.readStream(STREAM)).map((e) => e.data)).toEqual(history.map((e) => e.data));

    await keys.shred('c-1');
    const [registered, complaint, message, reply, result, resolved] = (await store.readStream(STREAM)).map((e) => e.data);
    expect(registered).toMatchObject({
      reference: 'SR-2026-000001',
      kind: 'complaint',
      channel: 'phone',
      subject: ERASED,
      description: ERASED,
      contact: { name: ERASED },
      attachments: [{ name: ERASED, contentType: 'application/pdf', size: 48_213 }],
    });
    expect(complaint).toMatchObject({ priority: 'P3', promisedHandlingHours: 24, promisedResult: ERASED });
    expect(message).toMatchObject({
      channel: 'email',
      messageId: '<m-1@acme.cn>',
      from: ERASED,
      subject: ERASED,
      body: ERASED,
      attachments: [{ name: ERASED, contentType: 'image/jpeg', size: 10_240, sha256: 'a'.repeat(64) }],
    });
    expect(reply).toMatchObject({ messageId: '<r-1@serviceledger>', firstResponse: true, body: ERASED, attachments: [{ name: ERASED, contentType: 'application/pdf', size: 2_048 }] });
    expect(result).toMatchObject({ channel: 'phone', result: ERASED });
    expect(resolved).toMatchObject({ withinPromise: true, promisedResultDelivered: false, promisedResultNote: ERASED });
  });

  it('keeps what staff write on the customer’s demand encrypted with the customer’s key, and erased with it: notes, reasons, handling steps, the coordination agreed, the resolution; who it waits on and the ids plain', async () => {
    const raw = new InMemoryEventStore();
    const keys = new DataKeys(new InMemoryDataKeyTable(), MasterKey.generate());
    const store = withPersonalData(raw, new PersonalDataPolicy([intakePersonalData]), keys);
    const phrase = (what: string) => `${what}${randomBytes(4).toString('hex')}`;
    const responsibilities = [{ departmentId: 'it', responsibility: phrase('給李偉裝機') }];
    const staffText = [
      newEvent('InternalNoteAdded', { demandId: 'd-1', body: phrase('李偉脾氣大'), author: 'agent-1' }),
      newEvent('DemandTriaged', { demandId: 'd-1', complexity: 'complex', priority: 'P2', reason: phrase('李偉是老客戶') }),
      newEvent('DemandReclassified', { demandId: 'd-1', previousKind: 'enquiry', kind: 'complaint', reason: phrase('李偉投訴') }),
      newEvent('DemandReassigned', { demandId: 'd-1', from: { departmentId: 'it' }, to: { departmentId: 'ops' }, reason: phrase('李偉要求換人') }),
      newEvent('CoordinationRecorded', { demandId: 'd-1', meetingId: 'm-1', responsibilities, cooperation: phrase('每天打給李偉'), leadDepartmentId: 'it', jointSolution: phrase('李偉家換機') }),
      newEvent('DemandReleasedToDelivery', { demandId: 'd-1', customerId: 'c-1', leadDepartmentId: 'it', responsibilities }),
      newEvent('DemandWaitingOnCustomer', { demandId: 'd-1', reason: phrase('等李偉回電'), since: '2026-03-02T09:00:00.000Z' }),
      newEvent('DemandWaitingOnThirdParty', { demandId: 'd-1', party: '順豐', reason: phrase('寄到李偉家'), since: '2026-03-02T10:00:00.000Z' }),
      newEvent('ComplaintHandlingStepRecorded', { demandId: 'd-1', step: 1, description: phrase('向李偉道歉'), handledBy: 'agent-1' }),
      newEvent('DemandResolved', { demandId: 'd-1', resolution: phrase('李偉的機器已換'), resolvedAt: '2026-03-03T09:00:00.000Z' }),
      newEvent('DemandClosed', { demandId: 'd-1', reason: phrase('李偉滿意') }),
      newEvent('DemandWithdrawn', { demandId: 'd-2', reason: phrase('李偉撤回'), previousStatus: 'registered' }),
    ];
    await store.appendToStream(STREAM, [history[0], ...staffText]);

    const stored = JSON.stringify((await raw.readAll()).events);
    expect(stored).not.toContain('李偉');
    expect(stored).toContain('"party":"順豐"');
    expect(stored).toContain('"departmentId":"it"');
    expect((await store.readStream(STREAM)).slice(1).map((e) => e.data)).toEqual(staffText.map((e) => e.data));

    await keys.shred('c-1');
    const erasedResponsibilities = [{ departmentId: 'it', responsibility: ERASED }];
    expect((await store.readStream(STREAM)).slice(1).map((e) => e.data)).toEqual([
      { demandId: 'd-1', body: ERASED, author: 'agent-1' },
      { demandId: 'd-1', complexity: 'complex', priority: 'P2', reason: ERASED },
      { demandId: 'd-1', previousKind: 'enquiry', kind: 'complaint', reason: ERASED },
      { demandId: 'd-1', from: { departmentId: 'it' }, to: { departmentId: 'ops' }, reason: ERASED },
      { demandId: 'd-1', meetingId: 'm-1', responsibilities: erasedResponsibilities, cooperation: ERASED, leadDepartmentId: 'it', jointSolution: ERASED },
      { demandId: 'd-1', customerId: 'c-1', leadDepartmentId: 'it', responsibilities: erasedResponsibilities },
      { demandId: 'd-1', reason: ERASED, since: '2026-03-02T09:00:00.000Z' },
      { demandId: 'd-1', party: '順豐', reason: ERASED, since: '2026-03-02T10:00:00.000Z' },
      { demandId: 'd-1', step: 1, description: ERASED, handledBy: 'agent-1' },
      { demandId: 'd-1', resolution: ERASED, resolvedAt: '2026-03-03T09:00:00.000Z' },
      { demandId: 'd-1', reason: ERASED },
      { demandId: 'd-2', reason: ERASED, previousStatus: 'registered' },
    ]);
  });

  it('keeps a demand filed under the unverified senders under a key of its own, erased with the customer whose address it came from, not with the shared customer', async () => {
    const raw = new InMemoryEventStore();
    const keys = new DataKeys(new InMemoryDataKeyTable(), MasterKey.generate());
    const store = withPersonalData(raw, new PersonalDataPolicy([intakePersonalData]), keys);
    const unverified = (demandId: string, email: string, text: string) => [
      newEvent('DemandRegistered', {
        demandId,
        reference: 'SR-2026-000002',
        customerId: 'unverified-senders',
        contact: { name: email, email },
        channel: 'email',
        kind: 'enquiry',
        subject: text,
        description: text,
        senderNotVerified: true,
      }),
      newEvent('InternalNoteAdded', { demandId, body: `Claimed to be ${email}`, author: 'system:intake' }),
    ];
    await store.appendToStream('intake.demand-d-2', unverified('d-2', 'li@acme.cn', '李偉的分機 8123'));
    await store.appendToStream('intake.demand-d-3', unverified('d-3', 'mei@other.cn', '美的分機 8456'));
    const stored = JSON.stringify((await raw.readAll()).events);
    for (const text of ['li@acme.cn', '8123', 'mei@other.cn']) expect({ text, stored: stored.includes(text) }).toEqual({ text, stored: false });

    await store.appendToStream('intake.customer-c-1', [
      newEvent('CustomerErased', { customerId: 'c-1', erasedBy: 'dpo', erasedAt: '2026-03-02T09:00:00.000Z', reason: 'asked to', unverifiedDemandIds: ['d-2'] }),
    ]);
    const [registered, note] = (await store.readStream('intake.demand-d-2')).map((e) => e.data);
    expect(registered).toMatchObject({ senderNotVerified: true, channel: 'email', contact: { name: ERASED, email: ERASED }, subject: ERASED, description: ERASED });
    expect(note).toMatchObject({ body: ERASED, author: 'system:intake' });
    expect((await store.readStream('intake.demand-d-3'))[0].data).toMatchObject({ contact: { email: 'mei@other.cn' }, subject: '美的分機 8456' });
    expect(await keys.isErased('unverified-senders')).toBe(false);
  });
});
