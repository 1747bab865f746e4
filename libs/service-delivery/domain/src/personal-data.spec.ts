import { randomBytes } from 'node:crypto';
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

  it('keeps what the customer said encrypted with their key: rectification items, a visit’s comments and findings, a problem after sales; the items’ ids stay plain', async () => {
    const raw = new InMemoryEventStore();
    const keys = new DataKeys(new InMemoryDataKeyTable(), MasterKey.generate());
    const store = withPersonalData(raw, new PersonalDataPolicy([serviceDeliveryPersonalData]), keys);
    const rejected = { caseId: 'case-1', signatory: { name: '趙敏' }, rectificationItems: [{ itemId: '1.1', description: '請把打印機搬到 502 房' }] };
    const passed = { caseId: 'case-1', signatory: { name: '趙敏' }, conditions: [{ itemId: '2.1', description: '下週前更換紙盒' }] };
    const visit = { visitId: 'case-1-visit-1', caseId: 'case-1', comments: '回訪請打 13900139000', findings: [{ description: '安裝時弄髒了地毯', stage: 'implementation' }] };
    const problem = { problemId: 'p-1', caseId: 'case-1', customerId: 'customer-1', description: '打印機又卡紙，找王經理' };
    await store.appendToStream('service-delivery.case-1', [newEvent('ServiceCaseOpened', { caseId: 'case-1', customerId: 'customer-1' })]);
    await store.appendToStream('service-delivery.case-1', [newEvent('AcceptanceRejected', rejected), newEvent('AcceptancePassed', passed)]);
    await store.appendToStream('service-delivery.visit-1', [newEvent('FollowUpVisitScheduled', { visitId: 'case-1-visit-1', customerId: 'customer-1' })]);
    await store.appendToStream('service-delivery.visit-1', [newEvent('FollowUpVisitRecorded', visit)]);
    await store.appendToStream('service-delivery.problem-1', [newEvent('AfterSalesProblemRaised', problem)]);

    const log = JSON.stringify((await raw.readAll()).events);
    for (const text of ['502 房', '更換紙盒', '13900139000', '弄髒了地毯', '王經理']) expect(log).not.toContain(text);
    expect(log).toContain('"itemId":"1.1"');
    expect((await store.readStream('service-delivery.visit-1'))[1].data).toEqual(visit);

    await keys.shred('customer-1');
    const [, readRejected, readPassed] = await store.readStream('service-delivery.case-1');
    expect(readRejected.data).toMatchObject({ rectificationItems: [{ itemId: '1.1', description: ERASED }] });
    expect(readPassed.data).toMatchObject({ conditions: [{ itemId: '2.1', description: ERASED }] });
    expect((await store.readStream('service-delivery.visit-1'))[1].data).toEqual({ ...visit, comments: ERASED, findings: [{ description: ERASED, stage: 'implementation' }] });
    expect((await store.readStream('service-delivery.problem-1'))[0].data).toEqual({ ...problem, description: ERASED });
  });

  it('keeps what staff write on the customer’s case, visit and problem encrypted with their key, and erased with it: progress reports, reasons, fix notes, issues, measures, resolutions; ids, kinds and stages plain', async () => {
    const raw = new InMemoryEventStore();
    const keys = new DataKeys(new InMemoryDataKeyTable(), MasterKey.generate());
    const store = withPersonalData(raw, new PersonalDataPolicy([serviceDeliveryPersonalData]), keys);
    const phrase = (what: string) => `${what}${randomBytes(4).toString('hex')}`;
    const opened = { caseId: 'case-1', customerId: 'customer-1', responsibilities: [{ departmentId: 'logistics', responsibility: phrase('送貨到趙敏家') }] };
    const onCase = [
      newEvent('ProgressReportSent', { caseId: 'case-1', reportNumber: 1, progress: phrase('已見過趙敏'), problems: [{ problem: phrase('趙敏不在'), solution: phrase('改約趙敏') }], onTime: true }),
      newEvent('MilestoneDeviationRecorded', { caseId: 'case-1', milestoneId: 'm1', reason: phrase('趙敏延期') }),
      newEvent('MilestoneWaived', { caseId: 'case-1', milestoneId: 'm2', reason: phrase('趙敏不需要') }),
      newEvent('RectificationItemFixed', { caseId: 'case-1', itemId: '1.1', round: 1, note: phrase('趙敏看過了') }),
      newEvent('CoordinationIssueLogged', { caseId: 'case-1', issueNumber: 1, description: phrase('趙敏不在家'), departmentIds: ['logistics'] }),
      newEvent('CoordinationIssueResolved', { caseId: 'case-1', issueNumber: 1, resolution: phrase('約了趙敏週三') }),
      newEvent('ServiceCaseCancelled', { caseId: 'case-1', reason: phrase('趙敏取消'), previousStatus: 'planning' }),
    ];
    const onVisit = [newEvent('FollowUpVisitCancelled', { visitId: 'case-1-visit-1', caseId: 'case-1', reason: phrase('趙敏出差') })];
    const onProblem = [
      newEvent('ProblemHandlerAssigned', { problemId: 'p-1', caseId: 'case-1', handlerId: 'ts-lead', reason: phrase('趙敏點名') }),
      newEvent('ProblemMeasureRecorded', { problemId: 'p-1', measureNumber: 1, kind: 'fix', measure: phrase('給趙敏換了搓紙輪') }),
      newEvent('AfterSalesProblemResolved', { problemId: 'p-1', caseId: 'case-1', resolution: phrase('趙敏確認'), stage: 'implementation' }),
      newEvent('AfterSalesProblemReopened', { problemId: 'p-1', caseId: 'case-1', reason: phrase('趙敏又打來') }),
      newEvent('AfterSalesProblemClosed', { problemId: 'p-1', caseId: 'case-1', note: phrase('趙敏滿意') }),
    ];
    await store.appendToStream('service-delivery.case-1', [newEvent('ServiceCaseOpened', opened), ...onCase]);
    await store.appendToStream('service-delivery.visit-1', [newEvent('FollowUpVisitScheduled', { visitId: 'case-1-visit-1', customerId: 'customer-1' }), ...onVisit]);
    await store.appendToStream('service-delivery.problem-1', [newEvent('AfterSalesProblemRaised', { problemId: 'p-1', caseId: 'case-1', customerId: 'customer-1', description: '卡紙' }), ...onProblem]);

    const log = JSON.stringify((await raw.readAll()).events);
    expect(log).not.toContain('趙敏');
    for (const plain of ['"departmentId":"logistics"', '"itemId":"1.1"', '"kind":"fix"', '"stage":"implementation"']) expect(log).toContain(plain);
    expect((await store.readStream('service-delivery.case-1')).map((e) => e.data)).toEqual([opened, ...onCase.map((e) => e.data)]);

    await keys.shred('customer-1');
    expect((await store.readStream('service-delivery.case-1')).map((e) => e.data)).toEqual([
      { ...opened, responsibilities: [{ departmentId: 'logistics', responsibility: ERASED }] },
      { caseId: 'case-1', reportNumber: 1, progress: ERASED, problems: [{ problem: ERASED, solution: ERASED }], onTime: true },
      { caseId: 'case-1', milestoneId: 'm1', reason: ERASED },
      { caseId: 'case-1', milestoneId: 'm2', reason: ERASED },
      { caseId: 'case-1', itemId: '1.1', round: 1, note: ERASED },
      { caseId: 'case-1', issueNumber: 1, description: ERASED, departmentIds: ['logistics'] },
      { caseId: 'case-1', issueNumber: 1, resolution: ERASED },
      { caseId: 'case-1', reason: ERASED, previousStatus: 'planning' },
    ]);
    expect((await store.readStream('service-delivery.visit-1'))[1].data).toEqual({ visitId: 'case-1-visit-1', caseId: 'case-1', reason: ERASED });
    expect((await store.readStream('service-delivery.problem-1')).slice(1).map((e) => e.data)).toEqual([
      { problemId: 'p-1', caseId: 'case-1', handlerId: 'ts-lead', reason: ERASED },
      { problemId: 'p-1', measureNumber: 1, kind: 'fix', measure: ERASED },
      { problemId: 'p-1', caseId: 'case-1', resolution: ERASED, stage: 'implementation' },
      { problemId: 'p-1', caseId: 'case-1', reason: ERASED },
      { problemId: 'p-1', caseId: 'case-1', note: ERASED },
    ]);
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
