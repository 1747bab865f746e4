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

  it('keeps the plan, the experts’ opinions, the evidence and a project meeting’s minutes encrypted with the key of the case’s customer, old plain text readable, and all erased with the key; ids, dates and criteria plain', async () => {
    const raw = new InMemoryEventStore();
    const keys = new DataKeys(new InMemoryDataKeyTable(), MasterKey.generate());
    const store = withPersonalData(raw, new PersonalDataPolicy([serviceDeliveryPersonalData]), keys);
    const phrase = (what: string) => `${what}${randomBytes(4).toString('hex')}`;
    const plan = {
      goals: [phrase('趙敏的打印機恢復')],
      content: phrase('到趙敏家維修'),
      steps: [{ stepId: 's1', description: phrase('打電話給趙敏'), milestoneId: 'm1' }],
      milestones: [{ milestoneId: 'm1', title: phrase('趙敏驗收'), dueAt: '2026-12-02T01:00:00.000Z' }],
      expectedResults: [phrase('趙敏滿意')],
      acceptanceCriteria: [{ criterionId: 'c1', text: 'Prints from every desk' }],
    };
    const onPlan = [
      newEvent('ServicePlanOpened', { caseId: 'case-1', reference: 'SR-2026-000001', departmentId: 'tech-support', complexity: 'complex', draftingDueAt: '2026-12-02T01:00:00.000Z' }),
      newEvent('PlanVersionSubmitted', { caseId: 'case-1', version: 1, plan, major: true, expertReviewRequired: true, experts: ['expert-1'], changeReason: phrase('趙敏改主意') }),
      newEvent('ExpertOpinionRecorded', { caseId: 'case-1', version: 1, expertId: 'expert-1', opinion: phrase('趙敏家的電壓不穩'), conclusion: 'approve' }),
      newEvent('PlanChangesRequested', { caseId: 'case-1', version: 1, comments: phrase('先問趙敏'), requestedBy: 'head-1', requestedAt: '2026-12-01T02:00:00.000Z' }),
      newEvent('PlanVersionApproved', { caseId: 'case-1', version: 2, plan, comments: phrase('趙敏同意'), approvedBy: 'head-1', approvedAt: '2026-12-01T03:00:00.000Z' }),
    ];
    const onCase = [
      newEvent('PlanVersionAdopted', { caseId: 'case-1', version: 2, baseline: { steps: plan.steps, milestones: plan.milestones, acceptanceCriteria: plan.acceptanceCriteria }, approvedAt: '2026-12-01T03:00:00.000Z' }),
      newEvent('StepCompleted', { caseId: 'case-1', stepId: 's1', milestoneId: 'm1', planVersion: 2, evidence: phrase('趙敏簽收'), checks: [{ standardId: 'std', version: 1, checkId: 'c', evidence: phrase('趙敏家測試頁') }] }),
      newEvent('MilestoneCompleted', { caseId: 'case-1', milestoneId: 'm1', planVersion: 2, dueAt: '2026-12-02T01:00:00.000Z', evidence: phrase('趙敏驗收單'), late: true, lateReason: phrase('趙敏出差') }),
    ];
    const meeting = [
      newEvent('ProjectMeetingRecorded', {
        meetingId: 'meeting-1',
        kind: 'project',
        caseId: 'case-1',
        heldAt: '2026-12-01T04:00:00.000Z',
        attendees: ['head-1'],
        reports: [{ departmentId: 'tech-support', progress: phrase('趙敏家已裝好'), problems: phrase('趙敏的狗'), solutions: phrase('請趙敏關狗') }],
        decisions: [phrase('下週再去趙敏家')],
        actions: [{ actionNumber: 1, description: phrase('給趙敏回電'), ownerId: 'tech-1', departmentId: 'tech-support', dueAt: '2026-12-03T00:00:00.000Z' }],
        recordedBy: 'head-1',
      }),
    ];
    const weekly = newEvent('ProjectMeetingRecorded', { meetingId: 'meeting-2', kind: 'weekly', heldAt: '2026-12-01T04:00:00.000Z', attendees: [], reports: [], decisions: ['Printer room moves on Monday'], actions: [], recordedBy: 'head-1' });
    await store.appendToStream('service-delivery.case-case-1', [newEvent('ServiceCaseOpened', { caseId: 'case-1', customerId: 'customer-1' }), ...onCase]);
    await store.appendToStream('service-delivery.plan-case-1', onPlan);
    await store.appendToStream('service-delivery.meeting-meeting-1', meeting);
    await store.appendToStream('service-delivery.meeting-meeting-1', [newEvent('MeetingActionCompleted', { meetingId: 'meeting-1', actionNumber: 1, outcome: phrase('趙敏接了電話') })]);
    await store.appendToStream('service-delivery.meeting-meeting-2', [weekly]);
    // A plan version written before plans were declared: plain in the log, read as written.
    const earlier = { ...plan, goals: ['Printing restored'], content: phrase('舊方案給趙敏'), steps: [], milestones: [], expectedResults: [] };
    const before = newEvent('PlanVersionSubmitted', { caseId: 'case-1', version: 3, plan: earlier, major: true, expertReviewRequired: true, experts: [] });
    await raw.appendToStream('service-delivery.plan-case-1', [before]);

    const log = JSON.stringify((await raw.readAll()).events);
    const written = JSON.stringify([...onPlan, ...onCase, ...meeting].map((e) => e.data));
    const phrases = written.match(/[\u4e00-\u9fff]+[0-9a-f]{8}/g)!;
    expect(phrases.length).toBeGreaterThan(20);
    for (const text of phrases) expect({ text, stored: log.includes(text) }).toEqual({ text, stored: false });
    expect(log).toContain('Printer room moves on Monday');
    expect(log).toContain('Prints from every desk');
    expect((await store.readStream('service-delivery.plan-case-1')).map((e) => e.data)).toEqual([...onPlan, before].map((e) => e.data));

    await keys.shred('customer-1');
    const readPlan = (await store.readStream('service-delivery.plan-case-1')).map((e) => e.data as Record<string, unknown>);
    const erasedPlan = { ...plan, goals: [ERASED], content: ERASED, steps: [{ ...plan.steps[0], description: ERASED }], milestones: [{ ...plan.milestones[0], title: ERASED }], expectedResults: [ERASED] };
    expect(readPlan[1]).toMatchObject({ version: 1, plan: erasedPlan, changeReason: ERASED, experts: ['expert-1'] });
    expect(readPlan[2]).toMatchObject({ opinion: ERASED, conclusion: 'approve' });
    expect(readPlan[3]).toMatchObject({ comments: ERASED });
    expect(readPlan[4]).toMatchObject({ plan: erasedPlan, comments: ERASED, approvedBy: 'head-1' });
    expect(readPlan[5]).toMatchObject({ version: 3, plan: { goals: [ERASED], content: ERASED, acceptanceCriteria: plan.acceptanceCriteria } });
    const [, adopted, step, milestone] = (await store.readStream('service-delivery.case-case-1')).map((e) => e.data);
    expect(adopted).toMatchObject({ baseline: { steps: [{ stepId: 's1', description: ERASED }], milestones: [{ milestoneId: 'm1', title: ERASED, dueAt: '2026-12-02T01:00:00.000Z' }], acceptanceCriteria: plan.acceptanceCriteria } });
    expect(step).toMatchObject({ evidence: ERASED, checks: [{ checkId: 'c', evidence: ERASED }] });
    expect(milestone).toMatchObject({ evidence: ERASED, lateReason: ERASED, late: true });
    const [minutes, completed] = (await store.readStream('service-delivery.meeting-meeting-1')).map((e) => e.data);
    expect(minutes).toMatchObject({
      kind: 'project',
      reports: [{ departmentId: 'tech-support', progress: ERASED, problems: ERASED, solutions: ERASED }],
      decisions: [ERASED],
      actions: [{ actionNumber: 1, description: ERASED, ownerId: 'tech-1' }],
    });
    expect(completed).toMatchObject({ actionNumber: 1, outcome: ERASED });
    expect((await store.readStream('service-delivery.meeting-meeting-2'))[0].data).toMatchObject({ decisions: ['Printer room moves on Monday'] });
  });
});
