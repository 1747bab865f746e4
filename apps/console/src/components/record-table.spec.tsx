import { render, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router-dom';
import { createI18n, type Language } from '../i18n';
import { RecordTable } from './record-table';

const rows = [
  { caseId: 'c-1', reference: 'SR-2026-000001', status: 'planning', planOverdue: true, lastReportMissed: false, customField: 'x' },
  { caseId: 'c-2', reference: 'SR-2026-000002', status: 'in-delivery', planOverdue: false, lastReportMissed: null, customField: 'y' },
];

function renderTable(language: Language) {
  const i18n = createI18n(language);
  const { container } = render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>
        <RecordTable
          caption="cases"
          rowKey="caseId"
          rows={rows}
          columns={['reference', 'status', 'planOverdue', 'lastReportMissed', 'customField']}
          values={{ status: (status) => i18n.t(`delivery.caseStatus.${status}`) }}
        />
      </MemoryRouter>
    </I18nextProvider>,
  );
  return within(container).getByRole('table');
}

describe('a table of records as the API lists them', () => {
  it("titles its columns in the user's language, a field it has no words for by its name, and says yes or no", () => {
    const table = renderTable('zh-TW');

    expect(within(table).getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['編號', '狀態', '方案逾期', '上次報告缺交', 'customField']);
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(within(first).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['SR-2026-000001', '制定方案', '是', '否', 'x']);
    expect(within(second).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['SR-2026-000002', '交付中', '否', '—', 'y']);
  });

  it('speaks Simplified Chinese and English alike', () => {
    const table = renderTable('zh-CN');
    expect(within(table).getByRole('columnheader', { name: '上次报告缺交' })).toBeInTheDocument();
    expect(within(table).getAllByRole('cell', { name: '是' })).toHaveLength(1);

    const english = renderTable('en');
    expect(within(english).getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Reference', 'Status', 'Plan overdue', 'Last report missed', 'customField']);
    expect(within(english).getAllByRole('cell', { name: 'No' })).toHaveLength(2);
  });
});
