import { Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../api/types';
import { useDepartments } from '../../api/use-departments';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { formatScore } from '../../format';
import { AppraisalDetail } from './appraisal-detail';
import { APPRAISAL_STATUS_COLOURS, type AppraisalSummary } from './hr-types';

interface Filters {
  employee?: string;
  period?: string;
  status?: string;
}

/** The appraisals the user may see, by person, period and status; one opened shows its lines and what may be done. */
export function AppraisalsTab() {
  const { t, i18n } = useTranslation();
  const departments = useDepartments();
  const [filters, setFilters] = useState<Filters>({});
  const [openId, setOpenId] = useState<string>();
  const appraisals = useLoad((api) => api.get<Page<AppraisalSummary>>('/hr-performance/appraisals', { ...filters, pageSize: 100 }), [filters]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Form layout="inline" onFinish={(values: Filters) => setFilters(values)}>
        <Form.Item label={t('hr.employee')} name="employee">
          <Input allowClear />
        </Form.Item>
        <Form.Item label={t('hr.period')} name="period" tooltip={t('hr.periodHint')}>
          <Input allowClear placeholder="2026 / 2026-11" />
        </Form.Item>
        <Form.Item label={t('hr.status')} name="status">
          <Select allowClear style={{ minWidth: 140 }} options={Object.keys(APPRAISAL_STATUS_COLOURS).map((status) => ({ value: status, label: t(`hr.appraisalStatus.${status}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('hr.filter')}
        </Button>
      </Form>
      <ProblemAlert error={appraisals.error} />
      <Table<AppraisalSummary>
        size="small"
        aria-label={t('hr.appraisals')}
        rowKey="appraisalId"
        loading={appraisals.loading}
        dataSource={appraisals.data?.items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('hr.employee'), dataIndex: 'employeeId' },
          departments.column(t('hr.department')),
          { title: t('hr.period'), dataIndex: 'period' },
          { title: t('hr.kind'), dataIndex: 'kind', render: (kind: string) => t(`hr.appraisalKind.${kind}`) },
          { title: t('hr.status'), dataIndex: 'status', render: (status: string) => <Tag color={APPRAISAL_STATUS_COLOURS[status]}>{t(`hr.appraisalStatus.${status}`)}</Tag> },
          { title: t('hr.score'), dataIndex: 'score', render: (score: number | null) => (score === null ? t('common.none') : formatScore(score, i18n.language)) },
          { title: t('hr.needsReview'), dataIndex: 'needsReview', render: (flagged: boolean) => (flagged ? <Tag color="orange">{t('hr.needsReview')}</Tag> : null) },
          {
            title: t('common.open'),
            key: 'open',
            render: (_: unknown, row) => (
              <Button size="small" aria-label={t('hr.openAppraisal', { employee: row.employeeId, period: row.period })} onClick={() => setOpenId(row.appraisalId)}>
                {t('common.open')}
              </Button>
            ),
          },
        ]}
      />
      {openId && <AppraisalDetail appraisalId={openId} onChanged={appraisals.reload} />}
    </Space>
  );
}
