import { App, AutoComplete, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Departments } from '../../api/types';
import { useLoad } from '../../api/use-load';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../session/session-context';
import { PROCESS_STAGES, type FindingAccepted } from './finding-types';

interface RaiseFindingForm {
  departmentId: string;
  responsibleId: string;
  subject: string;
  requirements: string;
  suggestions?: string;
  caseId?: string;
  processStage?: string;
}

/** the quality monitor raises a finding against a department and its responsible person, in a dialog. */
export function RaiseFinding({ onRaised }: { onRaised(checkpoint?: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<RaiseFindingForm>();
  const departmentId = Form.useWatch('departmentId', form);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>();
  const departments = useLoad((client) => client.get<Departments>('/intake/departments'), []);
  const members = departments.data?.departments.find((department) => department.departmentId === departmentId)?.members ?? [];
  const raise = async (values: RaiseFindingForm) => {
    setError(undefined);
    try {
      const accepted = await api.post<FindingAccepted>('/quality-monitoring/findings', Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== '')));
      message.success(t('quality.findingRaised'));
      setOpen(false);
      onRaised(accepted.checkpoint);
    } catch (failure) {
      setError(failure);
    }
  };
  const show = () => {
    form.resetFields();
    setError(undefined);
    setOpen(true);
  };
  return (
    <>
      <Button onClick={show}>{t('quality.raiseFinding')}</Button>
      <Modal open={open} title={t('quality.raiseFinding')} okText={t('quality.raise')} onOk={() => form.submit()} onCancel={() => setOpen(false)} forceRender>
        <ProblemAlert error={error ?? departments.error} />
        <Form<RaiseFindingForm> form={form} layout="vertical" onFinish={raise}>
          <Form.Item label={t('demand.department')} name="departmentId" rules={[{ required: true }]}>
            <Select showSearch options={(departments.data?.departments ?? []).map((department) => ({ value: department.departmentId, label: department.name }))} />
          </Form.Item>
          <Form.Item label={t('quality.responsible')} name="responsibleId" rules={[{ required: true }]}>
            <AutoComplete options={members.map((member) => ({ value: member }))} />
          </Form.Item>
          <Form.Item label={t('quality.subject')} name="subject" rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('quality.requirements')} name="requirements" rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item label={t('quality.suggestions')} name="suggestions">
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          <Form.Item label={t('quality.case')} name="caseId">
            <Input />
          </Form.Item>
          <Form.Item label={t('quality.processStage')} name="processStage">
            <Select allowClear options={PROCESS_STAGES.map((value) => ({ value, label: t(`quality.processStages.${value}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
