import { Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { useCan } from '../../session/session-context';
import { CaseAction } from './case-action';
import { ENDED, TEAM_ROLES, type CaseAct, type ServiceCaseDetail, type TeamMember } from './case-types';

/**
 * The project team, past members included, with the project manager marked (P-4.1). Those who manage the team
 * add members, change their duties and remove them; the project manager is replaced, never just removed, so
 * that the team always has one.
 */
export function TeamCard({ serviceCase: c, act }: { serviceCase: ServiceCaseDetail; act: CaseAct }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const managing = can('team:manage') && !ENDED.includes(c.status);
  const manager = c.team.find((m) => m.role === 'project-manager' && m.leftAt === null);
  const member = (m: TeamMember, command: string) => `team/members/${encodeURIComponent(m.memberId)}/${command}`;
  return (
    <Card
      size="small"
      title={t('delivery.team')}
      extra={
        managing && (
          <Space>
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
            {manager && (
              <CaseAction<{ memberId: string; duties: string; reason: string }>
                label={t('delivery.replaceManager')}
                onSubmit={(values) => act('team/project-manager', values)}
              >
                <Form.Item label={t('delivery.newManager')} name="memberId" rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item label={t('delivery.duties')} name="duties" rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item label={t('delivery.managerLeaves', { member: manager.memberId })} name="reason" rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
              </CaseAction>
            )}
          </Space>
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
          ...(managing
            ? [
                {
                  title: t('delivery.actions'),
                  key: 'actions',
                  render: (_: unknown, m: TeamMember) =>
                    m.leftAt === null && (
                      <Space wrap>
                        <CaseAction<{ duties: string }>
                          label={t('delivery.changeDuties')}
                          title={t('delivery.changeDutiesOf', { member: m.memberId })}
                          initialValues={{ duties: m.duties }}
                          onSubmit={(values) => act(member(m, 'duties'), values)}
                        >
                          <Form.Item label={t('delivery.duties')} name="duties" rules={[{ required: true }]}>
                            <Input />
                          </Form.Item>
                        </CaseAction>
                        {m.role !== 'project-manager' && (
                          <CaseAction<{ reason: string }>
                            label={t('delivery.removeMember')}
                            title={t('delivery.removeMemberOf', { member: m.memberId })}
                            onSubmit={(values) => act(member(m, 'removal'), values)}
                          >
                            <Form.Item label={t('delivery.leavingReason')} name="reason" rules={[{ required: true }]}>
                              <Input />
                            </Form.Item>
                          </CaseAction>
                        )}
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
