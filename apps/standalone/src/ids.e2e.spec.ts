import { useTestApp } from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

/**
 * Issue 15, item 7: a customer id in a body or a path that is not an id (customers' ids are UUIDs) is 400
 * naming the field, not 422 "not registered" nor 404, over HTTP on the standalone app as `npm start`
 * runs it (SQLite); nothing is appended.
 */
describe('ids on the standalone app (issue 15, item 7)', () => {
  const app = useTestApp(
    { services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, env: { EVENT_STORE: 'sqlite' } },
    { userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] },
  );

  const demand = (customerId: string) => ({
    customerId,
    contact: { name: '王小明', phone: '+86 138 0013 8000' },
    channel: 'phone',
    kind: 'enquiry',
    subject: '打印機無法連線',
    description: '網絡打印機無法連線',
    businessCategory: 'technical-support',
    impact: 2,
    urgency: 2,
  });

  it.each(['x y', 'c-1', '../customers'])('a demand for the customer id %j is 400 naming customerId', async (customerId) => {
    const res = await app.t.app.inject({ method: 'POST', url: '/intake/demands', payload: demand(customerId), headers: app.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'customerId' })]);
  });

  it.each([
    ['GET', '/intake/customers/x%20y'],
    ['PATCH', '/intake/customers/x%20y'],
    ['GET', '/intake/customers/x%20y/demands'],
  ] as const)('%s %s is 400 naming customerId', async (method, url) => {
    const res = await app.t.app.inject({ method, url, headers: app.headers, ...(method === 'PATCH' ? { payload: { tier: 'gold' } } : {}) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'customerId' })]);
  });
});
