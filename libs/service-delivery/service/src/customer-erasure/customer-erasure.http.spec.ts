import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERASED, EventStore, ManualClock } from '@serviceledger/platform/core';
import { MessageBus } from '@serviceledger/platform/messaging';
import { EVENT_STORE, MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, eventually, pollUntil, publishedMessage, startTestApp } from '@serviceledger/platform/testing';
import { CUSTOMER_ERASED_V1, DEMAND_RELEASED_TO_DELIVERY_V1, INTAKE_SOURCE } from '@serviceledger/intake/contracts';
import { customerErasureStream, serviceCaseStream } from '@serviceledger/service-delivery/domain';
import { caseIdFor } from '../configuration';
import { ServiceDeliveryModule } from '../service-delivery.module';
import { serviceDeliveryService } from '../service-delivery.service-definition';
import { printerRepairPlan } from '../testing/printer-repair-plan';

/** Every file under the directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * 五(三)1 "嚴格控制客戶信息的訪問權限,防止客戶信息泄露": service-delivery on its own (its own event store, key
 * table and read models, as a separate deployment runs it, on SQLite as `npm start` does) hears of a
 * customer's erasure only through intake's `customer.erased`. Afterwards the signatory of the customer's
 * acceptance report and the signed scan's file name, and what the customer said (the condition they accepted subject to, a follow-up
 * visit's comments and finding, a problem they reported after sales), and what staff wrote on the case
 * (a progress report, a rectification item's fix note, a coordination issue and its resolution, why a problem's handler
 * changed, a measure taken and the resolution; the plan, an expert's opinion and the head's comments on it,
 * the evidence of the work, and the minutes of a project meeting on the case), read as erased in the case,
 * in the log, and are in no file under DATA_DIR, while the case's history stays.
 */
describe('a customer erased in intake, in service-delivery (R-3.1 嚴格控制客戶信息的訪問權限,防止客戶信息泄露)', () => {
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
  const CUSTOMER = 'customer-erased';
  const OTHER = 'customer-kept';
  /** Unique to this run, so a byte search finds no other copy. */
  const signatory = { name: `林${randomBytes(4).toString('hex')}`, title: `行政經理${randomBytes(4).toString('hex')}` };
  /** What the customer said, each with a phrase unique to this run: a name or a number typed there is not recognised. */
  const said = {
    condition: `請把打印機搬到${randomBytes(4).toString('hex')}號房`,
    comments: `回訪請打我的手機${randomBytes(4).toString('hex')}`,
    finding: `安裝時弄髒了${randomBytes(4).toString('hex')}的地毯`,
    problem: `打印機又在${randomBytes(4).toString('hex')}卡紙`,
    scan: `驗收報告-${randomBytes(4).toString('hex')}-簽署.pdf`,
  };
  /** What staff wrote on the customer's case, each with a phrase unique to this run: a customer's name is as easily typed there. */
  const wrote = {
    progress: `已到${randomBytes(4).toString('hex')}先生家檢查`,
    reportProblem: `${randomBytes(4).toString('hex')}先生的倉庫太遠`,
    reportSolution: `改由${randomBytes(4).toString('hex')}先生自提`,
    fix: `已搬到${randomBytes(4).toString('hex')}先生的辦公室`,
    issue: `${randomBytes(4).toString('hex')}先生不讓倉庫進場`,
    issueResolution: `與${randomBytes(4).toString('hex')}先生約好週三進場`,
    handlerReason: `${randomBytes(4).toString('hex')}先生指定陳工`,
    measure: `給${randomBytes(4).toString('hex')}先生換了搓紙輪`,
    resolution: `${randomBytes(4).toString('hex')}先生確認不再卡紙`,
  };
  /** The plan staff wrote for the customer, its reviews, the evidence of the work, and a project meeting's minutes, each with a phrase unique to this run. */
  const planned = {
    planGoal: `恢復${randomBytes(4).toString('hex')}先生的打印`,
    planContent: `到${randomBytes(4).toString('hex')}先生家檢查網絡`,
    planStep: `與${randomBytes(4).toString('hex')}先生約時間上門`,
    planMilestone: `${randomBytes(4).toString('hex')}先生簽收`,
    planResult: `${randomBytes(4).toString('hex')}先生全家可打印`,
    expertOpinion: `${randomBytes(4).toString('hex')}先生家的電壓不穩`,
    approvalComments: `${randomBytes(4).toString('hex')}先生已同意方案`,
    stepEvidence: `${randomBytes(4).toString('hex')}先生看着更換了部件`,
    milestoneEvidence: `${randomBytes(4).toString('hex')}先生簽了測試頁`,
    meetingProgress: `${randomBytes(4).toString('hex')}先生家已修好`,
    meetingProblems: `${randomBytes(4).toString('hex')}先生的狗咬線`,
    meetingSolutions: `請${randomBytes(4).toString('hex')}先生把狗關好`,
    meetingDecision: `下週再去${randomBytes(4).toString('hex')}先生家`,
    meetingAction: `給${randomBytes(4).toString('hex')}先生回電`,
    actionOutcome: `${randomBytes(4).toString('hex')}先生接了電話`,
  };
  let t: TestApp;
  let agent: RequestHeaders;
  let tsLead: RequestHeaders;
  let tsHead: RequestHeaders;
  let expert: RequestHeaders;
  let erasedCase: string;
  let meetingId: string;
  let keptCase: string;

  const post = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'POST', url, payload, headers });
  const detail = async (caseId: string) => (await t.app.inject({ method: 'GET', url: `/service-delivery/cases/${caseId}`, headers: agent })).json();
  const erasure = (customerId: string) => {
    const at = clock.now().toISOString();
    return publishedMessage(CUSTOMER_ERASED_V1, { source: INTAKE_SOURCE, key: customerId }, { customerId, erasedAt: at, occurredAt: at }, at);
  };
  const publish = (...customerIds: string[]) => t.app.get<MessageBus>(MESSAGE_BUS).publish(customerIds.map(erasure));
  const holding = (text: string) => filesUnder(t.dataDir).filter((file) => readFileSync(file).includes(Buffer.from(text)));

  /**
   * A case of the customer's, released by intake and accepted on a paper report the signatory signed; with
   * what the customer said, accepted subject to a condition, which is fixed, then visited and a problem raised.
   */
  async function acceptedCase(customerId: string, signed: { name: string; title: string }, customerSaid?: typeof said): Promise<string> {
    const demandId = randomUUID();
    const at = clock.now().toISOString();
    const release = { demandId, reference: 'SR-2026-000901', customerId, departmentId: 'tech-support', ownerId: 'ts-lead', complexity: 'routine' as const, occurredAt: at };
    await t.app.get<MessageBus>(MESSAGE_BUS).publish([publishedMessage(DEMAND_RELEASED_TO_DELIVERY_V1, { source: INTAKE_SOURCE, key: demandId }, release, at)]);
    const caseId = caseIdFor(demandId);
    const base = `/service-delivery/cases/${caseId}`;
    await pollUntil(async () => t.app.inject({ method: 'GET', url: base, headers: agent }), (r) => r.statusCode === 200, 'the case to open');
    const standard = printerRepairPlan();
    // The erased customer's plan names them, as staff write it; a major one, reviewed by an expert.
    const plan = customerSaid
      ? {
          ...standard,
          goals: [planned.planGoal],
          content: planned.planContent,
          steps: [{ ...standard.steps[0], description: planned.planStep }],
          milestones: [{ ...standard.milestones[0], title: planned.planMilestone }],
          expectedResults: [planned.planResult],
        }
      : standard;
    const planning: Array<[string, object, RequestHeaders]> = customerSaid
      ? [
          [`${base}/plan/versions`, { plan, major: true, experts: ['expert-wu'] }, tsLead],
          [`${base}/plan/versions/1/expert-opinions`, { opinion: planned.expertOpinion, conclusion: 'approve' }, expert],
          [`${base}/plan/versions/1/approval`, { comments: planned.approvalComments }, tsHead],
        ]
      : [
          [`${base}/plan/versions`, { plan }, tsLead],
          [`${base}/plan/versions/1/approval`, {}, tsHead],
        ];
    const steps: Array<[string, object, RequestHeaders]> = [
      ...planning,
      [`${base}/team/members`, { memberId: 'pm-zhao', role: 'project-manager', duties: '統籌項目' }, tsHead],
      [`${base}/team/members`, { memberId: 'tech-chen', role: 'technician', duties: '維修' }, tsHead],
      [`${base}/team/members`, { memberId: 'agent-zhou', role: 'customer-service', duties: '組織驗收' }, tsHead],
      [`${base}/delivery`, {}, tsHead],
      ...(customerSaid
        ? ([
            [`${base}/progress-reports`, { progress: wrote.progress, problems: [{ problem: wrote.reportProblem, solution: wrote.reportSolution }] }, tsLead],
            [`${base}/coordination-issues`, { description: wrote.issue, departmentIds: ['tech-support', 'logistics'] }, tsLead],
            [`${base}/coordination-issues/1/resolution`, { resolution: wrote.issueResolution }, tsLead],
          ] satisfies Array<[string, object, RequestHeaders]>)
        : []),
      [`${base}/steps/s1/completion`, { evidence: customerSaid ? planned.stepEvidence : '已更換部件' }, tsLead],
      [`${base}/milestones/m1/completion`, { evidence: customerSaid ? planned.milestoneEvidence : '測試頁打印正常' }, tsLead],
      [`${base}/acceptance/criteria`, { contractReference: 'SC-2026-0901', version: 1, criteria: plan.acceptanceCriteria }, agent],
      [`${base}/acceptance`, {}, agent],
    ];
    for (const [url, payload, headers] of steps) {
      const answer = await post(url, payload, headers);
      if (answer.statusCode >= 300) throw new Error(`${url} answered ${answer.statusCode}: ${answer.body}`);
    }
    const report = {
      results: [{ criterionId: 'c1', met: true }],
      signatory: signed,
      verdict: 'accepted',
      rectificationItems: customerSaid ? [{ description: customerSaid.condition }] : [],
      signedDocument: { sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', ...(customerSaid ? { fileName: customerSaid.scan } : {}) },
    };
    expect((await post(`${base}/acceptance/rounds/1/paper-report`, report, agent)).statusCode).toBe(200);
    if (customerSaid) {
      const afterwards: Array<[string, object, RequestHeaders]> = [
        [`${base}/rectification-items/1.1/fix`, { note: wrote.fix }, tsLead],
        [`/service-delivery/follow-up-visits/${caseId}-visit-1/record`, { channel: 'phone', satisfaction: 2, comments: customerSaid.comments, findings: [{ description: customerSaid.finding, stage: 'implementation' }] }, agent],
      ];
      for (const [url, payload, headers] of afterwards) {
        const answer = await post(url, payload, headers);
        if (answer.statusCode >= 300) throw new Error(`${url} answered ${answer.statusCode}: ${answer.body}`);
      }
      const raised = await post(`${base}/after-sales-problems`, { source: 'customer', description: customerSaid.problem }, agent);
      if (raised.statusCode !== 201) throw new Error(`raising the problem answered ${raised.statusCode}: ${raised.body}`);
      const problem = `/service-delivery/after-sales-problems/${raised.json().id}`;
      const handling: Array<[string, object, RequestHeaders]> = [
        [`${problem}/handler`, { handlerId: 'ts-lead', reason: wrote.handlerReason }, tsHead],
        [`${problem}/classification`, { nature: 'defect', complexity: 'simple' }, tsLead],
        [`${problem}/measures`, { kind: 'fix', measure: wrote.measure }, tsLead],
        [`${problem}/resolution`, { resolution: wrote.resolution, stage: 'implementation' }, tsLead],
      ];
      for (const [url, payload, headers] of handling) {
        const answer = await post(url, payload, headers);
        if (answer.statusCode >= 300) throw new Error(`${url} answered ${answer.statusCode}: ${answer.body}`);
      }
    }
    return caseId;
  }

  beforeAll(async () => {
    t = await startTestApp({ services: [serviceDeliveryService], modules: [ServiceDeliveryModule], clock, env: { EVENT_STORE: 'sqlite' } });
    agent = await t.headersFor({ userId: 'agent-zhou', roles: ['agent'], departments: ['customer-service'] });
    tsLead = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
    tsHead = await t.headersFor({ userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] });
    expert = await t.headersFor({ userId: 'expert-wu', roles: ['expert-reviewer'], departments: ['tech-support'] });
    erasedCase = await acceptedCase(CUSTOMER, signatory, said);
    const minutes = {
      kind: 'project',
      caseId: erasedCase,
      heldAt: '2026-12-01T00:30:00Z',
      attendees: ['ts-lead'],
      reports: [{ departmentId: 'tech-support', progress: planned.meetingProgress, problems: planned.meetingProblems, solutions: planned.meetingSolutions }],
      decisions: [planned.meetingDecision],
      actions: [{ description: planned.meetingAction, ownerId: 'ts-lead', departmentId: 'tech-support', dueAt: '2026-12-03T06:00:00Z' }],
    };
    const recorded = await post('/service-delivery/project-meetings', minutes, tsLead);
    if (recorded.statusCode !== 201) throw new Error(`the project meeting answered ${recorded.statusCode}: ${recorded.body}`);
    meetingId = recorded.json().id;
    const completed = await post(`/service-delivery/project-meetings/${meetingId}/actions/1/completion`, { outcome: planned.actionOutcome }, tsLead);
    if (completed.statusCode >= 300) throw new Error(`completing the action answered ${completed.statusCode}: ${completed.body}`);
    keptCase = await acceptedCase(OTHER, { name: '黃志強', title: '總經理' });
    await pollUntil(() => detail(erasedCase), (d) => d.acceptanceRounds?.[0]?.signatory?.name === signatory.name && d.afterSalesProblems?.[0]?.resolution === wrote.resolution, 'the signatory and the resolved problem on the case');
  });
  afterAll(() => t.close());

  it('shows the signatory until the customer is erased, and keeps it out of the log from the start: only the read models hold it', async () => {
    expect((await detail(erasedCase)).acceptanceRounds[0].signatory).toEqual(signatory);
    const files = holding(signatory.name).map((file) => file.slice(t.dataDir.length));
    expect(files).toContainEqual(expect.stringMatching(/read-models\.db/));
    expect(files).not.toContainEqual(expect.stringMatching(/events\.db/));
  });

  it('shows what the customer said until they are erased, and keeps it out of the log from the start: the condition, the visit’s comments and finding, the problem', async () => {
    const shown = await detail(erasedCase);
    expect(shown.acceptanceRounds[0].items).toEqual([expect.objectContaining({ itemId: '1.1', description: said.condition, fixed: true })]);
    expect(shown.followUpVisits[0]).toMatchObject({ comments: said.comments, findings: [{ description: said.finding, stage: 'implementation' }] });
    expect(shown.afterSalesProblems[0]).toMatchObject({ description: said.problem });
    expect(shown.acceptanceRounds[0].signedDocument).toMatchObject({ fileName: said.scan });
    for (const text of Object.values(said)) {
      const files = holding(text).map((file) => file.slice(t.dataDir.length));
      expect({ text, inTheLog: files.filter((file) => /events\.db/.test(file)) }).toEqual({ text, inTheLog: [] });
    }
  });

  it('shows what staff wrote on the case until the customer is erased, and keeps it out of the log from the start: the progress report, the fix note, the coordination issue, the problem’s measure and resolution', async () => {
    const shown = await detail(erasedCase);
    expect(shown.acceptanceRounds[0].items).toEqual([expect.objectContaining({ itemId: '1.1', fixNote: wrote.fix })]);
    expect(shown.coordinationIssues).toEqual([expect.objectContaining({ issueNumber: 1, description: wrote.issue, resolution: wrote.issueResolution })]);
    expect(shown.progressReports).toEqual([expect.objectContaining({ reportNumber: 1, progress: wrote.progress, problems: [{ problem: wrote.reportProblem, solution: wrote.reportSolution }] })]);
    expect(shown.afterSalesProblems[0]).toMatchObject({ resolution: wrote.resolution, measures: [expect.objectContaining({ kind: 'fix', measure: wrote.measure })] });
    for (const text of Object.values(wrote)) {
      const files = holding(text).map((file) => file.slice(t.dataDir.length));
      expect({ text, inTheLog: files.filter((file) => /events\.db/.test(file)) }).toEqual({ text, inTheLog: [] });
    }
  });

  it('shows the plan, its reviews, the evidence and the minutes until the customer is erased, and keeps them out of the log from the start', async () => {
    const shown = await detail(erasedCase);
    expect(shown.planVersions[0]).toMatchObject({ plan: { goals: [planned.planGoal], content: planned.planContent }, reviews: [expect.objectContaining({ text: planned.expertOpinion }), expect.objectContaining({ text: planned.approvalComments })] });
    expect(shown.milestones).toEqual([expect.objectContaining({ milestoneId: 'm1', title: planned.planMilestone, status: 'done' })]);
    for (const text of Object.values(planned)) {
      const files = holding(text).map((file) => file.slice(t.dataDir.length));
      expect({ text, inTheLog: files.filter((file) => /events\.db/.test(file)) }).toEqual({ text, inTheLog: [] });
    }
  });

  it('on customer.erased, shows that customer’s signatory erased, in the case and in its log, and another customer’s as it was', async () => {
    await publish(CUSTOMER);
    const erased = await pollUntil(() => detail(erasedCase), (d) => d.acceptanceRounds[0].signatory.name === ERASED, 'the signatory erased');
    expect(erased.acceptanceRounds[0]).toMatchObject({ verdict: 'accepted', form: 'paper', signatory: { name: ERASED, title: ERASED } });
    expect((await detail(keptCase)).acceptanceRounds[0].signatory).toEqual({ name: '黃志強', title: '總經理' });

    // Its own data key of the customer is destroyed: the event reads as erased.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const passed = (await store.readStream(serviceCaseStream(erasedCase))).find((e) => e.type === 'AcceptancePassed')!;
    expect(passed.data).toMatchObject({ signatory: { name: ERASED, title: ERASED } });
    await eventually(async () => {
      for (const text of Object.values(signatory)) expect(holding(text)).toEqual([]);
    });
  });

  it('on customer.erased, shows what the customer said erased, in the case and in its log, and in no file under DATA_DIR', async () => {
    const erased = await pollUntil(() => detail(erasedCase), (d) => d.afterSalesProblems[0].description === ERASED, 'the problem erased');
    expect(erased.acceptanceRounds[0].items).toEqual([expect.objectContaining({ itemId: '1.1', description: ERASED, fixed: true })]);
    expect(erased.followUpVisits[0]).toMatchObject({ comments: ERASED, findings: [{ description: ERASED, stage: 'implementation' }], satisfaction: 2 });
    expect(erased.afterSalesProblems[0]).toMatchObject({ description: ERASED, source: 'customer' });
    expect(erased.acceptanceRounds[0].signedDocument).toEqual({ sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', fileName: ERASED });
    const store = t.app.get<EventStore>(EVENT_STORE);
    const passed = (await store.readStream(serviceCaseStream(erasedCase))).find((e) => e.type === 'AcceptancePassed')!;
    expect(passed.data).toMatchObject({ conditions: [expect.objectContaining({ itemId: '1.1', description: ERASED })] });
    await eventually(async () => {
      for (const text of Object.values(said)) expect({ text, files: holding(text) }).toEqual({ text, files: [] });
    });
  });

  it('on customer.erased, shows what staff wrote on the case erased, in the case and in its log, and in no file under DATA_DIR', async () => {
    const erased = await pollUntil(() => detail(erasedCase), (d) => d.afterSalesProblems[0].resolution === ERASED, 'the resolution erased');
    expect(erased.acceptanceRounds[0].items).toEqual([expect.objectContaining({ itemId: '1.1', fixNote: ERASED, fixed: true })]);
    expect(erased.coordinationIssues).toEqual([expect.objectContaining({ issueNumber: 1, description: ERASED, resolved: true, resolution: ERASED })]);
    expect(erased.progressReports).toEqual([expect.objectContaining({ reportNumber: 1, kind: 'sent', progress: ERASED, problems: [{ problem: ERASED, solution: ERASED }] })]);
    expect(erased.afterSalesProblems[0]).toMatchObject({ status: 'resolved', stage: 'implementation', resolution: ERASED, handlerId: 'ts-lead', measures: [expect.objectContaining({ kind: 'fix', measure: ERASED })] });
    const store = t.app.get<EventStore>(EVENT_STORE);
    const fixed = (await store.readStream(serviceCaseStream(erasedCase))).find((e) => e.type === 'RectificationItemFixed')!;
    expect(fixed.data).toMatchObject({ itemId: '1.1', note: ERASED });
    await eventually(async () => {
      for (const text of Object.values(wrote)) expect({ text, files: holding(text) }).toEqual({ text, files: [] });
    });
  });

  it('on customer.erased, shows the plan, its reviews, the evidence and the project meeting’s minutes erased, the case’s history as it was', async () => {
    const meeting = async () => (await t.app.inject({ method: 'GET', url: `/service-delivery/meetings/${meetingId}`, headers: agent })).json();
    const erased = await pollUntil(() => detail(erasedCase), (d) => d.planVersions[0].plan.content === ERASED, 'the plan erased');
    expect(erased.planVersions).toEqual([
      expect.objectContaining({
        version: 1,
        status: 'approved',
        experts: ['expert-wu'],
        plan: expect.objectContaining({ goals: [ERASED], content: ERASED, steps: [expect.objectContaining({ stepId: 's1', description: ERASED })], expectedResults: [ERASED] }),
        reviews: [expect.objectContaining({ kind: 'expert-opinion', by: 'expert-wu', conclusion: 'approve', text: ERASED }), expect.objectContaining({ kind: 'approved', by: 'ts-head', text: ERASED })],
      }),
    ]);
    expect(erased.planVersions[0].plan.acceptanceCriteria).toEqual(printerRepairPlan().acceptanceCriteria);
    expect(erased.milestones).toEqual([expect.objectContaining({ milestoneId: 'm1', title: ERASED, status: 'done', dueAt: '2026-12-05T10:00:00Z' })]);
    const minutes = await pollUntil(meeting, (m) => m.decisions?.[0] === ERASED, 'the minutes erased');
    expect(minutes).toMatchObject({
      kind: 'project',
      caseId: erasedCase,
      decisions: [ERASED],
      reports: [expect.objectContaining({ departmentId: 'tech-support', progress: ERASED, problems: ERASED, solutions: ERASED })],
      actions: [expect.objectContaining({ actionNumber: 1, description: ERASED, ownerId: 'ts-lead', done: true, outcome: ERASED })],
    });
    const store = t.app.get<EventStore>(EVENT_STORE);
    const evidence = (await store.readStream(serviceCaseStream(erasedCase))).filter((e) => e.type === 'StepCompleted' || e.type === 'MilestoneCompleted');
    expect(evidence.map((e) => [e.type, (e.data as { evidence: string }).evidence])).toEqual([
      ['StepCompleted', ERASED],
      ['MilestoneCompleted', ERASED],
    ]);
    // Another customer's plan and evidence are theirs still.
    const kept = await detail(keptCase);
    expect(kept.planVersions[0].plan).toEqual(printerRepairPlan());
    await eventually(async () => {
      for (const text of Object.values(planned)) expect({ text, files: holding(text) }).toEqual({ text, files: [] });
    });
  });

  it('records the erasure once, however often it is heard of', async () => {
    // The other customer's erasure after the repeated one: once it shows, the repeat has been handled.
    await publish(CUSTOMER, OTHER);
    await pollUntil(() => detail(keptCase), (d) => d.acceptanceRounds[0].signatory.name === ERASED, 'the other customer erased');
    const store = t.app.get<EventStore>(EVENT_STORE);
    expect((await store.readStream(customerErasureStream(CUSTOMER))).map((e) => e.type)).toEqual(['CustomerDataErased']);
    expect((await detail(erasedCase)).acceptanceRounds[0].signatory).toEqual({ name: ERASED, title: ERASED });
  });
});
