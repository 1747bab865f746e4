import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, eventually, pollUntil } from '@serviceledger/platform/testing';
import { CustomerToErase, registerCustomerToErase } from './testing/customer-to-erase';
import { StandaloneE2e, startStandaloneE2e } from './testing/standalone-e2e';

/** Every file under the directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Issue 18's proof of erasure reaching service-delivery, on the store `npm start` uses (SQLite under
 * DATA_DIR, one store and key table for every service): the customer's demand goes to delivery and is
 * accepted on a report a named person of theirs signed. Erasing the customer in intake reaches
 * service-delivery through `customer.erased`: the case shows its signatory erased, also after its read
 * model is rebuilt, and not one byte of the signatory's name or title is left in any file.
 */
describe('erasing a customer whose case was accepted, on SQLite (R-3.1: 客户信息受到保护，严格管控，杜绝泄露)', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  /** Unique to this run, so a byte search finds no other copy. */
  const signatory = { name: `簽${randomBytes(4).toString('hex')}`, title: `行政經理${randomBytes(4).toString('hex')}` };
  let e2e: StandaloneE2e;
  let customer: CustomerToErase;
  let base: string;
  const post = (url: string, payload: object, headers: RequestHeaders) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const caseDetail = async () => (await e2e.t.app.inject({ method: 'GET', url: base, headers: e2e.agent })).json();
  const holding = (text: string) => filesUnder(e2e.t.dataDir).filter((file) => readFileSync(file).includes(Buffer.from(text)));

  /** The customer's demand released to delivery, delivered, and accepted on the paper report the signatory signed. */
  async function acceptCustomersCase(): Promise<void> {
    const { agent, tsLead, tsHead } = e2e;
    for (const step of ['triage', 'assignment', 'release-to-delivery']) {
      expect((await post(`/intake/demands/${customer.demandId}/${step}`, {}, agent)).statusCode).toBe(200);
    }
    const page = await pollUntil(
      async () => (await e2e.t.app.inject({ method: 'GET', url: `/service-delivery/cases?customer=${customer.customerId}`, headers: agent })).json(),
      (p: { items: Array<{ demandId: string }> }) => p.items.some((c) => c.demandId === customer.demandId),
      'the case opened from the hand-off',
    );
    base = `/service-delivery/cases/${page.items.find((c: { demandId: string }) => c.demandId === customer.demandId).caseId}`;
    const plan = {
      goals: ['恢復辦公室網絡打印'],
      content: '檢查打印機與網絡，更換故障部件。',
      steps: [{ stepId: 's1', description: '現場診斷並修復', milestoneId: 'm1' }],
      milestones: [{ milestoneId: 'm1', title: '修復完成', dueAt: '2026-11-05T10:00:00Z' }],
      expectedResults: ['所有用戶可正常打印'],
      acceptanceCriteria: [{ criterionId: 'c1', text: '打印機可從所有工位連線' }],
    };
    const steps: Array<[string, object, RequestHeaders]> = [
      [`${base}/plan/versions`, { plan }, tsLead],
      [`${base}/plan/versions/1/approval`, {}, tsHead],
      [`${base}/team/members`, { memberId: 'pm-zhao', role: 'project-manager', duties: '統籌項目' }, tsHead],
      [`${base}/team/members`, { memberId: 'tech-chen', role: 'technician', duties: '維修' }, tsHead],
      [`${base}/team/members`, { memberId: 'agent-li', role: 'customer-service', duties: '組織驗收' }, tsHead],
      [`${base}/delivery`, {}, tsHead],
      [`${base}/steps/s1/completion`, { evidence: '已更換部件' }, tsLead],
      [`${base}/milestones/m1/completion`, { evidence: '測試頁打印正常' }, tsLead],
      [`${base}/acceptance/criteria`, { contractReference: 'SC-2026-1102', version: 1, criteria: plan.acceptanceCriteria }, agent],
      [`${base}/acceptance`, {}, agent],
    ];
    for (const [url, payload, headers] of steps) {
      const answer = await post(url, payload, headers);
      if (answer.statusCode >= 300) throw new Error(`${url} answered ${answer.statusCode}: ${answer.body}`);
    }
    const report = {
      results: [{ criterionId: 'c1', met: true }],
      signatory,
      verdict: 'accepted',
      rectificationItems: [],
      signedDocument: { sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
    };
    expect((await post(`${base}/acceptance/rounds/1/paper-report`, report, agent)).statusCode).toBe(200);
  }

  beforeAll(async () => {
    e2e = await startStandaloneE2e(clock, { EVENT_STORE: 'sqlite' });
    customer = await registerCustomerToErase(e2e);
    await acceptCustomersCase();
    await pollUntil(caseDetail, (d) => d.acceptanceRounds?.[0]?.signatory?.name === signatory.name, 'the signatory on the case');
  });
  afterAll(() => e2e.t.close());

  it('shows the case’s signatory, kept out of the event log: only the read models hold it', async () => {
    expect((await caseDetail()).acceptanceRounds[0]).toMatchObject({ verdict: 'accepted', form: 'paper', signatory });
    const files = holding(signatory.name).map((file) => file.slice(e2e.t.dataDir.length));
    expect(files).toContainEqual(expect.stringMatching(/read-models\.db/));
    expect(files).not.toContainEqual(expect.stringMatching(/events\.db/));
  });

  it('erases the signatory with the customer: the case shows it erased, and no file under DATA_DIR holds it', async () => {
    expect((await customer.erase()).statusCode).toBe(200);
    const erased = await pollUntil(caseDetail, (d) => d.acceptanceRounds[0].signatory.name === '[erased]', 'the signatory erased');
    expect(erased.acceptanceRounds[0]).toMatchObject({ verdict: 'accepted', form: 'paper', signatory: { name: '[erased]', title: '[erased]' } });
    expect(erased.status).toBe('after-sales');
    await eventually(async () => {
      for (const text of [...Object.values(signatory), ...Object.values(customer.personal)]) expect({ text, files: holding(text) }).toEqual({ text, files: [] });
    });
  });

  it('still shows the case, its signatory erased, when its read model is rebuilt from the start', async () => {
    expect((await customer.rebuild('service-delivery.cases')).statusCode).toBe(200);
    expect((await caseDetail()).acceptanceRounds[0]).toMatchObject({ verdict: 'accepted', signatory: { name: '[erased]', title: '[erased]' } });
    for (const text of Object.values(signatory)) expect(holding(text)).toEqual([]);
  });
});
