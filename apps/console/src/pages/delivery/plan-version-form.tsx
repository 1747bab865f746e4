import { Button, Checkbox, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AcceptanceCriterion, PlanContent } from './case-types';

/** The plan as the form edits it: lists of words one per line, due dates as pickers' values. */
export interface PlanFormValues {
  goals: string;
  content: string;
  milestones: { milestoneId: string; title: string; dueAt: Dayjs }[];
  steps: { stepId: string; description: string; milestoneId: string }[];
  expectedResults: string;
  acceptanceCriteria: AcceptanceCriterion[];
  major?: boolean;
  experts?: string[];
  changeReason?: string;
}

const lines = (text: string | undefined) => (text ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== '');

/** A new version starts from the latest one, so that a revision changes only what the review asked for. */
export function formOfPlan(plan: PlanContent | undefined, experts: string[]): Partial<PlanFormValues> {
  if (!plan) return { milestones: [], steps: [], acceptanceCriteria: [], experts };
  return {
    goals: plan.goals.join('\n'),
    content: plan.content,
    milestones: plan.milestones.map((m) => ({ ...m, dueAt: dayjs(m.dueAt) })),
    steps: plan.steps,
    expectedResults: plan.expectedResults.join('\n'),
    acceptanceCriteria: plan.acceptanceCriteria,
    experts,
  };
}

/** The body of `POST …/plan/versions`. */
export function planOfForm(values: PlanFormValues): object {
  const { major, experts, changeReason } = values;
  return {
    plan: {
      goals: lines(values.goals),
      content: values.content,
      milestones: (values.milestones ?? []).map((m) => ({ milestoneId: m.milestoneId, title: m.title, dueAt: m.dueAt.toISOString() })),
      steps: values.steps ?? [],
      expectedResults: lines(values.expectedResults),
      acceptanceCriteria: values.acceptanceCriteria ?? [],
    },
    ...(major && { major }),
    ...(experts && experts.length > 0 && { experts }),
    ...(changeReason && { changeReason }),
  };
}

/**
 * What a service plan states (P-3.1): goals, content, milestones with their due dates, the steps leading to
 * each, expected results and the contract's acceptance criteria; the experts who review it, and the reason for
 * a change once a version was approved (C-2.2).
 */
export function PlanVersionForm({ changeOfPlan, complexCase }: { changeOfPlan: boolean; complexCase: boolean }) {
  const { t } = useTranslation();
  const required = [{ required: true }];
  return (
    <>
      <Form.Item label={t('delivery.goals')} name="goals" rules={required} extra={t('delivery.onePerLine')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item label={t('delivery.content')} name="content" rules={required}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <Form.Item label={t('delivery.milestones')}>
            {fields.map((field, index) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item label={t('delivery.milestoneId', { n: index + 1 })} name={[field.name, 'milestoneId']} rules={required}>
                  <Input style={{ width: 120 }} />
                </Form.Item>
                <Form.Item label={t('delivery.milestoneTitle', { n: index + 1 })} name={[field.name, 'title']} rules={required}>
                  <Input style={{ width: 220 }} />
                </Form.Item>
                <Form.Item label={t('delivery.milestoneDue', { n: index + 1 })} name={[field.name, 'dueAt']} rules={required}>
                  <DatePicker showTime />
                </Form.Item>
                <Button onClick={() => remove(field.name)}>{t('delivery.remove')}</Button>
              </Space>
            ))}
            <Button onClick={() => add()}>{t('delivery.addMilestone')}</Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.List name="steps">
        {(fields, { add, remove }) => (
          <Form.Item label={t('delivery.steps')}>
            {fields.map((field, index) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item label={t('delivery.stepId', { n: index + 1 })} name={[field.name, 'stepId']} rules={required}>
                  <Input style={{ width: 120 }} />
                </Form.Item>
                <Form.Item label={t('delivery.stepDescription', { n: index + 1 })} name={[field.name, 'description']} rules={required}>
                  <Input style={{ width: 220 }} />
                </Form.Item>
                <Form.Item label={t('delivery.stepMilestone', { n: index + 1 })} name={[field.name, 'milestoneId']} rules={required}>
                  <Input style={{ width: 120 }} />
                </Form.Item>
                <Button onClick={() => remove(field.name)}>{t('delivery.remove')}</Button>
              </Space>
            ))}
            <Button onClick={() => add()}>{t('delivery.addStep')}</Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item label={t('delivery.expectedResults')} name="expectedResults" rules={required} extra={t('delivery.onePerLine')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.List name="acceptanceCriteria">
        {(fields, { add, remove }) => (
          <Form.Item label={t('delivery.criteria')}>
            {fields.map((field, index) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item label={t('delivery.criterionId', { n: index + 1 })} name={[field.name, 'criterionId']} rules={required}>
                  <Input style={{ width: 120 }} />
                </Form.Item>
                <Form.Item label={t('delivery.criterionText', { n: index + 1 })} name={[field.name, 'text']} rules={required}>
                  <Input style={{ width: 340 }} />
                </Form.Item>
                <Button onClick={() => remove(field.name)}>{t('delivery.remove')}</Button>
              </Space>
            ))}
            <Button onClick={() => add()}>{t('delivery.addCriterion')}</Button>
          </Form.Item>
        )}
      </Form.List>
      {!complexCase && (
        <Form.Item name="major" valuePropName="checked">
          <Checkbox>{t('delivery.majorPlan')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item label={t('delivery.experts')} name="experts" extra={t('delivery.expertsHelp')}>
        <Select mode="tags" open={false} />
      </Form.Item>
      {changeOfPlan && (
        <Form.Item label={t('delivery.changeReason')} name="changeReason" rules={required}>
          <Input />
        </Form.Item>
      )}
    </>
  );
}
