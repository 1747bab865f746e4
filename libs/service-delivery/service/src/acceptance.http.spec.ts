import { randomUUID } from 'node:crypto';
import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { MessageBus } from '@serviceledger/platform/messaging';
import { EVENT_STORE, MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, pollUntil, publishedMessage, startTestApp } from '@serviceledger/platform/testing';
import { DEMAND_RELEASED_TO_DELIVERY_V1, INTAKE_SOURCE } from '@serviceledger/intake/contracts';
import { serviceCaseStream } from '@serviceledger/service-delivery/domain';
import { caseIdFor } from './configuration';
import { ServiceDeliveryModule } from './service-delivery.module';
import { serviceDeliveryService } from './service-delivery.service-definition';
import { printerRepairPlan } from './testing/printer-repair-plan';

/**
 * P-5.1, 二(五)1 客戶驗收: "服務完成后，由客戶服務部門組織客戶對服務成果進行驗收。客戶應按照服務合同或協議約定的
 * 驗收標準進行驗收，填寫驗收報告。" Over HTTP on the app as `npm start` runs it (SQLite event store): the
 * criteria come from the contract, recorded on the case; customer service organises; the customer fills
 * in the report through the portal, or customer service records the signed paper report.
 */
describe('customer acceptance against the contract’s criteria (P-5.1 客戶驗收)', () => {
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
  const SIGNED_SCAN_SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
  let t: TestApp;
  let agent: RequestHeaders;
  let tsLead: RequestHeaders;
  let tsHead: RequestHeaders;
  let acmeUser: RequestHeaders;
  let betaUser: RequestHeaders;
  let base: string;
  let caseId: string;

  const post = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers: RequestHeaders) => t.app.inject({ method: 'GET', url, headers });
  const detailAfter = async (checkpoint: string, headers = agent) => (await get(`${base}?after=${checkpoint}`, headers)).json();
  const caseEvents = async () => (await t.app.get<EventStore>(EVENT_STORE).readStream(serviceCaseStream(caseId))).map((e) => e.type);

  const criteriaV1 = {
    contractReference: 'SC-2026-0417',
    version: 1,
    criteria: [
      { criterionId: 'c1', text: '打印機可從所有工位連線' },
      { criterionId: 'c2', text: '打印質量符合合同附件二' },
    ],
  };
  /** The supplementary agreement: a third criterion added. */
  const criteriaV2 = {
    contractReference: 'SC-2026-0417/補充協議1',
    version: 2,
    criteria: [...criteriaV1.criteria, { criterionId: 'c3', text: '提供用戶操作培訓' }],
  };
  const report = (overrides: object = {}) => ({
    results: [
      { criterionId: 'c1', met: true },
      { criterionId: 'c2', met: true },
      { criterionId: 'c3', met: true },
    ],
    signatory: { name: '林美玲', title: '行政經理' },
    verdict: 'accepted',
    rectificationItems: [],
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp({ services: [serviceDeliveryService], modules: [ServiceDeliveryModule], clock, env: { EVENT_STORE: 'sqlite' } });
    agent = await t.headersFor({ userId: 'agent-zhou', roles: ['agent'], departments: ['customer-service'] });
    tsLead = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
    tsHead = await t.headersFor({ userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] });
    acmeUser = await t.headersFor({ userId: 'lin@acme', roles: ['customer'], customerId: 'customer-acme' });
    betaUser = await t.headersFor({ userId: 'wong@beta', roles: ['customer'], customerId: 'customer-beta' });

    const demandId = randomUUID();
    const release = publishedMessage(
      DEMAND_RELEASED_TO_DELIVERY_V1,
      { source: INTAKE_SOURCE, key: demandId },
      {
        demandId,
        reference: 'SR-2026-000517',
        customerId: 'customer-acme',
        departmentId: 'tech-support',
        ownerId: 'ts-lead',
        complexity: 'routine',
        occurredAt: clock.now().toISOString(),
      },
      clock.now().toISOString(),
    );
    await t.app.get<MessageBus>(MESSAGE_BUS).publish([release]);
    caseId = caseIdFor(demandId);
    base = `/service-delivery/cases/${caseId}`;
    await pollUntil(async () => get(base, agent), (r) => r.statusCode === 200, 'the case to open');

    const plan = printerRepairPlan([{ criterionId: 'p1', text: '計劃自擬的標準，不是合同的' }]);
    expect((await post(`${base}/plan/versions`, { plan }, tsLead)).statusCode).toBe(201);
    expect((await post(`${base}/plan/versions/1/approval`, {}, tsHead)).statusCode).toBe(200);
    for (const member of [
      { memberId: 'pm-zhao', role: 'project-manager', duties: '統籌項目' },
      { memberId: 'tech-chen', role: 'technician', duties: '維修' },
      { memberId: 'agent-zhou', role: 'customer-service', duties: '組織驗收' },
    ]) {
      expect((await post(`${base}/team/members`, member, tsHead)).statusCode).toBe(201);
    }
    expect((await post(`${base}/delivery`, {}, tsHead)).statusCode).toBe(200);
    expect((await post(`${base}/steps/s1/completion`, { evidence: '已更換部件' }, tsLead)).statusCode).toBe(200);
    expect((await post(`${base}/milestones/m1/completion`, { evidence: '測試頁打印正常' }, tsLead)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('按照服務合同或協議約定的驗收標準: the criteria are the contract’s, recorded on the case by version, and customer service organises against the latest', async () => {
    const tooSoon = await post(`${base}/acceptance`, {}, agent);
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().code).toBe('contract-criteria-missing');

    expect((await post(`${base}/acceptance/criteria`, criteriaV1, tsLead)).statusCode).toBe(403);
    expect((await post(`${base}/acceptance/criteria`, criteriaV1, agent)).statusCode).toBe(201);
    expect((await post(`${base}/acceptance/criteria`, criteriaV2, agent)).statusCode).toBe(201);
    const stale = await post(`${base}/acceptance/criteria`, criteriaV1, agent);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale-criteria-version');

    const organised = await post(`${base}/acceptance`, {}, agent);
    expect(organised.statusCode).toBe(200);
    const detail = await detailAfter(organised.json().checkpoint);
    expect(detail.contractCriteria).toEqual([
      expect.objectContaining({ version: 1, contractReference: 'SC-2026-0417', criteria: criteriaV1.criteria, recordedBy: 'agent-zhou' }),
      expect.objectContaining({ version: 2, contractReference: 'SC-2026-0417/補充協議1', criteria: criteriaV2.criteria }),
    ]);
    expect(detail.acceptanceRounds).toEqual([
      expect.objectContaining({ round: 1, contractReference: 'SC-2026-0417/補充協議1', criteriaVersion: 2, criteria: criteriaV2.criteria, verdict: null }),
    ]);
    // The customer reads the criteria it is to fill the report in against.
    const asCustomer = await detailAfter(organised.json().checkpoint, acmeUser);
    expect(asCustomer.acceptanceRounds[0].criteria).toEqual(criteriaV2.criteria);
  });

  it('refuses another customer’s token and staff on the customer’s form, appending nothing', async () => {
    const before = await caseEvents();
    const stranger = await post(`${base}/acceptance/rounds/1/report`, report(), betaUser);
    expect(stranger.statusCode).toBe(404);
    expect((await post(`${base}/acceptance/rounds/1/report`, report(), agent)).statusCode).toBe(403);
    expect(await caseEvents()).toEqual(before);
  });

  it('填寫驗收報告: the customer fills in the report criterion by criterion; a criterion not met becomes a rectification item', async () => {
    const filled = await post(
      `${base}/acceptance/rounds/1/report`,
      report({
        results: [
          { criterionId: 'c1', met: true, note: '各工位均可連線' },
          { criterionId: 'c2', met: false, note: '彩色打印偏色' },
          { criterionId: 'c3', met: true },
        ],
        verdict: 'rejected',
        rectificationItems: [{ description: '校正彩色打印', criterionId: 'c2' }],
        comments: '其餘滿意',
      }),
      acmeUser,
    );
    expect(filled.statusCode).toBe(200);
    const detail = await detailAfter(filled.json().checkpoint);
    expect(detail.status).toBe('rectifying');
    expect(detail.acceptanceRounds[0]).toMatchObject({
      verdict: 'rejected',
      form: 'portal',
      signatory: { name: '林美玲', title: '行政經理', userId: 'lin@acme' },
      signedDocument: null,
      comments: '其餘滿意',
      results: [
        { criterionId: 'c1', met: true, note: '各工位均可連線' },
        { criterionId: 'c2', met: false, note: '彩色打印偏色' },
        { criterionId: 'c3', met: true },
      ],
      items: [expect.objectContaining({ itemId: '1.1', criterionId: 'c2', description: '校正彩色打印', fixed: false })],
    });
    // The rectification flow (P-5.2) takes it from here: fixed, then the next round.
    expect((await post(`${base}/rectification-items/1.1/fix`, { note: '已重新校色' }, tsLead)).statusCode).toBe(200);
    expect((await post(`${base}/acceptance`, {}, agent)).statusCode).toBe(200);
  });

  it('takes a paper report from customer service only with the signed document’s hash, and shows its signatory', async () => {
    const before = await caseEvents();
    const unsigned = await post(`${base}/acceptance/rounds/2/paper-report`, report(), agent);
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().errors).toEqual([expect.objectContaining({ field: 'signedDocument' })]);
    const malformed = await post(`${base}/acceptance/rounds/2/paper-report`, report({ signedDocument: { sha256: 'scan.pdf' } }), agent);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toEqual([expect.objectContaining({ field: 'signedDocument.sha256' })]);
    expect((await post(`${base}/acceptance/rounds/2/paper-report`, report({ signedDocument: { sha256: SIGNED_SCAN_SHA256 } }), acmeUser)).statusCode).toBe(403);
    expect(await caseEvents()).toEqual(before);

    const recorded = await post(
      `${base}/acceptance/rounds/2/paper-report`,
      report({ signatory: { name: '黃志強', title: '總經理' }, signedDocument: { sha256: SIGNED_SCAN_SHA256, fileName: '驗收報告-簽署.pdf' } }),
      agent,
    );
    expect(recorded.statusCode).toBe(200);
    const detail = await detailAfter(recorded.json().checkpoint, acmeUser);
    expect(detail.status).toBe('after-sales');
    expect(detail.acceptanceRounds.map((r: { round: number; verdict: string; form: string; signatory: object }) => [r.round, r.verdict, r.form, r.signatory])).toEqual([
      [1, 'rejected', 'portal', { name: '林美玲', title: '行政經理', userId: 'lin@acme' }],
      [2, 'accepted', 'paper', { name: '黃志強', title: '總經理' }],
    ]);
    expect(detail.acceptanceRounds[1].signedDocument).toEqual({ sha256: SIGNED_SCAN_SHA256, fileName: '驗收報告-簽署.pdf' });
  });
});
