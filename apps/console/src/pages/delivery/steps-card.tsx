import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../session/session-context';
import { CaseAction } from './case-action';
import { DELIVERING, type CaseAct, type CaseMilestone, type FollowedStandard, type ServiceCaseDetail } from './case-types';
import { WorkCompletionForm, completionOfForm, type CompletionValues } from './work-completion-form';

interface StepRow {
  stepId: string;
  description: string;
  milestone: CaseMilestone | undefined;
  standards: FollowedStandard[];
}

/**
 * The steps of the plan delivery follows (P-4.2), each leading to a milestone, with the standards it declared;
 * the team completes a step of an open milestone with its evidence. The case's read model does not say which
 * steps are done, so a step completed before is refused as its problem detail says.
 */
export function StepsCard({ serviceCase: c, act }: { serviceCase: ServiceCaseDetail; act: CaseAct }) {
  const { t } = useTranslation();
  const can = useCan();
  const plan = c.planVersions.find((v) => v.version === c.planVersion)?.plan;
  if (!plan || plan.steps.length === 0) return null;
  const completing = can('progress:report') && DELIVERING.includes(c.status);
  const rows: StepRow[] = plan.steps.map(({ stepId, description, milestoneId }) => {
    const milestone = c.milestones.find((m) => m.milestoneId === milestoneId);
    return { stepId, description, milestone, standards: (milestone?.standards ?? []).filter((s) => s.stepId === stepId) };
  });
  return (
    <Card size="small" title={t('delivery.steps')}>
      <Table<StepRow>
        size="small"
        aria-label={t('delivery.steps')}
        rowKey="stepId"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('delivery.step'), dataIndex: 'description' },
          { title: t('delivery.milestone'), key: 'milestone', render: (_: unknown, step) => step.milestone?.title ?? t('common.none') },
          {
            title: t('delivery.standards'),
            key: 'standards',
            render: (_: unknown, step) =>
              step.standards.length === 0 ? t('common.none') : step.standards.map((s) => <Tag key={s.standardId}>{t('delivery.standardVersion', { standard: s.title, version: s.version })}</Tag>),
          },
          ...(completing
            ? [
                {
                  title: t('delivery.actions'),
                  key: 'actions',
                  render: (_: unknown, step: StepRow) =>
                    step.milestone?.status === 'open' && (
                      <CaseAction<CompletionValues>
                        label={t('delivery.complete')}
                        title={t('delivery.completeStep', { step: step.description })}
                        onSubmit={(values) => act(`steps/${encodeURIComponent(step.stepId)}/completion`, completionOfForm(step.standards, values))}
                      >
                        <WorkCompletionForm standards={step.standards} late={false} />
                      </CaseAction>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
