import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PHONE_LOOKUP_REASON } from '../components/customer-lookup';
import { type Call, fakeApi, fillIn, renderConsole, tokenFor } from '../testing/fake-api';

const agent = tokenFor({ sub: 'alice', roles: ['agent'], departments: ['customer-service'] });
const noCustomers = { items: [], page: 1, pageSize: 20, total: 0 };

// A whole page of antd in jsdom, with a dialog and many fields: minutes on a loaded machine.
const SLOW = 600_000;

function registrationApi(answers: { customer?: [number, unknown] } = {}): Call[] {
  return fakeApi({
    'GET /intake/departments': [200, { departments: [], routes: [] }],
    'GET /intake/customers': [200, noCustomers],
    'POST /intake/customers': answers.customer ?? [201, { id: 'c-new', checkpoint: '7' }],
    'POST /intake/demands': [201, { id: 'd-9', checkpoint: '8', reference: 'SR-2026-000009' }],
  });
}

describe('registering a phone demand', () => {
  it('looks the caller up by organisation on the server, registers them as a new customer, and the demand carries them', async () => {
    const calls = registrationApi();
    renderConsole({ route: '/demands/new', token: agent });

    await fillIn(await screen.findByLabelText('客戶'), 'Delta');
    await waitFor(() => expect(calls.map((call) => call.url)).toContain('/intake/customers?organisation=Delta&pageSize=20'));
    expect(await screen.findByText('沒有符合的客戶。')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '新客戶' }));
    // The dialog's title names it in a browser; rc-component's ids are all "test-id" under jest, so it is looked up by its title here.
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('登記新客戶')).toBeInTheDocument();
    await fillIn(within(dialog).getByLabelText('機構名稱'), 'Delta Logistics');
    await fillIn(within(dialog).getByLabelText('客戶聯絡人'), '陳大文');
    await fillIn(within(dialog).getByLabelText('電話'), '+852 9123 4567');
    await userEvent.click(within(dialog).getByRole('button', { name: '登記客戶' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST' && call.url === '/intake/customers')?.body).toEqual({
        organisation: 'Delta Logistics',
        contactPerson: '陳大文',
        phone: '+852 9123 4567',
        tier: 'standard',
      }),
    );
    expect((await screen.findAllByText('Delta Logistics · standard')).length).toBeGreaterThan(0);
    expect(screen.getByLabelText('聯絡人')).toHaveValue('陳大文');

    await fillIn(screen.getByLabelText('主旨'), '貨倉系統無法登入');
    await fillIn(screen.getByLabelText('描述'), '今早起全部帳號無法登入。');
    await userEvent.click(screen.getByRole('button', { name: '登記' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST' && call.url === '/intake/demands')?.body).toMatchObject({
        customerId: 'c-new',
        contact: { name: '陳大文', phone: '+852 9123 4567' },
        channel: 'phone',
        subject: '貨倉系統無法登入',
      }),
    );
    expect(calls.some((call) => call.url.includes('pageSize=200'))).toBe(false);
  }, SLOW);

  it("keeps the dialog open with intake's refusal as its problem detail says", async () => {
    registrationApi({
      customer: [
        409,
        { type: 'https://serviceledger.dev/problems/rule-violation', title: 'Not allowed in the current state', status: 409, detail: 'Customer needs a phone number or an e-mail address (P-1.2)', code: 'contact-unreachable' },
      ],
    });
    renderConsole({ route: '/demands/new', token: agent, language: 'en' });

    await userEvent.click(await screen.findByRole('button', { name: 'New customer' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Register a new customer')).toBeInTheDocument();
    await fillIn(within(dialog).getByLabelText('Organisation'), 'Delta Logistics');
    await fillIn(within(dialog).getByLabelText('Contact person'), 'Chan Tai Man');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Register customer' }));

    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('Customer needs a phone number or an e-mail address (P-1.2)')).toBeInTheDocument();
    expect(alert).toHaveTextContent(/^409 · /);
  }, SLOW);

  it('looks a caller up by phone, with the reason the API records, only for those who may read personal data (R-3.1)', async () => {
    const calls = registrationApi();
    const { unmount } = renderConsole({ route: '/demands/new', token: agent });
    await fillIn(await screen.findByLabelText('客戶'), '+852 9123 4567');
    await waitFor(() => expect(calls.map((call) => call.url)).toContain(`/intake/customers?phone=%2B852+9123+4567&reason=${encodeURIComponent(PHONE_LOOKUP_REASON).replace(/%20/g, '+')}&pageSize=20`));
    unmount();

    const asCustomer = registrationApi();
    renderConsole({ route: '/demands/new', token: tokenFor({ sub: 'portal-user', roles: ['customer'] }) });
    await fillIn(await screen.findByLabelText('客戶'), '+852 9123 4567');
    await waitFor(() => expect(asCustomer.map((call) => call.url)).toContain('/intake/customers?organisation=%2B852+9123+4567&pageSize=20'));
    expect(asCustomer.some((call) => call.url.includes('phone='))).toBe(false);
  }, SLOW);

  it('offers no new customer to a role that may not register customers', async () => {
    registrationApi();
    renderConsole({ route: '/demands/new', token: tokenFor({ sub: 'portal-user', roles: ['customer'] }) });

    expect(await screen.findByRole('heading', { name: '登記電話需求' })).toBeInTheDocument();
    expect(screen.getByLabelText('客戶')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '新客戶' })).not.toBeInTheDocument();
  }, SLOW);
});
