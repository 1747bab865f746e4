import { Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../api/types';
import { useDepartments } from '../../api/use-departments';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDateTime } from '../../format';
import { useCan } from '../../session/session-context';
import { FindingDetail } from './finding-detail';
import { FINDING_STATUS_COLOURS, type Finding, type FindingStatus } from './finding-types';
import { RaiseFinding } from './raise-finding';

/** Findings through rectification and re-check: each opens in a drawer; a monitor raises new ones. */
export function FindingsCard() {
  const { t, i18n } = useTranslation();
  const departments = useDepartments();
  const can = useCan();
  const [after, setAfter] = useState<string>();
  const [openId, setOpenId] = useState<string>();
  const findings = useLoad((client) => client.get<Page<Finding>>('/quality-monitoring/findings', { pageSize: 100, after }), [after]);
  // The read model follows each command: the list is read again once it holds the command's checkpoint.
  const changed = (checkpoint?: string) => (checkpoint ? setAfter(checkpoint) : findings.reload());
  return (
    <Card title={t('quality.findings')} size="small" extra={can('finding:raise') && <RaiseFinding onRaised={changed} />}>
      <ProblemAlert error={findings.error} />
      <Table<Finding>
        size="small"
        aria-label={t('quality.findings')}
        rowKey="findingId"
        dataSource={findings.data?.items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: true }}
        columns={[
          { title: t('quality.subject'), dataIndex: 'subject' },
          departments.column(t('demand.department')),
          { title: t('quality.responsible'), dataIndex: 'responsibleId' },
          { title: t('quality.findingStatus'), dataIndex: 'status', render: (status: FindingStatus) => <Tag color={FINDING_STATUS_COLOURS[status]}>{t(`quality.findingStatuses.${status}`)}</Tag> },
          { title: t('quality.round'), dataIndex: 'round' },
          { title: t('quality.deadline'), dataIndex: 'deadline', render: (deadline?: string) => formatDateTime(deadline, i18n.language) },
          { title: t('quality.raisedAt'), dataIndex: 'raisedAt', render: (at: string) => formatDateTime(at, i18n.language) },
          {
            title: t('common.open'),
            key: 'open',
            render: (_: unknown, finding) => (
              <Button size="small" aria-label={t('quality.openFinding', { subject: finding.subject })} onClick={() => setOpenId(finding.findingId)}>
                {t('common.open')}
              </Button>
            ),
          },
        ]}
      />
      {openId && <FindingDetail findingId={openId} onClose={() => setOpenId(undefined)} onChanged={changed} />}
    </Card>
  );
}
