import { Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../api/types';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDateTime } from '../../format';
import type { ArticleView } from './resource-types';

/** The version readers see: the published one, else the latest draft. */
function shown(article: ArticleView) {
  return article.versions.find((version) => version.version === article.publishedVersion) ?? article.versions.at(-1);
}

/** The knowledge base's published articles, searched by words of their title, tags or body; a row opened shows the text. */
export function KnowledgeTab() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const articles = useLoad((api) => api.get<Page<ArticleView>>('/resource/knowledge/articles', { q, pageSize: 100 }), [q]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search aria-label={t('resource.searchArticles')} placeholder={t('resource.searchArticles')} allowClear enterButton onSearch={setQ} style={{ maxWidth: 480 }} />
      <ProblemAlert error={articles.error} />
      <Table<ArticleView>
        size="small"
        aria-label={t('resource.articles')}
        rowKey="articleId"
        loading={articles.loading}
        dataSource={articles.data?.items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        expandable={{ expandedRowRender: (article) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{shown(article)?.body}</Typography.Paragraph> }}
        columns={[
          { title: t('resource.articleTitle'), key: 'title', render: (_: unknown, article) => shown(article)?.title },
          { title: t('resource.kind'), dataIndex: 'kind', render: (kind: string) => t(`resource.articleKind.${kind}`) },
          { title: t('resource.author'), dataIndex: 'authorId' },
          { title: t('resource.helpful'), dataIndex: 'helpfulCount' },
          { title: t('resource.views'), dataIndex: 'viewCount' },
          { title: t('resource.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => formatDateTime(at, i18n.language) },
          { title: t('resource.status'), key: 'stale', render: (_: unknown, article) => (article.stale ? <Tag color="orange">{t('resource.stale')}</Tag> : t(`resource.articleStatus.${article.status}`)) },
        ]}
      />
    </Space>
  );
}
