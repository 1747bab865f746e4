import { Card, Form, Input, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { useCan } from '../../session/session-context';
import { CaseAction } from './case-action';
import { TEAM_ROLES, type CaseAct, type ServiceCaseDetail, type TeamMember } from './case-types';

/** The project team, past members included, with the project manager marked (P-4.1); the head adds members. */
export function TeamCard({ serviceCase: c, act }: { serviceCase: ServiceCaseDetail; act: CaseAct }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  return (
    <Card
      size="small"
      title={t('delivery.team')}
      extra={
        can('team:manage') &&
        !['closed', 'cancelled'].includes(c.status) && (
          <CaseAction<{ memberId: string; role: string; duties: string }> label={t('delivery.addMember')} onSubmit={(values) => act('team/members', values)}>
            <Form.Item label={t('delivery.member')} name="memberId" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item label={t('delivery.role')} name="role" rules={[{ required: true }]}>
              <Select options={TEAM_ROLES.map((value) => ({ value, label: t(`delivery.teamRole.${value}`) }))} />
            </Form.Item>
            <Form.Item label={t('delivery.duties')} name="duties" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </CaseAction>
        )
      }
    >
      <Table<TeamMember>
        size="small"
        aria-label={t('delivery.team')}
        rowKey={(m) => `${m.memberId}@${m.joinedAt}`}
        pagination={false}
        dataSource={c.team}
        columns={[
          { title: t('delivery.member'), dataIndex: 'memberId' },
          { title: t('delivery.role'), dataIndex: 'role', render: (role: string) => t(`delivery.teamRole.${role}`, { defaultValue: role }) },
          { title: t('delivery.duties'), dataIndex: 'duties' },
          { title: t('delivery.joinedAt'), dataIndex: 'joinedAt', render: (at: string) => formatDateTime(at, i18n.language) },
          {
            title: t('delivery.leftAt'),
            key: 'left',
            render: (_: unknown, m) => (m.leftAt ? `${formatDateTime(m.leftAt, i18n.language)} · ${m.leftReason ?? ''}` : <Tag color="green">{t('delivery.current')}</Tag>),
          },
        ]}
      />
    </Card>
  );
}
