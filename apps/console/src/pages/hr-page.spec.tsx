import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type Call, fakeApi, fillIn, renderConsole, tokenFor } from '../testing/fake-api';

const summary = { appraisalId: 'apr-lin-2026-10', employeeId: 'lin', departmentId: 'tech-support', postId: 'engineer', kind: 'monthly', period: '2026-10', status: 'assessed', score: 86.5, needsReview: false, finalisedAt: null };
const lines = [
  { indicatorId: 'csat', source: 'quality', indicator: 'satisfaction', weight: 40, value: 4.6, normalised: 92 },
  { indicatorId: 'onsite', source: 'duty', duty: '現場支援', weight: 60, value: 80, normalised: 80 },
];
const appraisal = (withReason: boolean) => ({
  ...summary,
  lines,
  revision: 0,
  reviewFlags: [],
  revisions: [],
  draftedAt: '2026-11-01T01:00:00.000Z',
  ...(withReason ? { assessment: { text: '支援及時，客戶回饋良好', by: 'head-wang', at: '2026-11-03T02:00:00.000Z' }, withheld: [] } : { withheld: ['assessment'] }),
});
const page = <T,>(items: T[]) => ({ items, page: 1, pageSize: 100, total: items.length });

function hrApi(): Call[] {
  return fakeApi({
    'GET /hr-performance/appraisals/apr-lin-2026-10?reason=': [200, appraisal(true)],
    'GET /hr-performance/appraisals/apr-lin-2026-10': [200, appraisal(false)],
    'POST /hr-performance/appraisals/apr-lin-2026-10/finalisation': [200, { id: 'apr-lin-2026-10', checkpoint: 'cp-2' }],
    'GET /hr-performance/appraisals': [200, page([summary])],
    'GET /hr-performance/training-matrix.csv': [200, 'employeeId'],
    'GET /hr-performance/training-matrix': [
      200,
      {
        ...page([
          {
            employeeId: 'lin',
            name: '林小明',
            departmentId: 'tech-support',
            postId: 'engineer',
            done: 1,
            due: 0,
            overdue: 1,
            required: [
              { trainingId: 'onboarding:safety', kind: 'onboarding', title: '安全守則', dueOn: '2026-02-01', status: 'done', completedOn: '2026-01-20', score: 95 },
              { trainingId: 'it-security', kind: 'technical', title: '資訊安全', dueOn: '2026-06-30', status: 'overdue', completedOn: null, score: null },
            ],
          },
        ]),
        year: 2026,
        today: '2026-11-05',
      },
    ],
    'GET /hr-performance/onboarding/overdue': [200, page([{ employeeId: 'chen', name: '陳大文', departmentId: 'tech-support', postId: 'engineer', hiredOn: '2026-10-01', dueOn: '2026-10-31', missingTopics: ['保密協議'] }])],
    'GET /hr-performance/promotion-tracks': [
      200,
      [{ trackId: 'professional', versions: [{ version: 2, name: '專業技術通道', definedAt: '2026-01-01T00:00:00.000Z', levels: [{ level: 'P2', name: '工程師', criteria: { requiredTraining: ['it-security'], minMonthsInLevel: 12 } }] }] }],
    ],
  });
}

// Whole pages of antd in jsdom, several interactions each: minutes on a loaded machine.
const SLOW = 600_000;

describe('HR page', () => {
  it("shows an appraisal's lines, reads the withheld assessment with a reason, and lets HR finalise it", async () => {
    const calls = hrApi();
    renderConsole({ route: '/hr', token: tokenFor({ sub: 'hr-zhou', roles: ['hr'] }) });

    expect(await screen.findByText('已評核')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('開啟 lin 於 2026-10 的考核'));

    const lineTable = await screen.findByLabelText('考核指標');
    expect(within(lineTable).getByText('現場支援')).toBeInTheDocument();
    expect(within(lineTable).getByText('60')).toBeInTheDocument();
    expect(within(lineTable).getByText('職責（主管評分）')).toBeInTheDocument();
    expect(within(lineTable).getByText('品質數據')).toBeInTheDocument();

    await fillIn(screen.getByLabelText('查閱評語的理由'), '年度晉升評審');
    await userEvent.click(screen.getByText('查閱評語'));
    expect(await screen.findByText('支援及時，客戶回饋良好')).toBeInTheDocument();
    expect(calls.some((call) => call.url.includes('reason=%E5%B9%B4%E5%BA%A6'))).toBe(true);

    await userEvent.click(screen.getByText('定案', { selector: 'button span' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url.endsWith('/finalisation'))).toBe(true));
  }, SLOW);

  it('offers an analyst neither the assessment nor the finalisation, and shows the training matrix, what is overdue, onboarding and the tracks', async () => {
    const calls = hrApi();
    renderConsole({ route: '/hr', token: tokenFor({ sub: 'ana', roles: ['analyst'] }), language: 'en' });

    await userEvent.click(await screen.findByLabelText('Open the appraisal of lin for 2026-10'));
    expect(await screen.findByLabelText('Indicators')).toBeInTheDocument();
    expect(screen.queryByText('Finalise')).not.toBeInTheDocument();
    expect(screen.queryByText('Assess')).not.toBeInTheDocument();

    await userEvent.click(screen.getByText('Training matrix', { selector: '.ant-tabs-tab-btn' }));
    const matrix = await screen.findByLabelText('Training matrix 2026');
    expect(await within(matrix).findByText('林小明')).toBeInTheDocument();
    const outstanding = screen.getByLabelText('Training due and overdue');
    expect(within(outstanding).getByText('資訊安全')).toBeInTheDocument();
    expect(within(outstanding).getByText('Overdue')).toBeInTheDocument();
    expect(within(outstanding).queryByText('安全守則')).not.toBeInTheDocument();
    const onboarding = screen.getByLabelText('Overdue onboarding');
    expect(await within(onboarding).findByText('保密協議')).toBeInTheDocument();

    URL.createObjectURL = jest.fn(() => 'blob:matrix');
    URL.revokeObjectURL = jest.fn();
    // The browser saves the file the link names; jsdom would try to navigate to it.
    const saved = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await userEvent.click(screen.getByText('Export CSV'));
    await waitFor(() => expect(calls.some((call) => call.url === '/hr-performance/training-matrix.csv?year=2026')).toBe(true));
    await waitFor(() => expect(saved.mock.contexts).toContainEqual(expect.objectContaining({ href: 'blob:matrix', download: 'training-matrix-2026.csv' })));
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:matrix');
    saved.mockRestore();

    await userEvent.click(screen.getByText('Promotion tracks', { selector: '.ant-tabs-tab-btn' }));
    const track = await screen.findByLabelText('專業技術通道');
    expect(within(track).getByText('training completed: it-security; 12 months in the level below')).toBeInTheDocument();
  }, SLOW);
});
