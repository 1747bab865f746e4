import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type Call, fakeApi, fillIn, renderConsole, tokenFor } from '../testing/fake-api';

const page = <T,>(items: T[]) => ({ items, page: 1, pageSize: 100, total: items.length });
const manual = {
  documentId: '0b0e2c1e-1c1a-4d4e-9a55-5b1f0e7f9a01',
  kind: 'operating-manual',
  title: '伺服器維護手冊',
  tags: ['伺服器'],
  ownerId: 'tech-li',
  departmentId: 'tech-support',
  reviewIntervalDays: 365,
  status: 'approved',
  versions: [{ version: 1, fileName: 'server-maintenance.pdf', changeNote: '初版', uploadedAt: '2026-03-01T02:00:00.000Z', uploadedBy: 'tech-li', contentType: 'application/pdf' }],
  releasedVersion: 1,
  nextReviewDue: '2027-03-01T02:00:00.000Z',
  reviews: [{ version: 1, outcome: 'approved', comment: '可發布', at: '2026-03-02T02:00:00.000Z', by: 'head-wang' }],
  links: [],
  reviewDue: false,
  registeredAt: '2026-03-01T02:00:00.000Z',
  registeredBy: 'tech-li',
  updatedAt: '2026-03-02T02:00:00.000Z',
};

function resourceApi(): Call[] {
  return fakeApi({
    [`GET /resource/documents/${manual.documentId}`]: [200, manual],
    'GET /resource/documents?q=': [200, page([manual])],
    'GET /resource/documents': [200, page([])],
    'GET /resource/knowledge/articles': [
      200,
      page([{ articleId: 'a1', kind: 'solution', authorId: 'tech-li', status: 'published', versions: [{ version: 1, title: '印表機卡紙的處理', body: '先關機再取出紙張', tags: [], revisedAt: '2026-05-01T00:00:00.000Z' }], publishedVersion: 1, helpfulCount: 7, viewCount: 42, stale: false, updatedAt: '2026-05-01T00:00:00.000Z' }]),
    ],
    'GET /resource/equipment/assets': [
      200,
      page([{ assetId: 'e1', name: '示波器', category: 'technical', serialNumber: 'OSC-7', departmentId: 'tech-support', status: 'failed', plans: [{ planKey: 'cal', kind: 'calibration', dueOn: '2026-10-01', dueState: 'overdue' }], endOfLifeOn: '2030-01-01' }]),
    ],
    'GET /resource/equipment/maintenance': [200, [{ assetId: 'e1', assetName: '示波器', planKey: 'cal', kind: 'calibration', everyMonths: 12, dueOn: '2026-10-01', state: 'overdue', departmentId: 'tech-support', custodianDepartmentId: 'tech-support', lastPerformedOn: null, notify: [] }]],
    'GET /resource/rd-investment/variance': [
      200,
      {
        year: { budget: 120000, spent: 45000.5, variance: 74999.5, spends: 3 },
        quarters: [{ quarter: 1, budget: 30000, spent: 45000.5, variance: -15000.5, spends: 3 }],
        departments: [{ departmentId: 'software-development', budget: 120000, spent: 45000.5, variance: 74999.5, spends: 3, quarters: [] }],
        lines: [],
      },
    ],
  });
}

// Whole pages of antd in jsdom, several interactions each: minutes on a loaded machine.
const SLOW = 600_000;

describe('resource page', () => {
  it('searches the documents in Chinese and opens one with its versions and reviews', async () => {
    const calls = resourceApi();
    renderConsole({ route: '/resource', token: tokenFor({ sub: 'tech-li', roles: ['technician'] }) });

    await fillIn(await screen.findByLabelText('搜尋文件'), '維護');
    await userEvent.keyboard('{Enter}');
    await userEvent.click(await screen.findByText('伺服器維護手冊'));
    expect(calls.some((call) => call.url.startsWith(`/resource/documents?q=${encodeURIComponent('維護')}`))).toBe(true);

    expect(await screen.findByText('server-maintenance.pdf')).toBeInTheDocument();
    expect(screen.getByText('可發布')).toBeInTheDocument();
    expect(screen.getByText('365 天')).toBeInTheDocument();

    await userEvent.click(screen.getByText('知識庫', { selector: '.ant-tabs-tab-btn' }));
    expect(await screen.findByText('印表機卡紙的處理')).toBeInTheDocument();
    expect(screen.queryByText('設備')).not.toBeInTheDocument();
  }, SLOW);

  it('shows a resource manager the equipment with maintenance overdue and the R&D budget against spending', async () => {
    resourceApi();
    renderConsole({ route: '/resource', token: tokenFor({ sub: 'res-he', roles: ['resource-manager'] }), language: 'en' });

    await userEvent.click(await screen.findByText('Equipment', { selector: '.ant-tabs-tab-btn' }));
    const due = await screen.findByLabelText('Maintenance due and overdue');
    expect(await within(due).findByText('Calibration')).toBeInTheDocument();
    expect(within(due).getByText('Overdue')).toBeInTheDocument();
    const register = screen.getByLabelText('Equipment', { selector: ':not([role="tabpanel"])' });
    expect(await within(register).findByText('OSC-7')).toBeInTheDocument();
    expect(within(register).getByText('Failed')).toBeInTheDocument();

    await userEvent.click(screen.getByText('R&D investment', { selector: '.ant-tabs-tab-btn' }));
    const quarters = await screen.findByLabelText('By quarter');
    expect(within(quarters).getByText('-CN¥15,000.50')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByText('CN¥120,000.00').length).toBeGreaterThan(0));
  }, SLOW);
});
