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
});
