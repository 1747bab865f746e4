import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, eventually, pollUntil } from '@serviceledger/platform/testing';
import { AppraisalFinalisedV1, HR_STAFF_TOPIC } from '@serviceledger/hr-performance/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { StandaloneE2e, startStandaloneE2e } from './testing/standalone-e2e';

/**
 * Issue 19's end-to-end proof (H-2.1, H-2.2, H-2.3, H-3.2) over the real services in the standalone app,
 * nothing faked but the clock. November 2026 in Shanghai (UTC+8), from Monday 2 November, 09:00 (01:00Z),
 * on the seeded calendar (09:00–12:00, 13:30–18:00 on weekdays) and the seeded P3 policy (first response
 * within 240 business minutes, resolution within 1800).
 *
 * People: ts-lead, a support engineer of tech-support, owns demands A and C and manages C's delivery;
 * sd-lead, a developer of software-development, owns demand B. Their heads are ts-head and sd-head; HR is
 * hr-wu. Quality monitoring closes November under its seeded scheme; hr-performance drafts each person's
 * appraisal from the indicators it publishes for them.
 */
describe('appraisal, outcomes and promotion through the standalone app', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let e2e: StandaloneE2e;
  let hr: RequestHeaders;
  let sdHead: RequestHeaders;
  let tsLead: RequestHeaders;
  let sdLead: RequestHeaders;
  let analyst: RequestHeaders;
  const published: IntegrationMessage[] = [];

  const send = (method: 'POST' | 'PUT', url: string, payload: object, headers: RequestHeaders) => e2e.t.app.inject({ method, url, payload, headers });
  const post = (url: string, payload: object, headers: RequestHeaders) => send('POST', url, payload, headers);
  const put = (url: string, payload: object, headers: RequestHeaders) => send('PUT', url, payload, headers);
  const get = (url: string, headers: RequestHeaders) => e2e.t.app.inject({ method: 'GET', url, headers });
  const ok = async (answer: Promise<{ statusCode: number; body: string; json(): { checkpoint?: string; id?: string } }>, status = 200) => {
    const response = await answer;
    // On a refusal the problem detail shows in the failure.
    expect(response.statusCode === status ? status : response.json()).toEqual(status);
    return response.json();
  };

  beforeAll(async () => {
    e2e = await startStandaloneE2e(clock);
    hr = await e2e.t.headersFor({ userId: 'hr-wu', roles: ['hr'], departments: ['human-resources'] });
    sdHead = await e2e.t.headersFor({ userId: 'sd-head', roles: ['department-head'], departments: ['software-development'] });
    tsLead = e2e.tsLead;
    sdLead = await e2e.t.headersFor({ userId: 'sd-lead', roles: ['department-member'], departments: ['software-development'] });
    analyst = await e2e.t.headersFor({ userId: 'analyst-1', roles: ['analyst'], departments: [] });
    await e2e.t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'hr-appraisal-spec', topics: [HR_STAFF_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
  });
  afterAll(() => e2e.t.close());

  const standards = { knowledge: '網絡與操作系統', skills: '故障排查', serviceAttitude: '客戶至上' };
  const meetsStandards = { knowledge: true, skills: true, serviceAttitude: true };
  const programme = {
    items: [
      { topic: 'company', title: '公司概況' },
      { topic: 'culture', title: '企業文化' },
      { topic: 'service-process', title: '服務流程' },
      { topic: 'business-knowledge', title: '業務知識' },
      { topic: 'communication-skills', title: '溝通技巧' },
    ],
  };

  it('drafts each person’s November appraisal from the indicators quality monitoring published, through assessment, finalisation, outcomes, a flagged review, the year and a promotion', async () => {
    // HR: the posts with their duties, and the two people on them.
    await ok(put('/hr-performance/posts/support-engineer', { name: '支持工程師', departmentId: 'tech-support', track: 'professional', duties: ['現場服務規範', '技術文檔撰寫'], standards }, hr));
    await ok(put('/hr-performance/posts/support-engineer/onboarding-programme', programme, hr));
    await ok(put('/hr-performance/posts/developer', { name: '開發工程師', departmentId: 'software-development', track: 'professional', duties: ['代碼質量'], standards }, hr));
    await ok(put('/hr-performance/posts/developer/onboarding-programme', programme, hr));
    await ok(post('/hr-performance/employees', { employeeId: 'ts-lead', name: '李技術', postId: 'support-engineer', level: 'P1', hiredOn: '2025-06-01', assessment: meetsStandards }, hr), 201);
    await ok(post('/hr-performance/employees', { employeeId: 'sd-lead', name: '孫開發', postId: 'developer', level: 'P1', hiredOn: '2026-10-01', assessment: meetsStandards }, hr), 201);

    // Each post's appraisal scheme, customer satisfaction at least 30 % of the weight (客戶至上).
    // support-engineer: satisfaction 4, resolution rate 2, response compliance 2, average FRT 1 (0 at 400 minutes), 現場服務規範 1 → 40 %.
    const supportScheme = {
      name: '支持工程師月度考核',
      lines: [
        { indicatorId: 'csat', source: 'quality', indicator: 'satisfaction', weight: 4 },
        { indicatorId: 'resolved', source: 'quality', indicator: 'resolutionRate', weight: 2 },
        { indicatorId: 'response', source: 'quality', indicator: 'responseCompliance', weight: 2 },
        { indicatorId: 'frt', source: 'quality', indicator: 'frtAverage', weight: 1 },
        { indicatorId: 'onsite', source: 'duty', duty: '現場服務規範', weight: 1 },
      ],
      referenceMinutes: { frtAverage: 400 },
    };
    const lowSatisfaction = await put('/hr-performance/appraisal-schemes/support-engineer', { ...supportScheme, lines: supportScheme.lines.map((l) => (l.indicatorId === 'csat' ? { ...l, weight: 1 } : l)) }, hr);
    expect(lowSatisfaction.statusCode).toBe(409);
    expect(lowSatisfaction.json()).toMatchObject({ code: 'satisfaction-below-floor', detail: expect.stringContaining('14.2857 %') });
    const foreignDuty = await put('/hr-performance/appraisal-schemes/support-engineer', { ...supportScheme, lines: [...supportScheme.lines, { indicatorId: 'sales', source: 'duty', duty: '銷售額', weight: 1 }] }, hr);
    expect(foreignDuty.json()).toMatchObject({ status: 409, code: 'not-a-duty-of-the-post' });
    expect(await ok(put('/hr-performance/appraisal-schemes/support-engineer', supportScheme, hr))).toMatchObject({ id: 'support-engineer', version: 1 });
    // developer: satisfaction 3, resolution rate 3, response compliance 2, 代碼質量 2 → 30 %, the floor.
    const developerScheme = {
      name: '開發工程師月度考核',
      lines: [
        { indicatorId: 'csat', source: 'quality', indicator: 'satisfaction', weight: 3 },
        { indicatorId: 'resolved', source: 'quality', indicator: 'resolutionRate', weight: 3 },
        { indicatorId: 'response', source: 'quality', indicator: 'responseCompliance', weight: 2 },
        { indicatorId: 'code', source: 'duty', duty: '代碼質量', weight: 2 },
      ],
    };
    await ok(put('/hr-performance/appraisal-schemes/developer', developerScheme, hr));

    // The outcome rules: a monthly bonus by band, coaching below 60, a raise for a strong year.
    await ok(
      put(
        '/hr-performance/outcome-rules',
        {
          rules: [
            { ruleId: 'bonus-good', kind: 'bonus', cycle: 'monthly', minScore: 70, maxScore: 90, bonusCoefficient: 1.2 },
            { ruleId: 'bonus-top', kind: 'bonus', cycle: 'monthly', minScore: 90, bonusCoefficient: 1.5 },
            { ruleId: 'coaching', kind: 'training', cycle: 'monthly', minScore: 0, maxScore: 60, trainingId: 'customer-communication' },
            { ruleId: 'raise', kind: 'pay-adjustment', cycle: 'annual', minScore: 80, payAdjustmentPercent: 5 },
          ],
        },
        hr,
      ),
    );

    // November: A and C for tech-support (ts-lead), B for software-development (sd-lead), all P3.
    const demand = async (businessCategory: string) => {
      const registered = await ok(post('/intake/demands', phoneEnquiry(e2e.customerId, { businessCategory }), e2e.agent), 201);
      await ok(post(`/intake/demands/${registered.id}/triage`, {}, e2e.agent));
      await ok(post(`/intake/demands/${registered.id}/assignment`, {}, e2e.agent));
      return registered.id as string;
    };
    const a = await demand('technical-support');
    const b = await demand('software-development');
    const c = await demand('technical-support');
    // 09:20 B answered (20 minutes); 09:30 A answered (30); 10:00 B resolved (60); 10:30 C answered (90) and released.
    clock.set('2026-11-02T01:20:00Z');
    await ok(post(`/intake/demands/${b}/replies`, { channel: 'phone', body: '已收到。' }, e2e.agent), 201);
    clock.set('2026-11-02T01:30:00Z');
    await ok(post(`/intake/demands/${a}/replies`, { channel: 'phone', body: '工程師稍後聯繫。' }, e2e.agent), 201);
    clock.set('2026-11-02T02:00:00Z');
    await ok(post(`/intake/demands/${b}/resolution`, { text: '已修復' }, e2e.agent));
    clock.set('2026-11-02T02:30:00Z');
    await ok(post(`/intake/demands/${c}/replies`, { channel: 'phone', body: '安排現場服務。' }, e2e.agent), 201);
    await ok(post(`/intake/demands/${c}/release-to-delivery`, {}, e2e.agent));
    let caseId = '';
    await eventually(async () => {
      const page = (await get(`/service-delivery/cases?customer=${e2e.customerId}`, e2e.agent)).json();
      expect(page.items).toEqual([expect.objectContaining({ demandId: c })]);
      caseId = page.items[0].caseId;
    });
    // C delivered with ts-lead as its project manager, accepted on the customer's paper report.
    const base = `/service-delivery/cases/${caseId}`;
    const plan = {
      goals: ['打印恢復'],
      content: '更換打印機網卡。',
      steps: [{ stepId: 's1', description: '更換網卡', milestoneId: 'm1' }],
      milestones: [{ milestoneId: 'm1', title: '修復完成', dueAt: '2026-11-05T10:00:00Z' }],
      expectedResults: ['所有工位可打印'],
      acceptanceCriteria: [{ criterionId: 'c1', text: '所有工位可打印' }],
    };
    await ok(post(`${base}/plan/versions`, { plan }, tsLead), 201);
    await ok(post(`${base}/plan/versions/1/approval`, { comments: '同意' }, e2e.tsHead));
    for (const member of [
      { memberId: 'ts-lead', role: 'project-manager', duties: '統籌項目' },
      { memberId: 'tech-chen', role: 'technician', duties: '現場施工' },
      { memberId: 'agent-li', role: 'customer-service', duties: '驗收與回訪' },
    ]) {
      await ok(post(`${base}/team/members`, member, e2e.tsHead), 201);
    }
    await ok(post(`${base}/delivery`, {}, e2e.tsHead));
    await ok(post(`${base}/steps/s1/completion`, { evidence: '施工記錄' }, tsLead));
    await ok(post(`${base}/milestones/m1/completion`, { evidence: '客戶確認' }, tsLead));
    await ok(post(`${base}/acceptance/criteria`, { contractReference: 'SC-2026-1102', version: 1, criteria: plan.acceptanceCriteria }, e2e.agent), 201);
    await ok(post(`${base}/acceptance`, {}, e2e.agent));
    await ok(
      post(
        `${base}/acceptance/rounds/1/paper-report`,
        {
          results: [{ criterionId: 'c1', met: true }],
          signatory: { name: '王小明' },
          verdict: 'accepted',
          rectificationItems: [],
          signedDocument: { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
        },
        e2e.agent,
      ),
    );
    // C is in delivery: nobody resolves it by hand; its acceptance does (intake consumes case.acceptance-passed), dated
    // at the acceptance, 10:30 (90 minutes; by hand it was Tuesday 10:00, 450 + 60 = 510). 11:00 A resolved (120).
    // Neither moves an appraisal: resolution rate counts resolved demands, response compliance first responses only.
    const resolvedC = await pollUntil(() => get(`/intake/demands/${c}`, e2e.agent).then((r) => r.json()), (d) => d.status === 'resolved', 'C resolved by its acceptance');
    expect(resolvedC).toMatchObject({ resolvedAt: '2026-11-02T02:30:00.000Z' });
    clock.set('2026-11-02T03:00:00Z');
    await ok(post(`/intake/demands/${a}/resolution`, { text: '已更換網線' }, e2e.agent));
    // Monday 9 November: the first follow-up visit falls due and is made: satisfaction 4, recommendation 9.
    clock.set('2026-11-09T02:31:00Z');
    let visit = '';
    await eventually(async () => {
      const visits = (await get(base, e2e.agent)).json().followUpVisits as Array<{ visitId: string; status: string }>;
      expect(visits[0].status).toBe('due');
      visit = visits[0].visitId;
    });
    await ok(post(`/service-delivery/follow-up-visits/${visit}/record`, { channel: 'phone', satisfaction: 4, recommendation: 9, findings: [] }, e2e.agent));

    // 1 December: quality monitoring closes November; hr-performance drafts both appraisals from what it published.
    clock.set('2026-12-01T01:00:00Z');
    await eventually(async () => {
      const persons = (await get('/quality-monitoring/periods/2026-11/persons', e2e.monitor)).json().persons as Array<{ personId: string; indicators: Record<string, number | null> }>;
      expect(persons.find((p) => p.personId === 'ts-lead')?.indicators).toMatchObject({ satisfaction: 4, ttrAverage: 105 });
    });
    await ok(post('/quality-monitoring/periods/2026-11/closing', {}, e2e.monitor));
    // ts-lead, by hand: first responses A 30 and C 90, both within 240 → response compliance 2 ÷ 2 = 1, average FRT 60;
    // A and C resolved → resolution rate 1; C's visit → satisfaction 4. Resolutions A 120 and C 90 (at its acceptance)
    // → average TTR (120 + 90) ÷ 2 = 105 (315 when C was resolved by hand at 510); no line of the scheme reads it.
    // normalised: 4 ÷ 5 = 0.8; 1; 1; 1 − 60 ÷ 400 = 0.85; the duty not yet rated.
    // (4 × 0.8 + 2 × 1 + 2 × 1 + 1 × 0.85) ÷ (4 + 2 + 2 + 1) × 100 = 8.05 ÷ 9 × 100 = 89.4444.
    const mine = await pollUntil(() => get('/hr-performance/me/appraisals', tsLead).then((r) => r.json()), (page) => page.items?.length === 1, 'ts-lead’s drafted appraisal');
    expect(mine.items).toEqual([expect.objectContaining({ appraisalId: 'ts-lead.2026-11', status: 'draft' })]);
    expect(mine.items[0]).toMatchObject({ employeeId: 'ts-lead', departmentId: 'tech-support', postId: 'support-engineer', kind: 'monthly', period: '2026-11', score: 89.4444, needsReview: false });
    const closing = published.length;
    const draft = (await get('/hr-performance/appraisals/ts-lead.2026-11', tsLead)).json();
    const fromClose = draft.facts.messageId;
    expect(draft.lines).toEqual([
      { indicatorId: 'csat', source: 'quality', indicator: 'satisfaction', weight: 4, value: 4, normalised: 0.8, from: { period: '2026-11', indicator: 'satisfaction', value: 4, messageId: fromClose } },
      { indicatorId: 'resolved', source: 'quality', indicator: 'resolutionRate', weight: 2, value: 1, normalised: 1, from: { period: '2026-11', indicator: 'resolutionRate', value: 1, messageId: fromClose } },
      { indicatorId: 'response', source: 'quality', indicator: 'responseCompliance', weight: 2, value: 1, normalised: 1, from: { period: '2026-11', indicator: 'responseCompliance', value: 1, messageId: fromClose } },
      { indicatorId: 'frt', source: 'quality', indicator: 'frtAverage', weight: 1, value: 60, normalised: 0.85, from: { period: '2026-11', indicator: 'frtAverage', value: 60, messageId: fromClose } },
      { indicatorId: 'onsite', source: 'duty', duty: '現場服務規範', weight: 1, value: null, normalised: null },
    ]);
    // sd-lead: B answered in 20 and resolved → compliance 1, resolution 1; no visit → satisfaction null, left out:
    // (3 × 1 + 2 × 1) ÷ (3 + 2) × 100 = 100, flagged for review: its satisfaction line has no value.
    const department = (await get('/hr-performance/appraisals?period=2026-11&department=software-development', sdHead)).json();
    expect(department.items).toEqual([expect.objectContaining({ appraisalId: 'sd-lead.2026-11', score: 100, status: 'draft', needsReview: true })]);
    expect((await get('/hr-performance/appraisals/sd-lead.2026-11', sdHead)).json()).toMatchObject({ missingIndicators: ['csat'], needsReview: true });

    // An employee reading another's appraisal, a head another department's, an analyst any one: 404.
    expect((await get('/hr-performance/appraisals/ts-lead.2026-11', sdLead)).statusCode).toBe(404);
    expect((await get('/hr-performance/appraisals/ts-lead.2026-11', sdHead)).statusCode).toBe(404);
    expect((await get('/hr-performance/appraisals/ts-lead.2026-11', analyst)).statusCode).toBe(404);
    expect((await get('/hr-performance/appraisals?period=2026-11', sdLead)).statusCode).toBe(403);
    expect((await post('/hr-performance/appraisals/ts-lead.2026-11/assessment', { assessment: 'x', ratings: { onsite: 10 } }, sdHead)).statusCode).toBe(404);

    // The head rates the duty and assesses: (8.05 + 1 × 0.9) ÷ 10 × 100 = 89.5; HR finalises.
    const assessed = await ok(post('/hr-performance/appraisals/ts-lead.2026-11/assessment', { assessment: '主動跟進客戶,現場規範良好。', ratings: { onsite: 90 } }, e2e.tsHead));
    expect((await post('/hr-performance/appraisals/ts-lead.2026-11/finalisation', {}, e2e.tsHead)).statusCode).toBe(403);
    const finalised = await ok(post('/hr-performance/appraisals/ts-lead.2026-11/finalisation', {}, hr));
    expect(finalised.checkpoint).toBeDefined();
    expect((await get(`/hr-performance/appraisals/ts-lead.2026-11?after=${assessed.checkpoint}`, tsLead)).json()).toMatchObject({ assessment: { text: '主動跟進客戶,現場規範良好。', by: 'ts-head' } });

    // The head reads it without a reason: figures, the text withheld; with a reason, the text, and the read is recorded.
    const withheld = (await get(`/hr-performance/appraisals/ts-lead.2026-11?after=${finalised.checkpoint}`, e2e.tsHead)).json();
    expect(withheld).toMatchObject({ status: 'finalised', score: 89.5, assessment: { text: '' }, withheld: expect.arrayContaining(['assessment']) });
    expect((await get('/hr-performance/appraisals/ts-lead.2026-11?reason=年度調薪評審', e2e.tsHead)).json()).toMatchObject({ assessment: { text: '主動跟進客戶,現場規範良好。' }, withheld: [] });
    const admin = await e2e.t.headersFor({ userId: 'dpo-admin', roles: ['administrator'], departments: [] });
    await eventually(async () =>
      expect((await get('/hr-performance/appraisal-accesses?employee=ts-lead', admin)).json().items).toEqual([
        expect.objectContaining({ employeeId: 'ts-lead', appraisalId: 'ts-lead.2026-11', accessedBy: 'ts-head', reason: '年度調薪評審' }),
      ]),
    );

    // appraisal.finalised.v1 on the staff topic, keyed by the employee, without the assessment.
    await eventually(async () => {
      const message = published.slice(closing).find((m) => m.type === 'serviceledger.hr-performance.appraisal.finalised.v1');
      expect(message).toMatchObject({
        key: 'ts-lead',
        data: { appraisalId: 'ts-lead.2026-11', employeeId: 'ts-lead', departmentId: 'tech-support', postId: 'support-engineer', kind: 'monthly', period: '2026-11', score: 89.5, scheme: { postId: 'support-engineer', version: 1 }, revision: 0 },
      });
      expect(JSON.stringify(message!.data)).not.toContain('主動跟進客戶');
    });

    // The rules propose a bonus of 1.2 (70 ≤ 89.5 < 90): the head approves, then HR; each keeps the appraisal and rule version.
    const outcomeId = 'ts-lead.2026-11.r0.bonus-good';
    const waiting = await pollUntil(() => get('/hr-performance/outcomes/awaiting-approval', e2e.tsHead).then((r) => r.json()), (page) => page.items?.length > 0, 'the proposed bonus');
    expect(waiting.items.map((o: { outcomeId: string }) => o.outcomeId)).toEqual([outcomeId]);
    expect(waiting.items[0]).toMatchObject({ kind: 'bonus', proposal: { bonusCoefficient: 1.2 }, status: 'proposed', appraisal: { appraisalId: 'ts-lead.2026-11', revision: 0, score: 89.5 }, rule: { ruleBookId: 'standard', version: 1, ruleId: 'bonus-good' } });
    expect((await post(`/hr-performance/outcomes/${outcomeId}/hr-approval`, {}, hr)).json()).toMatchObject({ status: 409, code: 'head-approval-first' });
    await ok(post(`/hr-performance/outcomes/${outcomeId}/head-approval`, {}, e2e.tsHead));
    const hrApproved = await ok(post(`/hr-performance/outcomes/${outcomeId}/hr-approval`, {}, hr));
    expect((await get(`/hr-performance/outcomes?employee=ts-lead&status=approved&after=${hrApproved.checkpoint}`, hr)).json().items).toEqual([
      expect.objectContaining({ outcomeId, status: 'approved', decisions: [expect.objectContaining({ stage: 'head', by: 'ts-head' }), expect.objectContaining({ stage: 'hr', by: 'hr-wu' })] }),
    ]);

    // Quality monitoring corrects tech-support's November scorecard: the finalised appraisal is flagged, not changed.
    await ok(post('/quality-monitoring/periods/2026-11/adjustments', { departmentId: 'tech-support', indicators: { satisfaction: 3.5 }, reason: '一次回訪記錄有誤' }, e2e.monitor));
    const flagged = await pollUntil(() => get('/hr-performance/appraisals?period=2026-11&department=tech-support&needsReview=true', hr).then((r) => r.json()), (page) => page.total > 0, 'the flagged appraisal');
    expect(flagged.items).toEqual([expect.objectContaining({ appraisalId: 'ts-lead.2026-11', status: 'finalised', score: 89.5, revision: 0, needsReview: true })]);
    expect((await get('/hr-performance/appraisals/ts-lead.2026-11?reason=複核', hr)).json().reviewFlags).toEqual([
      expect.objectContaining({ departmentId: 'tech-support', adjustment: 1, reason: '一次回訪記錄有誤' }),
    ]);

    // The closed month re-scored under a second scheme version, side by side, changing nothing: NPS 2 (9 → 100 → 1),
    // satisfaction 2 (0.8), 現場服務規範 1 (0.9): (2 × 1 + 2 × 0.8 + 1 × 0.9) ÷ 5 × 100 = 90.
    await ok(
      put(
        '/hr-performance/appraisal-schemes/support-engineer',
        { name: '客戶體驗考核', lines: [{ indicatorId: 'nps', source: 'quality', indicator: 'nps', weight: 2 }, { indicatorId: 'csat', source: 'quality', indicator: 'satisfaction', weight: 2 }, { indicatorId: 'onsite', source: 'duty', duty: '現場服務規範', weight: 1 }] },
        hr,
      ),
    );
    const rescored = (await get('/hr-performance/appraisals/ts-lead.2026-11/rescoring?version=2', hr)).json();
    expect(rescored).toMatchObject({ official: { scheme: { version: 1 }, score: 89.5 }, recomputed: { scheme: { version: 2 }, score: 90 }, difference: 0.5 });

    // Analysts see figures per department and period only.
    expect((await get('/hr-performance/appraisal-aggregates?period=2026-11', analyst)).json()).toEqual({
      period: '2026-11',
      departments: [
        { departmentId: 'software-development', appraisals: 1, finalised: 0, needsReview: 1, averageScore: null, minScore: null, maxScore: null },
        { departmentId: 'tech-support', appraisals: 1, finalised: 1, needsReview: 1, averageScore: 89.5, minScore: 89.5, maxScore: 89.5 },
      ],
    });
    // The CSV of November's finalised appraisals.
    const csv = await get('/hr-performance/appraisals.csv?period=2026-11', hr);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split(/\r?\n/)).toEqual([
      'appraisalId,employeeId,departmentId,postId,kind,period,score,revision,needsReview,finalisedAt',
      expect.stringMatching(/^ts-lead\.2026-11,ts-lead,tech-support,support-engineer,monthly,2026-11,89\.5,0,true,2026-12-01T01:00:00\.000Z$/),
    ]);

    // HR revises the flagged appraisal, with its reason: the duty re-rated 100 → (8.05 + 1) ÷ 10 × 100 = 90.5. A new event,
    // published as revision 1, which clears the flag and proposes under the rules again (90.5 ≥ 90: the top bonus).
    expect((await post('/hr-performance/appraisals/ts-lead.2026-11/revisions', { reason: ' ' }, hr)).statusCode).toBe(400);
    const revised = await ok(post('/hr-performance/appraisals/ts-lead.2026-11/revisions', { reason: '回訪記錄更正後重評現場規範', ratings: { onsite: 100 } }, hr));
    expect((await get(`/hr-performance/appraisals/ts-lead.2026-11?after=${revised.checkpoint}`, tsLead)).json()).toMatchObject({
      score: 90.5,
      revision: 1,
      needsReview: false,
      revisions: [{ revision: 1, reason: '回訪記錄更正後重評現場規範', scoreBefore: 89.5, score: 90.5, by: 'hr-wu' }],
    });
    await eventually(async () =>
      expect(published.filter((m) => m.type === 'serviceledger.hr-performance.appraisal.finalised.v1').map((m) => [(m.data as AppraisalFinalisedV1).revision, (m.data as AppraisalFinalisedV1).score])).toEqual([
        [0, 89.5],
        [1, 90.5],
      ]),
    );
    await eventually(async () =>
      expect((await get('/hr-performance/outcomes?employee=ts-lead&status=proposed', hr)).json().items).toEqual([
        expect.objectContaining({ outcomeId: 'ts-lead.2026-11.r1.bonus-top', proposal: { bonusCoefficient: 1.5 }, appraisal: expect.objectContaining({ revision: 1, score: 90.5 }) }),
      ]),
    );

    // The annual appraisal over the months that exist (November only, as revised): 90.5; the head's review; HR finalises;
    // the rules propose a raise of 5 % (≥ 80), approved by the head and HR, effective 1 January.
    const annual = await ok(post('/hr-performance/annual-appraisals', { employeeId: 'ts-lead', year: '2026' }, hr), 201);
    expect((await get(`/hr-performance/appraisals/ts-lead.2026?after=${annual.checkpoint}`, tsLead)).json()).toMatchObject({
      kind: 'annual',
      period: '2026',
      months: [{ period: '2026-11', appraisalId: 'ts-lead.2026-11', score: 90.5 }],
      score: 90.5,
      status: 'draft',
    });
    await ok(post('/hr-performance/appraisals/ts-lead.2026/annual-review', { goalsMet: '全年服務目標達成', strengths: '客戶溝通', developmentNeeds: '網絡診斷認證' }, e2e.tsHead));
    await ok(post('/hr-performance/appraisals/ts-lead.2026/finalisation', {}, hr));
    const raise = 'ts-lead.2026.r0.raise';
    await ok(post(`/hr-performance/outcomes/${raise}/head-approval`, {}, e2e.tsHead));
    await ok(post(`/hr-performance/outcomes/${raise}/hr-approval`, { effectiveOn: '2027-01-01' }, hr));
    expect((await get('/hr-performance/careers/ts-lead?asOf=2026-12-31', hr)).json()).toMatchObject({ level: 'P1', trackId: 'professional', payAdjustmentPercent: 0, payAdjustments: [] });
    expect((await get('/hr-performance/careers/ts-lead?asOf=2027-01-01', tsLead)).json()).toMatchObject({
      payAdjustmentPercent: 5,
      payAdjustments: [expect.objectContaining({ outcomeId: raise, percent: 5, appraisal: expect.objectContaining({ appraisalId: 'ts-lead.2026', revision: 0 }), rule: { ruleBookId: 'standard', version: 1, ruleId: 'raise' } })],
    });

    // The professional track: P2 takes a monthly appraisal of at least 80, the network-diagnostics training and 12 months in P1.
    await ok(
      put(
        '/hr-performance/promotion-tracks/professional',
        {
          name: '專業技術通道',
          levels: [
            { level: 'P1', name: '助理工程師', criteria: { requiredTraining: [], minMonthsInLevel: 0 } },
            { level: 'P2', name: '工程師', criteria: { minAppraisals: { cycle: 'monthly', count: 1, minScore: 80 }, requiredTraining: ['network-diagnostics'], minMonthsInLevel: 12 } },
            { level: 'P3', name: '高級工程師', criteria: { requiredTraining: [], minMonthsInLevel: 24 } },
          ],
        },
        hr,
      ),
    );
    const promote = (employeeId: string) => post('/hr-performance/promotions', { employeeId, trackId: 'professional', toLevel: 'P2', effectiveOn: '2026-12-15' }, hr);
    // sd-lead: no finalised appraisal, two months in P1 → refused, naming both criteria.
    const refusedSd = await promote('sd-lead');
    expect(refusedSd.json()).toMatchObject({ status: 409, code: 'promotion-criteria-not-met', detail: expect.stringMatching(/min-appraisal-results.*time-in-level: 2 months/) });
    // ts-lead: 90.5 and 18 months, but not yet trained → refused naming the training; trained, accepted.
    const refusedTs = await promote('ts-lead');
    expect(refusedTs.json()).toMatchObject({ status: 409, code: 'promotion-criteria-not-met', detail: expect.stringContaining('required-training: not completed network-diagnostics') });
    expect(refusedTs.json().detail).not.toContain('time-in-level');
    const session = await ok(
      post('/hr-performance/training-sessions', { trainingId: 'network-diagnostics', kind: 'professional-skills', title: '網絡診斷', departmentId: 'tech-support', heldOn: '2026-12-01', trainer: '外部講師' }, hr),
      201,
    );
    await ok(post(`/hr-performance/training-sessions/${session.id}/attendance`, { attendees: [{ employeeId: 'ts-lead', attended: true }] }, hr));
    await ok(post(`/hr-performance/training-sessions/${session.id}/results`, { employeeId: 'ts-lead', passed: true, score: 88 }, hr));
    const accepted = await pollUntil(promote.bind(null, 'ts-lead'), (answer) => answer.statusCode === 201, 'the promotion once the training is completed').then((r) => r.json());
    expect((await get(`/hr-performance/careers/ts-lead?asOf=2026-12-15&after=${accepted.checkpoint}`, hr)).json()).toMatchObject({
      trackId: 'professional',
      level: 'P2',
      levelSince: '2026-12-15',
      promotions: [expect.objectContaining({ fromLevel: 'P1', toLevel: 'P2', unmet: [] })],
    });
    expect((await get('/hr-performance/careers/ts-lead?asOf=2026-12-14', hr)).json()).toMatchObject({ level: 'P1', levelSince: '2025-06-01' });
    await eventually(async () => {
      expect(published.find((m) => m.type === 'serviceledger.hr-performance.promotion.decided.v1')).toMatchObject({
        key: 'ts-lead',
        data: { employeeId: 'ts-lead', trackId: 'professional', trackVersion: 1, fromLevel: 'P1', toLevel: 'P2', effectiveOn: '2026-12-15', exception: false, unmetCriteria: [] },
      });
    });
  });
});
