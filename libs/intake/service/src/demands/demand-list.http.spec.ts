import { readYourWrites, useTestApp } from '@serviceledger/platform/testing';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { phoneEnquiry } from '../testing/phone-enquiry';

/** The demand list pages by cursor (keyset): each page starts after the last demand of the one before, and counts nothing unless asked. */
describe('the demand list over HTTP, page by page', () => {
  const suite = useTestApp({ services: [intakeService], modules: [IntakeModule] }, { userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
  const { get: getAs, ok } = readYourWrites(() => suite.t.app, () => suite.headers);
  const get = (url: string) => getAs(url, suite.headers);
  let customerId: string;
  const registered: string[] = [];

  beforeAll(async () => {
    customerId = (await ok('/intake/customers', { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' })).id;
    for (let i = 0; i < 5; i++) registered.push((await ok('/intake/demands', phoneEnquiry(customerId, { subject: `打印機無法連線 ${i}` }))).id);
  });

  async function follow(query: string): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let pages = 0;
    let next: string | undefined;
    do {
      const page = (await get(`/intake/demands?${query}${next ? `&cursor=${next}` : ''}`)).json();
      expect(page).not.toHaveProperty('total');
      ids.push(...page.items.map((d: { demandId: string }) => d.demandId));
      next = page.next;
      pages++;
    } while (next);
    return { ids, pages };
  }

  it('walks every demand once, in the order asked for, by following next until there is none', async () => {
    const all = (await get(`/intake/demands?customer=${customerId}&sort=registeredAt&pageSize=200`)).json().items.map((d: { demandId: string }) => d.demandId);
    expect([...all].sort()).toEqual([...registered].sort());

    expect(await follow(`customer=${customerId}&sort=registeredAt&pageSize=2`)).toEqual({ ids: all, pages: 3 });
    const newestFirst = (await get(`/intake/demands?customer=${customerId}&pageSize=200`)).json().items.map((d: { demandId: string }) => d.demandId);
    expect(await follow(`customer=${customerId}&pageSize=2`)).toEqual({ ids: newestFirst, pages: 3 });
    // All five have the same priority: the pages go by the ties alone, by id in the sort's direction.
    const byPriority = (await get(`/intake/demands?customer=${customerId}&sort=-priority&pageSize=200`)).json().items.map((d: { demandId: string }) => d.demandId);
    expect(byPriority).toEqual([...registered].sort().reverse());
    expect(await follow(`customer=${customerId}&sort=-priority&pageSize=2`)).toEqual({ ids: byPriority, pages: 3 });
  });

  it('answers the first page with its number and no total; the total only when asked to count', async () => {
    const first = (await get(`/intake/demands?customer=${customerId}&pageSize=2`)).json();
    expect(first).toMatchObject({ page: 1, pageSize: 2, next: expect.any(String) });
    expect(first.items).toHaveLength(2);
    expect(first).not.toHaveProperty('total');

    expect((await get(`/intake/demands?customer=${customerId}&pageSize=2&count=exact`)).json()).toMatchObject({ total: 5 });
  });

  it('refuses with 400 a cursor it did not give, one of another sort, and a cursor beside a page number', async () => {
    const { next } = (await get(`/intake/demands?customer=${customerId}&pageSize=2`)).json();
    for (const query of ['cursor=not-a-cursor', `cursor=${next}&sort=priority`, `cursor=${next}&page=2`]) {
      const refused = await get(`/intake/demands?customer=${customerId}&pageSize=2&${query}`);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });
});
