import { screen } from '@testing-library/react';
import { currentPeriod } from '../format';
import { fakeApi, renderConsole, tokenFor } from '../testing/fake-api';

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
    });
    renderConsole({ route: '/quality', token: tokenFor({ sub: 'zhao', roles: ['quality-monitor'] }) });

    expect(await screen.findByLabelText(`${period} 排名（即時）`)).toHaveTextContent('tech-support: 82software-development: 64');
    expect(await screen.findAllByText('software-development', { selector: 'td' })).toHaveLength(2);
    expect(screen.getByText('首次響應 2')).toBeInTheDocument();
  });
});
