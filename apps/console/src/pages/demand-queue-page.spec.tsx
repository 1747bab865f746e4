import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type Call, fakeApi, renderConsole, tokenFor } from '../testing/fake-api';

const row = (demandId: string, reference: string, subject: string) => ({
  demandId,
  reference,
  subject,
  customerId: 'c-1',
  channel: 'phone',
  kind: 'enquiry',
  description: '',
  businessCategory: 'technical-support',
  impact: 2,
  urgency: 2,
  priority: 'P2',
  complexity: 'routine',
  status: 'assigned',
  departmentId: 'tech-support',
  ownerId: 'ts-lead',
  contactName: null,
  contactPhone: null,
  waitingSince: null,
  waitingOnThirdPartySince: null,
  receivedAt: '2026-12-07T01:00:00.000Z',
  registeredAt: '2026-12-07T01:00:00.000Z',
  firstResponseAt: null,
  complaintDueAt: null,
  complaintResolvedAt: null,
  complaintPromisedResult: null,
});

const clock = (demandId: string, remainingMinutes: number, warned: boolean, breached: boolean) => ({
  clockId: `${demandId}.resolution.1`,
  demandId,
  metric: 'resolution',
  departmentId: 'tech-support',
  status: 'running',
  state: 'running',
  warned,
  breached,
  targetMinutes: 480,
  deadlineAt: '2026-12-08T01:00:00.000Z',
  remainingMinutes,
});

describe('the demand queue', () => {
  it("shows a head their department's demands with the SLA time left, orange near the warning and red past the breach", async () => {
    const calls: Call[] = fakeApi({
      'GET /intake/demands': [200, { items: [row('d-1', 'SR-2026-000001', '打印機無法連線'), row('d-2', 'SR-2026-000002', '郵件伺服器宕機'), row('d-3', 'SR-2026-000003', '新增帳號')], page: 1, pageSize: 50, total: 3 }],
      'GET /quality-monitoring/clocks': [200, { items: [clock('d-1', 125, false, false), clock('d-2', -20, true, true), clock('d-3', 30, true, false)], page: 1, pageSize: 200, total: 3 }],
      'GET /intake/departments': [200, { departments: [{ departmentId: 'tech-support', name: '技術支持部', members: ['ts-lead'] }], routes: [] }],
    });
    renderConsole({ route: '/demands', token: tokenFor({ sub: 'ts-lead', roles: ['department-head'], departments: ['tech-support'] }) });

    const rowOf = async (reference: string) => (await screen.findByRole('link', { name: reference })).closest('tr') as HTMLElement;
    // The clocks are asked for once the page's demands are known.
    expect(await within(await rowOf('SR-2026-000001')).findByText('尚餘 2 小時 5 分鐘')).toHaveClass('ant-tag-green');
    expect(within(await rowOf('SR-2026-000002')).getByText('已逾時 20 分鐘')).toHaveClass('ant-tag-red');
    expect(within(await rowOf('SR-2026-000003')).getByText('尚餘 30 分鐘')).toHaveClass('ant-tag-orange');
    // The department by its name in the registry.
    expect(within(await rowOf('SR-2026-000001')).getByText('技術支持部')).toBeInTheDocument();
    // The clocks of the page's demands, asked for by id in one request.
    const asked = calls.filter((call) => call.url.startsWith('/quality-monitoring/clocks')).map((call) => new URL(call.url, 'http://console').searchParams);
    expect(asked.at(-1)?.get('demands')).toBe('d-1,d-2,d-3');
    expect(asked.at(-1)?.get('state')).toBe('running');
  });

  it('shows the agent working the queue the SLA time left too', async () => {
    fakeApi({
      'GET /intake/demands': [200, { items: [row('d-1', 'SR-2026-000001', '打印機無法連線')], page: 1, pageSize: 50, total: 1 }],
      'GET /quality-monitoring/clocks': [200, { items: [clock('d-1', 45, true, false)], page: 1, pageSize: 200, total: 1 }],
    });
    renderConsole({ route: '/demands', token: tokenFor({ sub: 'alice', roles: ['agent'], departments: ['customer-service'] }) });

    const row1 = (await screen.findByRole('link', { name: 'SR-2026-000001' })).closest('tr') as HTMLElement;
    expect(await within(row1).findByText('尚餘 45 分鐘')).toHaveClass('ant-tag-orange');
    expect(screen.queryByText('SLA 計時只向處理或監控需求的角色顯示。')).not.toBeInTheDocument();
  });

  it('tells an expert reviewer, who neither works nor monitors demands, that the SLA clocks are not theirs to see, and asks for none', async () => {
    const calls: Call[] = fakeApi({ 'GET /intake/demands': [200, { items: [row('d-1', 'SR-2026-000001', '打印機無法連線')], page: 1, pageSize: 50, total: 1 }] });
    renderConsole({ route: '/demands', token: tokenFor({ sub: 'expert-lu', roles: ['expert-reviewer'] }) });

    expect(await screen.findByRole('link', { name: 'SR-2026-000001' })).toBeInTheDocument();
    expect(screen.getByText('SLA 計時只向處理或監控需求的角色顯示。')).toBeInTheDocument();
    expect(calls.some((call) => call.url.startsWith('/quality-monitoring'))).toBe(false);
  });

  it('finds demands by what is typed in the search box, a reference or words of the subject, from the first page', async () => {
    const calls: Call[] = fakeApi({
      'GET /intake/demands': (call) => {
        const q = new URL(call.url, 'http://console').searchParams.get('q');
        const items = q ? [row('d-42', 'SR-2026-000042', '郵件伺服器宕機')] : [row('d-1', 'SR-2026-000001', '打印機無法連線'), row('d-42', 'SR-2026-000042', '郵件伺服器宕機')];
        // Unsearched, a queue of three pages.
        return [200, { items, page: 1, pageSize: 50, total: q ? 1 : 120 }];
      },
      'GET /quality-monitoring/clocks': [200, { items: [], page: 1, pageSize: 200, total: 0 }],
    });
    renderConsole({ route: '/demands', token: tokenFor({ sub: 'alice', roles: ['agent'], departments: ['customer-service'] }) });
    expect(await screen.findByRole('link', { name: 'SR-2026-000001' })).toBeInTheDocument();

    await userEvent.click(screen.getByTitle('2'));
    await waitFor(() => expect(calls.some((call) => call.url.startsWith('/intake/demands') && call.url.includes('page=2'))).toBe(true));

    const box = screen.getByRole('searchbox', { name: '編號或主旨關鍵字' });
    expect(box).toHaveAttribute('placeholder', '編號或主旨關鍵字');
    await userEvent.type(box, ' sr-2026-000042 {enter}');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'SR-2026-000001' })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'SR-2026-000042' })).toBeInTheDocument();
    const asked = calls.filter((call) => call.url.startsWith('/intake/demands')).map((call) => new URL(call.url, 'http://console').searchParams);
    expect(asked[0].has('q')).toBe(false);
    expect(asked.at(-1)?.get('q')).toBe('sr-2026-000042');
    expect(asked.at(-1)?.get('page')).toBe('1');
    expect(asked.at(-1)?.get('count')).toBe('exact');
  });

  it('says the search box in English and Simplified Chinese too', async () => {
    fakeApi({ 'GET /intake/demands': [200, { items: [], page: 1, pageSize: 50, total: 0 }] });
    const token = tokenFor({ sub: 'alice', roles: ['agent'], departments: ['customer-service'] });
    const { unmount } = renderConsole({ route: '/demands', token, language: 'en' });
    expect(await screen.findByRole('searchbox', { name: 'Reference or words of the subject' })).toBeInTheDocument();
    unmount();
    renderConsole({ route: '/demands', token, language: 'zh-CN' });
    expect(await screen.findByRole('searchbox', { name: '编号或主题关键字' })).toBeInTheDocument();
  });
});
