import { Button, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_CHANNELS, PROCESS_STAGES, type VisitFinding } from './after-sales-types';

export interface RecordVisitValues {
  channel: string;
  satisfaction: number;
  recommendation?: number | null;
  comments?: string;
  findings?: VisitFinding[];
}

/** The body of POST follow-up-visits/:visitId/record: what was left empty is left out, the findings are a list. */
export function recordVisitBody({ channel, satisfaction, recommendation, comments, findings }: RecordVisitValues) {
  return {
    channel,
    satisfaction,
    ...(recommendation !== undefined && recommendation !== null ? { recommendation } : {}),
    ...(comments?.trim() ? { comments: comments.trim() } : {}),
    findings: findings ?? [],
  };
}

/**
 * A visit's outcome on the default satisfaction survey (P-6.1): the channel, the score, the recommendation only
 * where the survey asks it, the customer's comments (which a low score needs), and each finding with the process
 * stage it points back to (P-6.3).
 */
export function RecordVisitFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item label={t('afterSales.channel')} name="channel" rules={[{ required: true }]}>
        <Radio.Group options={FOLLOW_UP_CHANNELS.map((value) => ({ value, label: t(`afterSales.channels.${value}`) }))} />
      </Form.Item>
      <Form.Item label={t('afterSales.satisfaction')} name="satisfaction" extra={t('afterSales.satisfactionScale')} rules={[{ required: true }]}>
        <InputNumber min={0} max={10} precision={0} />
      </Form.Item>
      <Form.Item label={t('afterSales.recommendation')} name="recommendation" extra={t('afterSales.recommendationHint')}>
        <InputNumber min={0} max={10} precision={0} />
      </Form.Item>
      <Form.Item label={t('afterSales.comments')} name="comments">
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.List name="findings">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" wrap>
                <Form.Item label={t('afterSales.findingNumber', { number: index + 1 })} name={[field.name, 'description']} rules={[{ required: true }]}>
                  <Input style={{ width: 360 }} />
                </Form.Item>
                <Form.Item label={t('afterSales.findingStage', { number: index + 1 })} name={[field.name, 'stage']} rules={[{ required: true }]}>
                  <Select style={{ width: 160 }} options={PROCESS_STAGES.map((value) => ({ value, label: t(`afterSales.stages.${value}`) }))} />
                </Form.Item>
                <Button aria-label={t('afterSales.removeFinding', { number: index + 1 })} onClick={() => remove(field.name)} style={{ marginTop: 30 }}>
                  {t('afterSales.remove')}
                </Button>
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" onClick={() => add()}>
                {t('afterSales.addFinding')}
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
    </>
  );
}
