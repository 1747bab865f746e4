import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../api/types';
import { useDepartments } from '../../api/use-departments';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDateTime } from '../../format';
import { useApi } from '../../session/session-context';
import { BAND_COLOURS, RISK_BANDS, type RegisterRecord } from './risk-types';

/** The risk register: each risk with its current level, response strategy and next review; filtered by band; as CSV. */
export function RegisterCard() {
  const { t, i18n } = useTranslation();
  const departments = useDepartments();
  const api = useApi();
  const [band, setBand] = useState<string>();
  const [error, setError] = useState<unknown>();
  const risks = useLoad((client) => client.get<Page<RegisterRecord>>('/risk/risks', { band, pageSize: 200 }), [band]);
  const exportCsv = async () => {
    setError(undefined);
    try {
      await api.download('/risk/risks/export.csv', { band }, 'risk-register.csv');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Card title={t('risk.register')} size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select
            aria-label={t('risk.band')}
            placeholder={t('risk.band')}
            allowClear
            style={{ minWidth: 160 }}
            value={band}
            onChange={setBand}
            options={RISK_BANDS.map((value) => ({ value, label: t(`risk.bands.${value}`) }))}
          />
          <Button onClick={exportCsv}>{t('common.exportCsv')}</Button>
        </Space>
        <ProblemAlert error={error ?? risks.error} />
        <Table<RegisterRecord>
          size="small"
          aria-label={t('risk.register')}
          rowKey="riskId"
          loading={risks.loading}
          dataSource={risks.data?.items}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t('risk.riskTitle'), dataIndex: 'title' },
            { title: t('risk.category'), dataIndex: 'category', render: (category: string) => t(`risk.categories.${category}`, { defaultValue: category }) },
            { title: t('risk.owner'), dataIndex: 'ownerId' },
            departments.column(t('risk.department')),
            { title: t('risk.state'), dataIndex: 'state', render: (state: string) => t(`risk.states.${state}`) },
            { title: t('risk.level'), dataIndex: 'level', render: (level: string | null, risk) => (level ? <Tag color={BAND_COLOURS[risk.band ?? '']}>{t(`risk.bands.${level}`, { defaultValue: level })}</Tag> : t('risk.notAssessed')) },
            { title: t('risk.likelihoodImpact'), key: 'cell', render: (_: unknown, risk) => (risk.likelihood ? `${risk.likelihood} × ${risk.impact}` : t('common.none')) },
            { title: t('risk.strategy'), dataIndex: 'strategy', render: (strategy: string | null) => (strategy ? t(`risk.strategies.${strategy}`, { defaultValue: strategy }) : t('common.none')) },
            {
              title: t('risk.nextReviewDue'),
              dataIndex: 'nextReviewDue',
              render: (due: string | null, risk) => (
                <>
                  {formatDateTime(due, i18n.language)} {risk.reviewOverdue && <Tag color="red">{t('risk.reviewOverdue')}</Tag>}
                </>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
