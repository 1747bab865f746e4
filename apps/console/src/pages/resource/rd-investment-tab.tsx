import { Card, Descriptions, InputNumber, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../api/use-departments';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import type { VarianceFigures, VarianceReport } from './resource-types';

/** R&D investment of a year: budget against spending for the year, each quarter and each department, in CNY. */
export function RdInvestmentTab() {
  const { t, i18n } = useTranslation();
  const departments = useDepartments();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const report = useLoad((api) => api.get<VarianceReport>('/resource/rd-investment/variance', { year }), [year]);
  const cny = (amount: number) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'CNY' }).format(amount);
  const figureColumns = [
    { title: t('resource.budget'), dataIndex: 'budget', render: cny },
    { title: t('resource.spent'), dataIndex: 'spent', render: cny },
    { title: t('resource.variance'), dataIndex: 'variance', render: cny },
    { title: t('resource.spends'), dataIndex: 'spends' },
  ];
  const r = report.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Space>
        <label htmlFor="resource-rd-year">{t('resource.year')}</label>
        <InputNumber id="resource-rd-year" min={2000} max={2100} value={year} onChange={(value) => value && setYear(value)} />
      </Space>
      <ProblemAlert error={report.error} />
      {r && (
        <>
          <Descriptions size="small" bordered title={t('resource.rdYear', { year })} column={{ xs: 1, md: 4 }}>
            <Descriptions.Item label={t('resource.budget')}>{cny(r.year.budget)}</Descriptions.Item>
            <Descriptions.Item label={t('resource.spent')}>{cny(r.year.spent)}</Descriptions.Item>
            <Descriptions.Item label={t('resource.variance')}>{cny(r.year.variance)}</Descriptions.Item>
            <Descriptions.Item label={t('resource.spends')}>{r.year.spends}</Descriptions.Item>
          </Descriptions>
          <Card title={t('resource.byQuarter')} size="small">
            <Table<VarianceFigures & { quarter: number }>
              size="small"
              aria-label={t('resource.byQuarter')}
              rowKey="quarter"
              pagination={false}
              dataSource={r.quarters}
              columns={[{ title: t('resource.quarter'), dataIndex: 'quarter', render: (quarter: number) => `Q${quarter}` }, ...figureColumns]}
            />
          </Card>
          <Card title={t('resource.byDepartment')} size="small">
            <Table<VarianceFigures & { departmentId: string }>
              size="small"
              aria-label={t('resource.byDepartment')}
              rowKey="departmentId"
              pagination={false}
              dataSource={r.departments}
              columns={[departments.column(t('resource.department')), ...figureColumns]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
