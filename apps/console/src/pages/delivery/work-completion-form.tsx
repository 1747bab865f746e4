import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FollowedStandard } from './case-types';

/** The completion as the form edits it: one evidence per required check, in the order `requiredChecks` lists them. */
export interface CompletionValues {
  evidence: string;
  lateReason?: string;
  checks?: string[];
}

/** Every check of the standards the work follows: each needs its own evidence (P-4.2). */
function requiredChecks(standards: FollowedStandard[]) {
  return standards.flatMap(({ standardId, version, title, checks }) => checks.map(({ checkId, description }) => ({ standardId, version, title, checkId, description })));
}

/** The body of `POST …/milestones/:milestoneId/completion` or `…/steps/:stepId/completion`. */
export function completionOfForm(standards: FollowedStandard[], { evidence, lateReason, checks }: CompletionValues): object {
  const required = requiredChecks(standards);
  return {
    evidence,
    ...(lateReason && { lateReason }),
    ...(required.length > 0 && { checks: required.map(({ standardId, checkId }, index) => ({ standardId, checkId, evidence: checks?.[index] ?? '' })) }),
  };
}

/**
 * Completing a milestone or a step (P-4.2): the evidence it is done and, for work that declared technical
 * standards, the evidence for each check their versions require, since the server refuses a completion
 * without them; a milestone past its due date also says why it is late.
 */
export function WorkCompletionForm({ standards, late }: { standards: FollowedStandard[]; late: boolean }) {
  const { t } = useTranslation();
  const required = requiredChecks(standards);
  return (
    <>
      <Form.Item label={t('delivery.evidence')} name="evidence" rules={[{ required: true }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      {required.length > 0 && <Typography.Paragraph type="secondary">{t('delivery.checksHelp')}</Typography.Paragraph>}
      {required.map((check, index) => (
        <Form.Item
          key={`${check.standardId}/${check.checkId}`}
          label={t('delivery.checkEvidence', { check: check.description, standard: check.title, version: check.version })}
          name={['checks', index]}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      ))}
      {late && (
        <Form.Item label={t('delivery.lateReason')} name="lateReason" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      )}
    </>
  );
}
