import { App, Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandAccepted, Page } from '../../api/types';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDateTime } from '../../format';
import { useApi, useCan } from '../../session/session-context';
import type { WarningView } from './risk-types';

type Response = 'acknowledgement' | 'actions' | 'closure';

/** What each response posts: the route's last segment and the field its text goes in. */
const RESPONSE_FIELD: Record<Response, string> = { acknowledgement: 'note', actions: 'action', closure: 'outcome' };

const STATUS_COLOURS: Record<string, string> = { raised: 'red', acknowledged: 'gold', closed: 'default' };

/** The open early warnings, refreshed every 30 s; those whose role may respond acknowledge, record an action or close one. */
export function WarningsCard() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const can = useCan();
  const { message } = App.useApp();
  const [after, setAfter] = useState<string>();
  const [responding, setResponding] = useState<WarningView>();
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm<{ response: Response; text?: string }>();
  const warnings = useLoad((client) => client.get<Page<WarningView>>('/risk/warnings', { state: 'open', after, pageSize: 200 }), [after], 30000);
  const respond = async ({ response, text }: { response: Response; text?: string }) => {
    if (!responding) return;
    setError(undefined);
    try {
      const accepted = await api.post<CommandAccepted>(`/risk/warnings/${responding.warningId}/${response}`, text ? { [RESPONSE_FIELD[response]]: text } : {});
      message.success(t('risk.responded'));
      setResponding(undefined);
      setAfter(accepted.checkpoint);
    } catch (failure) {
      setError(failure);
    }
  };
  const open = (warning: WarningView) => {
    setError(undefined);
    form.resetFields();
    form.setFieldsValue({ response: warning.status === 'raised' ? 'acknowledgement' : 'actions' });
    setResponding(warning);
  };
  return (
    <Card title={t('risk.warnings')} size="small">
      <ProblemAlert error={warnings.error} />
      <Table<WarningView>
        size="small"
        aria-label={t('risk.warnings')}
        rowKey="warningId"
        dataSource={warnings.data?.items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('risk.indicator'), key: 'indicator', render: (_: unknown, warning) => warning.indicator.name },
          { title: t('risk.category'), key: 'category', render: (_: unknown, warning) => t(`risk.categories.${warning.indicator.category}`, { defaultValue: warning.indicator.category }) },
          { title: t('risk.group'), dataIndex: 'groupKey' },
          { title: t('risk.countOfThreshold'), key: 'count', render: (_: unknown, warning) => `${warning.count} / ${warning.indicator.threshold}` },
          { title: t('risk.owner'), dataIndex: 'ownerId', render: (owner?: string) => owner ?? t('common.none') },
          { title: t('risk.state'), dataIndex: 'status', render: (status: string) => <Tag color={STATUS_COLOURS[status]}>{t(`risk.warningStatus.${status}`)}</Tag> },
          { title: t('risk.raisedAt'), dataIndex: 'raisedAt', render: (at: string) => formatDateTime(at, i18n.language) },
          { title: t('risk.linkedRisk'), dataIndex: 'riskId', render: (riskId?: string) => riskId ?? t('common.none') },
          ...(can('warning:respond')
            ? [
                {
                  title: t('risk.respond'),
                  key: 'respond',
                  render: (_: unknown, warning: WarningView) => (
                    <Button size="small" aria-label={t('risk.respondTo', { indicator: warning.indicator.name, group: warning.groupKey })} onClick={() => open(warning)}>
                      {t('risk.respond')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={responding !== undefined}
        title={responding && t('risk.respondTo', { indicator: responding.indicator.name, group: responding.groupKey })}
        okText={t('common.submit')}
        onOk={() => form.submit()}
        onCancel={() => setResponding(undefined)}
        forceRender
      >
        <ProblemAlert error={error} />
        <Form form={form} layout="vertical" onFinish={respond}>
          <Form.Item label={t('risk.response')} name="response" rules={[{ required: true }]}>
            <Select
              options={(['acknowledgement', 'actions', 'closure'] as const)
                .filter((response) => response !== 'acknowledgement' || responding?.status === 'raised')
                .map((response) => ({ value: response, label: t(`risk.responses.${response}`) }))}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['response']}>
            {({ getFieldValue }) => (
              <Form.Item label={t(`risk.responseText.${getFieldValue('response') ?? 'actions'}`)} name="text" rules={[{ required: getFieldValue('response') !== 'acknowledgement' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            )}
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
