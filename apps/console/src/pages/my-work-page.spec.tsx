import { screen } from '@testing-library/react';
import { fakeApi, renderConsole, tokenFor } from '../testing/fake-api';

const emptyPage = { items: [], page: 1, pageSize: 1, total: 3 };

describe('my work', () => {
  it("titles the user's department queue by the department's name, not its id", async () => {
    fakeApi({
      'GET /intake/departments/customer-service/queue': [200, emptyPage],
      'GET /intake/departments': [200, { departments: [{ departmentId: 'customer-service', name: '客戶服務部 Customer service', members: ['cs-lead'] }], routes: [] }],
      'GET /intake/demands': [200, emptyPage],
      'GET /intake/complaints/overdue': [200, []],
    });
    renderConsole({ route: '/', token: tokenFor({ sub: 'alice', roles: ['agent'], departments: ['customer-service'] }) });

    expect(await screen.findByText('客戶服務部 Customer service 的未結需求')).toBeInTheDocument();
    expect(screen.queryByText('customer-service 的未結需求')).not.toBeInTheDocument();
  });

  it('counts the open risk warnings only (raised or acknowledged), not the closed ones', async () => {
    const calls = fakeApi({
      'GET /risk/warnings?state=open': [200, { items: [], page: 1, pageSize: 1, total: 2 }],
      'GET /risk/warnings': [200, { items: [], page: 1, pageSize: 1, total: 7 }],
      'GET /intake/departments': [200, { departments: [], routes: [] }],
    });
    renderConsole({ route: '/', token: tokenFor({ sub: 'sun', roles: ['risk-officer'], departments: ['operations'] }) });

    expect(await screen.findByLabelText('未處理的風險預警')).toHaveTextContent('2');
    expect(calls.filter((c) => c.url.startsWith('/risk/warnings')).map((c) => c.url)).toEqual([expect.stringContaining('state=open')]);
  });
});
