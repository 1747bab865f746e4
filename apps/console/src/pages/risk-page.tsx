import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { HeatMapCard } from './risk/heat-map-card';
import { RegisterCard } from './risk/register-card';
import { WarningsCard } from './risk/warnings-card';

/** Risks (K-*): the heat map (now or as of a day), the register with levels, and the open early warnings. */
export function RiskPage() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('risk.title')}</Typography.Title>
      <HeatMapCard />
      <RegisterCard />
      <WarningsCard />
    </Space>
  );
}
