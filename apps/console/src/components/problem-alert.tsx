import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem';

/**
 * An API error as its problem detail says: the title in the user's language (by status), the server's own
 * detail, and one line per invalid field. Announced to screen readers (role=alert).
 */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ProblemError)) {
    return <Alert type="error" showIcon role="alert" title={t('problem.network')} description={String((error as Error)?.message ?? error)} />;
  }
  const { status, detail, errors } = error.problem;
  const known = ['400', '401', '403', '404', '409', '422', '429', '503'].includes(String(status));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={`${status} · ${t(`problem.title.${known ? status : 'other'}`)}`}
      description={
        <>
          {detail && <div>{detail}</div>}
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
