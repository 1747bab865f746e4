import { Card, Form, Input, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { useCan } from '../../session/session-context';
import { CaseAction } from './case-action';
import { DELIVERING, type CaseAct, type CaseMilestone, type ServiceCaseDetail } from './case-types';

const STATUS_COLOURS: Record<CaseMilestone['status'], string> = { open: 'blue', done: 'green', waived: 'default' };

/** The approved plan's milestones with their due dates, and when each was done (P-4.2); the team completes them. */
export function MilestonesCard({ serviceCase: c, act }: { serviceCase: ServiceCaseDetail; act: CaseAct }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const now = Date.now();
  const completing = can('progress:report') && DELIVERING.includes(c.status);
  return (
    <Card size="small" title={t('delivery.milestones')}>
      <Table<CaseMilestone>
        size="small"
        aria-label={t('delivery.milestones')}
        rowKey="milestoneId"
        pagination={false}
        dataSource={c.milestones}
        columns={[
          { title: t('delivery.milestone'), dataIndex: 'title' },
          {
            title: t('delivery.dueAt'),
            key: 'dueAt',
            render: (_: unknown, m) => (
              <>
                {formatDateTime(m.dueAt, i18n.language)} {m.status === 'open' && Date.parse(m.dueAt) < now && <Tag color="red">{t('delivery.overdue')}</Tag>}
              </>
            ),
          },
          { title: t('delivery.expectedAt'), dataIndex: 'expectedAt', render: (at: string | null) => (at ? formatDateTime(at, i18n.language) : t('common.none')) },
          { title: t('delivery.status'), dataIndex: 'status', render: (status: CaseMilestone['status']) => <Tag color={STATUS_COLOURS[status]}>{t(`delivery.milestoneStatus.${status}`)}</Tag> },
          {
            title: t('delivery.completedAt'),
            key: 'completedAt',
            render: (_: unknown, m) => (m.completedAt ? <>{formatDateTime(m.completedAt, i18n.language)} {m.late && <Tag color="orange">{t('delivery.late')}</Tag>}</> : t('common.none')),
          },
          ...(completing
            ? [
                {
                  title: t('delivery.actions'),
                  key: 'actions',
                  render: (_: unknown, m: CaseMilestone) =>
                    m.status === 'open' && (
                      <CaseAction<{ evidence: string; lateReason?: string }>
                        label={t('delivery.complete')}
                        title={t('delivery.completeMilestone', { milestone: m.title })}
                        onSubmit={({ evidence, lateReason }) => act(`milestones/${encodeURIComponent(m.milestoneId)}/completion`, { evidence, ...(lateReason && { lateReason }) })}
                      >
                        <Form.Item label={t('delivery.evidence')} name="evidence" rules={[{ required: true }]}>
                          <Input.TextArea rows={3} />
                        </Form.Item>
                        {Date.parse(m.dueAt) < now && (
                          <Form.Item label={t('delivery.lateReason')} name="lateReason" rules={[{ required: true }]}>
                            <Input />
                          </Form.Item>
                        )}
                      </CaseAction>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
