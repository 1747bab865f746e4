import { Card, Form, Input, Radio, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { useCan } from '../../session/session-context';
import { CaseAction } from '../delivery/case-action';
import { PROBLEM_SOURCES, type AfterSalesAct, type AfterSalesProblemView, type FollowUpVisitView } from './after-sales-types';
import { CaseLink } from './case-link';
import { ProblemActions } from './problem-actions';

const STATUS_COLOURS: Record<string, string> = { raised: 'red', handling: 'gold', resolved: 'green', closed: 'default' };

interface RaiseValues {
  source: string;
  visitId?: string;
  description: string;
}

/**
 * After-sales problems through their life (P-6.2): who handles them, the measures taken, the resolution and
 * the stage it points back to. Those who handle after-sales work them and, on a chosen case, raise one.
 */
export function ProblemsCard({
  title,
  problems,
  references,
  act,
  caseId,
  visits = [],
}: {
  title: string;
  problems?: AfterSalesProblemView[];
  references: ReadonlyMap<string, string>;
  act: AfterSalesAct;
  /** The case chosen, on which a problem can be raised, and its visits, one of which may have found it. */
  caseId?: string;
  visits?: FollowUpVisitView[];
}) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const mayHandle = can('after-sales:handle');
  const name = (problem: AfterSalesProblemView) => `${references.get(problem.caseId) ?? problem.caseId} · ${problem.description}`;
  const raise = ({ source, visitId, description }: RaiseValues) =>
    act(`cases/${caseId}/after-sales-problems`, { source, ...(source === 'follow-up-visit' ? { visitId } : {}), description });
  return (
    <Card
      size="small"
      title={title}
      extra={
        mayHandle &&
        caseId && (
          <CaseAction<RaiseValues> label={t('afterSales.raise')} initialValues={{ source: 'customer' }} onSubmit={raise}>
            <Form.Item label={t('afterSales.source')} name="source" rules={[{ required: true }]}>
              <Radio.Group options={PROBLEM_SOURCES.map((value) => ({ value, label: t(`afterSales.sources.${value}`) }))} />
            </Form.Item>
            <Form.Item noStyle dependencies={['source']}>
              {({ getFieldValue }) =>
                getFieldValue('source') === 'follow-up-visit' && (
                  <Form.Item label={t('afterSales.foundOnVisit')} name="visitId" rules={[{ required: true }]}>
                    <Select
                      options={visits
                        .filter((visit) => visit.status === 'completed')
                        .map((visit) => ({ value: visit.visitId, label: t('afterSales.visitName', { number: visit.visitNumber, reference: references.get(visit.caseId) ?? visit.caseId }) }))}
                    />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Form.Item label={t('afterSales.description')} name="description" rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </CaseAction>
        )
      }
    >
      <Table<AfterSalesProblemView>
        size="small"
        aria-label={title}
        rowKey="problemId"
        dataSource={problems}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: true }}
        columns={[
          { title: t('afterSales.case'), key: 'case', render: (_: unknown, problem) => <CaseLink caseId={problem.caseId} references={references} /> },
          { title: t('afterSales.description'), dataIndex: 'description' },
          { title: t('afterSales.source'), dataIndex: 'source', render: (source: string) => t(`afterSales.sources.${source}`, { defaultValue: source }) },
          {
            title: t('afterSales.status'),
            dataIndex: 'status',
            render: (status: string) => <Tag color={STATUS_COLOURS[status]}>{t(`afterSales.problemStatus.${status}`, { defaultValue: status })}</Tag>,
          },
          { title: t('afterSales.handler'), dataIndex: 'handlerId', render: (handler: string | null) => handler ?? t('common.none') },
          {
            title: t('afterSales.measures'),
            key: 'measures',
            render: (_: unknown, problem) =>
              problem.measures.length === 0 ? (
                t('common.none')
              ) : (
                <ol style={{ margin: 0, paddingInlineStart: 16 }}>
                  {problem.measures.map((measure) => (
                    <li key={measure.measureNumber}>{`${t(`afterSales.measureKinds.${measure.kind}`, { defaultValue: measure.kind })}: ${measure.measure}`}</li>
                  ))}
                </ol>
              ),
          },
          {
            title: t('afterSales.resolution'),
            key: 'resolution',
            render: (_: unknown, problem) =>
              problem.resolution ? `${problem.resolution} (${t(`afterSales.stages.${problem.stage ?? ''}`, { defaultValue: problem.stage ?? '' })})` : t('common.none'),
          },
          { title: t('afterSales.raisedAt'), dataIndex: 'raisedAt', render: (at: string) => formatDateTime(at, i18n.language) },
          ...(mayHandle
            ? [
                {
                  title: t('afterSales.actions'),
                  key: 'actions',
                  render: (_: unknown, problem: AfterSalesProblemView) => <ProblemActions problem={problem} name={name(problem)} act={act} />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
