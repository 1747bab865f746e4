import { randomBytes } from 'node:crypto';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { StandaloneE2e } from './standalone-e2e';

/** Two demands of a customer on which staff wrote, naming the customer, every text intake's retired contracts carried. */
export interface StaffTextOnDemands {
  /** Reclassified, reassigned, resolved and closed. */
  closedDemandId: string;
  /** Coordinated across two departments, released to delivery, then withdrawn. */
  withdrawnDemandId: string;
  /** Phrases unique to this run: the reasons of the reclassification, reassignment, closure and withdrawal, and the coordination agreed. */
  staffText: Record<'reclassification' | 'reassignment' | 'closure' | 'withdrawal' | 'responsibility' | 'cooperation' | 'jointSolution', string>;
}

/**
 * As customer service's agent, walks two demands of the customer through every step whose text staff write
 * on a customer's demand and whose event intake publishes (R-3.1: none of that text may be in a message).
 */
export async function walkDemandsWithStaffText(e2e: StandaloneE2e, customerId: string, customerName: string): Promise<StaffTextOnDemands> {
  const unique = () => randomBytes(4).toString('hex');
  const staffText = {
    reclassification: `${customerName}說這是意見不是查詢${unique()}`,
    reassignment: `${customerName}要求由開發部跟進${unique()}`,
    closure: `${customerName}電話確認已解決${unique()}`,
    withdrawal: `${customerName}改向經銷商購買${unique()}`,
    responsibility: `到${customerName}家裡安裝${unique()}`,
    cooperation: `每天向${customerName}匯報${unique()}`,
    jointSolution: `先在${customerName}的測試機上遷移${unique()}`,
  };
  const post = async (url: string, payload: object) => {
    const response = await e2e.t.app.inject({ method: 'POST', url, payload, headers: e2e.agent });
    if (response.statusCode !== 200 && response.statusCode !== 201) throw new Error(`POST ${url} answered ${response.statusCode}: ${response.body}`);
    return response.json();
  };

  const closedDemandId: string = (await post('/intake/demands', phoneEnquiry(customerId))).id;
  await post(`/intake/demands/${closedDemandId}/reclassification`, { kind: 'feedback', reason: staffText.reclassification });
  await post(`/intake/demands/${closedDemandId}/triage`, {});
  await post(`/intake/demands/${closedDemandId}/assignment`, {});
  await post(`/intake/demands/${closedDemandId}/reassignment`, { departmentId: 'software-development', ownerId: 'sd-lead', reason: staffText.reassignment });
  await post(`/intake/demands/${closedDemandId}/resolution`, { text: '已更新驅動程式' });
  await post(`/intake/demands/${closedDemandId}/closure`, { text: staffText.closure });

  // The seeded triage rules take integration and migration work as complex, for software development.
  const withdrawnDemandId: string = (await post('/intake/demands', phoneEnquiry(customerId, { subject: '系統集成與數據遷移', businessCategory: 'software-development' }))).id;
  await post(`/intake/demands/${withdrawnDemandId}/triage`, { departmentIds: ['system-maintenance'] });
  await post(`/intake/demands/${withdrawnDemandId}/assignment`, {});
  const { meetingId } = await post(
    `/intake/demands/${withdrawnDemandId}/coordination-meetings`,
    {
      scheduledAt: '2026-11-02T02:00:00Z',
      participants: [
        { departmentId: 'software-development', people: ['sd-lead'] },
        { departmentId: 'system-maintenance', people: ['sm-lead'] },
      ],
    },
  );
  await post(`/intake/demands/${withdrawnDemandId}/coordination-meetings/${meetingId}/record`, {
    responsibilities: [
      { departmentId: 'software-development', responsibility: staffText.responsibility },
      { departmentId: 'system-maintenance', responsibility: '準備目標環境' },
    ],
    cooperation: staffText.cooperation,
    leadDepartmentId: 'software-development',
    jointSolution: staffText.jointSolution,
  });
  await post(`/intake/demands/${withdrawnDemandId}/release-to-delivery`, {});
  await post(`/intake/demands/${withdrawnDemandId}/withdrawal`, { text: staffText.withdrawal });
  return { closedDemandId, withdrawnDemandId, staffText };
}
