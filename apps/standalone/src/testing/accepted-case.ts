import { randomBytes } from 'node:crypto';
import { RequestHeaders, pollUntil } from '@serviceledger/platform/testing';
import { CustomerToErase } from './customer-to-erase';
import { StandaloneE2e } from './standalone-e2e';

/** The case of the customer's demand, accepted on a paper report a person of the customer's signed. */
export interface AcceptedCase {
  caseId: string;
  /** Who signed, unique to this run, so a byte search finds no other copy. */
  signatory: { name: string; title: string };
  /** The report's comments, with a phrase unique to this run. */
  comments: string;
  /** The case as customer service reads it. */
  read(): Promise<{ status: string; acceptanceRounds: Array<Record<string, unknown> & { signatory: { name: string; title?: string } }> }>;
}

/**
 * Releases the customer's demand to delivery, delivers it, and has customer service record the paper
 * acceptance report the signatory signed; answers once the case shows the signatory.
 */
export async function acceptCustomersCase(e2e: StandaloneE2e, customer: CustomerToErase): Promise<AcceptedCase> {
  const { agent, tsLead, tsHead } = e2e;
  const { app } = e2e.t;
  const signatory = { name: `簽${randomBytes(4).toString('hex')}`, title: `行政經理${randomBytes(4).toString('hex')}` };
  const comments = `驗收時請找前台的${randomBytes(4).toString('hex')}`;
  const post = async (url: string, payload: object, headers: RequestHeaders) => {
    const answer = await app.inject({ method: 'POST', url, payload, headers });
    if (answer.statusCode >= 300) throw new Error(`${url} answered ${answer.statusCode}: ${answer.body}`);
  };
  for (const step of ['triage', 'assignment', 'release-to-delivery']) await post(`/intake/demands/${customer.demandId}/${step}`, {}, agent);
  const page = await pollUntil(
    async () => (await app.inject({ method: 'GET', url: `/service-delivery/cases?customer=${customer.customerId}`, headers: agent })).json(),
    (p: { items: Array<{ demandId: string; caseId: string }> }) => p.items.some((c) => c.demandId === customer.demandId),
    'the case opened from the hand-off',
  );
  const caseId = page.items.find((c) => c.demandId === customer.demandId)!.caseId;
  const base = `/service-delivery/cases/${caseId}`;
  const plan = {
    goals: ['恢復辦公室網絡打印'],
    content: '檢查打印機與網絡，更換故障部件。',
    steps: [{ stepId: 's1', description: '現場診斷並修復', milestoneId: 'm1' }],
    milestones: [{ milestoneId: 'm1', title: '修復完成', dueAt: '2026-11-05T10:00:00Z' }],
    expectedResults: ['所有用戶可正常打印'],
    acceptanceCriteria: [{ criterionId: 'c1', text: '打印機可從所有工位連線' }],
  };
  await post(`${base}/plan/versions`, { plan }, tsLead);
  await post(`${base}/plan/versions/1/approval`, {}, tsHead);
  for (const member of [
    { memberId: 'pm-zhao', role: 'project-manager', duties: '統籌項目' },
    { memberId: 'tech-chen', role: 'technician', duties: '維修' },
    { memberId: 'agent-li', role: 'customer-service', duties: '組織驗收' },
  ]) {
    await post(`${base}/team/members`, member, tsHead);
  }
  await post(`${base}/delivery`, {}, tsHead);
  await post(`${base}/steps/s1/completion`, { evidence: '已更換部件' }, tsLead);
  await post(`${base}/milestones/m1/completion`, { evidence: '測試頁打印正常' }, tsLead);
  await post(`${base}/acceptance/criteria`, { contractReference: 'SC-2026-1102', version: 1, criteria: plan.acceptanceCriteria }, agent);
  await post(`${base}/acceptance`, {}, agent);
  await post(
    `${base}/acceptance/rounds/1/paper-report`,
    {
      results: [{ criterionId: 'c1', met: true }],
      signatory,
      verdict: 'accepted',
      rectificationItems: [],
      comments,
      signedDocument: { sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
    },
    agent,
  );
  const read = async () => (await app.inject({ method: 'GET', url: base, headers: agent })).json();
  await pollUntil(read, (c) => c.acceptanceRounds?.[0]?.signatory?.name === signatory.name, 'the signatory on the case');
  return { caseId, signatory, comments, read };
}
