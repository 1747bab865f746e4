import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Radio, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDepartments } from '../../api/use-departments';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { TimeLeft, minutesUntil } from '../../components/time-left';
import { formatDateTime } from '../../format';
import { useApi, useCan } from '../../session/session-context';
import { FINDING_STATUS_COLOURS, type Finding, type FindingAccepted } from './finding-types';

type Step = 'measures' | 'report' | 'recheck';

/**
 * One finding in a drawer: what was asked, its rounds of rectification and their re-checks, and the next
 * step for whoever may take it: the responsible department submits measures with a deadline, then a report;
 * the quality monitor re-checks it, and a failed re-check opens the next round.
 */
export function FindingDetail({ findingId, onClose, onChanged }: { findingId: string; onClose(): void; onChanged(checkpoint?: string): void }) {
  const { t, i18n } = useTranslation();
  const departments = useDepartments();
  const api = useApi();
  const can = useCan();
  const { message } = App.useApp();
  const [after, setAfter] = useState<string>();
  const [error, setError] = useState<unknown>();
  const finding = useLoad((client) => client.get<Finding>(`/quality-monitoring/findings/${findingId}`, { after }), [findingId, after]);
  const act = (step: Step) => async (body: object) => {
    setError(undefined);
    try {
      const accepted = await api.post<FindingAccepted>(`/quality-monitoring/findings/${findingId}/${step}`, body);
      message.success(t('quality.stepDone'));
      if (accepted.checkpoint) setAfter(accepted.checkpoint);
      else finding.reload();
      onChanged(accepted.checkpoint);
    } catch (failure) {
      setError(failure);
    }
  };
  const f = finding.data;
  // A failed re-check opens the next round but leaves the last round's rectification standing until new measures come.
  const rectifiedRound = f?.status === 'reopened' ? f.round - 1 : f?.round;
  const when = (at: string, by: string) => `${formatDateTime(at, i18n.language)} · ${by}`;
  return (
    <Drawer open size="large" title={f ? t('quality.findingTitle', { subject: f.subject }) : t('quality.finding')} onClose={onClose}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert error={error ?? finding.error} />
        {f && (
          <>
            <Descriptions size="small" bordered column={1}>
              <Descriptions.Item label={t('quality.findingStatus')}>
                <Tag color={FINDING_STATUS_COLOURS[f.status]}>{t(`quality.findingStatuses.${f.status}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('quality.round')}>{t('quality.roundOf', { round: f.round })}</Descriptions.Item>
              <Descriptions.Item label={t('demand.department')}>{departments.nameOf(f.departmentId)}</Descriptions.Item>
              <Descriptions.Item label={t('quality.responsible')}>{f.responsibleId}</Descriptions.Item>
              <Descriptions.Item label={t('quality.requirements')}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{f.requirements}</span>
              </Descriptions.Item>
              {f.suggestions && (
                <Descriptions.Item label={t('quality.suggestions')}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{f.suggestions}</span>
                </Descriptions.Item>
              )}
              {f.caseId && <Descriptions.Item label={t('quality.case')}>{can('demand:read') ? <Link to={`/demands/${f.caseId}`}>{f.caseId}</Link> : f.caseId}</Descriptions.Item>}
              {f.processStage && <Descriptions.Item label={t('quality.processStage')}>{t(`quality.processStages.${f.processStage}`, { defaultValue: f.processStage })}</Descriptions.Item>}
            </Descriptions>
            {f.measures && (
              <Card type="inner" size="small" title={t('quality.rectificationOf', { round: rectifiedRound })}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('quality.measures')}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{f.measures}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('quality.deadline')}>
                    {formatDateTime(f.deadline, i18n.language)} {f.status === 'measures-submitted' && f.deadline && <TimeLeft remainingMinutes={minutesUntil(f.deadline)} />}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('quality.report')}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{f.report ?? t('common.none')}</span>
                  </Descriptions.Item>
                </Descriptions>
              </Card>
            )}
            <Typography.Title level={5}>{t('quality.history')}</Typography.Title>
            <Timeline
              items={[
                { key: 'raised', color: 'red', content: `${t('quality.raisedEntry')} · ${when(f.raisedAt, f.raisedBy)}` },
                ...f.rechecks.map((recheck) => ({
                  key: `recheck-${recheck.round}`,
                  color: recheck.passed ? 'green' : 'orange',
                  content: (
                    <>
                      <Typography.Text strong>{t(recheck.passed ? 'quality.recheckPassedEntry' : 'quality.recheckFailedEntry', { round: recheck.round })}</Typography.Text>{' '}
                      <Typography.Text type="secondary">{when(recheck.at, recheck.by)}</Typography.Text>
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{recheck.notes}</Typography.Paragraph>
                    </>
                  ),
                })),
              ]}
            />
            {(f.status === 'raised' || f.status === 'reopened') && can('rectification:submit') && (
              <Card type="inner" size="small" title={t('quality.submitMeasures')}>
                <Form
                  layout="vertical"
                  onFinish={({ measures, deadline }: { measures: string; deadline: Dayjs }) => act('measures')({ measures, deadline: deadline.endOf('day').format() })}
                >
                  <Form.Item label={t('quality.measures')} name="measures" rules={[{ required: true }]}>
                    <Input.TextArea rows={3} maxLength={5000} />
                  </Form.Item>
                  <Form.Item label={t('quality.deadline')} name="deadline" rules={[{ required: true }]} extra={t('quality.deadlineHelp')}>
                    <DatePicker disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit">
                    {t('quality.submitMeasures')}
                  </Button>
                </Form>
              </Card>
            )}
            {f.status === 'measures-submitted' && can('rectification:submit') && (
              <Card type="inner" size="small" title={t('quality.submitReport')}>
                <Form layout="vertical" onFinish={act('report')}>
                  <Form.Item label={t('quality.report')} name="report" rules={[{ required: true }]}>
                    <Input.TextArea rows={4} maxLength={10000} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit">
                    {t('quality.submitReport')}
                  </Button>
                </Form>
              </Card>
            )}
            {f.status === 'reported' && can('finding:recheck') && (
              <Card type="inner" size="small" title={t('quality.recheck')}>
                <Form layout="vertical" onFinish={act('recheck')}>
                  <Form.Item label={t('quality.outcome')} name="passed" rules={[{ required: true }]}>
                    <Radio.Group
                      options={[
                        { value: true, label: t('quality.recheckPassed') },
                        { value: false, label: t('quality.recheckFailed') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item label={t('quality.notes')} name="notes" rules={[{ required: true }]}>
                    <Input.TextArea rows={3} maxLength={5000} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit">
                    {t('quality.recordRecheck')}
                  </Button>
                </Form>
              </Card>
            )}
          </>
        )}
      </Space>
    </Drawer>
  );
}
