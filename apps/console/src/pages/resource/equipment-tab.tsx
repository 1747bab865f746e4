import { Card, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../api/types';
import { useDepartments } from '../../api/use-departments';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { ASSET_STATUS_COLOURS, type AssetView, DUE_STATE_COLOURS, type MaintenanceDue } from './resource-types';

/** The equipment register with each asset's status and next maintenance, and the maintenance due or overdue. */
export function EquipmentTab() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const assets = useLoad((api) => api.get<Page<AssetView>>('/resource/equipment/assets', { pageSize: 200 }), []);
  const maintenance = useLoad((api) => api.get<MaintenanceDue[]>('/resource/equipment/maintenance'), []);
  const dueTag = (state: string) => <Tag color={DUE_STATE_COLOURS[state]}>{t(`resource.dueState.${state}`)}</Tag>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('resource.maintenanceDue')} size="small">
        <ProblemAlert error={maintenance.error} />
        <Table<MaintenanceDue>
          size="small"
          aria-label={t('resource.maintenanceDue')}
          rowKey={(row) => `${row.assetId}:${row.planKey}`}
          dataSource={maintenance.data}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t('resource.asset'), dataIndex: 'assetName' },
            { title: t('resource.maintenanceKind'), dataIndex: 'kind', render: (kind: string) => t(`resource.maintenance.${kind}`) },
            { title: t('resource.dueOn'), dataIndex: 'dueOn' },
            { title: t('resource.status'), dataIndex: 'state', render: dueTag },
            departments.column(t('resource.department')),
            { title: t('resource.lastPerformedOn'), dataIndex: 'lastPerformedOn', render: (on: string | null) => on ?? t('common.none') },
          ]}
        />
      </Card>
      <Card title={t('resource.equipment')} size="small">
        <ProblemAlert error={assets.error} />
        <Table<AssetView>
          size="small"
          aria-label={t('resource.equipment')}
          rowKey="assetId"
          loading={assets.loading}
          dataSource={assets.data?.items}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t('resource.asset'), dataIndex: 'name' },
            { title: t('resource.category'), dataIndex: 'category', render: (category: string) => t(`resource.assetCategory.${category}`) },
            { title: t('resource.serialNumber'), dataIndex: 'serialNumber' },
            departments.column(t('resource.department')),
            { title: t('resource.allocatedTo'), key: 'allocation', render: (_: unknown, asset) => asset.allocation?.personId ?? asset.allocation?.departmentId ?? t('common.none') },
            { title: t('resource.status'), dataIndex: 'status', render: (status: string) => <Tag color={ASSET_STATUS_COLOURS[status]}>{t(`resource.assetStatus.${status}`)}</Tag> },
            {
              title: t('resource.nextMaintenance'),
              key: 'next',
              render: (_: unknown, asset) => {
                const next = [...asset.plans].sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
                return next ? (
                  <>
                    {next.dueOn} {dueTag(next.dueState)}
                  </>
                ) : (
                  t('common.none')
                );
              },
            },
          ]}
        />
      </Card>
    </Space>
  );
}
