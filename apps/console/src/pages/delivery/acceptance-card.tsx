import { Card, Descriptions, Empty, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { useCan } from '../../session/session-context';
import { AcceptanceReportForm, initialReport, reportOfForm, type AcceptanceReportValues } from './acceptance-report-form';
import { CaseAction } from './case-action';
import { DELIVERING, type AcceptanceRound, type CaseAct, type RectificationItem, type ServiceCaseDetail } from './case-types';

const VERDICT_COLOURS = { accepted: 'green', rejected: 'red' } as const;

/**
 * Acceptance (P-5.1, P-5.2): the contract's criteria, each round with its results and verdict, and the
 * rectification items it raised. Customer service organises a round and records a report signed on paper,
 * the customer's portal user records theirs, and the team fixes the items.
 */
export function AcceptanceCard({ serviceCase: c, act }: { serviceCase: ServiceCaseDetail; act: CaseAct }) {
  const { t } = useTranslation();
  const can = useCan();
  const contract = c.contractCriteria.at(-1);
  const rounds = [...c.acceptanceRounds].reverse();
  const pending = rounds.some((round) => round.verdict === null);
  return (
    <Card
      size="small"
      title={t('delivery.acceptance')}
      extra={
        can('acceptance:organise') &&
        DELIVERING.includes(c.status) &&
        !pending && (
          <CaseAction label={t('delivery.organiseRound')} onSubmit={() => act('acceptance')}>
            <Typography.Paragraph>{t('delivery.organiseRoundHelp')}</Typography.Paragraph>
          </CaseAction>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {contract && (
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label={t('delivery.contractCriteria', { contract: contract.contractReference, version: contract.version })}>
              {contract.criteria.map((criterion) => `${criterion.criterionId}: ${criterion.text}`).join('; ')}
            </Descriptions.Item>
          </Descriptions>
        )}
        {rounds.length === 0 ? <Empty description={t('delivery.noRounds')} /> : rounds.map((round) => <RoundDetail key={round.round} round={round} act={act} />)}
      </Space>
    </Card>
  );
}

/** One acceptance round: its report's results and signatory, and the rectification items it raised. */
function RoundDetail({ round, act }: { round: AcceptanceRound; act: CaseAct }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const paper = !can('acceptance:respond');
  const criterionText = (id: string | null) => round.criteria.find((criterion) => criterion.criterionId === id)?.text ?? id ?? t('common.none');
  return (
    <Card
      type="inner"
      size="small"
      title={
        <Space>
          {t('delivery.round', { round: round.round })}
          {round.verdict ? <Tag color={VERDICT_COLOURS[round.verdict]}>{t(`delivery.verdicts.${round.verdict}`)}</Tag> : <Tag color="gold">{t('delivery.awaitingReport')}</Tag>}
        </Space>
      }
      extra={
        round.verdict === null &&
        (can('acceptance:respond') || can('acceptance:organise')) && (
          <CaseAction<AcceptanceReportValues>
            label={t('delivery.recordAcceptance')}
            title={t('delivery.recordAcceptanceOf', { round: round.round })}
            primary
            initialValues={initialReport(round)}
            onSubmit={(values) => act(`acceptance/rounds/${round.round}/${paper ? 'paper-report' : 'report'}`, reportOfForm(round, values))}
          >
            <AcceptanceReportForm round={round} paper={paper} />
          </CaseAction>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('delivery.organisedAt')}>{formatDateTime(round.organisedAt, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('delivery.planVersion')}>{round.planVersion}</Descriptions.Item>
          {round.recordedAt && <Descriptions.Item label={t('delivery.recordedAt')}>{formatDateTime(round.recordedAt, i18n.language)}</Descriptions.Item>}
          {round.signatory && <Descriptions.Item label={t('delivery.signatory')}>{[round.signatory.name, round.signatory.title].filter(Boolean).join(', ')}</Descriptions.Item>}
          {round.comments && <Descriptions.Item label={t('delivery.comments')}>{round.comments}</Descriptions.Item>}
        </Descriptions>
        {round.results.length > 0 && (
          <Table
            size="small"
            aria-label={t('delivery.resultsOf', { round: round.round })}
            rowKey="criterionId"
            pagination={false}
            dataSource={round.results}
            columns={[
              { title: t('delivery.criterion'), dataIndex: 'criterionId', render: criterionText },
              { title: t('delivery.met'), dataIndex: 'met', render: (met: boolean) => <Tag color={met ? 'green' : 'red'}>{t(met ? 'delivery.yes' : 'delivery.no')}</Tag> },
              { title: t('delivery.note'), dataIndex: 'note', render: (note?: string) => note ?? t('common.none') },
            ]}
          />
        )}
        {round.items.length > 0 && (
          <Table<RectificationItem>
            size="small"
            aria-label={t('delivery.itemsOf', { round: round.round })}
            rowKey="itemId"
            pagination={false}
            dataSource={round.items}
            columns={[
              { title: t('delivery.item'), dataIndex: 'itemId' },
              { title: t('delivery.description'), key: 'description', render: (_: unknown, item) => <>{item.description} {item.condition && <Tag>{t('delivery.condition')}</Tag>}</> },
              { title: t('delivery.criterion'), dataIndex: 'criterionId', render: criterionText },
              { title: t('delivery.dueAt'), dataIndex: 'dueAt', render: (at: string | null) => (at ? formatDateTime(at, i18n.language) : t('common.none')) },
              {
                title: t('delivery.fixed'),
                key: 'fixed',
                render: (_: unknown, item) =>
                  item.fixed ? (
                    `${formatDateTime(item.fixedAt, i18n.language)} · ${item.fixNote ?? ''}`
                  ) : can('progress:report') ? (
                    <CaseAction<{ note: string }> label={t('delivery.fix')} title={t('delivery.fixItem', { item: item.itemId })} onSubmit={(values) => act(`rectification-items/${item.itemId}/fix`, values)}>
                      <Form.Item label={t('delivery.fixNote')} name="note" rules={[{ required: true }]}>
                        <Input.TextArea rows={3} />
                      </Form.Item>
                    </CaseAction>
                  ) : (
                    <Tag color="gold">{t('delivery.open')}</Tag>
                  ),
              },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
