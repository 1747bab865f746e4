import { Button, Card, DatePicker, Descriptions, Input, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Breaches, Clock, Page, Scorecards } from '../api/types';
import { useDepartments } from '../api/use-departments';
import { useLoad } from '../api/use-load';
import { ProblemAlert } from '../components/problem-alert';
import { TimeLeft } from '../components/time-left';
import { currentPeriod, formatDateTime, formatScore, roundScore } from '../format';
import { useApi, useCan } from '../session/session-context';
import { FindingsCard } from './quality/findings-card';

interface Explanation {
  departmentId: string;
  indicators: Record<string, number | null>;
  counts: Record<string, number>;
  facts: Record<string, unknown[]>;
}

interface Recomputation {
  differences: { departmentId: string; officialScore: number | null; recomputedScore: number | null; officialRank: number | null; recomputedRank: number | null }[];
  policies: { policyId: string; version: number }[];
}

const CLOCK_STATES = ['running', 'paused', 'stopped', 'cancelled'];

/**
 * Quality monitoring (Q-*): SLA clocks, breaches by department, findings through rectification and re-check,
 * the month's scorecards and ranking as a chart, the explanation of a department's figures, the
 * recomputation under the current policies beside the official figures, and the CSV export.
 */
export function QualityPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const can = useCan();
  const [period, setPeriod] = useState(currentPeriod());
  const [demand, setDemand] = useState('');
  const [clockState, setClockState] = useState<string | undefined>('running');
  const [explained, setExplained] = useState<Explanation>();
  const [recomputation, setRecomputation] = useState<Recomputation>();
  const [error, setError] = useState<unknown>();
  const scorecards = useLoad((client) => client.get<Scorecards>(`/quality-monitoring/periods/${period}/scorecards`), [period]);
  const breaches = useLoad((client) => client.get<Breaches>('/quality-monitoring/breaches', { period }), [period]);
  const clocks = useLoad((client) => client.get<Page<Clock>>('/quality-monitoring/clocks', { demand: demand.trim(), state: clockState, pageSize: 100 }), [demand, clockState], 15000);
  const attempt = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    }
  };
  const explain = (departmentId: string) =>
    attempt(async () => setExplained(await api.get<Explanation>(`/quality-monitoring/periods/${period}/departments/${departmentId}/explanation`)));
  const recompute = () => attempt(async () => setRecomputation(await api.get<Recomputation>(`/quality-monitoring/periods/${period}/recomputation`, { policies: 'current' })));
  const exportCsv = () => attempt(async () => api.download('/quality-monitoring/scorecards.csv', { period }, `scorecards-${period}.csv`));
  const departments = useDepartments();
  const departmentColumn = departments.column(t('demand.department'), t('common.none'));
  const ranking = scorecards.data?.ranking ?? [];
  const view = scorecards.data ? t(scorecards.data.closed ? 'quality.official' : 'quality.live') : '';
  const chartTitle = t('quality.chart', { period, view });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('quality.title')}</Typography.Title>
      <Space wrap>
        <label htmlFor="quality-period">{t('quality.period')}</label>
        <DatePicker
          id="quality-period"
          picker="month"
          allowClear={false}
          value={dayjs(`${period}-01`)}
          onChange={(value) => {
            if (value) setPeriod(value.format('YYYY-MM'));
            setExplained(undefined);
            setRecomputation(undefined);
          }}
        />
        <Button onClick={exportCsv}>{t('common.exportCsv')}</Button>
        <Button onClick={recompute}>{t('quality.recompute')}</Button>
      </Space>
      <ProblemAlert error={error ?? scorecards.error ?? breaches.error} />
      <Card title={t('quality.scorecards')} size="small">
        <figure aria-label={chartTitle} style={{ margin: 0 }}>
          <ReactECharts
            style={{ height: 320 }}
            opts={{ renderer: 'svg' }}
            option={{
              title: { text: chartTitle, left: 'center' },
              tooltip: {},
              xAxis: { type: 'category', data: ranking.map((row) => departments.nameOf(row.departmentId)) },
              yAxis: { type: 'value', name: t('quality.score') },
              series: [{ type: 'bar', name: t('quality.score'), data: ranking.map((row) => roundScore(row.score)), label: { show: true, position: 'top' } }],
              aria: { enabled: true },
            }}
          />
        </figure>
        <Table
          size="small"
          rowKey="departmentId"
          pagination={false}
          dataSource={scorecards.data?.scorecards}
          columns={[
            { title: t('quality.rank'), dataIndex: 'rank' },
            departmentColumn,
            { title: t('quality.score'), dataIndex: 'score', render: (score: number | null) => formatScore(score, i18n.language) },
            {
              title: t('quality.explanation'),
              key: 'explain',
              render: (_: unknown, row: { departmentId: string }) => (
                <Button size="small" aria-label={`${t('quality.explain')} ${departments.nameOf(row.departmentId)}`} onClick={() => explain(row.departmentId)}>
                  {t('quality.explain')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {explained && (
        <Card title={`${t('quality.explanation')} · ${departments.nameOf(explained.departmentId)}`} size="small">
          <Descriptions size="small" bordered column={3}>
            {Object.entries(explained.indicators).map(([name, value]) => (
              <Descriptions.Item key={name} label={name}>
                {value ?? t('common.none')}
              </Descriptions.Item>
            ))}
            {Object.entries(explained.counts).map(([name, value]) => (
              <Descriptions.Item key={`count-${name}`} label={name}>
                {value}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {Object.entries(explained.facts)
              .map(([name, facts]) => `${name}: ${facts.length}`)
              .join(' · ')}
          </Typography.Paragraph>
        </Card>
      )}
      {recomputation && (
        <Card title={t('quality.recomputation')} size="small">
          <Table
            size="small"
            rowKey="departmentId"
            pagination={false}
            dataSource={recomputation.differences}
            columns={[
              departmentColumn,
              { title: t('quality.officialScore'), dataIndex: 'officialScore', render: (score: number | null) => formatScore(score, i18n.language) },
              { title: t('quality.currentScore'), dataIndex: 'recomputedScore', render: (score: number | null) => formatScore(score, i18n.language) },
              { title: `${t('quality.rank')} (${t('quality.official')})`, dataIndex: 'officialRank' },
              { title: `${t('quality.rank')} (${t('quality.currentScore')})`, dataIndex: 'recomputedRank' },
            ]}
          />
          <Typography.Text type="secondary">{recomputation.policies.map((p) => `${p.policyId} v${p.version}`).join(', ')}</Typography.Text>
        </Card>
      )}
      <Card title={t('quality.breaches')} size="small">
        <Table
          size="small"
          rowKey={(row) => row.departmentId ?? '—'}
          pagination={false}
          dataSource={breaches.data?.byDepartment}
          columns={[
            departmentColumn,
            { title: t('quality.breachCount'), dataIndex: 'breaches' },
            {
              title: t('quality.metric'),
              dataIndex: 'byMetric',
              render: (byMetric: Record<string, number>) =>
                Object.entries(byMetric)
                  .map(([metric, count]) => `${t(`metric.${metric}`, { defaultValue: metric })} ${count}`)
                  .join(' · '),
            },
          ]}
        />
      </Card>
      <Card title={t('quality.clocks')} size="small">
        <Space wrap style={{ marginBottom: 8 }}>
          <Input aria-label={t('quality.demandFilter')} placeholder={t('quality.demandFilter')} allowClear value={demand} onChange={(e) => setDemand(e.target.value)} style={{ width: 340 }} />
          <Select
            aria-label={t('quality.state')}
            allowClear
            value={clockState}
            onChange={setClockState}
            options={CLOCK_STATES.map((value) => ({ value, label: t(`clockState.${value}`, { defaultValue: value }) }))}
            style={{ width: 140 }}
          />
        </Space>
        <ProblemAlert error={clocks.error} />
        <Table<Clock>
          size="small"
          rowKey="clockId"
          dataSource={clocks.data?.items}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t('demand.reference'), dataIndex: 'demandId', render: (id: string) => (can('demand:read') ? <Link to={`/demands/${id}`}>{id.slice(0, 8)}</Link> : id.slice(0, 8)) },
            { title: t('quality.metric'), dataIndex: 'metric', render: (value: string) => t(`metric.${value}`, { defaultValue: value }) },
            departmentColumn,
            { title: t('quality.state'), dataIndex: 'state', render: (value: string) => t(`clockState.${value}`, { defaultValue: value }) },
            { title: t('quality.deadline'), dataIndex: 'deadlineAt', render: (value: string) => formatDateTime(value, i18n.language) },
            {
              title: t('quality.remaining'),
              key: 'remaining',
              render: (_: unknown, clock) => (clock.status === 'running' ? <TimeLeft remainingMinutes={clock.remainingMinutes} warned={clock.warned} breached={clock.breached} /> : t('common.none')),
            },
          ]}
        />
      </Card>
      <FindingsCard />
    </Space>
  );
}
