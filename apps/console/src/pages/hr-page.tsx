import { Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AppraisalsTab } from './hr/appraisals-tab';
import { PromotionTracks } from './hr/promotion-tracks';
import { TrainingTab } from './hr/training-tab';

/** HR (H-*): the appraisals, the training matrix with what is due and overdue, and the promotion tracks. */
export function HrPage() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('hr.title')}</Typography.Title>
      <Tabs
        items={[
          { key: 'appraisals', label: t('hr.appraisals'), children: <AppraisalsTab /> },
          { key: 'training', label: t('hr.trainingMatrix'), children: <TrainingTab /> },
          { key: 'promotion', label: t('hr.promotionTracks'), children: <PromotionTracks /> },
        ]}
      />
    </Space>
  );
}
