import { Card, Empty, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDateTime } from '../../format';
import type { PromotionTrack } from './hr-types';

type Level = PromotionTrack['versions'][number]['levels'][number];

/** The promotion tracks as now defined (their latest version): each level and what promotion into it takes. */
export function PromotionTracks() {
  const { t, i18n } = useTranslation();
  const tracks = useLoad((api) => api.get<PromotionTrack[]>('/hr-performance/promotion-tracks'), []);
  const criteria = ({ criteria: c }: Level): string =>
    [
      c.minAppraisals && t('hr.criteria.appraisals', { count: c.minAppraisals.count, cycle: t(`hr.appraisalKind.${c.minAppraisals.cycle}`), score: c.minAppraisals.minScore }),
      c.requiredTraining.length > 0 && t('hr.criteria.training', { trainings: c.requiredTraining.join('、') }),
      c.minMonthsInLevel > 0 && t('hr.criteria.months', { count: c.minMonthsInLevel }),
    ]
      .filter(Boolean)
      .join(i18n.language.startsWith('zh') ? '；' : '; ') || t('common.none');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ProblemAlert error={tracks.error} />
      {tracks.data?.length === 0 && <Empty description={t('hr.noTracks')} />}
      {tracks.data?.map((track) => {
        const current = track.versions.at(-1);
        if (!current) return null;
        return (
          <Card key={track.trackId} size="small" title={t('hr.trackTitle', { name: current.name, version: current.version })} extra={formatDateTime(current.definedAt, i18n.language)}>
            <Table<Level>
              size="small"
              aria-label={current.name}
              rowKey="level"
              pagination={false}
              dataSource={current.levels}
              columns={[
                { title: t('hr.level'), dataIndex: 'level' },
                { title: t('hr.name'), dataIndex: 'name' },
                { title: t('hr.criteria.title'), key: 'criteria', render: (_: unknown, level) => criteria(level) },
              ]}
            />
          </Card>
        );
      })}
    </Space>
  );
}
