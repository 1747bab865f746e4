import { Button, Layout, Menu, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { LANGUAGES, type Language } from '../i18n';
import { userTimeZone } from '../format';
import { useSession, useSessionState } from '../session/session-context';
import { NAV_ITEMS } from './nav-items';

/** The frame of every signed-in page: navigation by role, language, time zone, the user and signing out. */
export function Shell({ children, onLanguage }: { children: ReactNode; onLanguage(language: Language): void }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { signOut } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const items = NAV_ITEMS.filter((item) => !item.permission || session.permissions.has(item.permission));
  const selected = [...items].reverse().find((item) => item.path === location.pathname || (item.path !== '/' && location.pathname.startsWith(`${item.path}/`) && item.path !== '/demands/new'));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#fff', paddingInline: 24 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('app.title')}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">{t('app.timeZone', { zone: userTimeZone() })}</Typography.Text>
          <Typography.Text>{t('app.signedInAs', { user: session.displayName ?? session.userId, roles: session.roles.join(', ') })}</Typography.Text>
          <Select
            aria-label={t('app.language')}
            value={i18n.language as Language}
            onChange={onLanguage}
            options={LANGUAGES.map((language) => ({ value: language.code, label: language.label }))}
            style={{ width: 120 }}
          />
          <Button onClick={() => signOut()}>{t('app.signOut')}</Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={240} theme="light" breakpoint="lg" collapsedWidth={0}>
          <nav aria-label={t('app.mainNavigation')}>
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected.path] : []}
              items={items.map((item) => ({ key: item.path, label: t(item.label) }))}
              onClick={({ key }) => navigate(key)}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          <main>{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
