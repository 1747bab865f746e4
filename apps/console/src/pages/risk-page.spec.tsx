import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type Call, fakeApi, fillIn, renderConsole, tokenFor } from '../testing/fake-api';

// ECharts measures text on a canvas, which jsdom lacks: the chart is stood in for by the cells it was asked to
// draw. The browser suite (apps/console/e2e) sees the real one.
jest.mock('echarts-for-react', () => {
  const { createElement } = jest.requireActual<typeof import('react')>('react');
  return {
    __esModule: true,
    default: ({ option }: { option: { series: { data: [number, number, number][] }[] } }) =>
      createElement(
        'ol',
        { 'aria-label': 'chart data' },
        ...option.series[0].data.map(([impact, likelihood, count]) => createElement('li', { key: `${likelihood}:${impact}` }, `likelihood ${likelihood + 1} × impact ${impact + 1}: ${count}`)),
      ),
  };
});

const page = <T,>(items: T[]) => ({ items, page: 1, pageSize: 200, total: items.length });
const warning = {
  warningId: '6f1c2b7e-0d7e-4c55-8f0e-2f4b8c1d9e01',
  indicator: { indicatorId: 'complaints-per-customer', version: 1, name: '客戶投訴次數', category: 'customer', threshold: 3 },
  groupKind: 'customer',
  groupKey: 'acme',
  count: 4,
  ownerId: 'risk-li',
  status: 'raised',
  raisedAt: '2026-11-02T03:00:00.000Z',
  actions: [],
  triggeredBy: [],
  updatedAt: '2026-11-02T03:00:00.000Z',
};

function riskApi(): Call[] {
  return fakeApi({
    'GET /risk/heat-map?asOf=': [200, { asOf: '2026-10-31T15:59:59.999Z', total: 1, matrices: [{ matrixVersion: 1, cells: [{ likelihood: 2, impact: 3, level: 'medium', band: 'medium', count: 1, riskIds: ['r1'] }] }] }],
    'GET /risk/heat-map': [
      200,
      {
        asOf: '2026-11-05T00:00:00.000Z',
        total: 9,
        matrices: [{ matrixVersion: 1, cells: [{ likelihood: 4, impact: 5, level: 'high', band: 'high', count: 7, riskIds: [] }, { likelihood: 1, impact: 1, level: 'low', band: 'low', count: 2, riskIds: [] }, { likelihood: 3, impact: 3, level: 'medium', band: 'medium', count: 0, riskIds: [] }] }],
      },
    ],
    'GET /risk/risks': [200, page([{ riskId: 'r1', title: '核心供應商斷供', category: 'operational', ownerId: 'risk-li', departmentId: 'procurement', state: 'responding', level: 'high', band: 'high', likelihood: 4, impact: 5, strategy: 'mitigate', nextReviewDue: '2026-12-01T02:00:00.000Z', reviewOverdue: true }])],
    [`POST /risk/warnings/${warning.warningId}/acknowledgement`]: [200, { id: warning.warningId, checkpoint: 'cp-9' }],
    'GET /risk/warnings': [200, page([warning])],
  });
}

// Whole pages of antd in jsdom, several interactions each: minutes on a loaded machine.
const SLOW = 600_000;

describe('risk page', () => {
  it('draws the heat map from the counts per cell, now and as of a day, lists the register, and lets the risk officer acknowledge a warning', async () => {
    const calls = riskApi();
    renderConsole({ route: '/risk', token: tokenFor({ sub: 'risk-li', roles: ['risk-officer'] }) });

    const chart = within(await screen.findByRole('figure', { name: '風險矩陣第 1 版' })).getByLabelText('chart data');
    expect([...chart.querySelectorAll('li')].map((cell) => cell.textContent)).toEqual([
      'likelihood 4 × impact 5: 7',
      'likelihood 1 × impact 1: 2',
      'likelihood 3 × impact 3: 0',
    ]);
    const cells = await screen.findByLabelText('各格風險數 · 風險矩陣第 1 版');
    expect(await within(cells).findByText('7')).toBeInTheDocument();
    expect(within(cells).getByText('2')).toBeInTheDocument();
    expect(within(cells).queryByText('0')).not.toBeInTheDocument();

    const register = screen.getByLabelText('風險登記冊');
    expect(await within(register).findByText('核心供應商斷供')).toBeInTheDocument();
    expect(within(register).getByText('4 × 5')).toBeInTheDocument();
    expect(within(register).getByText('覆核逾期')).toBeInTheDocument();

    await fillIn(screen.getByLabelText('截至當日結束'), '2026-10-31');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(calls.some((call) => call.url.startsWith('/risk/heat-map?asOf=2026-1'))).toBe(true));

    await userEvent.click(await screen.findByLabelText('處理 客戶投訴次數 · acme'));
    await userEvent.click(await screen.findByText('提交'));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url.endsWith('/acknowledgement'))).toBe(true));
  }, SLOW);

  it('shows an analyst the open warnings without the respond action', async () => {
    riskApi();
    renderConsole({ route: '/risk', token: tokenFor({ sub: 'ana', roles: ['analyst'] }), language: 'en' });

    const warnings = await screen.findByLabelText('Open warnings');
    expect(await within(warnings).findByText('客戶投訴次數')).toBeInTheDocument();
    expect(within(warnings).getByText('4 / 3')).toBeInTheDocument();
    expect(screen.queryByLabelText('Respond to 客戶投訴次數 · acme')).not.toBeInTheDocument();
    expect(screen.queryByText('Respond')).not.toBeInTheDocument();
  }, SLOW);

  it('names levels, categories and strategies in words', async () => {
    fakeApi({
      'GET /risk/heat-map': [200, { asOf: '2026-11-05T00:00:00.000Z', total: 1, matrices: [{ matrixVersion: 1, cells: [{ likelihood: 3, impact: 3, level: 'medium', band: 'medium', count: 1, riskIds: ['r1'] }] }] }],
      'GET /risk/risks': [200, page([{ riskId: 'r1', title: '單一數據庫服務器', category: 'technical', ownerId: 'risk-li', departmentId: 'operations', state: 'responding', level: 'medium', band: 'medium', likelihood: 3, impact: 3, strategy: 'accept', nextReviewDue: '2026-12-01T02:00:00.000Z', reviewOverdue: false }])],
      'GET /risk/warnings': [200, page([warning])],
    });
    renderConsole({ route: '/risk', language: 'en', token: tokenFor({ sub: 'risk-li', roles: ['risk-officer'] }) });

    const register = await screen.findByRole('table', { name: 'Risk register' });
    const row = within(register).getByText('單一數據庫服務器').closest('tr') as HTMLElement;
    expect(within(row).getByText('Technical')).toBeInTheDocument();
    expect(within(row).getByText('Medium')).toBeInTheDocument();
    expect(within(row).getByText('Accept')).toBeInTheDocument();
    expect(within(register).queryByText('technical')).not.toBeInTheDocument();
    expect(within(await screen.findByRole('table', { name: 'Risks per cell · Risk matrix version 1' })).getByText('Medium')).toBeInTheDocument();
    expect(within(await screen.findByRole('table', { name: 'Open warnings' })).getByText('Customer')).toBeInTheDocument();
  }, SLOW);
});
