import { App, Button, Card, Descriptions, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandAccepted } from '../../api/types';
import { useDepartments } from '../../api/use-departments';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDateTime, formatScore } from '../../format';
import { useApi, useCan } from '../../session/session-context';
import { APPRAISAL_STATUS_COLOURS, type Appraisal, type AppraisalLine } from './hr-types';

/**
 * One appraisal: its lines (indicator, value, weight, source), the months of an annual one, the head's
 * assessment (withheld by the API until a reason for reading it is given), and the head's assessment and
 * HR's finalisation for those whose role may.
 */
export function AppraisalDetail({ appraisalId, onChanged }: { appraisalId: string; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const departments = useDepartments();
  const api = useApi();
  const can = useCan();
  const { message } = App.useApp();
  const [reason, setReason] = useState<string>();
  const [after, setAfter] = useState<string>();
  const [error, setError] = useState<unknown>();
  const appraisal = useLoad((client) => client.get<Appraisal>(`/hr-performance/appraisals/${appraisalId}`, { reason, after }), [appraisalId, reason, after]);
  const act = (path: string) => async (body: object) => {
    setError(undefined);
    try {
      const accepted = await api.post<CommandAccepted>(`/hr-performance/appraisals/${appraisalId}/${path}`, body);
      message.success(t('hr.saved'));
      setAfter(accepted.checkpoint);
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };
  const a = appraisal.data;
  if (!a) return <ProblemAlert error={appraisal.error} />;
  const dutyLines = a.lines.filter((line) => line.source === 'duty');
  const open = a.status !== 'finalised';
  return (
    <Card title={t('hr.appraisalOf', { employee: a.employeeId, period: a.period })} size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert error={error ?? appraisal.error} />
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('hr.employee')}>{a.employeeId}</Descriptions.Item>
          <Descriptions.Item label={t('hr.department')}>{departments.nameOf(a.departmentId)}</Descriptions.Item>
          <Descriptions.Item label={t('hr.post')}>{a.postId}</Descriptions.Item>
          <Descriptions.Item label={t('hr.kind')}>{t(`hr.appraisalKind.${a.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('hr.status')}>
            <Tag color={APPRAISAL_STATUS_COLOURS[a.status]}>{t(`hr.appraisalStatus.${a.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('hr.score')}>{a.score === null ? t('common.none') : formatScore(a.score, i18n.language)}</Descriptions.Item>
          {a.finalisedAt && <Descriptions.Item label={t('hr.finalisedAt')}>{`${formatDateTime(a.finalisedAt, i18n.language)} · ${a.finalisedBy ?? ''}`}</Descriptions.Item>}
        </Descriptions>
        {a.kind === 'monthly' && (
          <Table<AppraisalLine>
            size="small"
            aria-label={t('hr.lines')}
            rowKey="indicatorId"
            pagination={false}
            dataSource={a.lines}
            columns={[
              { title: t('hr.indicator'), key: 'indicator', render: (_: unknown, line) => line.duty ?? line.indicator ?? line.indicatorId },
              { title: t('hr.value'), dataIndex: 'value', render: (value: number | null) => value ?? t('common.none') },
              { title: t('hr.weight'), dataIndex: 'weight' },
              { title: t('hr.source'), dataIndex: 'source', render: (source: string) => t(`hr.lineSource.${source}`) },
            ]}
          />
        )}
        {a.months && (
          <Table
            size="small"
            aria-label={t('hr.months')}
            rowKey="period"
            pagination={false}
            dataSource={a.months}
            columns={[
              { title: t('hr.period'), dataIndex: 'period' },
              { title: t('hr.score'), dataIndex: 'score', render: (score: number | null) => (score === null ? t('common.none') : formatScore(score, i18n.language)) },
            ]}
          />
        )}
        {a.assessment && (
          <Card type="inner" size="small" title={t('hr.assessment')}>
            <Typography.Paragraph>{a.assessment.text}</Typography.Paragraph>
            <Typography.Text type="secondary">{`${a.assessment.by} · ${formatDateTime(a.assessment.at, i18n.language)}`}</Typography.Text>
          </Card>
        )}
        {a.withheld.length > 0 && (
          <Form layout="inline" onFinish={(values: { reason: string }) => setReason(values.reason)}>
            <Form.Item label={t('hr.readingReason')} name="reason" rules={[{ required: true }]} extra={t('hr.withheld')}>
              <Input style={{ minWidth: 280 }} />
            </Form.Item>
            <Button htmlType="submit">{t('hr.readAssessment')}</Button>
          </Form>
        )}
        {open && a.kind === 'monthly' && can('appraisal:record') && (
          <Card type="inner" size="small" title={t('hr.assess')}>
            <Form layout="vertical" onFinish={({ assessment, ratings }: { assessment: string; ratings?: Record<string, number> }) => act('assessment')({ assessment, ratings: ratings ?? {} })}>
              {dutyLines.map((line) => (
                <Form.Item key={line.indicatorId} label={t('hr.rating', { duty: line.duty ?? line.indicatorId })} name={['ratings', line.indicatorId]} rules={[{ required: true }]}>
                  <InputNumber min={0} max={100} />
                </Form.Item>
              ))}
              <Form.Item label={t('hr.assessment')} name="assessment" rules={[{ required: true }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Button type="primary" htmlType="submit">
                {t('hr.assess')}
              </Button>
            </Form>
          </Card>
        )}
        {a.status === 'assessed' && can('hr:manage') && (
          <Button type="primary" onClick={() => act('finalisation')({})}>
            {t('hr.finalise')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
