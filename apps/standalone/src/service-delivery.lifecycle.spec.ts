import { ManualClock } from '@serviceledger/platform/core';
import { MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, pollUntil, startTestApp } from '@serviceledger/platform/testing';
import { IntakeModule, intakeService } from '@serviceledger/intake/service';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { SERVICE_DELIVERY_CASE_TOPIC } from '@serviceledger/service-delivery/contracts';
import { ServiceDeliveryModule, serviceDeliveryService } from '@serviceledger/service-delivery/service';

/**
 * Issue 5, "what it must show": intake and service-delivery in one app, as the standalone app runs
 * them, handing over through intake's contract event on the in-process bus. Lives here because the
 * module boundaries keep service-delivery's own code from importing intake's service.
 */
describe('service delivery over HTTP, from intake’s hand-off to after-sales', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
  let t: TestApp;
  let agent: RequestHeaders;
  let tsLead: RequestHeaders;
  let tsHead: RequestHeaders;
  let devMember: RequestHeaders;
  let customerId: string;
  /** What service-delivery's relay published, by case: what quality monitoring, HR and risk would consume. */
  const published: Array<{ type: string; subject: string }> = [];

  const post = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers: RequestHeaders) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await startTestApp({
      services: [intakeService, serviceDeliveryService],
      modules: [IntakeModule, ServiceDeliveryModule],
      clock,
    });
    await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'test.observer', topics: [SERVICE_DELIVERY_CASE_TOPIC] }, eachMessage(async (m) => {
      published.push({ type: m.type, subject: m.subject });
    }));
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    tsLead = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
    tsHead = await t.headersFor({ userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] });
    devMember = await t.headersFor({ userId: 'sd-lead', roles: ['department-member'], departments: ['software-development'] });
    const registered = await post(
      '/intake/customers',
      { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', email: 'wang@example.com', tier: 'gold' },
      agent,
    );
    expect(registered.statusCode).toBe(201);
    customerId = registered.json().id;
  });
  afterAll(() => t.close());

  const plan = (overrides: object = {}) => ({
    goals: ['恢復辦公室網絡打印'],
    content: '檢查打印機與網絡，更換故障部件，培訓用戶。',
    steps: [
      { stepId: 's1', description: '現場診斷', milestoneId: 'm1' },
      { stepId: 's2', description: '更換部件並測試', milestoneId: 'm2' },
    ],
    milestones: [
      { milestoneId: 'm1', title: '診斷完成', dueAt: '2026-12-05T10:00:00Z' },
      { milestoneId: 'm2', title: '修復完成', dueAt: '2026-12-10T10:00:00Z' },
    ],
    expectedResults: ['所有用戶可正常打印'],
    acceptanceCriteria: [
      { criterionId: 'c1', text: '打印機可從所有工位連線' },
      { criterionId: 'c2', text: '打印質量符合合同要求' },
    ],
    ...overrides,
  });

  async function caseFromIntake(): Promise<string> {
    const demand = await post('/intake/demands', phoneEnquiry(customerId), agent);
    expect(demand.statusCode).toBe(201);
    const demandId = demand.json().id;
    expect((await post(`/intake/demands/${demandId}/triage`, {}, agent)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${demandId}/assignment`, {}, agent)).statusCode).toBe(200);
    expect((await post(`/intake/demands/${demandId}/release-to-delivery`, {}, agent)).statusCode).toBe(200);
    const page = await pollUntil(
      async () => (await get(`/service-delivery/cases?customer=${customerId}&pageSize=200`, agent)).json(),
      (p: { items: Array<{ demandId: string; caseId: string }> }) => p.items.some((c) => c.demandId === demandId),
      'the case opened from the hand-off',
    );
    return page.items.find((c) => c.demandId === demandId)!.caseId;
  }

  it('walks a case from the hand-off through plan, delivery, acceptance, visits and an after-sales problem', async () => {
    const caseId = await caseFromIntake();
    const base = `/service-delivery/cases/${caseId}`;
    const opened = (await get(base, tsLead)).json();
    expect(opened).toMatchObject({
      status: 'planning',
      departmentId: 'tech-support',
      ownerId: 'ts-lead',
      responsibleDepartmentId: 'tech-support',
      planDueAt: '2026-12-03T01:00:00.000Z',
      departments: ['tech-support'],
    });

    // P-3: version 1 is sent back, version 2 approved by the department head.
    expect((await post(`${base}/plan/versions`, { plan: plan() }, tsLead)).statusCode).toBe(201);
    const early = await post(`${base}/delivery`, {}, tsHead);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('plan-not-approved');
    const sentBack = await post(`${base}/plan/versions/1/change-requests`, { comments: '請補充部件更換的備用方案' }, tsHead);
    expect(sentBack.statusCode).toBe(201);
    expect((await post(`${base}/plan/versions`, { plan: plan({ content: '檢查打印機與網絡；如部件缺貨則借用備機。' }) }, tsLead)).statusCode).toBe(201);
    expect((await post(`${base}/plan/versions/2/approval`, {}, tsLead)).statusCode).toBe(403);
    const approved = await post(`${base}/plan/versions/2/approval`, { comments: '同意' }, tsHead);
    expect(approved.statusCode).toBe(200);
    const planned = (await get(`${base}?after=${approved.json().checkpoint}`, tsLead)).json();
    expect(planned).toMatchObject({ status: 'ready', planVersion: 2 });
    expect(planned.planVersions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'changes-requested'],
      [2, 'approved'],
    ]);
    expect(planned.planVersions[0].reviews).toEqual([expect.objectContaining({ kind: 'changes-requested', by: 'ts-head' })]);
    expect(planned.milestones.map((m: { milestoneId: string }) => m.milestoneId)).toEqual(['m1', 'm2']);

    // P-4.1: the team, then delivery.
    for (const member of [
      { memberId: 'pm-zhao', role: 'project-manager', duties: '統籌項目與客戶溝通' },
      { memberId: 'tech-chen', role: 'technician', duties: '現場診斷與維修' },
      { memberId: 'agent-li', role: 'customer-service', duties: '組織驗收與回訪' },
    ]) {
      expect((await post(`${base}/team/members`, member, tsHead)).statusCode).toBe(201);
    }
    const started = await post(`${base}/delivery`, {}, tsHead);
    expect(started.statusCode).toBe(200);

    // P-4.2, P-4.3: milestones and two progress reports.
    expect((await post(`${base}/steps/s1/completion`, { evidence: '診斷報告已上傳' }, tsLead)).statusCode).toBe(200);
    expect((await post(`${base}/milestones/m1/completion`, { evidence: '客戶確認診斷結果' }, tsLead)).statusCode).toBe(200);
    const report = { progress: '已完成診斷，等待部件到貨', problems: [{ problem: '部件缺貨', solution: '借用備機' }] };
    expect((await post(`${base}/progress-reports`, report, tsLead)).statusCode).toBe(201);
    clock.advance(DAY);
    expect((await post(`${base}/progress-reports`, { progress: '部件已到貨，安排更換', problems: [] }, tsLead)).statusCode).toBe(201);

    // P-5.1: no acceptance while a milestone is open.
    const tooSoon = await post(`${base}/acceptance`, {}, agent);
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().code).toBe('milestones-outstanding');
    expect((await post(`${base}/steps/s2/completion`, { evidence: '部件已更換並測試' }, tsLead)).statusCode).toBe(200);
    expect((await post(`${base}/milestones/m2/completion`, { evidence: '測試頁打印正常' }, tsLead)).statusCode).toBe(200);

    // P-5.1: the contract's acceptance criteria, recorded on the case; P-5.2: round 1, filled in by the customer in
    // the portal, rejected with two items; no closure while they are open.
    const contractCriteria = { contractReference: 'SC-2026-1201', version: 1, criteria: plan().acceptanceCriteria };
    expect((await post(`${base}/acceptance/criteria`, contractCriteria, agent)).statusCode).toBe(201);
    expect((await post(`${base}/acceptance`, {}, agent)).statusCode).toBe(200);
    const customerUser = await t.headersFor({ userId: 'wang@customer', roles: ['customer'], customerId });
    const rejected = await post(
      `${base}/acceptance/rounds/1/report`,
      {
        results: [
          { criterionId: 'c1', met: true },
          { criterionId: 'c2', met: false, note: '彩色打印偏色' },
        ],
        signatory: { name: '王小明', title: '行政經理' },
        verdict: 'rejected',
        rectificationItems: [{ description: '校正彩色打印', criterionId: 'c2' }, { description: '補充用戶操作說明' }],
      },
      customerUser,
    );
    expect(rejected.statusCode).toBe(200);
    const closing = await post(`${base}/closure`, { summary: '完成' }, tsHead);
    expect(closing.statusCode).toBe(409);
    expect(closing.json().code).toBe('open-rectification-items');
    expect((await post(`${base}/rectification-items/1.1/fix`, { note: '已重新校色' }, tsLead)).statusCode).toBe(200);
    expect((await post(`${base}/rectification-items/1.2/fix`, { note: '已發送操作說明' }, tsLead)).statusCode).toBe(200);

    // P-5.1: round 2 passes on the paper report the customer signed; the follow-up visits are scheduled at +7 and +30 days.
    expect((await post(`${base}/acceptance`, {}, agent)).statusCode).toBe(200);
    const passed = await post(
      `${base}/acceptance/rounds/2/paper-report`,
      {
        results: [
          { criterionId: 'c1', met: true },
          { criterionId: 'c2', met: true },
        ],
        signatory: { name: '王小明' },
        verdict: 'accepted',
        rectificationItems: [],
        signedDocument: { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', fileName: '驗收報告.pdf' },
      },
      agent,
    );
    expect(passed.statusCode).toBe(200);
    const acceptedAt = clock.now().getTime();
    const accepted = (await get(`${base}?after=${passed.json().checkpoint}`, agent)).json();
    expect(accepted.status).toBe('after-sales');
    expect(accepted.acceptanceRounds.map((r: { round: number; verdict: string; items: unknown[] }) => [r.round, r.verdict, r.items.length])).toEqual([
      [1, 'rejected', 2],
      [2, 'accepted', 0],
    ]);
    expect(accepted.progressReports.filter((r: { kind: string }) => r.kind === 'sent')).toHaveLength(2);
    expect(accepted.followUpVisits.map((v: { dueAt: string; status: string }) => [v.dueAt, v.status])).toEqual([
      [new Date(acceptedAt + 7 * DAY).toISOString(), 'scheduled'],
      [new Date(acceptedAt + 30 * DAY).toISOString(), 'scheduled'],
    ]);

    // P-6.1: the scheduler makes each visit due when the (faked) clock reaches it.
    const visitStatuses = async () =>
      ((await get(base, agent)).json().followUpVisits as Array<{ status: string }>).map((v) => v.status);
    clock.set(new Date(acceptedAt + 7 * DAY + 60_000));
    await pollUntil(visitStatuses, (s) => s[0] === 'due', 'the first visit to fall due');
    expect((await visitStatuses())[1]).toBe('scheduled');
    const [first, second] = accepted.followUpVisits.map((v: { visitId: string }) => v.visitId);
    const recorded = await post(
      `/service-delivery/follow-up-visits/${first}/record`,
      { channel: 'phone', satisfaction: 4, recommendation: 9, findings: [{ description: '用戶希望增加一台打印機', stage: 'planning' }] },
      agent,
    );
    expect(recorded.statusCode).toBe(200);
    clock.set(new Date(acceptedAt + 30 * DAY + 60_000));
    await pollUntil(visitStatuses, (s) => s[1] === 'due', 'the second visit to fall due');
    expect((await post(`/service-delivery/follow-up-visits/${second}/record`, { channel: 'on-site', satisfaction: 5, findings: [] }, agent)).statusCode).toBe(200);

    // C-2.1: a revisit on top of the scheduled ones, then called off.
    const revisit = await post(`${base}/follow-up-visits`, { dueAt: new Date(acceptedAt + 40 * DAY).toISOString() }, agent);
    expect(revisit.statusCode).toBe(201);
    const third = (await get(`${base}?after=${revisit.json().checkpoint}`, agent)).json().followUpVisits[2];
    expect(third).toMatchObject({ visitNumber: 3, status: 'scheduled' });
    expect((await post(`/service-delivery/follow-up-visits/${third.visitId}/cancellation`, { reason: '客戶要求取消' }, agent)).statusCode).toBe(200);

    // P-6.2, P-6.3: a problem the customer raises, handled to resolution and closure.
    const raised = await post(`${base}/after-sales-problems`, { source: 'customer', description: '打印機偶爾卡紙' }, agent);
    expect(raised.statusCode).toBe(201);
    const problem = `/service-delivery/after-sales-problems/${raised.json().id}`;
    expect((await post(`${problem}/handler`, { handlerId: 'tech-chen' }, tsHead)).statusCode).toBe(200);
    expect((await post(`${problem}/classification`, { nature: 'defect', complexity: 'simple' }, tsLead)).statusCode).toBe(200);
    expect((await post(`${problem}/measures`, { kind: 'root-cause', measure: '分紙墊磨損' }, tsLead)).statusCode).toBe(201);
    expect((await post(`${problem}/measures`, { kind: 'fix', measure: '清潔進紙輥並更換分紙墊' }, tsLead)).statusCode).toBe(201);
    expect((await post(`${problem}/resolution`, { resolution: '一週內未再卡紙', stage: 'implementation' }, tsLead)).statusCode).toBe(200);
    expect((await post(`${problem}/measures`, { kind: 'customer-verification', measure: '客戶確認一週內未再卡紙' }, agent)).statusCode).toBe(201);
    const closedProblem = await post(`${problem}/closure`, { note: '客戶確認' }, agent);
    expect(closedProblem.statusCode).toBe(200);

    const closed = await post(`${base}/closure`, { summary: '服務完成，客戶滿意' }, tsHead);
    expect(closed.statusCode).toBe(200);
    const final = (await get(`${base}?after=${closed.json().checkpoint}`, agent)).json();
    expect(final.status).toBe('closed');
    expect(final.followUpVisits.map((v: { status: string; satisfaction: number }) => [v.status, v.satisfaction])).toEqual([
      ['completed', 4],
      ['completed', 5],
      ['cancelled', null],
    ]);
    expect(final.afterSalesProblems).toEqual([expect.objectContaining({ status: 'closed', stage: 'implementation', handlerId: 'tech-chen' })]);
    expect(final.team.map((m: { memberId: string }) => m.memberId).sort()).toEqual(['agent-li', 'pm-zhao', 'tech-chen']);

    // P-6.3: what after-sales found, grouped by the stage it points back to, for improvement.
    const since = new Date(acceptedAt).toISOString();
    const until = new Date(clock.now().getTime() + 60_000).toISOString();
    const improvement = (await get(`/service-delivery/improvement-findings?from=${since}&to=${until}`, agent)).json();
    expect(improvement.stages.filter((s: { visitFindings: number; resolvedProblems: number }) => s.visitFindings + s.resolvedProblems > 0)).toEqual([
      { stage: 'planning', visitFindings: 1, resolvedProblems: 0, examples: ['用戶希望增加一台打印機'] },
      { stage: 'implementation', visitFindings: 0, resolvedProblems: 1, examples: [expect.any(String)] },
    ]);

    // The relay published the case's public events, in order, keyed by the case.
    const events = await pollUntil(
      async () => published.filter((m) => m.subject === caseId).map((m) => m.type.replace(/^serviceledger\.service-delivery\.case\.|\.v1$/g, '')),
      (types) => types.includes('closed'),
      'the relay to publish the closure',
    );
    expect(events).toEqual([
      'opened',
      'plan-approved',
      'delivery-started',
      'milestone-completed',
      'progress-report-sent',
      'progress-report-sent',
      'milestone-completed',
      'acceptance-organised',
      'acceptance-rejected',
      'rectification-item-fixed',
      'rectification-item-fixed',
      'acceptance-organised',
      'acceptance-passed',
      'follow-up-visit-completed',
      'follow-up-visit-completed',
      'after-sales-problem-opened',
      'after-sales-problem-handler-assigned',
      'after-sales-problem-resolved',
      'closed',
    ]);
  });

  it('scopes cases by department: another department gets 404 on the detail and on commands, and an empty list', async () => {
    const caseId = await caseFromIntake();
    expect((await get(`/service-delivery/cases/${caseId}`, tsLead)).statusCode).toBe(200);
    const hidden = await get(`/service-delivery/cases/${caseId}`, devMember);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().detail).toBe(`Service case ${caseId} was not found`);
    expect((await post(`/service-delivery/cases/${caseId}/plan/versions`, { plan: plan() }, devMember)).statusCode).toBe(404);
    const list = (await get('/service-delivery/cases', devMember)).json();
    expect(list.items.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
  });

  it('shows a person their work: the cases they own', async () => {
    const caseId = await caseFromIntake();
    const mine = (await get('/service-delivery/my-work', tsLead)).json();
    expect(mine.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    expect((await get('/service-delivery/my-work', devMember)).json().cases).toEqual([]);
  });
});
