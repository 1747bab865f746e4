import { Alert, Button, Card, Divider, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../i18n';
import type { SignInOptions } from '../session/console-config';
import { beginSignIn } from '../session/oidc-sign-in';
import { InvalidTokenError } from '../session/session';
import { useSessionState } from '../session/session-context';

/**
 * Signing in: at the organisation's identity provider when config.json names one (production), or with a
 * pasted bearer token (from `npm run token` on the embedded default). The claims decide what the console
 * shows; the API verifies every request.
 */
export function LoginPage({ onLanguage, signIn: provider = {} }: { onLanguage(language: Language): void; signIn?: SignInOptions }) {
  const { t, i18n } = useTranslation();
  const { signIn, signedOutReason } = useSessionState();
  const [failure, setFailure] = useState<string | undefined>(provider.failure && t('login.providerFailed', { reason: provider.failure }));
  const { settings } = provider;
  const signInAtProvider = () => {
    if (!settings) return;
    beginSignIn(settings).catch((error: unknown) => setFailure(t('login.providerFailed', { reason: error instanceof Error ? error.message : String(error) })));
  };
  const submit = ({ token }: { token: string }) => {
    try {
      signIn(token);
    } catch (error) {
      setFailure(error instanceof InvalidTokenError && error.message === 'expired' ? t('login.expired') : t('login.invalid'));
    }
  };
  return (
    <main style={{ display: 'flex', justifyContent: 'center', paddingTop: 80 }}>
      <Card style={{ width: 640 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <Select
              aria-label={t('app.language')}
              value={i18n.language as Language}
              onChange={onLanguage}
              options={LANGUAGES.map((language) => ({ value: language.code, label: language.label }))}
              style={{ width: 120 }}
            />
          </Space>
          {signedOutReason === 'unauthorized' && <Alert type="warning" showIcon role="alert" title={t('login.unauthorized')} />}
          {failure && <Alert type="error" showIcon role="alert" title={failure} />}
          {settings && (
            <>
              <Button type="primary" size="large" block onClick={signInAtProvider}>
                {t('login.withProvider')}
              </Button>
              <Divider plain>{t('login.orToken')}</Divider>
            </>
          )}
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item label={t('login.token')} name="token" rules={[{ required: true, message: t('login.invalid') }]} extra={t('login.tokenHelp')}>
              <Input.TextArea rows={4} autoFocus={!settings} spellCheck={false} />
            </Form.Item>
            <Button type={settings ? 'default' : 'primary'} htmlType="submit">
              {t('login.submit')}
            </Button>
          </Form>
          {!settings && <Typography.Paragraph type="secondary">{t('login.oidcHelp')}</Typography.Paragraph>}
        </Space>
      </Card>
    </main>
  );
}
