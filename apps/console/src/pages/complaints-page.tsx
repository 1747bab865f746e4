import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DemandRow, Page } from '../api/types';
import { useLoad } from '../api/use-load';
import { PRIORITY_COLOURS } from '../components/labels';
import { ProblemAlert } from '../components/problem-alert';
import { TimeLeft, minutesUntil } from '../components/time-left';
import { formatDateTime } from '../format';

/** C-2.3: complaints with the time and result promised to the customer, and the countdown to the promise. */
export function ComplaintsPage() {
  const { t, i18n } = useTranslation();
  const complaints = useLoad((api) => api.get<Page<DemandRow>>('/intake/demands', { kind: 'complaint', pageSize: 100 }), [], 15000);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('complaints.title')}</Typography.Title>
      <ProblemAlert error={complaints.error} />
      <Table<DemandRow>
        rowKey="demandId"
        dataSource={complaints.data?.items}
        locale={{ emptyText: t('queue.empty') }}
        columns={[
          { title: t('demand.reference'), dataIndex: 'reference', render: (reference: string, row) => <Link to={`/demands/${row.demandId}`}>{reference}</Link> },
          { title: t('demand.subject'), dataIndex: 'subject' },
          { title: t('demand.priority'), dataIndex: 'priority', render: (value: string) => <Tag color={PRIORITY_COLOURS[value]}>{value}</Tag> },
          { title: t('demand.status'), dataIndex: 'status', render: (value: string) => t(`status.${value}`) },
          { title: t('demand.promisedResult'), dataIndex: 'complaintPromisedResult', render: (value: string | null) => value ?? t('common.none') },
          { title: t('demand.complaintDue'), dataIndex: 'complaintDueAt', render: (value: string | null) => formatDateTime(value, i18n.language) },
          {
            title: t('complaints.countdown'),
            key: 'countdown',
            render: (_: unknown, row) => (row.complaintDueAt && !row.complaintResolvedAt ? <TimeLeft remainingMinutes={minutesUntil(row.complaintDueAt)} /> : t('common.none')),
          },
        ]}
      />
    </Space>
  );
}
