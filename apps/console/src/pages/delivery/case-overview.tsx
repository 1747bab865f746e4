import { Card, Descriptions, Form, Input, Space, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDepartments } from '../../api/use-departments';
import { formatDateTime } from '../../format';
import { useCan } from '../../session/session-context';
import { CaseAction } from './case-action';
import { CASE_STAGES, type CaseAct, type ServiceCaseDetail } from './case-types';

/** Where the case stands and whom it belongs to; starting delivery and closing, for those who manage the team. */
export function CaseOverview({ serviceCase: c, act }: { serviceCase: ServiceCaseDetail; act: CaseAct }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const { nameOf } = useDepartments();
  const at = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : t('common.none'));
  // Rectifying is a return to acceptance; a cancelled case has left the steps altogether.
  const stage = c.status === 'rectifying' ? 'awaiting-acceptance' : c.status;
  const current = CASE_STAGES.indexOf(stage as (typeof CASE_STAGES)[number]);
  return (
    <Card size="small" title={t('delivery.overview')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {current >= 0 && (
          <Steps
            size="small"
            current={current}
            status={c.status === 'rectifying' ? 'error' : c.status === 'closed' ? 'finish' : 'process'}
            items={CASE_STAGES.map((s) => ({ title: t(`delivery.caseStatus.${s}`) }))}
          />
        )}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('delivery.status')}>
            <Tag color={c.status === 'cancelled' ? 'default' : 'blue'}>{t(`delivery.caseStatus.${c.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('demand.complexity')}>{t(`complexity.${c.complexity}`)}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.demand')}>{can('demand:read') ? <Link to={`/demands/${c.demandId}`}>{c.reference}</Link> : c.reference}</Descriptions.Item>
          <Descriptions.Item label={t('demand.customer')}>{c.customerId}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.responsibleDepartment')}>{nameOf(c.responsibleDepartmentId)}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.departments')}>{c.departments.map(nameOf).join(', ')}</Descriptions.Item>
          <Descriptions.Item label={t('demand.owner')}>{c.ownerId}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.projectManager')}>{c.projectManagerId ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.openedAt')}>{at(c.openedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.planDueAt')}>
            {at(c.planDueAt)} {c.planOverdue && <Tag color="red">{t('delivery.planOverdue')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('delivery.deliveryStartedAt')}>{at(c.deliveryStartedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.acceptedAt')}>{at(c.acceptedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.closedAt')}>{at(c.closedAt)}</Descriptions.Item>
        </Descriptions>
        <Space wrap>
          {c.status === 'ready' && can('team:manage') && (
            <CaseAction label={t('delivery.startDelivery')} primary onSubmit={() => act('delivery')}>
              <Typography.Paragraph>{t('delivery.startDeliveryHelp', { version: c.planVersion ?? '' })}</Typography.Paragraph>
            </CaseAction>
          )}
          {['accepted', 'after-sales'].includes(c.status) && can('team:manage') && (
            <CaseAction<{ summary: string }> label={t('delivery.close')} onSubmit={(values) => act('closure', values)}>
              <Form.Item label={t('delivery.closingSummary')} name="summary" rules={[{ required: true }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </CaseAction>
          )}
        </Space>
      </Space>
    </Card>
  );
}
