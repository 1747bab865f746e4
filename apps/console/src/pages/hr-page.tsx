import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types';
import { useLoad } from '../api/use-load';
import { ProblemAlert } from '../components/problem-alert';
import { RecordTable } from '../components/record-table';

type Row = Record<string, unknown>;

/** HR (H-*): the training matrix of the year and the appraisals. */
export function HrPage() {
  const { t } = useTranslation();
  const matrix = useLoad((api) => api.get<Page<Row>>('/hr-performance/training-matrix', { pageSize: 200 }), []);
  const appraisals = useLoad((api) => api.get<Page<Row>>('/hr-performance/appraisals', { pageSize: 200 }), []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('hr.title')}</Typography.Title>
      <Card title={t('hr.trainingMatrix')} size="small">
        <ProblemAlert error={matrix.error} />
        <RecordTable caption={t('hr.trainingMatrix')} rowKey="employeeId" rows={matrix.data?.items} columns={['employeeId', 'name', 'departmentId', 'postId', 'done', 'due', 'overdue']} />
      </Card>
      <Card title={t('hr.appraisals')} size="small">
        <ProblemAlert error={appraisals.error} />
        <RecordTable caption={t('hr.appraisals')} rowKey="appraisalId" rows={appraisals.data?.items} columns={['employeeId', 'departmentId', 'postId', 'kind', 'period', 'status', 'score', 'needsReview']} />
      </Card>
    </Space>
  );
}
