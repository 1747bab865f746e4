import { Button, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../api/types';
import { useDepartments } from '../../api/use-departments';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDateTime } from '../../format';
import { DocumentDetail } from './document-detail';
import { DOCUMENT_STATUS_COLOURS, type DocumentView } from './resource-types';

/** The technical documents, searched by words of their title, tags or text (Chinese too), best match first; one opened in full. */
export function DocumentsTab() {
  const { t, i18n } = useTranslation();
  const departments = useDepartments();
  const [q, setQ] = useState('');
  const [openId, setOpenId] = useState<string>();
  const documents = useLoad((api) => api.get<Page<DocumentView>>('/resource/documents', { q, pageSize: 100 }), [q]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search aria-label={t('resource.search')} placeholder={t('resource.search')} allowClear enterButton onSearch={setQ} style={{ maxWidth: 480 }} />
      <ProblemAlert error={documents.error} />
      <Table<DocumentView>
        size="small"
        aria-label={q ? t('resource.resultsFor', { q }) : t('resource.documents')}
        rowKey="documentId"
        loading={documents.loading}
        dataSource={documents.data?.items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          {
            title: t('resource.documentTitle'),
            dataIndex: 'title',
            render: (title: string, row) => (
              <Button type="link" onClick={() => setOpenId(row.documentId)}>
                {title}
              </Button>
            ),
          },
          { title: t('resource.kind'), dataIndex: 'kind', render: (kind: string) => t(`resource.documentKind.${kind}`) },
          { title: t('resource.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
          departments.column(t('resource.department')),
          { title: t('resource.owner'), dataIndex: 'ownerId' },
          { title: t('resource.status'), dataIndex: 'status', render: (status: string) => <Tag color={DOCUMENT_STATUS_COLOURS[status]}>{t(`resource.documentStatus.${status}`)}</Tag> },
          { title: t('resource.releasedVersion'), dataIndex: 'releasedVersion', render: (version?: number) => version ?? t('common.none') },
          {
            title: t('resource.nextReviewDue'),
            dataIndex: 'nextReviewDue',
            render: (due: string | undefined, row) => (
              <>
                {formatDateTime(due, i18n.language)} {row.reviewDue && <Tag color="orange">{t('resource.reviewDue')}</Tag>}
              </>
            ),
          },
        ]}
      />
      {openId && <DocumentDetail documentId={openId} />}
    </Space>
  );
}
