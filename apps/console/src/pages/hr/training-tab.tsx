import { Button, Card, InputNumber, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../api/types';
import { useDepartments } from '../../api/use-departments';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../session/session-context';
import { type MatrixRow, type OverdueOnboarding, type RequiredTraining, TRAINING_STATUS_COLOURS } from './hr-types';

interface TrainingMatrix extends Page<MatrixRow> {
  year: number;
  today: string;
}

type Outstanding = RequiredTraining & Pick<MatrixRow, 'employeeId' | 'name' | 'departmentId'>;

/** The training matrix of a year (each person's required trainings), what is due or overdue, overdue onboarding, and the CSV. */
export function TrainingTab() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const api = useApi();
  const [year, setYear] = useState<number>();
  const [error, setError] = useState<unknown>();
  const matrix = useLoad((client) => client.get<TrainingMatrix>('/hr-performance/training-matrix', { year, pageSize: 200 }), [year]);
  const onboarding = useLoad((client) => client.get<Page<OverdueOnboarding>>('/hr-performance/onboarding/overdue', { pageSize: 200 }), []);
  const shownYear = year ?? matrix.data?.year;
  const outstanding: Outstanding[] = (matrix.data?.items ?? []).flatMap((row) =>
    row.required.filter((training) => training.status !== 'done').map((training) => ({ ...training, employeeId: row.employeeId, name: row.name, departmentId: row.departmentId })),
  );
  const exportCsv = async () => {
    setError(undefined);
    try {
      await api.download('/hr-performance/training-matrix.csv', { year: shownYear }, `training-matrix-${shownYear ?? ''}.csv`);
    } catch (failure) {
      setError(failure);
    }
  };
  const statusTag = (status: string) => <Tag color={TRAINING_STATUS_COLOURS[status]}>{t(`hr.trainingStatus.${status}`)}</Tag>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Space wrap>
        <label htmlFor="hr-training-year">{t('hr.year')}</label>
        <InputNumber id="hr-training-year" min={2000} max={2100} value={shownYear} onChange={(value) => setYear(value ?? undefined)} />
        <Button onClick={exportCsv}>{t('common.exportCsv')}</Button>
      </Space>
      <ProblemAlert error={error ?? matrix.error} />
      <Card title={t('hr.trainingMatrixOf', { year: shownYear ?? '' })} size="small">
        <Table<MatrixRow>
          size="small"
          aria-label={t('hr.trainingMatrixOf', { year: shownYear ?? '' })}
          rowKey="employeeId"
          loading={matrix.loading}
          dataSource={matrix.data?.items}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          expandable={{
            expandedRowRender: (row) => (
              <Table<RequiredTraining>
                size="small"
                aria-label={t('hr.requiredOf', { name: row.name })}
                rowKey="trainingId"
                pagination={false}
                dataSource={row.required}
                columns={[
                  { title: t('hr.training'), dataIndex: 'title' },
                  { title: t('hr.kind'), dataIndex: 'kind' },
                  { title: t('hr.dueOn'), dataIndex: 'dueOn' },
                  { title: t('hr.status'), dataIndex: 'status', render: statusTag },
                  { title: t('hr.completedOn'), dataIndex: 'completedOn', render: (on: string | null) => on ?? t('common.none') },
                  { title: t('hr.score'), dataIndex: 'score', render: (score: number | null) => score ?? t('common.none') },
                ]}
              />
            ),
          }}
          columns={[
            { title: t('hr.employee'), dataIndex: 'employeeId' },
            { title: t('hr.name'), dataIndex: 'name' },
            departments.column(t('hr.department')),
            { title: t('hr.post'), dataIndex: 'postId' },
            { title: t('hr.trainingStatus.done'), dataIndex: 'done' },
            { title: t('hr.trainingStatus.due'), dataIndex: 'due' },
            { title: t('hr.trainingStatus.overdue'), dataIndex: 'overdue', render: (count: number) => (count > 0 ? <Tag color="red">{count}</Tag> : count) },
          ]}
        />
      </Card>
      <Card title={t('hr.outstanding')} size="small">
        <Table<Outstanding>
          size="small"
          aria-label={t('hr.outstanding')}
          rowKey={(row) => `${row.employeeId}:${row.trainingId}`}
          dataSource={outstanding}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t('hr.name'), dataIndex: 'name' },
            departments.column(t('hr.department')),
            { title: t('hr.training'), dataIndex: 'title' },
            { title: t('hr.dueOn'), dataIndex: 'dueOn' },
            { title: t('hr.status'), dataIndex: 'status', render: statusTag },
          ]}
        />
      </Card>
      <Card title={t('hr.onboardingOverdue')} size="small">
        <ProblemAlert error={onboarding.error} />
        <Table<OverdueOnboarding>
          size="small"
          aria-label={t('hr.onboardingOverdue')}
          rowKey="employeeId"
          dataSource={onboarding.data?.items}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t('hr.name'), dataIndex: 'name' },
            departments.column(t('hr.department')),
            { title: t('hr.post'), dataIndex: 'postId' },
            { title: t('hr.hiredOn'), dataIndex: 'hiredOn' },
            { title: t('hr.dueOn'), dataIndex: 'dueOn' },
            { title: t('hr.missingTopics'), dataIndex: 'missingTopics', render: (topics: string[]) => topics.join('、') },
          ]}
        />
      </Card>
    </Space>
  );
}
