import { Button, Form, Modal, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert';

interface CaseActionProps<Values> {
  /** The button's text; `title` names both the button and its dialog when the text alone is ambiguous (one per row). */
  label: string;
  title?: string;
  primary?: boolean;
  initialValues?: Partial<Values>;
  onSubmit(values: Values): Promise<void>;
  /** The form's fields. */
  children: ReactNode;
}

/**
 * One command on a case: a button that opens a dialog with the command's form. A refusal is shown in the
 * dialog as its problem detail says, and the dialog stays open with what was typed; it closes on success.
 */
export function CaseAction<Values extends object>({ label, title, primary, initialValues, onSubmit, children }: CaseActionProps<Values>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" type={primary ? 'primary' : 'default'} aria-label={title ?? label} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal open={open} title={title ?? label} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={720}>
        <ActionForm<Values> initialValues={initialValues} onSubmit={onSubmit} onDone={() => setOpen(false)} onCancel={() => setOpen(false)}>
          {children}
        </ActionForm>
      </Modal>
    </>
  );
}

/** Lives only while its dialog is open, so that each opening starts from the initial values. */
function ActionForm<Values extends object>({
  initialValues,
  onSubmit,
  onDone,
  onCancel,
  children,
}: Pick<CaseActionProps<Values>, 'initialValues' | 'onSubmit' | 'children'> & { onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const finish = async (values: Values) => {
    setError(undefined);
    setBusy(true);
    try {
      await onSubmit(values);
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<Values> layout="vertical" initialValues={initialValues} onFinish={finish}>
      <ProblemAlert error={error} />
      {children}
      <Space>
        <Button onClick={onCancel}>{t('delivery.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.submit')}
        </Button>
      </Space>
    </Form>
  );
}
