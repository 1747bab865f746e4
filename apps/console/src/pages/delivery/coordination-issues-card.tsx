import { Card, Empty, Form, Input, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../session/session-context';
import { CaseAction } from './case-action';
import { ENDED, type CaseAct, type CoordinationIssue, type ServiceCaseDetail } from './case-types';

/**
 * Coordination problems between departments met while serving the case, open and resolved (P-4.3): the team
 * logs each with the departments it is between, and records how it was resolved. A customer's view of the
 * case holds none, so the card is not shown to them.
 */
export function CoordinationIssuesCard({ serviceCase: c, act }: { serviceCase: ServiceCaseDetail; act: CaseAct }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!c.coordinationIssues) return null;
  const working = can('progress:report') && !ENDED.includes(c.status);
  return (
    <Card
      size="small"
      title={t('delivery.coordinationIssues')}
      extra={
        working && (
          <CaseAction<{ description: string; departmentIds: string[] }>
            label={t('delivery.raiseIssue')}
            initialValues={{ departmentIds: [] }}
            onSubmit={(values) => act('coordination-issues', values)}
          >
            <Form.Item label={t('delivery.issueDescription')} name="description" rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item label={t('delivery.issueDepartments')} name="departmentIds" rules={[{ required: true, type: 'array', min: 1 }]} extra={t('delivery.issueDepartmentsHelp')}>
              <Select mode="tags" options={c.departments.map((value) => ({ value, label: value }))} />
            </Form.Item>
          </CaseAction>
        )
      }
    >
      {c.coordinationIssues.length === 0 ? (
        <Empty description={t('delivery.noIssues')} />
      ) : (
        <Table<CoordinationIssue>
          size="small"
          aria-label={t('delivery.coordinationIssues')}
          rowKey="issueNumber"
          pagination={false}
          dataSource={c.coordinationIssues}
          columns={[
            { title: t('delivery.issueNumber'), dataIndex: 'issueNumber' },
            { title: t('delivery.issueDescription'), dataIndex: 'description' },
            { title: t('delivery.issueDepartments'), dataIndex: 'departmentIds', render: (ids: string[]) => ids.join(', ') },
            {
              title: t('delivery.resolution'),
              key: 'resolution',
              render: (_: unknown, issue) =>
                issue.resolved ? (
                  <>
                    <Tag color="green">{t('delivery.resolved')}</Tag> {issue.resolution}
                  </>
                ) : working ? (
                  <CaseAction<{ resolution: string }>
                    label={t('delivery.resolve')}
                    title={t('delivery.resolveIssue', { n: issue.issueNumber })}
                    onSubmit={(values) => act(`coordination-issues/${issue.issueNumber}/resolution`, values)}
                  >
                    <Form.Item label={t('delivery.resolution')} name="resolution" rules={[{ required: true }]}>
                      <Input.TextArea rows={3} />
                    </Form.Item>
                  </CaseAction>
                ) : (
                  <Tag color="gold">{t('delivery.open')}</Tag>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
