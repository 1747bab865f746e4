import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type Call, fakeApi, fillIn, renderConsole, tokenFor } from '../testing/fake-api';
import type { PlanVersion, ServiceCaseDetail } from './delivery/case-types';

const CASE_ID = '3f1c2a9e-5b7d-4c8e-9a10-2b3c4d5e6f70';
const head = tokenFor({ sub: 'ts-lead', roles: ['department-head'], departments: ['tech-support'] });
const technician = tokenFor({ sub: 'lin', roles: ['technician'], departments: ['tech-support'] });
const analyst = tokenFor({ sub: 'ann', roles: ['analyst'] });

const version1: PlanVersion = {
  version: 1,
  status: 'in-review',
  major: false,
  expertReviewRequired: true,
  experts: ['expert-wu'],
  changeReason: null,
  plan: {
    goals: ['恢復網絡打印'],
    content: '更換打印驅動並檢查網絡設定',
    steps: [{ stepId: 's1', description: '上門檢查打印機', milestoneId: 'm1' }],
    milestones: [{ milestoneId: 'm1', title: '打印恢復', dueAt: '2099-12-10T09:00:00.000Z' }],
    expectedResults: ['全部打印機可用'],
    acceptanceCriteria: [{ criterionId: 'c1', text: '所有樓層可打印' }],
  },
  draftingDeadlineMet: true,
  submittedBy: 'lin',
  submittedAt: '2026-12-07T02:00:00.000Z',
  reviews: [{ kind: 'expert-opinion', by: 'expert-wu', conclusion: 'approve', text: '方案可行', at: '2026-12-07T03:00:00.000Z' }],
  approvedBy: null,
  approvedAt: null,
};

const planning: ServiceCaseDetail = {
  caseId: CASE_ID,
  demandId: 'd-1',
  reference: 'SR-2026-000001',
  customerId: 'c-1',
  departmentId: 'tech-support',
  responsibleDepartmentId: 'tech-support',
  ownerId: 'lin',
  complexity: 'complex',
  status: 'planning',
  planDueAt: '2026-12-08T01:00:00.000Z',
  planOverdue: false,
  planVersion: null,
  projectManagerId: null,
  reportDueAt: null,
  reportsSent: 0,
  reportsMissed: 0,
  lastReportMissed: false,
  acceptanceRound: 0,
  openedAt: '2026-12-07T01:00:00.000Z',
  deliveryStartedAt: null,
  acceptedAt: null,
  closedAt: null,
  departments: ['tech-support'],
  planVersions: [version1],
  team: [],
  milestones: [],
  progressReports: [],
  contractCriteria: [],
  acceptanceRounds: [],
};

const approved: ServiceCaseDetail = {
  ...planning,
  status: 'ready',
  planVersion: 1,
  planVersions: [{ ...version1, status: 'approved', approvedBy: 'ts-lead', approvedAt: '2026-12-07T04:00:00.000Z' }],
  milestones: [
    { milestoneId: 'm1', title: '打印恢復', dueAt: '2099-12-10T09:00:00.000Z', expectedAt: null, status: 'open', late: null, completedAt: null, planVersion: 1, standards: [], checkEvidence: [] },
  ],
};

const delivering: ServiceCaseDetail = {
  ...approved,
  status: 'in-delivery',
  projectManagerId: 'lin',
  deliveryStartedAt: '2026-12-07T05:00:00.000Z',
  reportDueAt: '2099-12-08T05:00:00.000Z',
  team: [
    { memberId: 'lin', joinedAt: '2026-12-07T04:30:00.000Z', role: 'project-manager', duties: '統籌實施', leftAt: null, leftReason: null },
    { memberId: 'wang', joinedAt: '2026-12-07T04:40:00.000Z', role: 'technician', duties: '上門檢查', leftAt: null, leftReason: null },
  ],
  coordinationIssues: [],
};

/** The milestone follows a remote-support standard with two checks; its step follows another, evidenced with the step. */
const remoteSupport = {
  standardId: 'remote-support',
  version: 2,
  title: '遠程支援規範',
  checks: [
    { checkId: 'customer-consent', description: '客戶同意遠程連線' },
    { checkId: 'session-log', description: '保存連線記錄' },
  ],
};
const withStandards: ServiceCaseDetail = {
  ...delivering,
  milestones: [
    {
      ...delivering.milestones[0],
      standards: [remoteSupport, { standardId: 'on-site-safety', version: 1, title: '上門安全守則', checks: [{ checkId: 'badge', description: '出示工作證' }], stepId: 's1' }],
    },
  ],
};

const openIssue = { issueNumber: 1, description: '網絡部未開放打印機端口', departmentIds: ['tech-support', 'network'], resolved: false, resolution: null };

const casesPath = `/service-delivery/cases/${CASE_ID}`;

describe("a delivery case's page", () => {
  it("lets the head open a case from the delivery page, read its plan and approve the version in review; the case is read again at the command's checkpoint", async () => {
    let current = planning;
    const calls: Call[] = fakeApi({
      [`GET ${casesPath}`]: () => [200, current],
      [`POST ${casesPath}/plan/versions/1/approval`]: () => {
        current = approved;
        return [200, { id: CASE_ID, checkpoint: 'cp-7' }];
      },
      'GET /service-delivery/cases?': [200, { items: [planning], page: 1, pageSize: 200, total: 1 }],
      'GET /service-delivery/my-work': [200, {}],
    });
    renderConsole({ route: '/delivery', token: head });

    await userEvent.click(await screen.findByRole('link', { name: 'SR-2026-000001' }));
    expect(await screen.findByRole('heading', { name: '案件 SR-2026-000001' })).toBeInTheDocument();
    expect(screen.getByText('更換打印驅動並檢查網絡設定')).toBeInTheDocument();
    expect(screen.getByText('方案可行')).toBeInTheDocument();
    expect(within(screen.getByLabelText('第 1 版的里程碑與步驟')).getByText('上門檢查打印機')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '批准第 1 版' }));
    const dialog = await screen.findByRole('dialog');
    await fillIn(within(dialog).getByLabelText('備註'), '同意，按期實施');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交' }));

    await waitFor(() => expect(calls.some((call) => call.url === `${casesPath}?after=cp-7`)).toBe(true));
    expect(calls.find((call) => call.method === 'POST')).toEqual({ method: 'POST', url: `${casesPath}/plan/versions/1/approval`, body: { comments: '同意，按期實施' } });
    expect(await screen.findByText('已批准')).toBeInTheDocument();
    expect(screen.getAllByText('方案已批准').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: '批准第 1 版' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '開始交付' })).toBeInTheDocument();
  });

  it('names the departments on the delivery page and the case page, not their ids', async () => {
    fakeApi({
      [`GET ${casesPath}`]: [200, planning],
      'GET /service-delivery/cases?': [200, { items: [planning], page: 1, pageSize: 200, total: 1 }],
      'GET /service-delivery/my-work': [200, {}],
      'GET /intake/departments': [200, { departments: [{ departmentId: 'tech-support', name: '技術支持部', members: ['ts-lead'] }], routes: [] }],
    });
    renderConsole({ route: '/delivery', token: head });

    const list = await screen.findByRole('table', { name: '交付案件' });
    expect(await within(list).findByText('技術支持部')).toBeInTheDocument();
    expect(within(list).queryByText('tech-support')).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole('link', { name: 'SR-2026-000001' }));
    await screen.findByRole('heading', { name: '案件 SR-2026-000001' });
    await waitFor(() => expect(screen.getAllByText('技術支持部').length).toBe(2));
    expect(screen.queryByText('tech-support')).not.toBeInTheDocument();
  });

  it('lets a team member send the customer a progress report', async () => {
    let current = delivering;
    const calls: Call[] = fakeApi({
      [`GET ${casesPath}`]: () => [200, current],
      [`POST ${casesPath}/progress-reports`]: (call) => {
        const body = call.body as { progress: string };
        current = {
          ...delivering,
          reportsSent: 1,
          progressReports: [{ dueAt: '2099-12-08T05:00:00.000Z', kind: 'sent', reportNumber: 1, progress: body.progress, problems: [], onTime: true, sentAt: '2026-12-07T06:00:00.000Z', sentBy: 'lin' }],
        };
        return [201, { id: CASE_ID, checkpoint: 'cp-9' }];
      },
    });
    renderConsole({ route: `/cases/${CASE_ID}`, token: technician });

    await userEvent.click(await screen.findByRole('button', { name: '發送進度報告' }));
    const dialog = await screen.findByRole('dialog');
    await fillIn(within(dialog).getByLabelText('進展'), '已完成三樓打印機檢查');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交' }));

    expect(await screen.findByText('第 1 份報告')).toBeInTheDocument();
    expect(screen.getByText('已完成三樓打印機檢查')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')).toEqual({ method: 'POST', url: `${casesPath}/progress-reports`, body: { progress: '已完成三樓打印機檢查', problems: [] } });
    expect(calls.some((call) => call.url === `${casesPath}?after=cp-9`)).toBe(true);
    // A technician reports and completes milestones, but neither approves plans nor manages the team.
    expect(screen.getByRole('button', { name: '完成里程碑「打印恢復」' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '新增團隊成員' })).not.toBeInTheDocument();
  });

  it('offers no action to a role whose permissions allow none', async () => {
    fakeApi({
      [`GET ${casesPath}`]: [200, { ...withStandards, coordinationIssues: [openIssue], planVersions: [...delivering.planVersions, { ...version1, version: 2, changeReason: '增加樓層' }] }],
    });
    renderConsole({ route: `/cases/${CASE_ID}`, token: analyst });

    expect(await screen.findByRole('heading', { name: '案件 SR-2026-000001' })).toBeInTheDocument();
    expect(screen.getByText('統籌實施')).toBeInTheDocument();
    expect(screen.getByText('增加樓層')).toBeInTheDocument();
    expect(screen.getByText('網絡部未開放打印機端口')).toBeInTheDocument();
    expect(screen.getAllByText('遠程支援規範 第 2 版').length).toBeGreaterThan(0);
    for (const action of [
      '提交方案版本',
      '就第 2 版提交專家意見',
      '批准第 2 版',
      '退回第 2 版修改',
      '新增團隊成員',
      '完成里程碑「打印恢復」',
      '記錄里程碑「打印恢復」的偏差',
      '豁免里程碑「打印恢復」',
      '完成步驟「上門檢查打印機」',
      '發送進度報告',
      '登記協調問題',
      '解決第 1 號協調問題',
      '更換項目經理',
      '更改 lin 的職責',
      '更改 wang 的職責',
      '將 wang 移出團隊',
      '組織驗收',
      '結案',
    ]) {
      expect(screen.queryByRole('button', { name: action })).not.toBeInTheDocument();
    }
  });

  it("shows a refused approval as its problem detail says, in the dialog, and keeps what was typed", async () => {
    fakeApi({
      [`GET ${casesPath}`]: [200, planning],
      [`POST ${casesPath}/plan/versions/1/approval`]: [
        409,
        { type: 'https://serviceledger.dev/problems/conflict', title: 'Conflict', status: 409, detail: 'Version 1 still awaits the opinion of expert-zhao', rule: 'expert-review-pending' },
      ],
    });
    renderConsole({ route: `/cases/${CASE_ID}`, token: head });

    await userEvent.click(await screen.findByRole('button', { name: '批准第 1 版' }));
    const dialog = await screen.findByRole('dialog');
    await fillIn(within(dialog).getByLabelText('備註'), '同意');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交' }));

    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('409 · 目前無法執行')).toBeInTheDocument();
    expect(within(alert).getByText('Version 1 still awaits the opinion of expert-zhao')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('備註')).toHaveValue('同意');
  });
  it("completes a milestone that follows a standard with evidence for each of its checks, in the completion's shape", async () => {
    const calls: Call[] = fakeApi({
      [`GET ${casesPath}`]: [200, withStandards],
      [`POST ${casesPath}/milestones/m1/completion`]: [200, { id: CASE_ID, checkpoint: 'cp-11' }],
    });
    renderConsole({ route: `/cases/${CASE_ID}`, token: technician });

    await userEvent.click(await screen.findByRole('button', { name: '完成里程碑「打印恢復」' }));
    const dialog = await screen.findByRole('dialog');
    // The step's own standard is evidenced when the step is completed, not here.
    expect(within(dialog).queryByLabelText('「出示工作證」的證明（上門安全守則 第 1 版）')).not.toBeInTheDocument();
    await fillIn(within(dialog).getByLabelText('完成證明'), '全部樓層打印正常');
    await fillIn(within(dialog).getByLabelText('「客戶同意遠程連線」的證明（遠程支援規範 第 2 版）'), '客戶電郵同意，編號 M-17');
    await fillIn(within(dialog).getByLabelText('「保存連線記錄」的證明（遠程支援規範 第 2 版）'), '記錄存於 RS-2026-118');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交' }));

    await waitFor(() => expect(calls.some((call) => call.url === `${casesPath}?after=cp-11`)).toBe(true));
    expect(calls.find((call) => call.method === 'POST')).toEqual({
      method: 'POST',
      url: `${casesPath}/milestones/m1/completion`,
      body: {
        evidence: '全部樓層打印正常',
        checks: [
          { standardId: 'remote-support', checkId: 'customer-consent', evidence: '客戶電郵同意，編號 M-17' },
          { standardId: 'remote-support', checkId: 'session-log', evidence: '記錄存於 RS-2026-118' },
        ],
      },
    });
  });

  it('lets the head waive a milestone with the reason', async () => {
    let current = delivering;
    const calls: Call[] = fakeApi({
      [`GET ${casesPath}`]: () => [200, current],
      [`POST ${casesPath}/milestones/m1/waiver`]: () => {
        current = { ...delivering, milestones: [{ ...delivering.milestones[0], status: 'waived', completedAt: '2026-12-08T02:00:00.000Z' }] };
        return [200, { id: CASE_ID, checkpoint: 'cp-12' }];
      },
    });
    renderConsole({ route: `/cases/${CASE_ID}`, token: head });

    await userEvent.click(await screen.findByRole('button', { name: '豁免里程碑「打印恢復」' }));
    const dialog = await screen.findByRole('dialog');
    await fillIn(within(dialog).getByLabelText('豁免原因'), '客戶改用雲端打印');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交' }));

    expect(await screen.findByText('已豁免')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')).toEqual({ method: 'POST', url: `${casesPath}/milestones/m1/waiver`, body: { reason: '客戶改用雲端打印' } });
    expect(calls.some((call) => call.url === `${casesPath}?after=cp-12`)).toBe(true);
    expect(screen.queryByRole('button', { name: '豁免里程碑「打印恢復」' })).not.toBeInTheDocument();
  });

  it('lets the team log a coordination issue between departments and record its resolution', async () => {
    let current = delivering;
    const calls: Call[] = fakeApi({
      [`GET ${casesPath}`]: () => [200, current],
      [`POST ${casesPath}/coordination-issues/1/resolution`]: (call) => {
        current = { ...delivering, coordinationIssues: [{ ...openIssue, resolved: true, resolution: (call.body as { resolution: string }).resolution }] };
        return [200, { id: CASE_ID, checkpoint: 'cp-14' }];
      },
      [`POST ${casesPath}/coordination-issues`]: () => {
        current = { ...delivering, coordinationIssues: [openIssue] };
        return [201, { id: CASE_ID, checkpoint: 'cp-13' }];
      },
    });
    renderConsole({ route: `/cases/${CASE_ID}`, token: technician });

    expect(await screen.findByText('尚未登記協調問題。')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '登記協調問題' }));
    const raising = await screen.findByRole('dialog');
    await fillIn(within(raising).getByLabelText('問題'), '網絡部未開放打印機端口');
    await userEvent.type(within(raising).getByLabelText('涉及部門'), 'network{Enter}');
    await userEvent.click(within(raising).getByRole('button', { name: '提交' }));

    expect(await screen.findByText('網絡部未開放打印機端口')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST')[0]).toEqual({
      method: 'POST',
      url: `${casesPath}/coordination-issues`,
      body: { description: '網絡部未開放打印機端口', departmentIds: ['network'] },
    });
    expect(calls.some((call) => call.url === `${casesPath}?after=cp-13`)).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: '解決第 1 號協調問題' }));
    const resolving = await screen.findByRole('dialog');
    await fillIn(within(resolving).getByLabelText('解決辦法'), '網絡部已開放 9100 端口');
    await userEvent.click(within(resolving).getByRole('button', { name: '提交' }));

    expect(await screen.findByText('網絡部已開放 9100 端口')).toBeInTheDocument();
    expect(screen.getByText('已解決')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST')[1]).toEqual({
      method: 'POST',
      url: `${casesPath}/coordination-issues/1/resolution`,
      body: { resolution: '網絡部已開放 9100 端口' },
    });
    expect(screen.queryByRole('button', { name: '解決第 1 號協調問題' })).not.toBeInTheDocument();
  });

  it('lets the head remove a member with the reason, and offers to replace the project manager rather than remove them', async () => {
    let current = delivering;
    const calls: Call[] = fakeApi({
      [`GET ${casesPath}`]: () => [200, current],
      [`POST ${casesPath}/team/members/wang/removal`]: () => {
        current = { ...delivering, team: [delivering.team[0], { ...delivering.team[1], leftAt: '2026-12-08T03:00:00.000Z', leftReason: '調往其他項目' }] };
        return [200, { id: CASE_ID, checkpoint: 'cp-15' }];
      },
    });
    renderConsole({ route: `/cases/${CASE_ID}`, token: head });

    await userEvent.click(await screen.findByRole('button', { name: '將 wang 移出團隊' }));
    expect(screen.queryByRole('button', { name: '將 lin 移出團隊' })).not.toBeInTheDocument();
    const dialog = await screen.findByRole('dialog');
    await fillIn(within(dialog).getByLabelText('離隊原因'), '調往其他項目');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交' }));

    expect(await screen.findByText(/調往其他項目/)).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')).toEqual({ method: 'POST', url: `${casesPath}/team/members/wang/removal`, body: { reason: '調往其他項目' } });
    expect(calls.some((call) => call.url === `${casesPath}?after=cp-15`)).toBe(true);
    expect(screen.queryByRole('button', { name: '將 wang 移出團隊' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '更換項目經理' })).toBeInTheDocument();
  });

  it("shows a refused step completion as its problem detail says, with the evidence its standard's check was given", async () => {
    const calls: Call[] = fakeApi({
      [`GET ${casesPath}`]: [200, withStandards],
      [`POST ${casesPath}/steps/s1/completion`]: [
        409,
        { type: 'https://serviceledger.dev/problems/conflict', title: 'Conflict', status: 409, detail: 'Step s1 is already done', rule: 'step-already-done' },
      ],
    });
    renderConsole({ route: `/cases/${CASE_ID}`, token: technician });

    await userEvent.click(await screen.findByRole('button', { name: '完成步驟「上門檢查打印機」' }));
    const dialog = await screen.findByRole('dialog');
    await fillIn(within(dialog).getByLabelText('完成證明'), '已上門檢查');
    await fillIn(within(dialog).getByLabelText('「出示工作證」的證明（上門安全守則 第 1 版）'), '工作證 T-042');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交' }));

    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('Step s1 is already done')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('完成證明')).toHaveValue('已上門檢查');
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ evidence: '已上門檢查', checks: [{ standardId: 'on-site-safety', checkId: 'badge', evidence: '工作證 T-042' }] });
  });
});
