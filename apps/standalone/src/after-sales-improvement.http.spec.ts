import { randomUUID } from 'node:crypto';
import { ManualClock } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { eventually, pollUntil } from '@serviceledger/platform/testing';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { afterSalesProblems } from '@serviceledger/service-delivery/domain';
import { StandaloneE2e, startStandaloneE2e } from './testing/standalone-e2e';

interface StageFigures {
  stage: string;
  afterSalesProblems: number;
  byOrigin: Record<'intake' | 'service-delivery', number>;
  improvementMeasures: { recorded: number; done: number };
}

/**
 * 二(六)2 and 二(六)3 over HTTP, through the standalone app on its SQLite store: after-sales problems are
 * solved by the measures their nature and complexity require, and every one of them, whether raised in
 * service delivery or registered in intake, is attributed to the process stage it points back to; the
 * analysis per period and stage feeds improvement measures back to the stages, followed up to done.
 * December 2026 in Shanghai, from Tuesday 1 December, 09:00 (01:00Z).
 */
describe('after-sales problem solving and continuous improvement over HTTP (P-6.2, P-6.3)', () => {
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
  let e2e: StandaloneE2e;
  let caseId: string;
  let reference: string;

  const post = (url: string, payload: object = {}, headers = e2e.agent) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers = e2e.monitor) => e2e.t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    e2e = await startStandaloneE2e(clock, { EVENT_STORE: 'sqlite' });
    // A delivery case of tech support, opened from intake's hand-off.
    const demand = await post('/intake/demands', phoneEnquiry(e2e.customerId));
    const demandId = demand.json().id as string;
    expect((await post(`/intake/demands/${demandId}/triage`)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${demandId}/assignment`)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${demandId}/release-to-delivery`)).statusCode).toBe(200);
    const page = await pollUntil(
      async () => (await get(`/service-delivery/cases?customer=${e2e.customerId}`, e2e.agent)).json(),
      (p: { items: Array<{ demandId: string; caseId: string; reference: string }> }) => p.items.some((c) => c.demandId === demandId),
      'the case opened from the hand-off',
    );
    ({ caseId, reference } = page.items.find((c) => c.demandId === demandId)!);
  });
  afterAll(() => e2e.t.close());

  /** A problem the customer raised on the case, once accepted (the acceptance is another suite's), with its handler. */
  async function problemWithHandler(description: string): Promise<string> {
    const problemId = randomUUID();
    await e2e.t.app.get(Commands).execute(afterSalesProblems, {
      type: 'RaiseAfterSalesProblem',
      data: {
        problemId,
        serviceCase: { caseId, reference, customerId: e2e.customerId, departmentId: 'tech-support', acceptedAt: '2026-11-20T01:00:00.000Z' },
        source: 'customer',
        description,
      },
      metadata: { commandId: randomUUID(), at: clock.now().toISOString(), actor: { userId: 'agent-li', roles: ['agent'], departments: [] }, correlationId: problemId },
    });
    const problem = `/service-delivery/after-sales-problems/${problemId}`;
    expect((await post(`${problem}/handler`, { handlerId: 'ts-lead' }, e2e.tsHead)).statusCode).toBe(200);
    return problem;
  }
  const measure = (problem: string, kind: string, text: string, headers = e2e.tsLead) => post(`${problem}/measures`, { kind, measure: text }, headers);

  it('二(六)2 根據問題的性質和復雜程度，採取相應的解決措施: refuses to close a defect without a root cause and a fix verified with the customer', async () => {
    const problem = await problemWithHandler('發票打印空白');
    expect((await post(`${problem}/classification`, { nature: 'defect', complexity: 'simple' }, e2e.tsLead)).statusCode).toBe(200);
    const guidance = await measure(problem, 'guidance', '指導客戶重新選擇打印機');
    expect(guidance.statusCode).toBe(409);
    expect(guidance.json().code).toBe('measure-not-offered');
    expect((await measure(problem, 'fix', '回退打印驅動')).statusCode).toBe(201);
    expect((await post(`${problem}/resolution`, { resolution: '驅動回退後恢復', stage: 'implementation' }, e2e.tsLead)).statusCode).toBe(200);

    const refused = await post(`${problem}/closure`, { note: '客戶確認' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'required-measures-missing' });
    expect(refused.json().detail).toContain('missing a root cause, the fix verified with the customer');

    // Reopened: the root cause found, the fix made again and verified with the customer, then it closes.
    expect((await post(`${problem}/reopening`, { reason: '仍需查明原因' }, e2e.tsLead)).statusCode).toBe(200);
    expect((await measure(problem, 'root-cause', '驅動更新與發票模板不相容')).statusCode).toBe(201);
    expect((await measure(problem, 'fix', '鎖定已測試的驅動版本')).statusCode).toBe(201);
    expect((await post(`${problem}/resolution`, { resolution: '鎖定驅動版本', stage: 'implementation' }, e2e.tsLead)).statusCode).toBe(200);
    expect((await measure(problem, 'customer-verification', '客戶連續打印一週發票無誤', e2e.agent)).statusCode).toBe(201);
    const closed = await post(`${problem}/closure`, { note: '客戶確認' });
    expect(closed.statusCode).toBe(200);
    const detail = (await get(`/service-delivery/cases/${caseId}?after=${closed.json().checkpoint}`, e2e.agent)).json();
    const row = detail.afterSalesProblems.find((p: { problemId: string }) => problem.endsWith(p.problemId));
    expect(row).toMatchObject({ status: 'closed', stage: 'implementation' });
    expect(row.measures.map((m: { kind: string }) => m.kind)).toEqual(['fix', 'root-cause', 'fix', 'customer-verification']);
  });

  it('二(六)2: closes a usage problem with a guidance record', async () => {
    const problem = await problemWithHandler('不會批量打印發票');
    const unclassified = await measure(problem, 'guidance', '示範批量打印');
    expect(unclassified.statusCode).toBe(409);
    expect(unclassified.json().code).toBe('classification-required');
    expect((await post(`${problem}/classification`, { nature: 'usage', complexity: 'simple' }, e2e.tsLead)).statusCode).toBe(200);
    expect((await measure(problem, 'guidance', '遠程示範批量打印並發送操作說明')).statusCode).toBe(201);
    expect((await post(`${problem}/resolution`, { resolution: '客戶已會操作', stage: 'acceptance' }, e2e.tsLead)).statusCode).toBe(200);
    expect((await post(`${problem}/closure`, {})).statusCode).toBe(200);
  });

  it('refuses a classification outside the vocabulary at the edge, naming the field', async () => {
    const problem = await problemWithHandler('其他');
    const bad = await post(`${problem}/classification`, { nature: 'billing', complexity: 'simple' }, e2e.tsLead);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('nature');
  });

  it('二(六)3 分析…將相關信息反饋至服務流程的各個環節: counts after-sales problems from intake and from service delivery by the stage they point back to', async () => {
    const figures = async (): Promise<Record<string, StageFigures>> => {
      const response = await get('/quality-monitoring/stage-analysis/2026-12');
      expect(response.statusCode).toBe(200);
      return Object.fromEntries((response.json().stages as StageFigures[]).map((s) => [s.stage, s]));
    };
    // An after-sales problem registered in intake as a demand: resolved only with the stage it points back to.
    const registered = await post('/intake/demands', { ...phoneEnquiry(e2e.customerId, { subject: '交付後打印機再次離線' }), kind: 'after-sales' });
    expect(registered.statusCode).toBe(201);
    const demandId = registered.json().id as string;
    expect((await post(`/intake/demands/${demandId}/triage`)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${demandId}/assignment`)).statusCode).toBe(200);
    const unattributed = await post(`/intake/demands/${demandId}/resolution`, { text: '更換網卡後恢復' });
    expect(unattributed.statusCode).toBe(409);
    expect(unattributed.json().code).toBe('process-stage-required');
    expect((await post(`/intake/demands/${demandId}/resolution`, { text: '更換網卡後恢復', processStage: 'planning' })).statusCode).toBe(200);

    await eventually(async () => {
      const stages = await figures();
      // The defect and the usage problem above came in through service delivery.
      expect(stages.implementation).toMatchObject({ afterSalesProblems: 1, byOrigin: { intake: 0, 'service-delivery': 1 } });
      expect(stages.acceptance).toMatchObject({ afterSalesProblems: 1, byOrigin: { intake: 0, 'service-delivery': 1 } });
      expect(stages.planning).toMatchObject({ afterSalesProblems: 1, byOrigin: { intake: 1, 'service-delivery': 0 } });
      expect(stages.intake.afterSalesProblems).toBe(0);
    });
    expect((await get('/quality-monitoring/stage-analysis/2026-11')).json().stages.every((s: StageFigures) => s.afterSalesProblems === 0)).toBe(true);
  });

  it('二(六)3: records an improvement measure against a stage with an owner and due date, raises a finding from it and follows it up to done', async () => {
    const recorded = await post(
      '/quality-monitoring/improvement-measures',
      {
        stage: 'planning',
        departmentId: 'tech-support',
        ownerId: 'ts-head',
        description: '方案階段核對客戶網絡設備清單',
        basis: '2026-12 的售後問題分析：規劃階段 1 宗',
        dueOn: '2026-12-15',
      },
      e2e.monitor,
    );
    expect(recorded.statusCode).toBe(201);
    const measureId = recorded.json().id as string;
    const measure = `/quality-monitoring/improvement-measures/${measureId}`;
    const pastDue = await post('/quality-monitoring/improvement-measures', { stage: 'planning', departmentId: 'tech-support', ownerId: 'ts-head', description: 'x', dueOn: '2026-11-30' }, e2e.monitor);
    expect(pastDue.statusCode).toBe(409);
    expect(pastDue.json().code).toBe('due-date-in-the-past');

    const finding = await post(`${measure}/findings`, { responsibleId: 'ts-lead', subject: '方案未核對設備清單', requirements: '方案模板加入設備清單核對' }, e2e.monitor);
    expect(finding.statusCode).toBe(201);
    const findingId = finding.json().id as string;
    const raised = (await get(`/quality-monitoring/findings/${findingId}?after=${finding.json().checkpoint}`)).json();
    expect(raised).toMatchObject({ departmentId: 'tech-support', processStage: 'planning', status: 'raised' });

    clock.set('2026-12-08T02:00:00Z');
    expect((await post(`${measure}/follow-ups`, { note: '模板已修訂，待培訓' }, e2e.tsHead)).statusCode).toBe(201);
    clock.set('2026-12-14T02:00:00Z');
    const done = await post(`${measure}/completion`, { outcome: '培訓完成，新方案均已核對設備清單' }, e2e.tsHead);
    expect(done.statusCode).toBe(200);

    const view = (await get(`${measure}?after=${done.json().checkpoint}`, e2e.tsLead)).json();
    expect(view).toMatchObject({
      stage: 'planning',
      ownerId: 'ts-head',
      dueOn: '2026-12-15',
      status: 'done',
      completedOnTime: true,
      findingIds: [findingId],
      followUps: [expect.objectContaining({ note: '模板已修訂，待培訓', overdue: false })],
    });
    expect((await post(`${measure}/follow-ups`, { note: '再看看' }, e2e.tsHead)).json().code).toBe('improvement-measure-done');
    const listed = (await get('/quality-monitoring/improvement-measures?stage=planning&status=done')).json();
    expect(listed.items.map((m: { measureId: string }) => m.measureId)).toEqual([measureId]);
    const planning = (await get('/quality-monitoring/stage-analysis/2026-12')).json().stages.find((s: StageFigures) => s.stage === 'planning');
    expect(planning.improvementMeasures).toEqual({ recorded: 1, done: 1 });
    const elsewhere = await e2e.t.headersFor({ userId: 'sm-lead', roles: ['department-member'], departments: ['system-maintenance'] });
    expect((await get(measure, elsewhere)).statusCode).toBe(404);
  });
  it('二(六)2: the measure rules are versioned; a problem classified after a revision owes what the new version requires', async () => {
    const rules = '/service-delivery/after-sales-measure-rules';
    const v1 = (await get(rules, e2e.tsLead)).json();
    expect(v1.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    const byNature = v1.versions[0].byNature;
    const stricter = { ...byNature, usage: { ...byNature.usage, required: { ...byNature.usage.required, simple: ['guidance', 'customer-verification'] } } };
    expect((await e2e.t.app.inject({ method: 'PUT', url: rules, payload: stricter, headers: e2e.tsHead })).statusCode).toBe(403);
    const revised = await e2e.t.app.inject({ method: 'PUT', url: rules, payload: stricter, headers: e2e.monitor });
    expect(revised.statusCode).toBe(200);
    expect(revised.json().version).toBe(2);
    const unoffered = { ...byNature, usage: { ...byNature.usage, required: { ...byNature.usage.required, simple: ['fix'] } } };
    expect((await e2e.t.app.inject({ method: 'PUT', url: rules, payload: unoffered, headers: e2e.monitor })).json().code).toBe('required-measure-not-offered');
    const partial = await e2e.t.app.inject({ method: 'PUT', url: rules, payload: { usage: byNature.usage }, headers: e2e.monitor });
    expect(partial.statusCode).toBe(400);
    expect(JSON.stringify(partial.json())).toContain('defect');

    const problem = await problemWithHandler('報表導出格式不會設置');
    expect((await post(`${problem}/classification`, { nature: 'usage', complexity: 'simple' }, e2e.tsLead)).statusCode).toBe(200);
    expect((await measure(problem, 'guidance', '示範導出設置')).statusCode).toBe(201);
    expect((await post(`${problem}/resolution`, { resolution: '客戶已會設置', stage: 'after-sales' }, e2e.tsLead)).statusCode).toBe(200);
    const refused = await post(`${problem}/closure`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('under rules version 2: missing the fix verified with the customer');
  });
});
