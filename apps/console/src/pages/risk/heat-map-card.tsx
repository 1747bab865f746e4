import { Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDateTime } from '../../format';
import { BAND_COLOURS, type HeatMap, type HeatMapCell } from './risk-types';

const steps = (cells: HeatMapCell[], axis: 'likelihood' | 'impact') => Array.from({ length: Math.max(5, ...cells.map((cell) => cell[axis])) }, (_, index) => String(index + 1));

/**
 * The heat map: assessed risks counted per likelihood × impact cell, now or as of the end of a chosen day (in
 * the user's time zone), one chart per matrix version in use; the cells with risks also as a table, for
 * keyboards and screen readers.
 */
export function HeatMapCard() {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState<Dayjs | null>(null);
  const asOf = day ? day.endOf('day').toISOString() : undefined;
  const heatMap = useLoad((api) => api.get<HeatMap>('/risk/heat-map', { asOf }), [asOf]);
  return (
    <Card title={t('risk.heatMap')} size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <label htmlFor="risk-as-of">{t('risk.asOf')}</label>
          <DatePicker id="risk-as-of" value={day} onChange={setDay} allowClear />
          {heatMap.data && <Typography.Text type="secondary">{t('risk.heatMapTotal', { total: heatMap.data.total, asOf: formatDateTime(heatMap.data.asOf, i18n.language) })}</Typography.Text>}
        </Space>
        <ProblemAlert error={heatMap.error} />
        {heatMap.data?.matrices.map(({ matrixVersion, cells }) => {
          const title = t('risk.matrixVersion', { version: matrixVersion });
          const max = Math.max(1, ...cells.map((cell) => cell.count));
          return (
            <figure key={matrixVersion} aria-label={title} style={{ margin: 0 }}>
              <ReactECharts
                style={{ height: 360, maxWidth: 560 }}
                opts={{ renderer: 'svg' }}
                option={{
                  title: { text: title, left: 'center' },
                  tooltip: {},
                  xAxis: { type: 'category', name: t('risk.impact'), data: steps(cells, 'impact') },
                  yAxis: { type: 'category', name: t('risk.likelihood'), data: steps(cells, 'likelihood') },
                  visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f6ffed', '#faad14', '#cf1322'] } },
                  series: [{ type: 'heatmap', name: t('risk.count'), data: cells.map((cell) => [cell.impact - 1, cell.likelihood - 1, cell.count]), label: { show: true } }],
                  aria: { enabled: true },
                }}
              />
              <Table<HeatMapCell>
                size="small"
                aria-label={t('risk.cellsOf', { title })}
                rowKey={(cell) => `${cell.likelihood}:${cell.impact}`}
                pagination={false}
                dataSource={cells.filter((cell) => cell.count > 0)}
                columns={[
                  { title: t('risk.likelihood'), dataIndex: 'likelihood' },
                  { title: t('risk.impact'), dataIndex: 'impact' },
                  { title: t('risk.level'), dataIndex: 'level', render: (level: string, cell) => <Tag color={BAND_COLOURS[cell.band]}>{t(`risk.bands.${level}`, { defaultValue: level })}</Tag> },
                  { title: t('risk.count'), dataIndex: 'count' },
                ]}
              />
            </figure>
          );
        })}
      </Space>
    </Card>
  );
}
