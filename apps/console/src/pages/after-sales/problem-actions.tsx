import { Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaseAction } from '../delivery/case-action';
import { MEASURE_KINDS, PROBLEM_COMPLEXITIES, PROBLEM_NATURES, PROCESS_STAGES, type AfterSalesAct, type AfterSalesProblemView } from './after-sales-types';

/**
 * The commands on one after-sales problem that its state allows (P-6.2): a handler and a class while it is
 * not closed; measures while it is handled (the customer's verification also once resolved); the resolution
 * once a measure is taken; reopening or closing once resolved. The API still refuses what it must, e.g. a
 * measure its class is not offered, or a closure without the measures its class requires.
 */
export function ProblemActions({ problem, name, act }: { problem: AfterSalesProblemView; name: string; act: AfterSalesAct }) {
  const { t } = useTranslation();
  const on = (command: string) => `after-sales-problems/${problem.problemId}/${command}`;
  const { status } = problem;
  const open = status !== 'closed';
  const measureKinds = status === 'resolved' ? (['customer-verification'] as const) : MEASURE_KINDS;
  const option = (group: string) => (value: string) => ({ value, label: t(`afterSales.${group}.${value}`) });
  return (
    <Space wrap>
      {open && (
        <CaseAction<{ handlerId: string; reason?: string }>
          label={t('afterSales.assignHandler')}
          title={t('afterSales.assignHandlerOf', { problem: name })}
          initialValues={{ handlerId: problem.handlerId ?? undefined }}
          onSubmit={({ handlerId, reason }) => act(on('handler'), { handlerId, ...(reason?.trim() ? { reason: reason.trim() } : {}) })}
        >
          <Form.Item label={t('afterSales.handler')} name="handlerId" rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('afterSales.handoverReason')} name="reason" rules={[{ required: problem.handlerId !== null, whitespace: true }]}>
            <Input />
          </Form.Item>
        </CaseAction>
      )}
      {open && (
        <CaseAction<{ nature: string; complexity: string }>
          label={t('afterSales.classify')}
          title={t('afterSales.classifyOf', { problem: name })}
          onSubmit={(values) => act(on('classification'), values)}
        >
          <Form.Item label={t('afterSales.nature')} name="nature" rules={[{ required: true }]}>
            <Select options={PROBLEM_NATURES.map(option('natures'))} />
          </Form.Item>
          <Form.Item label={t('afterSales.complexity')} name="complexity" rules={[{ required: true }]}>
            <Select options={PROBLEM_COMPLEXITIES.map(option('complexities'))} />
          </Form.Item>
        </CaseAction>
      )}
      {(status === 'handling' || status === 'resolved') && (
        <CaseAction<{ kind: string; measure: string }>
          label={t('afterSales.recordMeasure')}
          title={t('afterSales.recordMeasureOf', { problem: name })}
          initialValues={status === 'resolved' ? { kind: 'customer-verification' } : {}}
          onSubmit={(values) => act(on('measures'), values)}
        >
          <Form.Item label={t('afterSales.measureKind')} name="kind" rules={[{ required: true }]}>
            <Select options={measureKinds.map(option('measureKinds'))} />
          </Form.Item>
          <Form.Item label={t('afterSales.measure')} name="measure" rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </CaseAction>
      )}
      {status === 'handling' && problem.measures.length > 0 && (
        <CaseAction<{ resolution: string; stage: string }>
          primary
          label={t('afterSales.resolve')}
          title={t('afterSales.resolveOf', { problem: name })}
          onSubmit={(values) => act(on('resolution'), values)}
        >
          <Form.Item label={t('afterSales.resolution')} name="resolution" rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label={t('afterSales.stage')} name="stage" extra={t('afterSales.stageHint')} rules={[{ required: true }]}>
            <Select options={PROCESS_STAGES.map(option('stages'))} />
          </Form.Item>
        </CaseAction>
      )}
      {status === 'resolved' && (
        <CaseAction<{ reason: string }> label={t('afterSales.reopen')} title={t('afterSales.reopenOf', { problem: name })} onSubmit={(values) => act(on('reopening'), values)}>
          <Form.Item label={t('afterSales.reason')} name="reason" rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
        </CaseAction>
      )}
      {status === 'resolved' && (
        <CaseAction<{ note?: string }>
          label={t('afterSales.close')}
          title={t('afterSales.closeOf', { problem: name })}
          onSubmit={({ note }) => act(on('closure'), note?.trim() ? { note: note.trim() } : {})}
        >
          <Form.Item label={t('afterSales.note')} name="note">
            <Input.TextArea rows={2} />
          </Form.Item>
        </CaseAction>
      )}
    </Space>
  );
}
