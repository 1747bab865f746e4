import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, pollUntil, startTestApp } from '@serviceledger/platform/testing';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { serviceCaseStream } from '@serviceledger/service-delivery/domain';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

/**
 * P-4.2, 二(四)2 嚴格執行計劃: "在實施過程中，要嚴格遵守相關技術標準、操作規範和質量要求，確保服務質量。"
 * Over HTTP on the standalone app as `npm start` runs it (SQLite event store), nothing faked but the
 * clock: a standard is published for a business category with the checks it requires; a milestone of
 * an approved plan declares it; the milestone is refused while a required check has no evidence and
 * completed with it; quality monitoring spot-checks work against the same version's checks.
 */
describe('technical standards and operating rules (P-4.2 嚴格遵守相關技術標準、操作規範和質量要求)', () => {
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
  let t: TestApp;
  let agent: RequestHeaders;
  let tsLead: RequestHeaders;
  let tsHead: RequestHeaders;
  let monitor: RequestHeaders;
  let caseId: string;
  let base: string;

  const post = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'POST', url, payload, headers });
  const put = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'PUT', url, payload, headers });
  const get = (url: string, headers: RequestHeaders) => t.app.inject({ method: 'GET', url, headers });
  const caseEvents = async () => (await t.app.get<EventStore>(EVENT_STORE).readStream(serviceCaseStream(caseId))).map((e) => e.type);

  const printerRepair = {
    kind: 'operating-rule',
    businessCategory: 'technical-support',
    title: '打印設備維修操作規範',
    documents: [{ reference: 'SL-OPS-TS-07', title: '打印設備維修操作規範' }],
    checks: [
      { checkId: 'power-isolated', description: '維修前已斷電並掛牌' },
      { checkId: 'parts-genuine', description: '更換部件為原廠部件，序列號已登記' },
    ],
  };
  const revised = {
    ...printerRepair,
    checks: [...printerRepair.checks, { checkId: 'test-page', description: '維修後打印測試頁並由客戶簽認' }],
  };

  beforeAll(async () => {
    t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, clock, env: { EVENT_STORE: 'sqlite' } });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    tsLead = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
    tsHead = await t.headersFor({ userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] });
    monitor = await t.headersFor({ userId: 'qm-zhao', roles: ['quality-monitor'], departments: [] });

    const customer = await post('/intake/customers', { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' }, agent);
    const demand = await post('/intake/demands', phoneEnquiry(customer.json().id), agent);
    const demandId = demand.json().id;
    for (const step of ['triage', 'assignment', 'release-to-delivery']) {
      expect((await post(`/intake/demands/${demandId}/${step}`, {}, agent)).statusCode).toBe(200);
    }
    const page = await pollUntil(
      async () => (await get(`/service-delivery/cases?customer=${customer.json().id}`, agent)).json(),
      (p: { items: Array<{ demandId: string; caseId: string }> }) => p.items.some((c) => c.demandId === demandId),
      'the case opened from the hand-off',
    );
    caseId = page.items[0].caseId;
    base = `/service-delivery/cases/${caseId}`;
    const plan = {
      goals: ['恢復辦公室網絡打印'],
      content: '更換故障部件並測試。',
      steps: [{ stepId: 's1', description: '更換定影組件', milestoneId: 'm1' }],
      milestones: [{ milestoneId: 'm1', title: '修復完成', dueAt: '2026-12-10T10:00:00Z' }],
      expectedResults: ['所有用戶可正常打印'],
      acceptanceCriteria: [{ criterionId: 'c1', text: '打印機可從所有工位連線' }],
    };
    expect((await post(`${base}/plan/versions`, { plan }, tsLead)).statusCode).toBe(201);
    expect((await post(`${base}/plan/versions/1/approval`, {}, tsHead)).statusCode).toBe(200);
    for (const member of [
      { memberId: 'pm-zhao', role: 'project-manager', duties: '項目管理' },
      { memberId: 'tech-chen', role: 'technician', duties: '維修' },
      { memberId: 'agent-li', role: 'customer-service', duties: '驗收與回訪' },
    ]) {
      expect((await post(`${base}/team/members`, member, tsHead)).statusCode).toBe(201);
    }
    expect((await post(`${base}/delivery`, {}, tsHead)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('seeds one standard for each seeded business category', async () => {
    for (const [standardId, businessCategory] of [
      ['remote-support', 'technical-support'],
      ['software-delivery', 'software-development'],
      ['maintenance-change', 'system-maintenance'],
    ]) {
      const response = await get(`/service-delivery/technical-standards/${standardId}`, tsLead);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ standardId, businessCategory, versions: [expect.objectContaining({ version: 1 })] });
    }
  });

  it('publishes a standard for a business category, versioned, by those who manage standards only', async () => {
    const url = '/service-delivery/technical-standards/printer-repair';
    expect((await put(url, printerRepair, tsLead)).statusCode).toBe(403);
    expect((await put(url, printerRepair, tsHead)).json()).toMatchObject({ version: 1 });
    expect((await put(url, revised, tsHead)).json()).toMatchObject({ version: 2 });
    expect((await put(url, revised, tsHead)).json()).toMatchObject({ version: 2 });
    const noChecks = await put(url, { ...printerRepair, checks: [] }, tsHead);
    expect(noChecks.statusCode).toBe(400);
    expect(noChecks.json().errors).toEqual([expect.objectContaining({ field: 'checks' })]);
    const standard = (await get(url, tsLead)).json();
    expect(standard.versions.map((v: { version: number; checks: unknown[] }) => [v.version, v.checks.length])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(standard.versions[1].documents).toEqual(printerRepair.documents);
  });

  it('refuses to complete a milestone whose standard’s required check has no evidence, naming the check, and completes it with evidence', async () => {
    const unknownVersion = await post(`${base}/milestones/m1/standards`, { standards: [{ standardId: 'printer-repair', version: 9 }] }, tsHead);
    expect(unknownVersion.statusCode).toBe(409);
    expect(unknownVersion.json().code).toBe('unknown-standard-version');
    const declared = await post(`${base}/milestones/m1/standards`, { standards: [{ standardId: 'printer-repair', version: 2 }] }, tsHead);
    expect(declared.statusCode).toBe(200);
    const planned = (await get(`${base}?after=${declared.json().checkpoint}`, tsLead)).json();
    expect(planned.milestones[0].standards).toEqual([{ standardId: 'printer-repair', version: 2, title: revised.title, checks: revised.checks }]);
    expect((await post(`${base}/steps/s1/completion`, { evidence: '定影組件已更換' }, tsLead)).statusCode).toBe(200);

    const evidence = (skip: string) =>
      revised.checks.filter((c) => c.checkId !== skip).map((c) => ({ standardId: 'printer-repair', checkId: c.checkId, evidence: `見附件：${c.description}` }));
    const before = await caseEvents();
    const refused = await post(`${base}/milestones/m1/completion`, { evidence: '維修報告', checks: evidence('test-page') }, tsLead);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'required-check-missing', detail: expect.stringContaining('check test-page of standard printer-repair v2') });
    expect(await caseEvents()).toEqual(before);

    const completed = await post(`${base}/milestones/m1/completion`, { evidence: '維修報告', checks: evidence('') }, tsLead);
    expect(completed.statusCode).toBe(200);
    const done = (await get(`${base}?after=${completed.json().checkpoint}`, tsLead)).json();
    expect(done.milestones[0]).toMatchObject({
      status: 'done',
      checkEvidence: revised.checks.map((c) => ({ standardId: 'printer-repair', version: 2, checkId: c.checkId, evidence: `見附件：${c.description}` })),
    });
  });

  it('scores a spot check against the checks of a standard’s version, as quality monitoring learned them from service delivery', async () => {
    const spotCheck = (scores: Array<{ itemId: string; score: number }>) =>
      post('/quality-monitoring/checks', { kind: 'spot-check', caseId, departmentId: 'tech-support', standardId: 'printer-repair', standardVersion: 2, scores }, monitor);
    // Quality monitoring learns the version from service delivery's `technical-standard.published`.
    const unscored = await pollUntil(
      () => spotCheck([{ itemId: 'power-isolated', score: 1 }]),
      (r) => r.statusCode !== 404,
      'quality monitoring to know printer-repair v2',
    );
    expect(unscored.statusCode).toBe(409);
    expect(unscored.json()).toMatchObject({ code: 'item-not-scored', detail: expect.stringContaining('parts-genuine') });

    const scored = await spotCheck([
      { itemId: 'power-isolated', score: 1 },
      { itemId: 'parts-genuine', score: 1 },
      { itemId: 'test-page', score: 0 },
    ]);
    expect(scored.statusCode).toBe(201);
    expect(scored.json().score).toBe(66.67);
    const both = await post(
      '/quality-monitoring/checks',
      { kind: 'spot-check', caseId, departmentId: 'tech-support', checklistId: 'service-process', standardId: 'printer-repair', standardVersion: 2, scores: [{ itemId: 'test-page', score: 1 }] },
      monitor,
    );
    expect(both.statusCode).toBe(400);
    expect(both.json().errors).toEqual([expect.objectContaining({ field: 'standardId' })]);
    const checks = (await get(`/quality-monitoring/checks?period=2026-12&kind=spot-check&after=${scored.json().checkpoint}`, monitor)).json();
    expect(checks.items).toEqual([expect.objectContaining({ standard: { standardId: 'printer-repair', version: 2 }, score: 66.67 })]);
  });
});
