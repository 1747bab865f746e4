import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, fillIn, renderConsole, tokenFor } from '../testing/fake-api';

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
});
