import { Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../session/session-context';
import { DocumentsTab } from './resource/documents-tab';
import { EquipmentTab } from './resource/equipment-tab';
import { KnowledgeTab } from './resource/knowledge-tab';
import { RdInvestmentTab } from './resource/rd-investment-tab';

/** Resources (R-*): document search and detail, the knowledge base, and, for those who may read them, equipment and R&D investment. */
export function ResourcePage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('resource.title')}</Typography.Title>
      <Tabs
        items={[
          { key: 'documents', label: t('resource.documents'), children: <DocumentsTab /> },
          { key: 'knowledge', label: t('resource.articles'), children: <KnowledgeTab /> },
          ...(can('resource:read')
            ? [
                { key: 'equipment', label: t('resource.equipment'), children: <EquipmentTab /> },
                { key: 'rd', label: t('resource.rdInvestment'), children: <RdInvestmentTab /> },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
