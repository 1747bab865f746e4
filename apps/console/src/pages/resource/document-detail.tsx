import { Card, Descriptions, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDateTime } from '../../format';
import { DOCUMENT_STATUS_COLOURS, type DocumentView } from './resource-types';

/** One document: what it is, whose, its review schedule, every version uploaded and every review. */
export function DocumentDetail({ documentId }: { documentId: string }) {
  const { t, i18n } = useTranslation();
  const document = useLoad((api) => api.get<DocumentView>(`/resource/documents/${documentId}`), [documentId]);
  const d = document.data;
  if (!d) return <ProblemAlert error={document.error} />;
  return (
    <Card title={d.title} size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert error={document.error} />
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('resource.kind')}>{t(`resource.documentKind.${d.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('resource.status')}>
            <Tag color={DOCUMENT_STATUS_COLOURS[d.status]}>{t(`resource.documentStatus.${d.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('resource.releasedVersion')}>{d.releasedVersion ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('resource.department')}>{d.departmentId}</Descriptions.Item>
          <Descriptions.Item label={t('resource.owner')}>{d.ownerId}</Descriptions.Item>
          <Descriptions.Item label={t('resource.reviewInterval')}>{t('resource.days', { count: d.reviewIntervalDays })}</Descriptions.Item>
          <Descriptions.Item label={t('resource.nextReviewDue')}>{formatDateTime(d.nextReviewDue, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('resource.tags')}>{d.tags.join('、') || t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('resource.updatedAt')}>{formatDateTime(d.updatedAt, i18n.language)}</Descriptions.Item>
        </Descriptions>
        <Table
          size="small"
          aria-label={t('resource.versions')}
          rowKey="version"
          pagination={false}
          dataSource={d.versions}
          columns={[
            { title: t('resource.version'), dataIndex: 'version' },
            { title: t('resource.fileName'), dataIndex: 'fileName' },
            { title: t('resource.changeNote'), dataIndex: 'changeNote' },
            { title: t('resource.uploadedAt'), dataIndex: 'uploadedAt', render: (at: string) => formatDateTime(at, i18n.language) },
            { title: t('resource.by'), dataIndex: 'uploadedBy' },
          ]}
        />
        <Table
          size="small"
          aria-label={t('resource.reviews')}
          rowKey={(review) => `${review.version}:${review.at}`}
          pagination={false}
          dataSource={d.reviews}
          columns={[
            { title: t('resource.version'), dataIndex: 'version' },
            { title: t('resource.outcome'), dataIndex: 'outcome', render: (outcome: string) => t(`resource.reviewOutcome.${outcome}`) },
            { title: t('resource.comment'), dataIndex: 'comment' },
            { title: t('resource.reviewedAt'), dataIndex: 'at', render: (at: string) => formatDateTime(at, i18n.language) },
            { title: t('resource.by'), dataIndex: 'by' },
          ]}
        />
      </Space>
    </Card>
  );
}
