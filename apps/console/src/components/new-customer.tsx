import { App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandAccepted, CustomerRow } from '../api/types';
import { ProblemAlert } from './problem-alert';
import { useApi } from '../session/session-context';

const TIERS = ['standard', 'gold', 'platinum'] as const;

interface NewCustomerForm {
  organisation: string;
  contactPerson: string;
  phone?: string;
  email?: string;
  tier: (typeof TIERS)[number];
}

/**
 * P-1.2: a caller who is not yet a customer, registered from the demand form. Intake validates the personal
 * fields and needs a phone number or an e-mail address; its refusal is shown in the dialog, which stays open.
 */
export function NewCustomer({ onRegistered }: { onRegistered(customer: CustomerRow): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewCustomerForm>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const register = async (values: NewCustomerForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const customer = { organisation: values.organisation, contactPerson: values.contactPerson, tier: values.tier, ...(values.phone && { phone: values.phone }), ...(values.email && { email: values.email }) };
      const accepted = await api.post<CommandAccepted>('/intake/customers', customer);
      message.success(t('register.customerRegistered', { organisation: values.organisation }));
      setOpen(false);
      onRegistered({ customerId: accepted.id, ...customer });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const show = () => {
    form.resetFields();
    setError(undefined);
    setOpen(true);
  };
  return (
    <>
      <Button onClick={show}>{t('register.newCustomer')}</Button>
      <Modal
        open={open}
        title={t('register.newCustomerTitle')}
        okText={t('register.registerCustomer')}
        okButtonProps={{ loading: busy }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <ProblemAlert error={error} />
        <Form<NewCustomerForm> form={form} layout="vertical" onFinish={register} initialValues={{ tier: 'standard' }}>
          <Form.Item label={t('register.organisation')} name="organisation" rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('register.contactPerson')} name="contactPerson" rules={[{ required: true }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item label={t('register.phone')} name="phone" extra={t('register.reachableHelp')}>
            <Input type="tel" />
          </Form.Item>
          <Form.Item label={t('register.email')} name="email">
            <Input type="email" />
          </Form.Item>
          <Form.Item label={t('register.tier')} name="tier" rules={[{ required: true }]}>
            <Select options={TIERS.map((value) => ({ value, label: t(`register.tiers.${value}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
