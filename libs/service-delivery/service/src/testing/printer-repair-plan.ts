/** A criterion the plan or the contract accepts the case on. */
type Criterion = { criterionId: string; text: string };

/**
 * The plan of `POST /service-delivery/cases/:caseId/plan/versions` (as `{ plan }`) for restoring a customer's
 * office printing: one on-site step towards one milestone, accepted on `acceptanceCriteria`.
 */
export function printerRepairPlan(acceptanceCriteria: Criterion[] = [{ criterionId: 'c1', text: '打印機可從所有工位連線' }]) {
  return {
    goals: ['恢復辦公室網絡打印'],
    content: '檢查打印機與網絡，更換故障部件。',
    steps: [{ stepId: 's1', description: '現場診斷並修復', milestoneId: 'm1' }],
    milestones: [{ milestoneId: 'm1', title: '修復完成', dueAt: '2026-12-05T10:00:00Z' }],
    expectedResults: ['所有用戶可正常打印'],
    acceptanceCriteria,
  };
}
