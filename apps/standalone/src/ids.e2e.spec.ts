import { useTestApp } from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

/**
 * Issue 15, item 7: an id in a body or a path that is not an id is 400 naming the field, not 422 "not
 * registered" nor 404, over HTTP on the standalone app as `npm start` runs it (SQLite); nothing is
 * appended. Customers', demands', cases' and findings' ids are UUIDs; people's ids and the milestones and
 * steps a plan names are keys (no spaces); departments are identifiers. The path ids are in
 * path-params.e2e.spec.ts.
 */
describe('ids on the standalone app (issue 15, item 7)', () => {
  const app = useTestApp(
    { services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, env: { EVENT_STORE: 'sqlite' } },
    { userId: 'agent-li', roles: ['agent', 'quality-monitor'], departments: ['customer-service'] },
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

  const WELL_FORMED = '00000000-0000-4000-8000-000000000001';
  it.each([
    ['an owner', 'ownerId', `/intake/demands/${WELL_FORMED}/assignment`, { ownerId: 'x y' }],
    ['a department', 'departmentId', `/intake/demands/${WELL_FORMED}/assignment`, { departmentId: 'Tech Support' }],
    ['a responsible person', 'responsibleId', '/quality-monitoring/findings', { departmentId: 'tech-support', responsibleId: 'x y', subject: '回訪遲了', requirements: '按時回訪' }],
    ['a demand checked', 'caseId', '/quality-monitoring/findings', { departmentId: 'tech-support', responsibleId: 'ts-lead', subject: '回訪遲了', requirements: '按時回訪', caseId: 'x y' }],
  ])('%s that is not an id is 400 naming %s, and nothing is recorded', async (_, field, url, payload) => {
    const res = await app.t.app.inject({ method: 'POST', url, payload, headers: app.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field })]);
    const findings = await app.t.app.inject({ method: 'GET', url: '/quality-monitoring/findings', headers: app.headers });
    expect(findings.json().items).toEqual([]);
  });
});
