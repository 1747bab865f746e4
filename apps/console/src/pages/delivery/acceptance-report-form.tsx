import { Button, Checkbox, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AcceptanceRound } from './case-types';

export interface AcceptanceReportValues {
  /** One per criterion of the round, in its order. */
  results?: { met?: boolean; note?: string }[];
  verdict: 'accepted' | 'rejected';
  signatory: { name: string; title?: string };
  rectificationItems?: { description: string; criterionId?: string; dueAt?: Dayjs }[];
  comments?: string;
  signedDocument?: { sha256: string; fileName?: string };
}

export function initialReport(round: AcceptanceRound): Partial<AcceptanceReportValues> {
  return { results: round.criteria.map(() => ({ met: false })), rectificationItems: [] };
}

/** The body of `POST …/acceptance/rounds/:round/report` (or `paper-report`, with the signed document). */
export function reportOfForm(round: AcceptanceRound, values: AcceptanceReportValues): object {
  const { results, verdict, signatory, rectificationItems, comments, signedDocument } = values;
  return {
    results: round.criteria.map(({ criterionId }, index) => {
      const { met, note } = results?.[index] ?? {};
      return { criterionId, met: met === true, ...(note && { note }) };
    }),
    verdict,
    signatory: { name: signatory.name, ...(signatory.title && { title: signatory.title }) },
    rectificationItems: (rectificationItems ?? []).map(({ description, criterionId, dueAt }) => ({
      description,
      ...(criterionId && { criterionId }),
      ...(dueAt && { dueAt: dueAt.toISOString() }),
    })),
    ...(comments && { comments }),
    ...(signedDocument && { signedDocument: { sha256: signedDocument.sha256, ...(signedDocument.fileName && { fileName: signedDocument.fileName }) } }),
  };
}

/**
 * An acceptance round's report (P-5.1): each criterion met or not, the verdict, who signed for the customer,
 * and the rectification items (conditions, on a pass); a report signed on paper names the scanned document.
 */
export function AcceptanceReportForm({ round, paper }: { round: AcceptanceRound; paper: boolean }) {
  const { t } = useTranslation();
  const required = [{ required: true }];
  return (
    <>
      {round.criteria.map((criterion, index) => (
        <Space key={criterion.criterionId} align="baseline" wrap>
          <Form.Item name={['results', index, 'met']} valuePropName="checked">
            <Checkbox>{t('delivery.criterionMet', { criterion: criterion.text })}</Checkbox>
          </Form.Item>
          <Form.Item label={t('delivery.noteOn', { criterion: criterion.criterionId })} name={['results', index, 'note']}>
            <Input style={{ width: 280 }} />
          </Form.Item>
        </Space>
      ))}
      <Form.Item label={t('delivery.verdict')} name="verdict" rules={required}>
        <Select options={(['accepted', 'rejected'] as const).map((value) => ({ value, label: t(`delivery.verdicts.${value}`) }))} />
      </Form.Item>
      <Space wrap>
        <Form.Item label={t('delivery.signatory')} name={['signatory', 'name']} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item label={t('delivery.signatoryTitle')} name={['signatory', 'title']}>
          <Input />
        </Form.Item>
      </Space>
      <Form.List name="rectificationItems">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item label={t('delivery.itemDescription', { n: index + 1 })} name={[field.name, 'description']} rules={required}>
                  <Input style={{ width: 240 }} />
                </Form.Item>
                <Form.Item label={t('delivery.itemCriterion', { n: index + 1 })} name={[field.name, 'criterionId']}>
                  <Select allowClear style={{ width: 140 }} options={round.criteria.map((criterion) => ({ value: criterion.criterionId, label: criterion.criterionId }))} />
                </Form.Item>
                <Form.Item label={t('delivery.itemDue', { n: index + 1 })} name={[field.name, 'dueAt']}>
                  <DatePicker showTime />
                </Form.Item>
                <Button onClick={() => remove(field.name)}>{t('delivery.remove')}</Button>
              </Space>
            ))}
            <Form.Item>
              <Button onClick={() => add()}>{t('delivery.addItem')}</Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Form.Item label={t('delivery.comments')} name="comments">
        <Input.TextArea rows={2} />
      </Form.Item>
      {paper && (
        <Space wrap>
          <Form.Item label={t('delivery.signedDocumentHash')} name={['signedDocument', 'sha256']} rules={[{ required: true, pattern: /^[0-9a-fA-F]{64}$/ }]}>
            <Input style={{ width: 420 }} />
          </Form.Item>
          <Form.Item label={t('delivery.signedDocumentName')} name={['signedDocument', 'fileName']}>
            <Input />
          </Form.Item>
        </Space>
      )}
    </>
  );
}
