import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApiClient } from '../api/api-client';
import type { Breaches, DemandRow, Page } from '../api/types';
import { useDepartments } from '../api/use-departments';
import { useLoad } from '../api/use-load';
import { ProblemAlert } from '../components/problem-alert';
import { currentPeriod } from '../format';
import { useSession } from '../session/session-context';
import type { Permission } from '../session/permissions';

interface DeliveryWork {
  cases: unknown[];
  expertReviews: unknown[];
  followUpVisitsDue: unknown[];
  afterSalesProblems: unknown[];
  meetingActions: unknown[];
}

interface WorkItem {
  key: string;
  title: string;
  to: string;
  permission: Permission;
  count(api: ApiClient): Promise<number>;
}

const REFRESH_MS = 30000;

/** "My work": what waits for the signed-in user, one card per thing their roles do, each linking to its page. */
export function MyWorkPage() {
  const { t } = useTranslation();
  const session = useSession();
  const total = (page: Page<unknown>) => page.total;
  const { nameOf } = useDepartments();
  const items = ([
    { key: 'triage', title: t('myWork.toTriage'), to: '/demands', permission: 'demand:triage', count: (api) => api.get<Page<DemandRow>>('/intake/demands', { status: 'registered', pageSize: 1, count: 'exact' }).then(total) },
    { key: 'assign', title: t('myWork.toAssign'), to: '/demands', permission: 'demand:assign', count: (api) => api.get<Page<DemandRow>>('/intake/demands', { status: 'triaged', pageSize: 1, count: 'exact' }).then(total) },
    ...session.departments.map(
      (department): WorkItem => ({
        key: `queue-${department}`,
        title: t('myWork.departmentQueue', { department: nameOf(department) }),
        to: '/demands',
        permission: 'demand:read',
        count: (api) => api.get<Page<DemandRow>>(`/intake/departments/${department}/queue`, { pageSize: 1, count: 'exact' }).then(total),
      }),
    ),
    { key: 'complaints', title: t('myWork.overdueComplaints'), to: '/complaints', permission: 'complaint:handle', count: (api) => api.get<DemandRow[]>('/intake/complaints/overdue').then((rows) => rows.length) },
    { key: 'cases', title: t('myWork.cases'), to: '/delivery', permission: 'plan:draft', count: (api) => api.get<DeliveryWork>('/service-delivery/my-work').then((work) => work.cases.length + work.expertReviews.length) },
    { key: 'breaches', title: t('myWork.breaches'), to: '/quality', permission: 'quality:read', count: (api) => api.get<Breaches>('/quality-monitoring/breaches', { period: currentPeriod() }).then((b) => b.total) },
    { key: 'warnings', title: t('myWork.openWarnings'), to: '/risk', permission: 'risk:read', count: (api) => api.get<Page<unknown>>('/risk/warnings', { state: 'open', pageSize: 1 }).then(total) },
  ] satisfies WorkItem[] as WorkItem[]).filter((item) => session.permissions.has(item.permission));
  return (
    <>
      <Typography.Title level={2}>{t('myWork.title')}</Typography.Title>
      <Typography.Paragraph>{t('myWork.greeting', { user: session.displayName ?? session.userId })}</Typography.Paragraph>
      {items.length === 0 && <Typography.Paragraph>{t('myWork.nothing')}</Typography.Paragraph>}
      <Row gutter={[16, 16]}>
        {items.map((item) => (
          <Col key={item.key} xs={24} sm={12} lg={8}>
            <WorkCard item={item} />
          </Col>
        ))}
      </Row>
    </>
  );
}

function WorkCard({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  const count = useLoad((api) => item.count(api), [item.key], REFRESH_MS);
  return (
    <Card title={item.title} extra={<Link to={item.to} aria-label={`${t('common.open')}: ${item.title}`}>{t('common.open')}</Link>}>
      {count.error ? <ProblemAlert error={count.error} /> : <Statistic value={count.data ?? '…'} aria-label={item.title} />}
    </Card>
  );
}
