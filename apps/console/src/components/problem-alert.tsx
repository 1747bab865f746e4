import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem';

/**
 * An API error as its problem detail says: the title in the user's language (by status); for a rule the console
 * knows by its code, what the rule refuses in the user's language with the server's detail (the specifics) beneath,
 * otherwise the server's detail alone; and one line per invalid field. Announced to screen readers (role=alert).
 */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ProblemError)) {
    return <Alert type="error" showIcon role="alert" title={t('problem.network')} description={String((error as Error)?.message ?? error)} />;
  }
  const { status, detail, errors, code } = error.problem;
  const rule = typeof code === 'string' && i18n.exists(code, { ns: 'problemCodes' }) ? t(code, { ns: 'problemCodes' }) : undefined;
  const known = ['400', '401', '403', '404', '409', '422', '429', '503'].includes(String(status));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={`${status} · ${t(`problem.title.${known ? status : 'other'}`)}`}
      description={
        <>
          {rule && <div>{rule}</div>}
          {detail && <div>{rule ? <Typography.Text type="secondary">{detail}</Typography.Text> : detail}</div>}
          {errors && errors.length > 0 && (
            <ul>
              {errors.map((e) => (
                <li key={`${e.field}:${e.message}`}>{t('problem.field', { field: e.field, message: e.message })}</li>
              ))}
            </ul>
          )}
        </>
      }
    />
  );
}
