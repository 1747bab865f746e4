import { DataKeys, ERASED, InMemoryDataKeyTable, InMemoryEventStore, MasterKey, PersonalDataPolicy, withPersonalData } from '@serviceledger/platform/core';
import { newEvent } from '@serviceledger/platform/testing';
import { serviceDeliveryPersonalData } from './personal-data';

describe('service-delivery personal data (R-3.1: 嚴格控制客戶信息的訪問權限,防止客戶信息泄露)', () => {
  it('keeps the acceptance signatory and comments encrypted with the key of the case customer, and erased once that key is destroyed', async () => {
    const raw = new InMemoryEventStore();
    const keys = new DataKeys(new InMemoryDataKeyTable(), MasterKey.generate());
    const store = withPersonalData(raw, new PersonalDataPolicy([serviceDeliveryPersonalData]), keys);
    const report = { caseId: 'case-1', signatory: { name: '趙敏', title: '採購經理' }, comments: '有問題請打 13800138000' };
    await store.appendToStream('service-delivery.case-1', [newEvent('ServiceCaseOpened', { caseId: 'case-1', customerId: 'customer-1' })]);
    await store.appendToStream('service-delivery.case-1', [newEvent('AcceptancePassed', report)]);

    for (const text of ['趙敏', '13800138000']) expect(JSON.stringify((await raw.readAll()).events)).not.toContain(text);
    expect((await store.readStream('service-delivery.case-1'))[1].data).toEqual(report);

    await keys.shred('customer-1');
    expect((await store.readStream('service-delivery.case-1'))[1].data).toEqual({ caseId: 'case-1', signatory: { name: ERASED, title: ERASED }, comments: ERASED });
  });

  it('destroys its own key of the customer when it records their erasure, and changes nothing when that key is destroyed already (a store shared with intake)', async () => {
    const table = new InMemoryDataKeyTable();
    const keys = new DataKeys(table, MasterKey.generate());
    const store = withPersonalData(new InMemoryEventStore(), new PersonalDataPolicy([serviceDeliveryPersonalData]), keys);
    await store.appendToStream('service-delivery.case-1', [newEvent('ServiceCaseOpened', { caseId: 'case-1', customerId: 'customer-1' })]);
    await store.appendToStream('service-delivery.case-1', [newEvent('AcceptancePassed', { caseId: 'case-1', signatory: { name: '趙敏' } })]);
    const erasure = (stream: string) =>
      store.appendToStream(stream, [newEvent('CustomerDataErased', { customerId: 'customer-1', erasedAt: '2026-12-01T01:00:00.000Z', recordedAt: '2026-12-01T01:00:01.000Z' })]);

    await erasure('service-delivery.customer-erasure-customer-1');
    expect((await store.readStream('service-delivery.case-1'))[1].data).toEqual({ caseId: 'case-1', signatory: { name: ERASED } });
    const tombstone = await table.forSubject('customer-1');
    expect(tombstone?.wrappedKey).toBeNull();

    await erasure('service-delivery.customer-erasure-again');
    expect(await table.forSubject('customer-1')).toEqual(tombstone);
  });
});
