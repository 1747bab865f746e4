import { Card, Space, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types';
import { useLoad } from '../api/use-load';
import { ProblemAlert } from '../components/problem-alert';
import { RecordTable } from '../components/record-table';

interface HeatMap {
  asOf: string;
  total: number;
  matrices: { matrixVersion: number; cells: { likelihood: number; impact: number; level: string; count: number }[] }[];
}

const SCALE = [1, 2, 3, 4, 5];

/** Risks (K-*): the heat map of assessed risks on the likelihood × impact matrix, and the open warnings. */
export function RiskPage() {
  const { t } = useTranslation();
  const heatMap = useLoad((api) => api.get<HeatMap>('/risk/heat-map'), []);
  const warnings = useLoad((api) => api.get<Page<Record<string, unknown>>>('/risk/warnings', { pageSize: 200 }), [], 30000);
  const cells = heatMap.data?.matrices.at(-1)?.cells ?? [];
  const max = Math.max(1, ...cells.map((cell) => cell.count));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('risk.title')}</Typography.Title>
      <ProblemAlert error={heatMap.error} />
      <Card title={t('risk.heatMap')} size="small">
        <figure aria-label={t('risk.heatMap')} style={{ margin: 0 }}>
          <ReactECharts
            style={{ height: 360, maxWidth: 520 }}
            opts={{ renderer: 'svg' }}
            option={{
              tooltip: {},
              xAxis: { type: 'category', name: t('risk.impact'), data: SCALE.map(String) },
              yAxis: { type: 'category', name: t('risk.likelihood'), data: SCALE.map(String) },
              visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f6ffed', '#faad14', '#cf1322'] } },
              series: [{ type: 'heatmap', data: cells.map((cell) => [cell.impact - 1, cell.likelihood - 1, cell.count]), label: { show: true } }],
              aria: { enabled: true },
            }}
          />
        </figure>
      </Card>
      <Card title={t('risk.warnings')} size="small">
        <ProblemAlert error={warnings.error} />
        <RecordTable caption={t('risk.warnings')} rowKey="warningId" rows={warnings.data?.items} columns={['indicatorId', 'category', 'groupKey', 'ownerId', 'status', 'riskId', 'raisedAt']} />
      </Card>
    </Space>
  );
}
