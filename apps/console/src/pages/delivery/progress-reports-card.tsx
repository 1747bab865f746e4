import { Button, Card, Descriptions, Empty, Form, Input, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TimeLeft, minutesUntil } from '../../components/time-left';
import { formatDateTime } from '../../format';
import { useCan } from '../../session/session-context';
import { CaseAction } from './case-action';
import { DELIVERING, type CaseAct, type ServiceCaseDetail } from './case-types';

interface ReportValues {
  progress: string;
  problems?: { problem: string; solution: string }[];
}

/**
 * The progress reports the customer is owed at each interval (P-4.3): the next one due, those sent and the
 * due times missed; the team sends one with the problems met and how each is solved.
 */
export function ProgressReportsCard({ serviceCase: c, act }: { serviceCase: ServiceCaseDetail; act: CaseAct }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  return (
    <Card
      size="small"
      title={t('delivery.progressReports')}
      extra={
        can('progress:report') &&
        DELIVERING.includes(c.status) && (
          <CaseAction<ReportValues>
            label={t('delivery.recordReport')}
            primary
            initialValues={{ problems: [] }}
            onSubmit={({ progress, problems }) => act('progress-reports', { progress, problems: problems ?? [] })}
          >
            <Form.Item label={t('delivery.progress')} name="progress" rules={[{ required: true }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.List name="problems">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <Space key={field.key} align="baseline" wrap>
                      <Form.Item label={t('delivery.problem', { n: index + 1 })} name={[field.name, 'problem']} rules={[{ required: true }]}>
                        <Input style={{ width: 260 }} />
                      </Form.Item>
                      <Form.Item label={t('delivery.solution', { n: index + 1 })} name={[field.name, 'solution']} rules={[{ required: true }]}>
                        <Input style={{ width: 260 }} />
                      </Form.Item>
                      <Button onClick={() => remove(field.name)}>{t('delivery.remove')}</Button>
                    </Space>
                  ))}
                  <Form.Item>
                    <Button onClick={() => add()}>{t('delivery.addProblem')}</Button>
                  </Form.Item>
                </>
              )}
            </Form.List>
          </CaseAction>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('delivery.nextReportDue')}>
            {c.reportDueAt ? (
              <>
                {formatDateTime(c.reportDueAt, i18n.language)} <TimeLeft remainingMinutes={minutesUntil(c.reportDueAt)} />
              </>
            ) : (
              t('common.none')
            )}
            {c.lastReportMissed && <Tag color="red">{t('delivery.lastReportMissed')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('delivery.reportsSent')}>{c.reportsSent}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.reportsMissed')}>{c.reportsMissed}</Descriptions.Item>
        </Descriptions>
        {c.progressReports.length === 0 ? (
          <Empty description={t('delivery.noReports')} />
        ) : (
          <Timeline
            items={c.progressReports.map((report) => ({
              key: report.kind === 'sent' ? `report-${report.reportNumber}` : `missed-${report.dueAt}`,
              color: report.kind === 'missed' ? 'red' : report.onTime ? 'green' : 'orange',
              content:
                report.kind === 'missed' ? (
                  <Typography.Text type="danger">{t('delivery.reportMissed', { due: formatDateTime(report.dueAt, i18n.language) })}</Typography.Text>
                ) : (
                  <>
                    <Typography.Text strong>{t('delivery.reportNumber', { n: report.reportNumber })}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{`${report.sentBy ?? ''} · ${formatDateTime(report.sentAt, i18n.language)}`}</Typography.Text>{' '}
                    {!report.onTime && <Tag color="orange">{t('delivery.late')}</Tag>}
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{report.progress}</Typography.Paragraph>
                    {report.problems.map((p) => (
                      <Typography.Paragraph key={p.problem} type="secondary" style={{ marginBottom: 0 }}>
                        {t('delivery.problemSolved', { problem: p.problem, solution: p.solution })}
                      </Typography.Paragraph>
                    ))}
                  </>
                ),
            }))}
          />
        )}
      </Space>
    </Card>
  );
}
