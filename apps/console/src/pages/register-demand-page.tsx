import { App, Button, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CommandAccepted, CustomerRow, Departments } from '../api/types';
import { useLoad } from '../api/use-load';
import { CustomerLookup } from '../components/customer-lookup';
import { DEMAND_KINDS, LEVELS } from '../components/labels';
import { NewCustomer } from '../components/new-customer';
import { ProblemAlert } from '../components/problem-alert';
import { useApi, useCan } from '../session/session-context';

interface PhoneDemandForm {
  customerId: string;
  contactName: string;
  contactPhone: string;
  kind: string;
  subject: string;
  description: string;
  businessCategory?: string;
  impact: number;
  urgency: number;
  receivedAt: Dayjs;
  promisedResult?: string;
  promisedHandlingHours?: number;
}

/**
 * P-1.1: a phone demand registered in one form, the customer looked up as the agent types; a caller who is not
 * yet a customer is registered from the form by those who may, and becomes the demand's customer.
 */
export function RegisterDemandPage() {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PhoneDemandForm>();
  const kind = Form.useWatch('kind', form);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [newCustomer, setNewCustomer] = useState<CustomerRow>();
  const routes = useLoad((client) => client.get<Departments>('/intake/departments'), []);
  const categories = [...new Set((routes.data?.routes ?? []).map((route) => route.businessCategory))];
  const submit = async (values: PhoneDemandForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const accepted = await api.post<CommandAccepted>('/intake/demands', {
        customerId: values.customerId,
        contact: { name: values.contactName, phone: values.contactPhone },
        channel: 'phone',
        kind: values.kind,
        subject: values.subject,
        description: values.description,
        ...(values.businessCategory && { businessCategory: values.businessCategory }),
        impact: values.impact,
        urgency: values.urgency,
        receivedAt: values.receivedAt.format(),
        ...(values.kind === 'complaint' && { promisedResult: values.promisedResult, ...(values.promisedHandlingHours && { promisedHandlingHours: values.promisedHandlingHours }) }),
      });
      message.success(t('register.registered', { reference: accepted.reference }));
      navigate(`/demands/${accepted.id}`, { state: { after: accepted.checkpoint } });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const chooseNew = (customer: CustomerRow) => {
    setNewCustomer(customer);
    // The caller is the new customer's contact, unless the agent already wrote someone else down.
    form.setFieldsValue({
      customerId: customer.customerId,
      contactName: form.getFieldValue('contactName') || customer.contactPerson || undefined,
      contactPhone: form.getFieldValue('contactPhone') || customer.phone || undefined,
    });
  };
  const required = [{ required: true }];
  return (
    <>
      <Typography.Title level={2}>{t('register.title')}</Typography.Title>
      <ProblemAlert error={error ?? routes.error} />
      <Form<PhoneDemandForm>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720, marginTop: 16 }}
        onFinish={submit}
        initialValues={{ kind: 'enquiry', impact: 2, urgency: 2, receivedAt: dayjs() }}
      >
        <Form.Item label={t('demand.customer')} name="customerId" rules={required} extra={can('customer:register') && <NewCustomer onRegistered={chooseNew} />}>
          <CustomerLookup justRegistered={newCustomer} />
        </Form.Item>
        <Form.Item label={t('demand.contactName')} name="contactName" rules={required}>
          <Input />
        </Form.Item>
        <Form.Item label={t('demand.contactPhone')} name="contactPhone" rules={required}>
          <Input type="tel" />
        </Form.Item>
        <Form.Item label={t('demand.kind')} name="kind" rules={required}>
          <Select options={DEMAND_KINDS.map((value) => ({ value, label: t(`kind.${value}`) }))} />
        </Form.Item>
        <Form.Item label={t('demand.subject')} name="subject" rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('demand.description')} name="description" rules={required}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item label={t('demand.businessCategory')} name="businessCategory">
          <Select allowClear options={categories.map((value) => ({ value, label: value }))} />
        </Form.Item>
        <Form.Item label={t('demand.impact')} name="impact" rules={required}>
          <Select options={LEVELS.map((value) => ({ value, label: t(`level.${value}`) }))} />
        </Form.Item>
        <Form.Item label={t('demand.urgency')} name="urgency" rules={required}>
          <Select options={LEVELS.map((value) => ({ value, label: t(`level.${value}`) }))} />
        </Form.Item>
        <Form.Item label={t('demand.receivedAt')} name="receivedAt" rules={required} extra={t('register.receivedAtHelp')}>
          <DatePicker showTime />
        </Form.Item>
        {kind === 'complaint' && (
          <>
            <Form.Item label={t('demand.promisedResult')} name="promisedResult" rules={required}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item label={t('demand.promisedHandlingHours')} name="promisedHandlingHours">
              <InputNumber min={1} max={2160} />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('register.submit')}
        </Button>
      </Form>
    </>
  );
}
