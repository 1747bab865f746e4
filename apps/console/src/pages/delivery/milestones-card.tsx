import { Card, DatePicker, Form, Input, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { useCan } from '../../session/session-context';
import { CaseAction } from './case-action';
import { DELIVERING, type CaseAct, type CaseMilestone, type ServiceCaseDetail } from './case-types';
import { WorkCompletionForm, completionOfForm, type CompletionValues } from './work-completion-form';

const STATUS_COLOURS: Record<CaseMilestone['status'], string> = { open: 'blue', done: 'green', waived: 'default' };

/**
 * The approved plan's milestones with their due dates, the standards each follows, the date now expected
 * after a deviation, and when each was done (P-4.2). The team completes them, with evidence for every check
 * of their standards, and records deviations; those who manage the team waive one that no longer applies.
 */
export function MilestonesCard({ serviceCase: c, act }: { serviceCase: ServiceCaseDetail; act: CaseAct }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const now = Date.now();
  const delivering = DELIVERING.includes(c.status);
  const reporting = can('progress:report') && delivering;
  const managing = can('team:manage') && delivering;
  const path = (m: CaseMilestone, command: string) => `milestones/${encodeURIComponent(m.milestoneId)}/${command}`;
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
          {
            title: t('delivery.standards'),
            key: 'standards',
            render: (_: unknown, m) =>
              m.standards.length === 0
                ? t('common.none')
                : m.standards.map((s) => <Tag key={`${s.stepId ?? ''}/${s.standardId}`}>{t('delivery.standardVersion', { standard: s.title, version: s.version })}</Tag>),
          },
          { title: t('delivery.status'), dataIndex: 'status', render: (status: CaseMilestone['status']) => <Tag color={STATUS_COLOURS[status]}>{t(`delivery.milestoneStatus.${status}`)}</Tag> },
          {
            title: t('delivery.completedAt'),
            key: 'completedAt',
            render: (_: unknown, m) => (m.completedAt ? <>{formatDateTime(m.completedAt, i18n.language)} {m.late && <Tag color="orange">{t('delivery.late')}</Tag>}</> : t('common.none')),
          },
          ...(reporting || managing
            ? [
                {
                  title: t('delivery.actions'),
                  key: 'actions',
                  render: (_: unknown, m: CaseMilestone) => {
                    if (m.status !== 'open') return null;
                    // The steps' own standards are evidenced when each step is completed.
                    const standards = m.standards.filter((s) => s.stepId === undefined);
                    return (
                      <Space wrap>
                        {reporting && (
                          <CaseAction<CompletionValues>
                            label={t('delivery.complete')}
                            title={t('delivery.completeMilestone', { milestone: m.title })}
                            onSubmit={(values) => act(path(m, 'completion'), completionOfForm(standards, values))}
                          >
                            <WorkCompletionForm standards={standards} late={Date.parse(m.dueAt) < now} />
                          </CaseAction>
                        )}
                        {reporting && (
                          <CaseAction<{ expectedAt: Dayjs; reason: string }>
                            label={t('delivery.recordDeviation')}
                            title={t('delivery.recordDeviationOf', { milestone: m.title })}
                            onSubmit={({ expectedAt, reason }) => act(path(m, 'deviations'), { expectedAt: expectedAt.toISOString(), reason })}
                          >
                            <Form.Item label={t('delivery.expectedAt')} name="expectedAt" rules={[{ required: true }]}>
                              <DatePicker showTime />
                            </Form.Item>
                            <Form.Item label={t('delivery.deviationReason')} name="reason" rules={[{ required: true }]}>
                              <Input />
                            </Form.Item>
                          </CaseAction>
                        )}
                        {managing && (
                          <CaseAction<{ reason: string }>
                            label={t('delivery.waive')}
                            title={t('delivery.waiveMilestone', { milestone: m.title })}
                            onSubmit={(values) => act(path(m, 'waiver'), values)}
                          >
                            <Form.Item label={t('delivery.waiverReason')} name="reason" rules={[{ required: true }]}>
                              <Input.TextArea rows={2} />
                            </Form.Item>
                          </CaseAction>
                        )}
                      </Space>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
