import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { currentPeriod } from '../format';
import { type Call, fakeApi, fillIn, renderConsole, tokenFor } from '../testing/fake-api';
import type { Finding } from './quality/finding-types';

// ECharts draws nothing measurable in jsdom (no layout): the chart is stood in for by what it was asked to draw.
// The browser suite (apps/console/e2e) sees the real one.
jest.mock('echarts-for-react', () => {
  const { createElement } = jest.requireActual<typeof import('react')>('react');
  return {
    __esModule: true,
    default: ({ option }: { option: { xAxis: { data: string[] }; series: { data: number[] }[] } }) =>
      createElement('ol', { 'aria-label': 'chart data' }, ...option.xAxis.data.map((name, i) => createElement('li', { key: name }, `${name}: ${option.series[0].data[i]}`))),
  };
});

const period = currentPeriod();
const scorecard = (departmentId: string, score: number, rank: number) => ({ departmentId, score, rank, indicators: { responseCompliance: 1 } });
const page = <T,>(items: T[]) => ({ items, page: 1, pageSize: 100, total: items.length });

const findingId = '0b6f7c1e-3d2a-4f5b-9c8d-7e6f5a4b3c2d';
const raised: Finding = {
  findingId,
  departmentId: 'tech-support',
  responsibleId: 'ts-lead',
  subject: '回訪記錄不完整',
  requirements: '補齊十一月的回訪記錄',
  raisedAt: '2026-11-02T03:00:00.000Z',
  raisedBy: 'zhao',
  status: 'raised',
  round: 1,
  rechecks: [],
  updatedAt: '2026-11-02T03:00:00.000Z',
};
const measured: Finding = { ...raised, status: 'measures-submitted', measures: '逐單補錄', deadline: '2099-11-20T15:59:59.000Z' };
const reported: Finding = { ...measured, status: 'reported', report: '已補錄 12 單' };
const reopened: Finding = { ...reported, status: 'reopened', round: 2, rechecks: [{ round: 1, passed: false, notes: '仍缺 3 單', at: '2026-11-21T02:00:00.000Z', by: 'zhao' }] };

/** The quality page's reads, the findings list and detail as given, read after `checkpoint` as `next`; the steps' answers. */
function findingsApi({ now, next, checkpoint, steps }: { now: Finding; next: Finding; checkpoint: string; steps: Record<string, [number, unknown]> }): Call[] {
  return fakeApi({
    [`GET /quality-monitoring/periods/${period}/scorecards`]: [200, { period, view: 'live', closed: false, scorecards: [], ranking: [] }],
    'GET /quality-monitoring/breaches': [200, { period, total: 0, byDepartment: [], items: [] }],
    'GET /quality-monitoring/clocks': [200, page([])],
    'GET /intake/departments': [200, { departments: [{ departmentId: 'tech-support', name: '技術支持部', members: ['ts-lead'] }], routes: [] }],
    [`GET /quality-monitoring/findings/${findingId}?after=${checkpoint}`]: [200, next],
    [`GET /quality-monitoring/findings/${findingId}`]: [200, now],
    [`GET /quality-monitoring/findings?pageSize=100&after=${checkpoint}`]: [200, page([next])],
    'GET /quality-monitoring/findings': [200, page([now])],
    ...Object.fromEntries(Object.entries(steps).map(([step, answer]) => [`POST /quality-monitoring/findings/${findingId}/${step}`, answer])),
  });
}

// Whole pages of antd in jsdom, a drawer and forms: minutes on a loaded machine.
const SLOW = 600_000;

describe('quality monitoring', () => {
  it("ranks the month's departments in a chart and counts the breaches by department and metric", async () => {
    fakeApi({
      [`GET /quality-monitoring/periods/${period}/scorecards`]: [
        200,
        { period, view: 'live', closed: false, scorecards: [scorecard('tech-support', 82, 1), scorecard('software-development', 64, 2)], ranking: [{ rank: 1, departmentId: 'tech-support', score: 82 }, { rank: 2, departmentId: 'software-development', score: 64 }] },
      ],
      'GET /quality-monitoring/breaches': [200, { period, total: 2, byDepartment: [{ departmentId: 'software-development', breaches: 2, byMetric: { 'first-response': 2 } }], items: [] }],
      'GET /quality-monitoring/clocks': [200, { items: [], page: 1, pageSize: 100, total: 0 }],
      'GET /quality-monitoring/findings': [200, { items: [], page: 1, pageSize: 100, total: 0 }],
      // The registry names one of the two: the other is shown by its id.
      'GET /intake/departments': [200, { departments: [{ departmentId: 'tech-support', name: '技術支持部', members: ['ts-lead'] }], routes: [] }],
    });
    renderConsole({ route: '/quality', token: tokenFor({ sub: 'zhao', roles: ['quality-monitor'] }) });

    expect(await screen.findByLabelText(`${period} 排名（即時）`)).toHaveTextContent('技術支持部: 82software-development: 64');
    expect(await screen.findAllByText('software-development', { selector: 'td' })).toHaveLength(2);
    expect(screen.getByText('技術支持部', { selector: 'td' })).toBeInTheDocument();
    expect(screen.getByText('首次響應 2')).toBeInTheDocument();
  });

  it('shows scores to two decimals and every metric and clock state in words, in each language', async () => {
    const clock = (clockId: string, metric: string, state: string, status: string) => ({ clockId, demandId: '7d3e9b1a-0000-4000-8000-000000000001', metric, departmentId: 'tech-support', status, state, warned: false, breached: false, targetMinutes: 60, deadlineAt: '2026-11-02T03:00:00.000Z', remainingMinutes: 0 });
    fakeApi({
      [`GET /quality-monitoring/periods/${period}/scorecards`]: [200, { period, view: 'live', closed: false, scorecards: [scorecard('tech-support', 82.8138, 1)], ranking: [{ rank: 1, departmentId: 'tech-support', score: 82.8138 }] }],
      'GET /quality-monitoring/breaches': [200, { period, total: 1, byDepartment: [{ departmentId: 'tech-support', breaches: 1, byMetric: { 'promised-handling': 1 } }], items: [] }],
      'GET /quality-monitoring/clocks': [200, page([clock('c1', 'next-update', 'missed', 'stopped'), clock('c2', 'rectification-deadline', 'cancelled', 'cancelled'), clock('c3', 'third-party-wait', 'warning', 'running')])],
      'GET /quality-monitoring/findings': [200, page([])],
      'GET /intake/departments': [200, { departments: [{ departmentId: 'tech-support', name: 'Technical support', members: ['ts-lead'] }], routes: [] }],
    });
    renderConsole({ route: '/quality', language: 'en', token: tokenFor({ sub: 'zhao', roles: ['quality-monitor'] }) });

    expect(await screen.findByText('82.81', { selector: 'td' })).toBeInTheDocument();
    expect(screen.getByLabelText(`Ranking of ${period} (live)`)).toHaveTextContent('Technical support: 82.81');
    expect(screen.queryByText('82.8138')).not.toBeInTheDocument();
    expect(screen.getByText('Promised handling time 1')).toBeInTheDocument();
    for (const words of ['Next progress update', 'Missed', 'Rectification deadline', 'Cancelled', 'Waiting on a third party', 'Warning']) expect(await screen.findByText(words, { selector: 'td' })).toBeInTheDocument();
  });

  it('lets the quality monitor record a failed re-check, and shows the next round once the read model has it', async () => {
    const calls = findingsApi({ now: reported, next: reopened, checkpoint: 'cp-5', steps: { recheck: [200, { id: findingId, checkpoint: 'cp-5', status: 'reopened', round: 2 }] } });
    renderConsole({ route: '/quality', token: tokenFor({ sub: 'zhao', roles: ['quality-monitor'] }) });

    expect(await screen.findByRole('button', { name: '提出檢查發現' })).toBeInTheDocument();
    await userEvent.click(await screen.findByLabelText('開啟檢查發現 回訪記錄不完整'));
    expect(await screen.findByText('已補錄 12 單')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '提交整改措施' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('未通過，進入下一輪'));
    await fillIn(screen.getByLabelText('複查意見'), '仍缺 3 單');
    await userEvent.click(screen.getByRole('button', { name: '記錄複查' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')).toEqual({ method: 'POST', url: `/quality-monitoring/findings/${findingId}/recheck`, body: { passed: false, notes: '仍缺 3 單' } }));

    expect(await screen.findByText('第 1 輪複查：未通過')).toBeInTheDocument();
    expect(screen.getByText('第 2 輪')).toBeInTheDocument();
    expect(screen.getByText('仍缺 3 單')).toBeInTheDocument();
    expect(screen.getByText('第 1 輪整改')).toBeInTheDocument();
    expect(calls.map((call) => call.url)).toEqual(expect.arrayContaining([`/quality-monitoring/findings/${findingId}?after=cp-5`, '/quality-monitoring/findings?pageSize=100&after=cp-5']));
    expect(screen.queryByRole('button', { name: '記錄複查' })).not.toBeInTheDocument();
  }, SLOW);

  it("lets the responsible person submit rectification measures with a deadline, and shows a refused report's problem detail", async () => {
    const calls = findingsApi({
      now: raised,
      next: measured,
      checkpoint: 'cp-7',
      steps: {
        measures: [200, { id: findingId, checkpoint: 'cp-7', status: 'measures-submitted', round: 1 }],
        report: [
          409,
          { type: 'https://serviceledger.dev/problems/rule-violation', title: 'Not allowed in the current state', status: 409, detail: 'A rectification report follows the measures', code: 'finding-state' },
        ],
      },
    });
    renderConsole({ route: '/quality', token: tokenFor({ sub: 'ts-lead', roles: ['department-head'], departments: ['tech-support'] }) });

    await userEvent.click(await screen.findByLabelText('開啟檢查發現 回訪記錄不完整'));
    await fillIn(await screen.findByLabelText('整改措施'), '逐單補錄');
    const today = dayjs().format('YYYY-MM-DD');
    await userEvent.click(screen.getByLabelText('期限'));
    await userEvent.click(await screen.findByTitle(today));
    await userEvent.click(screen.getByRole('button', { name: '提交整改措施' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST')).toEqual({
        method: 'POST',
        url: `/quality-monitoring/findings/${findingId}/measures`,
        body: { measures: '逐單補錄', deadline: expect.stringMatching(new RegExp(`^${today}T23:59:59`)) },
      }),
    );

    await fillIn(await screen.findByLabelText('整改報告'), '已補錄 12 單');
    await userEvent.click(screen.getByRole('button', { name: '提交整改報告' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('409 · 目前無法執行')).toBeInTheDocument();
    expect(within(alert).getByText('A rectification report follows the measures')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '提出檢查發現' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '記錄複查' })).not.toBeInTheDocument();
  }, SLOW);
});
