import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types';
import { useDepartments } from '../api/use-departments';
import { useLoad } from '../api/use-load';
import { ProblemAlert } from '../components/problem-alert';
import { RecordTable } from '../components/record-table';

type Row = Record<string, unknown>;

/**
 * Department heads and delivery teams: their departments' cases (plan due, reports due and missed, acceptance
 * rounds), each opened by its reference, and what waits for them (expert reviews, follow-up visits, after-sales problems).
 */
export function DeliveryPage() {
  const { t } = useTranslation();
  const { nameOf } = useDepartments();
  const cases = useLoad((api) => api.get<Page<Row>>('/service-delivery/cases', { pageSize: 200 }), [], 30000);
  const work = useLoad((api) => api.get<Record<string, Row[]>>('/service-delivery/my-work'), [], 30000);
  // A case's status and complexity in words and its departments by name, in the departments' cases and in the user's own.
  const caseValues = {
    departmentId: nameOf,
    responsibleDepartmentId: nameOf,
    status: (status: string) => t(`delivery.caseStatus.${status}`, { defaultValue: status }),
    complexity: (complexity: string) => t(`complexity.${complexity}`, { defaultValue: complexity }),
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('delivery.title')}</Typography.Title>
      <ProblemAlert error={cases.error ?? work.error} />
      <Card title={t('delivery.title')} size="small">
        <RecordTable
          caption={t('delivery.title')}
          rowKey="caseId"
          rows={cases.data?.items}
          values={caseValues}
          links={{ reference: (row) => `/cases/${String(row.caseId)}` }}
          columns={['reference', 'departmentId', 'status', 'complexity', 'planDueAt', 'planOverdue', 'projectManagerId', 'reportDueAt', 'reportsMissed', 'acceptanceRound', 'acceptedAt']}
        />
      </Card>
      {Object.entries(work.data ?? {})
        .filter(([, rows]) => rows.length > 0)
        .map(([list, rows]) => {
          const title = t(`delivery.myWork.${list}`, { defaultValue: list });
          return (
            <Card key={list} title={title} size="small">
              <RecordTable caption={title} rowKey={Object.keys(rows[0])[0]} rows={rows} columns={Object.keys(rows[0]).slice(0, 8)} values={list === 'cases' ? caseValues : {}} />
            </Card>
          );
        })}
    </Space>
  );
}
