import { Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types';
import { useLoad } from '../api/use-load';
import { ProblemAlert } from '../components/problem-alert';
import { RecordTable } from '../components/record-table';
import { useCan } from '../session/session-context';

type Row = Record<string, unknown>;

/** Resources (R-*): the documents, searched by a phrase of their text (Chinese included), and the equipment. */
export function ResourcePage() {
  const { t } = useTranslation();
  const can = useCan();
  const [q, setQ] = useState('');
  const documents = useLoad((api) => api.get<Page<Row>>('/resource/documents', { q, pageSize: 100 }), [q]);
  const assets = useLoad(async (api) => (can('resource:read') ? api.get<Page<Row>>('/resource/equipment/assets', { pageSize: 200 }) : undefined), []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('resource.title')}</Typography.Title>
      <Card title={t('resource.documents')} size="small">
        <Input.Search aria-label={t('resource.search')} placeholder={t('resource.search')} allowClear enterButton onSearch={setQ} style={{ maxWidth: 480, marginBottom: 8 }} />
        <ProblemAlert error={documents.error} />
        <RecordTable caption={t('resource.documents')} rowKey="documentId" rows={documents.data?.items} columns={['title', 'kind', 'departmentId', 'ownerId', 'status', 'releasedVersion', 'nextReviewDue']} />
      </Card>
      {can('resource:read') && (
        <Card title={t('resource.equipment')} size="small">
          <ProblemAlert error={assets.error} />
          <RecordTable caption={t('resource.equipment')} rowKey="assetId" rows={assets.data?.items} columns={['name', 'category', 'serialNumber', 'departmentId', 'custodianDepartmentId', 'allocatedTo', 'status']} />
        </Card>
      )}
    </Space>
  );
}
