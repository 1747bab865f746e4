import { RequestHeaders, TestApp, pollUntil, startTestApp } from '@serviceledger/platform/testing';
import { IntakeModule, intakeService } from '@serviceledger/intake/service';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { ServiceDeliveryModule, serviceDeliveryService } from '@serviceledger/service-delivery/service';

/**
 * P-5.1, P-5.2 服務驗收 "客戶驗收…直至客戶滿意通過驗收": a demand released to delivery is solved when the
 * customer accepts the service, so its case's acceptance resolves it in intake (service delivery's
 * case.acceptance-passed), and staff cannot resolve it by hand meanwhile; a case its head cancels hands
 * the demand back to intake (case.cancelled).
 */
describe('what becomes of a demand in delivery: resolved by its case’s acceptance, handed back when its case is cancelled', () => {
  let t: TestApp;
  let agent: RequestHeaders;
  let tsLead: RequestHeaders;
  let tsHead: RequestHeaders;
  let customerId: string;

  const post = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers: RequestHeaders) => t.app.inject({ method: 'GET', url, headers });
  const ok = async (url: string, payload: object, headers: RequestHeaders) => {
    const response = await post(url, payload, headers);
    if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService, serviceDeliveryService], modules: [IntakeModule, ServiceDeliveryModule] });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    tsLead = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
    tsHead = await t.headersFor({ userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] });
    customerId = (await ok('/intake/customers', { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' }, agent)).id;
  });
  afterAll(() => t.close());

  const plan = {
    goals: ['恢復辦公室網絡打印'],
    content: '更換故障部件並測試。',
    steps: [{ stepId: 's1', description: '更換部件並測試', milestoneId: 'm1' }],
    milestones: [{ milestoneId: 'm1', title: '修復完成', dueAt: '2099-12-10T10:00:00Z' }],
    expectedResults: ['所有用戶可正常打印'],
    acceptanceCriteria: [{ criterionId: 'c1', text: '打印機可從所有工位連線' }],
  };

  const demandStatus = async (demandId: string) => (await get(`/intake/demands/${demandId}`, agent)).json();

  async function demandInDelivery(): Promise<{ demandId: string; caseId: string }> {
    const { id: demandId } = await ok('/intake/demands', phoneEnquiry(customerId), agent);
    await ok(`/intake/demands/${demandId}/triage`, {}, agent);
    await ok(`/intake/demands/${demandId}/assignment`, {}, agent);
    await ok(`/intake/demands/${demandId}/release-to-delivery`, {}, agent);
    const page: { items: Array<{ demandId: string; caseId: string }> } = await pollUntil(
      async () => (await get(`/service-delivery/cases?customer=${customerId}&pageSize=200`, agent)).json(),
      (p: { items: Array<{ demandId: string }> }) => p.items.some((c) => c.demandId === demandId),
      'the case opened from the hand-off',
    );
    return { demandId, caseId: page.items.find((c) => c.demandId === demandId)!.caseId };
  }

  it('refuses to resolve a demand in delivery by hand, and resolves it when the customer accepts its case', async () => {
    const { demandId, caseId } = await demandInDelivery();
    const byHand = await post(`/intake/demands/${demandId}/resolution`, { text: '已修復' }, agent);
    expect(byHand.statusCode).toBe(409);
    expect(byHand.json()).toMatchObject({ code: 'resolved-by-acceptance', detail: expect.stringContaining('acceptance passes') });
    const early = await post(`/intake/demands/${demandId}/closure`, { text: '完成' }, agent);
    expect(early.json().code).toBe('not-resolved');

    const base = `/service-delivery/cases/${caseId}`;
    await ok(`${base}/plan/versions`, { plan }, tsLead);
    await ok(`${base}/plan/versions/1/approval`, { comments: '同意' }, tsHead);
    for (const member of [
      { memberId: 'pm-zhao', role: 'project-manager', duties: '統籌項目與客戶溝通' },
      { memberId: 'tech-chen', role: 'technician', duties: '現場維修' },
      { memberId: 'agent-li', role: 'customer-service', duties: '組織驗收' },
    ]) {
      await ok(`${base}/team/members`, member, tsHead);
    }
    await ok(`${base}/delivery`, {}, tsHead);
    await ok(`${base}/steps/s1/completion`, { evidence: '部件已更換並測試' }, tsLead);
    await ok(`${base}/milestones/m1/completion`, { evidence: '測試頁打印正常' }, tsLead);
    await ok(`${base}/acceptance/criteria`, { contractReference: 'SC-2026-1201', version: 1, criteria: plan.acceptanceCriteria }, agent);
    await ok(`${base}/acceptance`, {}, agent);
    expect((await demandStatus(demandId)).status).toBe('in-delivery');
    await ok(
      `${base}/acceptance/rounds/1/paper-report`,
      {
        results: [{ criterionId: 'c1', met: true }],
        signatory: { name: '王小明' },
        verdict: 'accepted',
        rectificationItems: [],
        signedDocument: { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', fileName: '驗收報告.pdf' },
      },
      agent,
    );

    const resolved = await pollUntil(() => demandStatus(demandId), (d) => d.status === 'resolved', 'the acceptance to resolve the demand');
    expect(resolved.resolvedAt).toEqual(expect.any(String));
    expect(resolved.timeline.find((e: { entry: string }) => e.entry === 'DemandResolved')).toMatchObject({
      actorId: 'intake',
      details: { acceptance: { caseId, round: 1 } },
    });
    await ok(`/intake/demands/${demandId}/closure`, { text: '客戶已驗收' }, agent);
  });

  it('lets the department head cancel a case, with a reason, and hands its demand back to intake to be worked', async () => {
    const { demandId, caseId } = await demandInDelivery();
    const base = `/service-delivery/cases/${caseId}`;
    expect((await post(`${base}/cancellation`, { reason: '客戶改用自有技術人員' }, tsLead)).statusCode).toBe(403);
    expect((await post(`${base}/cancellation`, {}, tsHead)).statusCode).toBe(400);
    const cancelled = await ok(`${base}/cancellation`, { reason: '客戶改用自有技術人員' }, tsHead);
    expect((await get(`${base}?after=${cancelled.checkpoint}`, tsHead)).json().status).toBe('cancelled');
    const planAfter = await post(`${base}/plan/versions`, { plan }, tsLead);
    expect(planAfter.statusCode).toBe(409);
    expect(planAfter.json().code).toBe('case-ended');

    const back = await pollUntil(() => demandStatus(demandId), (d) => d.status === 'assigned', 'the cancellation to hand the demand back');
    expect(back.timeline.map((e: { entry: string }) => e.entry)).toContain('DemandReturnedFromDelivery');
    const again = await post(`/intake/demands/${demandId}/release-to-delivery`, {}, agent);
    expect(again.json().code).toBe('delivery-case-cancelled');
    await ok(`/intake/demands/${demandId}/resolution`, { text: '客戶自行處理，已電話確認' }, agent);
  });
});
