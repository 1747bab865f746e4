import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beginSignIn } from '../session/oidc-sign-in';
import { fakeApi, fillIn, renderConsole, tokenFor } from '../testing/fake-api';

// The redirect to the identity provider leaves the page; the browser suite (oidc-sign-in.e2e.spec.ts) follows it.
jest.mock('../session/oidc-sign-in', () => ({ beginSignIn: jest.fn(() => Promise.resolve()) }));

const provider = { authority: 'https://idp.example.com/realms/serviceledger', clientId: 'serviceledger-console', scope: 'openid profile' };

describe('signing in', () => {
  beforeEach(() => {
    fakeApi({ 'GET /intake/demands': [200, { items: [], page: 1, pageSize: 1, total: 3 }], 'GET /intake/complaints/overdue': [200, []] });
  });

  it('takes a pasted token and shows the agent their work, with only the pages their role may use', async () => {
    renderConsole();
    await fillIn(screen.getByLabelText('存取令牌'), tokenFor({ sub: 'alice', roles: ['agent'], departments: ['customer-service'] }));
    await userEvent.click(screen.getByRole('button', { name: '登入' }));

    expect(await screen.findByRole('heading', { name: '我的工作' })).toBeInTheDocument();
    const navigation = within(screen.getByRole('navigation', { name: '主選單' }));
    expect(navigation.getByText('需求隊列')).toBeInTheDocument();
    expect(navigation.getByText('登記電話需求')).toBeInTheDocument();
    // An agent may not read quality figures, HR records or risks: those pages are not offered.
    expect(navigation.queryByText('質量監控')).not.toBeInTheDocument();
    expect(navigation.queryByText('人員與培訓')).not.toBeInTheDocument();
    expect(navigation.queryByText('風險')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('待分類需求')).toHaveTextContent('3'));
  });

  it('refuses what is not a token, and an expired one, saying which', async () => {
    renderConsole();
    await fillIn(screen.getByLabelText('存取令牌'), 'not a token');
    await userEvent.click(screen.getByRole('button', { name: '登入' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('這不是控制台能讀取的令牌。');

    await userEvent.clear(screen.getByLabelText('存取令牌'));
    await fillIn(screen.getByLabelText('存取令牌'), tokenFor({ sub: 'alice', roles: ['agent'] }, -60));
    await userEvent.click(screen.getByRole('button', { name: '登入' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('此令牌已過期，請取得新的令牌。');
  });

  it('switches between Traditional Chinese, Simplified Chinese and English, and remembers the choice', async () => {
    renderConsole({ token: tokenFor({ sub: 'zhao', roles: ['quality-monitor'] }) });
    expect(await screen.findByRole('heading', { name: '我的工作' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: '語言' }));
    await userEvent.click(await screen.findByTitle('简体中文'));
    expect(await screen.findByRole('button', { name: '退出登录' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: '语言' }));
    await userEvent.click(await screen.findByTitle('English'));
    expect(await screen.findByRole('heading', { name: 'My work' })).toBeInTheDocument();
    expect(localStorage.getItem('serviceledger.language')).toBe('en');
  });

  it('sends the user back to sign in when the API answers 401', async () => {
    fakeApi({ 'GET ': [401, { type: 'https://serviceledger.dev/problems/unauthorized', title: 'Unauthorized', status: 401, detail: 'The token has expired' }] });
    renderConsole({ token: tokenFor({ sub: 'alice', roles: ['agent'] }) });

    expect(await screen.findByRole('button', { name: '登入' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('您的登入已結束或被伺服器拒絕，請重新登入。'));
    expect(sessionStorage.getItem('serviceledger.token')).toBeNull();
  });

  it('offers to sign in at the identity provider config.json names, with the pasted token as the other way', async () => {
    renderConsole({ signIn: { settings: provider } });
    await userEvent.click(screen.getByRole('button', { name: '以貴機構帳戶登入' }));

    expect(beginSignIn).toHaveBeenCalledWith(provider);
    expect(screen.getByText('或貼上存取令牌')).toBeInTheDocument();
    expect(screen.getByLabelText('存取令牌')).toBeInTheDocument();
    // Without a provider the console explains where production tokens come from; with one, the button says it.
    expect(screen.queryByText(/正式環境請經公司的身分提供者登入/)).not.toBeInTheDocument();
  });

  it('says why signing in at the identity provider failed, in the user’s language', async () => {
    renderConsole({ signIn: { settings: provider, failure: 'access_denied' }, language: 'en' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Signing in at the identity provider failed: access_denied');
    expect(screen.getByRole('button', { name: 'Sign in with your organisation’s account' })).toBeInTheDocument();
  });

  it('offers no provider when config.json names none', () => {
    renderConsole();
    expect(screen.queryByRole('button', { name: '以貴機構帳戶登入' })).not.toBeInTheDocument();
    expect(screen.getByText(/正式環境請經公司的身分提供者登入/)).toBeInTheDocument();
  });
});
