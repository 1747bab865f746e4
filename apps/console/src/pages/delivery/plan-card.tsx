import { Card, Collapse, Descriptions, Empty, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { useCan, useSession } from '../../session/session-context';
import { CaseAction } from './case-action';
import { ENDED, type CaseAct, type PlanVersion, type ServiceCaseDetail } from './case-types';
import { PlanVersionForm, planOfForm, formOfPlan, type PlanFormValues } from './plan-version-form';

const VERSION_COLOURS: Record<PlanVersion['status'], string> = { 'in-review': 'gold', 'changes-requested': 'red', approved: 'green', superseded: 'default' };

/**
 * The service plan's versions, newest first (P-3.1, P-3.2, C-2.2): content, experts, opinions and the head's
 * decision; a new version from those who draft, an opinion from each named expert, and approval or a request
 * for changes from the head.
 */
export function PlanCard({ serviceCase: c, act }: { serviceCase: ServiceCaseDetail; act: CaseAct }) {
  const { t } = useTranslation();
  const can = useCan();
  const versions = [...c.planVersions].reverse();
  const latest = versions[0];
  const inReview = versions.some((v) => v.status === 'in-review');
  const approvedBefore = versions.some((v) => v.status === 'approved' || v.status === 'superseded');
  return (
    <Card
      size="small"
      title={t('delivery.plan')}
      extra={
        !inReview &&
        !ENDED.includes(c.status) &&
        can('plan:draft') && (
          <CaseAction<PlanFormValues>
            label={t('delivery.submitPlan')}
            primary
            initialValues={formOfPlan(latest?.plan, latest?.experts ?? [])}
            onSubmit={(values) => act('plan/versions', planOfForm(values))}
          >
            <PlanVersionForm changeOfPlan={approvedBefore} complexCase={c.complexity === 'complex'} />
          </CaseAction>
        )
      }
    >
      {versions.length === 0 ? (
        <Empty description={t('delivery.noPlan')} />
      ) : (
        <Collapse
          defaultActiveKey={[String(latest.version)]}
          items={versions.map((v) => ({
            key: String(v.version),
            label: (
              <Space>
                {t('delivery.version', { version: v.version })}
                <Tag color={VERSION_COLOURS[v.status]}>{t(`delivery.versionStatus.${v.status}`)}</Tag>
              </Space>
            ),
            children: <VersionDetail version={v} act={act} />,
          }))}
        />
      )}
    </Card>
  );
}

function VersionDetail({ version: v, act }: { version: PlanVersion; act: CaseAct }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const { userId } = useSession();
  const open = v.status === 'in-review';
  const reviewed = v.reviews.some((r) => r.kind === 'expert-opinion' && r.by === userId);
  const path = `plan/versions/${v.version}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('delivery.submitted')}>{`${v.submittedBy} · ${formatDateTime(v.submittedAt, i18n.language)}`}</Descriptions.Item>
        <Descriptions.Item label={t('delivery.experts')}>
          {v.expertReviewRequired ? v.experts.join(', ') : t('delivery.noExpertReview')} {v.major && <Tag>{t('delivery.major')}</Tag>}
        </Descriptions.Item>
        {v.changeReason && (
          <Descriptions.Item label={t('delivery.changeReason')} span="filled">
            {v.changeReason}
          </Descriptions.Item>
        )}
        {v.approvedBy && <Descriptions.Item label={t('delivery.approved')}>{`${v.approvedBy} · ${formatDateTime(v.approvedAt, i18n.language)}`}</Descriptions.Item>}
        <Descriptions.Item label={t('delivery.goals')} span="filled">
          {v.plan.goals.join('; ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('delivery.content')} span="filled">
          <span style={{ whiteSpace: 'pre-wrap' }}>{v.plan.content}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('delivery.expectedResults')} span="filled">
          {v.plan.expectedResults.join('; ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('delivery.criteria')} span="filled">
          {v.plan.acceptanceCriteria.map((criterion) => `${criterion.criterionId}: ${criterion.text}`).join('; ')}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        aria-label={t('delivery.planMilestonesOf', { version: v.version })}
        rowKey="milestoneId"
        pagination={false}
        dataSource={v.plan.milestones}
        columns={[
          { title: t('delivery.milestone'), dataIndex: 'title' },
          { title: t('delivery.dueAt'), dataIndex: 'dueAt', render: (at: string) => formatDateTime(at, i18n.language) },
          {
            title: t('delivery.steps'),
            key: 'steps',
            render: (_: unknown, milestone) =>
              v.plan.steps
                .filter((step) => step.milestoneId === milestone.milestoneId)
                .map((step) => step.description)
                .join('; '),
          },
        ]}
      />
      {v.reviews.length > 0 && (
        <Timeline
          items={v.reviews.map((review, index) => ({
            key: index,
            color: review.kind === 'changes-requested' || review.conclusion === 'changes-requested' ? 'red' : 'green',
            content: (
              <>
                <Typography.Text strong>{t(`delivery.review.${review.kind === 'expert-opinion' ? (review.conclusion ?? 'approve') : review.kind}`)}</Typography.Text>{' '}
                <Typography.Text type="secondary">{`${review.by} · ${formatDateTime(review.at, i18n.language)}`}</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{review.text}</Typography.Paragraph>
              </>
            ),
          }))}
        />
      )}
      {open && (
        <Space wrap>
          {can('plan:expert-review') && v.experts.includes(userId) && !reviewed && (
            <CaseAction<{ opinion: string; conclusion: string }>
              label={t('delivery.giveOpinion')}
              title={t('delivery.giveOpinionOn', { version: v.version })}
              onSubmit={(values) => act(`${path}/expert-opinions`, values)}
            >
              <Form.Item label={t('delivery.conclusion')} name="conclusion" rules={[{ required: true }]}>
                <Select options={(['approve', 'changes-requested'] as const).map((value) => ({ value, label: t(`delivery.review.${value}`) }))} />
              </Form.Item>
              <Form.Item label={t('delivery.opinion')} name="opinion" rules={[{ required: true }]}>
                <Input.TextArea rows={4} />
              </Form.Item>
            </CaseAction>
          )}
          {can('plan:approve') && (
            <>
              <CaseAction<{ comments?: string }>
                label={t('delivery.approve')}
                title={t('delivery.approveVersion', { version: v.version })}
                primary
                onSubmit={({ comments }) => act(`${path}/approval`, comments ? { comments } : {})}
              >
                <Form.Item label={t('delivery.comments')} name="comments">
                  <Input.TextArea rows={3} />
                </Form.Item>
              </CaseAction>
              <CaseAction<{ comments: string }>
                label={t('delivery.requestChanges')}
                title={t('delivery.requestChangesTo', { version: v.version })}
                onSubmit={(values) => act(`${path}/change-requests`, values)}
              >
                <Form.Item label={t('delivery.changesWanted')} name="comments" rules={[{ required: true }]}>
                  <Input.TextArea rows={3} />
                </Form.Item>
              </CaseAction>
            </>
          )}
        </Space>
      )}
    </Space>
  );
}
