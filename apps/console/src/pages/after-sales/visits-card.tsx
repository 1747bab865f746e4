import { Card, DatePicker, Form, Input, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../api/use-departments';
import { formatDateTime } from '../../format';
import { useCan } from '../../session/session-context';
import { CaseAction } from '../delivery/case-action';
import type { AfterSalesAct, FollowUpVisitView } from './after-sales-types';
import { CaseLink } from './case-link';
import { RecordVisitFields, recordVisitBody, type RecordVisitValues } from './record-visit-fields';

const STATUS_COLOURS: Record<string, string> = { scheduled: 'blue', due: 'orange', completed: 'green', cancelled: 'default' };

/** Only a visit not yet done or cancelled is recorded or cancelled (P-6.1). */
const pending = (visit: FollowUpVisitView) => visit.status === 'scheduled' || visit.status === 'due';

/**
 * Follow-up visits with their outcome; those who record visits record or cancel a pending one and, on a
 * chosen case, ask for another visit.
 */
export function VisitsCard({
  title,
  visits,
  references,
  act,
  caseId,
}: {
  title: string;
  visits?: FollowUpVisitView[];
  references: ReadonlyMap<string, string>;
  act: AfterSalesAct;
  /** The case chosen, on which a visit can be requested. */
  caseId?: string;
}) {
  const { t, i18n } = useTranslation();
  const departments = useDepartments();
  const can = useCan();
  const mayRecord = can('follow-up:record');
  const name = (visit: FollowUpVisitView) => t('afterSales.visitName', { number: visit.visitNumber, reference: references.get(visit.caseId) ?? visit.caseId });
  return (
    <Card
      size="small"
      title={title}
      extra={
        mayRecord &&
        caseId && (
          <CaseAction<{ dueAt: Dayjs }> label={t('afterSales.requestVisit')} onSubmit={({ dueAt }) => act(`cases/${caseId}/follow-up-visits`, { dueAt: dueAt.toISOString() })}>
            <Form.Item label={t('afterSales.dueAt')} name="dueAt" rules={[{ required: true }]}>
              <DatePicker showTime />
            </Form.Item>
          </CaseAction>
        )
      }
    >
      <Table<FollowUpVisitView>
        size="small"
        aria-label={title}
        rowKey="visitId"
        dataSource={visits}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: true }}
        columns={[
          { title: t('afterSales.case'), key: 'case', render: (_: unknown, visit) => <CaseLink caseId={visit.caseId} references={references} /> },
          { title: t('afterSales.visitNumber'), dataIndex: 'visitNumber' },
          departments.column(t('afterSales.department')),
          { title: t('afterSales.dueAt'), dataIndex: 'dueAt', render: (at: string) => formatDateTime(at, i18n.language) },
          {
            title: t('afterSales.status'),
            dataIndex: 'status',
            render: (status: string) => <Tag color={STATUS_COLOURS[status]}>{t(`afterSales.visitStatus.${status}`, { defaultValue: status })}</Tag>,
          },
          {
            title: t('afterSales.outcome'),
            key: 'outcome',
            render: (_: unknown, visit) =>
              visit.status === 'completed'
                ? t('afterSales.outcomeText', {
                    channel: t(`afterSales.channels.${visit.channel ?? ''}`, { defaultValue: visit.channel ?? '' }),
                    satisfaction: visit.satisfaction,
                    highest: visit.scaleHighest ?? 5,
                    findings: visit.findings.length,
                    at: formatDateTime(visit.visitedAt, i18n.language),
                  })
                : t('common.none'),
          },
          ...(mayRecord
            ? [
                {
                  title: t('afterSales.actions'),
                  key: 'actions',
                  render: (_: unknown, visit: FollowUpVisitView) =>
                    pending(visit) && (
                      <Space wrap>
                        <CaseAction<RecordVisitValues>
                          primary
                          label={t('afterSales.recordVisit')}
                          title={t('afterSales.recordVisitOf', { visit: name(visit) })}
                          onSubmit={(values) => act(`follow-up-visits/${visit.visitId}/record`, recordVisitBody(values))}
                        >
                          <RecordVisitFields />
                        </CaseAction>
                        <CaseAction<{ reason: string }>
                          label={t('afterSales.cancelVisit')}
                          title={t('afterSales.cancelVisitOf', { visit: name(visit) })}
                          onSubmit={(values) => act(`follow-up-visits/${visit.visitId}/cancellation`, values)}
                        >
                          <Form.Item label={t('afterSales.reason')} name="reason" rules={[{ required: true, whitespace: true }]}>
                            <Input />
                          </Form.Item>
                        </CaseAction>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
