import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Clock, DemandRow, Page } from '../api/types';
import { useDepartments } from '../api/use-departments';
import { useLoad } from '../api/use-load';
import { DEMAND_KINDS, DEMAND_STATUSES, PRIORITIES, PRIORITY_COLOURS } from '../components/labels';
import { ProblemAlert } from '../components/problem-alert';
import { TimeLeft, minutesUntil } from '../components/time-left';
import { formatDateTime } from '../format';
import { useCan, useSession } from '../session/session-context';

const REFRESH_MS = 15000;

/**
 * The live queue: demands by status, priority and SLA time left, refreshed every 15 s. Department members
 * and heads see their departments' demands (the API scopes them); the SLA clocks of the page's demands come
 * from quality monitoring and are shown to the roles that work or monitor demands (sla-clock:read). The search box
 * finds demands by reference (or its number) or by words of their subject (`q`), within the same scope and filters.
 */
export function DemandQueuePage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const session = useSession();
  const departments = useDepartments();
  const [status, setStatus] = useState<string>();
  const [priority, setPriority] = useState<string>();
  const [kind, setKind] = useState<string>();
  const [department, setDepartment] = useState<string>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const search = (text: string) => {
    setQ(text.trim());
    setPage(1);
  };
  const demands = useLoad(
    (api) => api.get<Page<DemandRow>>('/intake/demands', { q, status, priority, kind, department, page, pageSize: 50, count: 'exact' }),
    [q, status, priority, kind, department, page],
    REFRESH_MS,
  );
  // The clocks of the demands on this page, in one request: every running clock of a department would not fit a page.
  const shown = (demands.data?.items ?? []).map((demand) => demand.demandId).join(',');
  const clocks = useLoad(
    async (api) => (can('sla-clock:read') && shown ? api.get<Page<Clock>>('/quality-monitoring/clocks', { demands: shown, state: 'running', pageSize: 200 }) : undefined),
    [shown],
    REFRESH_MS,
  );
  const nearest = new Map<string, Clock>();
  for (const clock of clocks.data?.items ?? []) {
    const known = nearest.get(clock.demandId);
    if (!known || clock.remainingMinutes < known.remainingMinutes) nearest.set(clock.demandId, clock);
  }
  const options = (values: readonly string[], prefix: string) => values.map((value) => ({ value, label: prefix ? t(`${prefix}.${value}`) : value }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('queue.title')}</Typography.Title>
      <Space wrap>
        <Input.Search aria-label={t('queue.search')} placeholder={t('queue.search')} allowClear enterButton maxLength={100} onSearch={search} style={{ width: 320 }} />
        <Select aria-label={t('queue.statusFilter')} placeholder={t('queue.statusFilter')} allowClear value={status} onChange={setStatus} options={options(DEMAND_STATUSES, 'status')} style={{ width: 160 }} />
        <Select aria-label={t('queue.priorityFilter')} placeholder={t('queue.priorityFilter')} allowClear value={priority} onChange={setPriority} options={options(PRIORITIES, '')} style={{ width: 120 }} />
        <Select aria-label={t('queue.kindFilter')} placeholder={t('queue.kindFilter')} allowClear value={kind} onChange={setKind} options={options(DEMAND_KINDS, 'kind')} style={{ width: 140 }} />
        {session.departments.length > 0 && (
          <Select aria-label={t('queue.departmentFilter')} placeholder={t('queue.departmentFilter')} allowClear value={department} onChange={setDepartment} options={session.departments.map((value) => ({ value, label: departments.nameOf(value) }))} style={{ width: 180 }} />
        )}
        <Button onClick={demands.reload}>{t('common.refresh')}</Button>
        <Typography.Text type="secondary">{t('common.live', { seconds: REFRESH_MS / 1000 })}</Typography.Text>
      </Space>
      {!can('sla-clock:read') && <Typography.Text type="secondary">{t('queue.slaHidden')}</Typography.Text>}
      <ProblemAlert error={demands.error ?? clocks.error} />
      <Table<DemandRow>
        rowKey="demandId"
        loading={demands.loading && !demands.data}
        dataSource={demands.data?.items}
        locale={{ emptyText: t('queue.empty') }}
        pagination={{ current: page, pageSize: 50, total: demands.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('demand.reference'), dataIndex: 'reference', render: (reference: string, row) => <Link to={`/demands/${row.demandId}`}>{reference}</Link> },
          { title: t('demand.subject'), dataIndex: 'subject' },
          { title: t('demand.kind'), dataIndex: 'kind', render: (value: string) => t(`kind.${value}`) },
          { title: t('demand.priority'), dataIndex: 'priority', render: (value: string) => <Tag color={PRIORITY_COLOURS[value]}>{value}</Tag> },
          {
            title: t('demand.status'),
            dataIndex: 'status',
            render: (value: string, row) => (
              <Space size={4}>
                {t(`status.${value}`)}
                {(row.waitingSince || row.waitingOnThirdPartySince) && <Tag>{t('demand.waiting')}</Tag>}
              </Space>
            ),
          },
          departments.column(t('demand.department'), t('common.none')),
          { title: t('demand.receivedAt'), dataIndex: 'receivedAt', render: (value: string) => formatDateTime(value, i18n.language) },
          {
            title: t('demand.slaLeft'),
            key: 'sla',
            render: (_: unknown, row) => {
              const clock = nearest.get(row.demandId);
              if (clock) return <TimeLeft remainingMinutes={clock.remainingMinutes} warned={clock.warned} breached={clock.breached} />;
              if (row.complaintDueAt && !row.complaintResolvedAt) return <TimeLeft remainingMinutes={minutesUntil(row.complaintDueAt)} />;
              return t('common.none');
            },
          },
        ]}
      />
    </Space>
  );
}
