import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type Call, fakeApi, fillIn, renderConsole, tokenFor } from '../testing/fake-api';

const caseId = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const visitId = `${caseId}-visit-1`;
const problemId = '0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e';
const cases = { items: [{ caseId, reference: 'SC-2026-001' }], page: 1, pageSize: 200, total: 1 };

const dueVisit = {
  visitId,
  caseId,
  visitNumber: 1,
  departmentId: 'software-development',
  dueAt: '2026-11-02T01:00:00.000Z',
  status: 'due',
  channel: null,
  satisfaction: null,
  scaleLowest: null,
  scaleHighest: null,
  recommendation: null,
  comments: null,
  findings: [],
  visitedBy: null,
  visitedAt: null,
};
const doneVisit = {
  ...dueVisit,
  status: 'completed',
  channel: 'phone',
  satisfaction: 2,
  scaleLowest: 1,
  scaleHighest: 5,
  comments: '報表匯出太慢',
  findings: [{ description: '匯出逾時', stage: 'implementation' }],
  visitedBy: 'alice',
  visitedAt: '2026-11-03T02:00:00.000Z',
};
const raisedProblem = {
  problemId,
  caseId,
  source: 'customer',
  visitId: null,
  description: '系統無法登入',
  status: 'raised',
  handlerId: null as string | null,
  measures: [] as object[],
  stage: null as string | null,
  resolution: null as string | null,
  raisedAt: '2026-11-04T02:00:00.000Z',
  resolvedAt: null,
  closedAt: null,
};

const detail = (followUpVisits: object[], afterSalesProblems: object[]) => [200, { caseId, reference: 'SC-2026-001', followUpVisits, afterSalesProblems }] as [number, unknown];
const posts = (calls: Call[]) => calls.filter((call) => call.method === 'POST');

// Whole pages of antd in jsdom, several dialogs each: minutes on a loaded machine.
const SLOW = 600_000;

describe('after-sales page', () => {
  it('lets a customer-service team member record a follow-up visit, and shows it done at the checkpoint', async () => {
    const calls = fakeApi({
      [`POST /service-delivery/follow-up-visits/${visitId}/record`]: [200, { id: visitId, checkpoint: 'cp-7' }],
      [`GET /service-delivery/cases/${caseId}?after=cp-7`]: detail([doneVisit], []),
      [`GET /service-delivery/cases/${caseId}`]: detail([dueVisit], []),
      'GET /service-delivery/cases?': [200, cases],
    });
    renderConsole({ route: `/after-sales?case=${caseId}`, token: tokenFor({ sub: 'alice', roles: ['agent'], departments: ['customer-service'] }) });

    const visits = await screen.findByRole('table', { name: 'SC-2026-001 的回訪' });
    expect(await within(visits).findByText('到期')).toBeInTheDocument();
    expect(within(visits).getByRole('link', { name: 'SC-2026-001' })).toHaveAttribute('href', `#/cases/${caseId}`);

    await userEvent.click(within(visits).getByRole('button', { name: '記錄 SC-2026-001 第 1 次回訪' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText('電話'));
    await fillIn(within(dialog).getByLabelText('滿意度'), '2');
    await fillIn(within(dialog).getByLabelText('客戶意見'), '報表匯出太慢');
    await userEvent.click(within(dialog).getByRole('button', { name: '新增發現' }));
    await fillIn(await within(dialog).findByLabelText('發現 1'), '匯出逾時');
    await userEvent.click(within(dialog).getByRole('combobox', { name: '發現 1 的環節' }));
    await userEvent.click(await screen.findByTitle('實施'));
    await userEvent.click(within(dialog).getByRole('button', { name: '提交' }));

    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0]).toEqual({
      method: 'POST',
      url: `/service-delivery/follow-up-visits/${visitId}/record`,
      body: { channel: 'phone', satisfaction: 2, comments: '報表匯出太慢', findings: [{ description: '匯出逾時', stage: 'implementation' }] },
    });
    expect(await within(visits).findByText('已完成')).toBeInTheDocument();
    expect(calls.some((call) => call.url === `/service-delivery/cases/${caseId}?after=cp-7`)).toBe(true);
    expect(within(visits).getByText(/電話，滿意度 2／5，發現 1 項/)).toBeInTheDocument();
    expect(within(visits).queryByRole('button', { name: '記錄 SC-2026-001 第 1 次回訪' })).not.toBeInTheDocument();
  }, SLOW);

  it('walks an after-sales problem from raised through a handler, its class and a measure to resolved', async () => {
    let problems: (typeof raisedProblem)[] = [];
    let checkpoint = 0;
    const accepted = (change: (problem: typeof raisedProblem) => typeof raisedProblem) => (): [number, unknown] => {
      problems = problems.map(change);
      checkpoint += 1;
      return [200, { id: problemId, checkpoint: `cp-${checkpoint}` }];
    };
    const on = (command: string) => `POST /service-delivery/after-sales-problems/${problemId}/${command}`;
    const calls = fakeApi({
      [`POST /service-delivery/cases/${caseId}/after-sales-problems`]: () => {
        problems = [raisedProblem];
        checkpoint += 1;
        return [201, { id: problemId, checkpoint: `cp-${checkpoint}` }];
      },
      [on('handler')]: accepted((problem) => ({ ...problem, status: 'handling', handlerId: 'tech-wu' })),
      [on('classification')]: accepted((problem) => problem),
      [on('measures')]: accepted((problem) => ({ ...problem, measures: [{ measureNumber: 1, kind: 'fix', measure: '修正登入逾時設定', by: 'head-lin', at: '2026-11-04T03:00:00.000Z' }] })),
      [on('resolution')]: accepted((problem) => ({ ...problem, status: 'resolved', resolution: '已修正並上線', stage: 'implementation' })),
      [`GET /service-delivery/cases/${caseId}`]: () => detail([doneVisit], problems),
      'GET /service-delivery/cases?': [200, cases],
    });
    renderConsole({ route: `/after-sales?case=${caseId}`, token: tokenFor({ sub: 'head-lin', roles: ['department-head'], departments: ['software-development'] }) });
    const table = await screen.findByRole('table', { name: 'SC-2026-001 的售後問題' });
    const name = 'SC-2026-001 · 系統無法登入';
    const command = async (button: string, fill: (dialog: HTMLElement) => Promise<void>) => {
      await userEvent.click(await within(table).findByRole('button', { name: button }));
      const dialog = await screen.findByRole('dialog');
      await fill(dialog);
      await userEvent.click(within(dialog).getByRole('button', { name: '提交' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    };
    const choose = async (dialog: HTMLElement, field: string, option: string) => {
      await userEvent.click(within(dialog).getByRole('combobox', { name: field }));
      await userEvent.click(await screen.findByTitle(option));
    };

    await userEvent.click(screen.getByRole('button', { name: '登記問題' }));
    const raise = await screen.findByRole('dialog');
    await fillIn(within(raise).getByLabelText('問題'), '系統無法登入');
    await userEvent.click(within(raise).getByRole('button', { name: '提交' }));
    expect(await within(table).findByText('已登記')).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: `解決 ${name}` })).not.toBeInTheDocument();

    await command(`指派 ${name} 的處理人`, (dialog) => fillIn(within(dialog).getByLabelText('處理人'), 'tech-wu'));
    expect(await within(table).findByText('處理中')).toBeInTheDocument();
    await command(`分類 ${name}`, async (dialog) => {
      await choose(dialog, '性質', '缺陷');
      await choose(dialog, '複雜程度', '簡單');
    });
    await command(`記錄 ${name} 的措施`, async (dialog) => {
      await choose(dialog, '措施類別', '修復');
      await fillIn(within(dialog).getByLabelText('所採取的措施'), '修正登入逾時設定');
    });
    expect(await within(table).findByText('修復: 修正登入逾時設定')).toBeInTheDocument();
    await command(`解決 ${name}`, async (dialog) => {
      await fillIn(within(dialog).getByLabelText('解決方案'), '已修正並上線');
      await choose(dialog, '問題源自的環節', '實施');
    });
    expect(await within(table).findByText('已解決')).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: `重新開啟 ${name}` })).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: `關閉 ${name}` })).toBeInTheDocument();

    expect(posts(calls).map(({ url, body }) => [url.replace('/service-delivery/', ''), body])).toEqual([
      [`cases/${caseId}/after-sales-problems`, { source: 'customer', description: '系統無法登入' }],
      [`after-sales-problems/${problemId}/handler`, { handlerId: 'tech-wu' }],
      [`after-sales-problems/${problemId}/classification`, { nature: 'defect', complexity: 'simple' }],
      [`after-sales-problems/${problemId}/measures`, { kind: 'fix', measure: '修正登入逾時設定' }],
      [`after-sales-problems/${problemId}/resolution`, { resolution: '已修正並上線', stage: 'implementation' }],
    ]);
    expect(calls.some((call) => call.url === `/service-delivery/cases/${caseId}?after=cp-5`)).toBe(true);
  }, SLOW);

  it('shows an analyst the visits and problems without any action', async () => {
    const calls = fakeApi({
      [`GET /service-delivery/cases/${caseId}`]: detail([doneVisit, { ...dueVisit, visitId: `${caseId}-visit-2`, visitNumber: 2 }], [{ ...raisedProblem, status: 'handling', handlerId: 'tech-wu' }]),
      'GET /service-delivery/cases?': [200, cases],
    });
    renderConsole({ route: `/after-sales?case=${caseId}`, token: tokenFor({ sub: 'ana', roles: ['analyst'] }), language: 'en' });

    const visits = await screen.findByRole('table', { name: 'Follow-up visits of SC-2026-001' });
    expect(await within(visits).findByText('Due')).toBeInTheDocument();
    expect(within(visits).getByText('Done')).toBeInTheDocument();
    const problems = screen.getByRole('table', { name: 'After-sales problems of SC-2026-001' });
    expect(within(problems).getByText('Being handled')).toBeInTheDocument();
    expect(within(problems).getByText('Reported by the customer')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Record|Cancel|Assign|Classify|Resolve|Reopen|Close|Raise|Request/ })).not.toBeInTheDocument();
    expect(screen.queryByText('Actions')).not.toBeInTheDocument();
    expect(calls.every((call) => call.method === 'GET')).toBe(true);
  }, SLOW);

  it('is offered in the menu to the roles that read delivery, where it opens on their work; not to the others', async () => {
    const calls = fakeApi({
      'GET /service-delivery/my-work': [200, { cases: [], expertReviews: [], followUpVisitsDue: [dueVisit], afterSalesProblems: [], meetingActions: [] }],
      'GET /service-delivery/cases?': [200, cases],
      'GET ': [200, {}],
    });
    const { unmount } = renderConsole({ token: tokenFor({ sub: 'head-lin', roles: ['department-head'], departments: ['software-development'] }) });
    await userEvent.click(within(await screen.findByRole('navigation', { name: '主選單' })).getByText('回訪與售後'));
    const visits = await screen.findByRole('table', { name: '本部門到期的回訪' });
    expect(await within(visits).findByRole('link', { name: 'SC-2026-001' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: '我處理的售後問題' })).toBeInTheDocument();
    expect(calls.some((call) => call.url === '/service-delivery/my-work')).toBe(true);
    unmount();

    renderConsole({ route: '/after-sales', token: tokenFor({ sub: 'hana', roles: ['hr'] }) });
    const menu = await screen.findByRole('navigation', { name: '主選單' });
    expect(within(menu).getByText('人員與培訓')).toBeInTheDocument();
    expect(within(menu).queryByText('回訪與售後')).not.toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: '我的工作' })).toBeInTheDocument();
  }, SLOW);

  it('shows a refusal as its problem detail, in the dialog that stays open', async () => {
    fakeApi({
      [`POST /service-delivery/follow-up-visits/${visitId}/cancellation`]: [
        422,
        { type: 'https://serviceledger.dev/problems/visit-completed', title: 'Rule violated', status: 422, detail: `Follow-up visit ${visitId} is completed and cannot be cancelled` },
      ],
      [`GET /service-delivery/cases/${caseId}`]: detail([dueVisit], []),
      'GET /service-delivery/cases?': [200, cases],
    });
    renderConsole({ route: `/after-sales?case=${caseId}`, token: tokenFor({ sub: 'zhao', roles: ['quality-monitor'] }) });

    await userEvent.click(await screen.findByRole('button', { name: '取消 SC-2026-001 第 1 次回訪' }));
    const dialog = await screen.findByRole('dialog');
    await fillIn(within(dialog).getByLabelText('原因'), '客戶已另行回饋');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('422');
    expect(alert).toHaveTextContent(`Follow-up visit ${visitId} is completed and cannot be cancelled`);
    expect(within(dialog).getByLabelText('原因')).toHaveValue('客戶已另行回饋');
  }, SLOW);
});
