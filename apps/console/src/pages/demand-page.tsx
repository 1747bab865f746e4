import { App, Button, Card, Descriptions, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router-dom';
import type { CommandAccepted, DemandDetail, TimelineEntry } from '../api/types';
import { useDepartments } from '../api/use-departments';
import { useLoad } from '../api/use-load';
import { DemandTimeline } from '../components/demand-timeline';
import { COMPLEXITIES, PRIORITIES, PRIORITY_COLOURS } from '../components/labels';
import { ProblemAlert } from '../components/problem-alert';
import { TimeLeft, minutesUntil } from '../components/time-left';
import { formatDateTime } from '../format';
import { useApi, useCan } from '../session/session-context';
import { DeliveryHandOff } from './demand/delivery-hand-off';

const OPEN = ['registered', 'triaged', 'assigned', 'coordinating', 'coordinated', 'in-delivery'];
const REPLY_CHANNELS = ['phone', 'email', 'portal', 'chat'];

interface Suggestion {
  complexity: string;
  priority: string;
  businessCategory?: string;
  matchedRuleIds: string[];
  ruleSetVersion: number;
}

/** One demand: its facts, complaint promise and countdown, timeline, and the actions the user's roles may take. */
export function DemandPage() {
  const { demandId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const api = useApi();
  const can = useCan();
  const { message } = App.useApp();
  const location = useLocation();
  const [after, setAfter] = useState<string | undefined>((location.state as { after?: string } | null)?.after);
  const [error, setError] = useState<unknown>();
  const demand = useLoad((client) => client.get<DemandDetail>(`/intake/demands/${demandId}`, { after }), [demandId, after]);
  const departments = useDepartments();
  // P-1.3: what the rules suggest for a demand not yet triaged, shown before the agent confirms (a blank field takes it).
  const untriaged = demand.data?.status === 'registered';
  const preview = useLoad(
    async (client) => (untriaged && can('demand:triage') ? client.get<Suggestion>(`/intake/demands/${demandId}/triage-suggestion`) : undefined),
    [demandId, untriaged],
  );
  const act = (path: string) => async (body: object) => {
    setError(undefined);
    try {
      const accepted = await api.post<CommandAccepted>(`/intake/demands/${demandId}/${path}`, withoutBlanks(body));
      message.success(t('detail.done'));
      setAfter(accepted.checkpoint);
    } catch (failure) {
      setError(failure);
    }
  };
  const d = demand.data;
  if (!d) return <ProblemAlert error={demand.error} />;
  const open = OPEN.includes(d.status);
  const triaged = lastEntry(d.timeline, 'DemandTriaged');
  const suggestion = triaged?.details.suggestion as Suggestion | undefined;
  const described = (s: Suggestion) =>
    t('detail.suggestion', {
      complexity: t(`complexity.${s.complexity}`),
      priority: s.priority,
      category: s.businessCategory ?? t('common.none'),
      rules: s.matchedRuleIds.join(', ') || t('detail.noRules'),
      version: s.ruleSetVersion,
    });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('detail.title', { reference: d.reference })}</Typography.Title>
      <ProblemAlert error={error ?? demand.error} />
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label={t('demand.subject')}>{d.subject}</Descriptions.Item>
        <Descriptions.Item label={t('demand.status')}>{t(`status.${d.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('demand.kind')}>{t(`kind.${d.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('demand.priority')}>
          <Tag color={PRIORITY_COLOURS[d.priority]}>{d.priority}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('demand.complexity')}>{d.complexity ? t(`complexity.${d.complexity}`) : t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('demand.businessCategory')}>{d.businessCategory ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('demand.department')}>{d.departmentId ? departments.nameOf(d.departmentId) : t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('demand.owner')}>{d.ownerId ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('demand.contactName')}>{d.contactName ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('demand.contactPhone')}>{d.contactPhone ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('demand.receivedAt')}>{formatDateTime(d.receivedAt, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('demand.channel')}>{t(`channel.${d.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('demand.description')} span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{d.description}</span>
        </Descriptions.Item>
        {d.complaintDueAt && (
          <Descriptions.Item label={t('demand.complaintDue')} span={2}>
            {formatDateTime(d.complaintDueAt, i18n.language)}{' '}
            {!d.complaintResolvedAt && <TimeLeft remainingMinutes={minutesUntil(d.complaintDueAt)} />}
            {d.complaintPromisedResult && <div>{`${t('demand.promisedResult')}: ${d.complaintPromisedResult}`}</div>}
          </Descriptions.Item>
        )}
      </Descriptions>
      {suggestion && (
        <Typography.Text>
          {described(suggestion)}
          {' · '}
          {t('detail.decision', { complexity: t(`complexity.${String(triaged?.details.complexity)}`), priority: String(triaged?.details.priority) })}
        </Typography.Text>
      )}
      {open && can('demand:triage') && ['registered', 'triaged', 'assigned'].includes(d.status) && (
        <Card title={t('detail.triage')} size="small">
          {untriaged && preview.data && <Typography.Paragraph strong>{described(preview.data)}</Typography.Paragraph>}
          <Typography.Paragraph type="secondary">{t('detail.triageHelp')}</Typography.Paragraph>
          <Form layout="inline" onFinish={act('triage')}>
            <Form.Item label={t('demand.complexity')} name="complexity">
              <Select allowClear style={{ width: 140 }} options={COMPLEXITIES.map((value) => ({ value, label: t(`complexity.${value}`) }))} />
            </Form.Item>
            <Form.Item label={t('demand.priority')} name="priority">
              <Select allowClear style={{ width: 100 }} options={PRIORITIES.map((value) => ({ value, label: value }))} />
            </Form.Item>
            <Form.Item label={t('detail.reason')} name="reason">
              <Input style={{ width: 240 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('detail.confirmTriage')}
            </Button>
          </Form>
        </Card>
      )}
      {d.status === 'triaged' && can('demand:assign') && (
        <Card title={t('detail.assign')} size="small">
          <Typography.Paragraph type="secondary">{t('detail.assignHelp')}</Typography.Paragraph>
          <Form layout="inline" onFinish={act('assignment')}>
            <Form.Item label={t('demand.department')} name="departmentId">
              <Select
                allowClear
                style={{ width: 240 }}
                options={departments.list.map((department) => ({ value: department.departmentId, label: department.name }))}
              />
            </Form.Item>
            <Form.Item label={t('demand.owner')} name="ownerId">
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('detail.confirmAssign')}
            </Button>
          </Form>
        </Card>
      )}
      <DeliveryHandOff demand={d} onRelease={() => void act('release-to-delivery')({})} />
      {open && can('demand:reply') && (
        <Card title={t('detail.reply')} size="small">
          <Form layout="vertical" onFinish={act('replies')} initialValues={{ channel: d.channel === 'web' ? 'portal' : d.channel }}>
            <Form.Item label={t('demand.channel')} name="channel" rules={[{ required: true }]}>
              <Select style={{ width: 160 }} options={REPLY_CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) }))} />
            </Form.Item>
            <Form.Item label={t('detail.body')} name="body" rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Button htmlType="submit">{t('detail.sendReply')}</Button>
          </Form>
        </Card>
      )}
      {open && can('demand:note') && (
        <Card title={t('detail.note')} size="small">
          <Form layout="vertical" onFinish={act('notes')}>
            <Form.Item label={t('detail.body')} name="text" rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button htmlType="submit">{t('detail.addNote')}</Button>
          </Form>
        </Card>
      )}
      <Card title={t('detail.timeline')} size="small">
        <DemandTimeline entries={d.timeline} />
      </Card>
    </Space>
  );
}

function lastEntry(timeline: TimelineEntry[], entry: string): TimelineEntry | undefined {
  return [...timeline].reverse().find((item) => item.entry === entry);
}

/** Empty fields are left out, so that the API applies its defaults (the rules' suggestion, the routing rule). */
function withoutBlanks(body: object): object {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}
