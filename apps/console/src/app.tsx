import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import type { i18n as I18n } from 'i18next';
import { useCallback, useState, type ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { Shell } from './components/shell';
import { rememberLanguage, type Language } from './i18n';
import { AfterSalesPage } from './pages/after-sales-page';
import { ComplaintsPage } from './pages/complaints-page';
import { DeliveryCasePage } from './pages/delivery-case-page';
import { DeliveryPage } from './pages/delivery-page';
import { DemandPage } from './pages/demand-page';
import { DemandQueuePage } from './pages/demand-queue-page';
import { HrPage } from './pages/hr-page';
import { LoginPage } from './pages/login-page';
import { MyWorkPage } from './pages/my-work-page';
import { QualityPage } from './pages/quality-page';
import { RegisterDemandPage } from './pages/register-demand-page';
import { ResourcePage } from './pages/resource-page';
import { RiskPage } from './pages/risk-page';
import type { Permission } from './session/permissions';
import type { SignInOptions } from './session/console-config';
import type { Session } from './session/session';
import { SessionProvider, useSessionState } from './session/session-context';
import { CONSOLE_THEME } from './theme';

const ANTD_LOCALES = { 'zh-TW': zhTW, 'zh-CN': zhCN, en: enUS } as const;
const DAYJS_LOCALES = { 'zh-TW': 'zh-tw', 'zh-CN': 'zh-cn', en: 'en' } as const;
const HTML_LANGUAGES = { 'zh-TW': 'zh-Hant', 'zh-CN': 'zh-Hans', en: 'en' } as const;

/** The console: languages, the session, and the pages a signed-in user's roles may use (hash routes). */
export function App({ i18n, session, signIn = {} }: { i18n: I18n; session?: Session; signIn?: SignInOptions }) {
  const [language, setLanguage] = useState<Language>(i18n.language as Language);
  const changeLanguage = useCallback(
    (next: Language) => {
      void i18n.changeLanguage(next);
      rememberLanguage(next);
      dayjs.locale(DAYJS_LOCALES[next]);
      document.documentElement.lang = HTML_LANGUAGES[next];
      setLanguage(next);
    },
    [i18n],
  );
  dayjs.locale(DAYJS_LOCALES[language]);
  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider locale={ANTD_LOCALES[language]} theme={CONSOLE_THEME} button={{ autoInsertSpace: false }}>
        <AntApp>
          <SessionProvider initial={session}>
            <HashRouter>
              <Pages onLanguage={changeLanguage} signIn={signIn} />
            </HashRouter>
          </SessionProvider>
        </AntApp>
      </ConfigProvider>
    </I18nextProvider>
  );
}

function Pages({ onLanguage, signIn }: { onLanguage(language: Language): void; signIn: SignInOptions }) {
  const { session } = useSessionState();
  if (!session) return <LoginPage onLanguage={onLanguage} signIn={signIn} />;
  const allowed = (permission: Permission, page: ReactElement) => (session.permissions.has(permission) ? page : <Navigate to="/" replace />);
  return (
    <Shell onLanguage={onLanguage}>
      <Routes>
        <Route path="/" element={<MyWorkPage />} />
        <Route path="/demands" element={allowed('demand:read', <DemandQueuePage />)} />
        <Route path="/demands/new" element={allowed('demand:register', <RegisterDemandPage />)} />
        <Route path="/demands/:demandId" element={allowed('demand:read', <DemandPage />)} />
        <Route path="/complaints" element={allowed('demand:read', <ComplaintsPage />)} />
        <Route path="/delivery" element={allowed('delivery:read', <DeliveryPage />)} />
        <Route path="/cases/:caseId" element={allowed('delivery:read', <DeliveryCasePage />)} />
        <Route path="/after-sales" element={allowed('delivery:read', <AfterSalesPage />)} />
        <Route path="/quality" element={allowed('quality:read', <QualityPage />)} />
        <Route path="/hr" element={allowed('hr:read', <HrPage />)} />
        <Route path="/resource" element={allowed('document:read', <ResourcePage />)} />
        <Route path="/risk" element={allowed('risk:read', <RiskPage />)} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}
