import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS, READ_MODEL_DB } from '@serviceledger/platform/nest';
import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { RequestHeaders, TestApp, pollUntil, publishedMessage, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { DEMAND_ASSIGNED_V2, DEMAND_REGISTERED_V2, DEMAND_RESOLVED_V1 } from '@serviceledger/intake/contracts';
import { CASE_ACCEPTANCE_PASSED_V1, CASE_OPENED_V1 } from '@serviceledger/service-delivery/contracts';
import { KNOWLEDGE_TOPIC } from '@serviceledger/resource/contracts';
import { ResourceModule } from '../resource.module';
import { resourceService } from '../resource.service-definition';

const TECHNICIAN = { userId: 'tech-li', roles: ['technician'], departments: ['tech-support'] };
const HEAD = { userId: 'head-wang', roles: ['department-head'], departments: ['tech-support'] };
const AGENT = { userId: 'agent-chen', roles: ['agent'], departments: ['customer-service'] };
const ANALYST = { userId: 'analyst-wu', roles: ['analyst'], departments: [] };
const DEVELOPER = { userId: 'dev-zhou', roles: ['technician'], departments: ['software-development'] };
const EXPERT = { userId: 'expert-sun', roles: ['expert-reviewer'], departments: [] };

const DEMAND = '0b6f8f2e-5d0c-4c8e-9a55-3f1e0b0f7a11';
const CASE = '7c1d3b2a-1111-4c8e-9a55-3f1e0b0f7a22';
const intake = { source: '/serviceledger/intake', key: DEMAND };

describe('the knowledge base over HTTP (R-1.2)', () => {
  const clock = new ManualClock(new Date('2026-12-01T02:00:00.000Z'));
  let t: TestApp;
  let technician: RequestHeaders;
  let head: RequestHeaders;
  let agent: RequestHeaders;
  const published: IntegrationMessage[] = [];
  const { get, post, ok } = readYourWrites(() => t.app, () => technician);
  const publish = (message: IntegrationMessage) => t.app.get<MessageBus>(MESSAGE_BUS).publish([message]);

  beforeAll(async () => {
    t = await startTestApp({ services: [resourceService], modules: [ResourceModule], env: { EVENT_STORE: 'sqlite' }, clock });
    [technician, head, agent] = await Promise.all([t.headersFor(TECHNICIAN), t.headersFor(HEAD), t.headersFor(AGENT)]);
    await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'articles-spec', topics: [KNOWLEDGE_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
  });
  afterAll(() => t.close());

  it('drafts, reviews and publishes an article, found by a Chinese phrase of its latest version, with votes once per person and views', async () => {
    const { id } = await ok('/resource/knowledge/articles', { kind: 'solution', title: '打印機脫機的處理', body: '先重啟打印服務。', tags: ['打印'] });
    await ok(`/resource/knowledge/articles/${id}/revisions`, { title: '打印機脫機的處理', body: '先重啟打印服務，再重新安裝驅動程序。', tags: ['打印', '驅動'], changeNote: '補充驅動步驟' });
    expect((await get('/resource/knowledge/articles', agent)).json().items).toEqual([]);
    await ok(`/resource/knowledge/articles/${id}/submission`);
    expect((await post(`/resource/knowledge/articles/${id}/review`, { approve: true })).statusCode).toBe(409);
    await ok(`/resource/knowledge/articles/${id}/review`, { approve: true, comment: '可以發布' }, head);

    const hits = (await get(`/resource/knowledge/articles?q=${encodeURIComponent('重新安裝驅動')}`, agent)).json();
    expect(hits).toMatchObject({ total: 1, items: [{ articleId: id, status: 'published', publishedVersion: 2, stale: false }] });
    expect((await get(`/resource/knowledge/articles?q=${encodeURIComponent('驅動程序 打印服務')}`, agent)).json().total).toBe(1);
    expect((await get(`/resource/knowledge/articles?q=${encodeURIComponent('磁帶機')}`, agent)).json().total).toBe(0);

    await ok(`/resource/knowledge/articles/${id}/helpful`, {}, agent);
    await ok(`/resource/knowledge/articles/${id}/helpful`, {}, agent);
    await ok(`/resource/knowledge/articles/${id}/helpful`, {}, head);
    await get(`/resource/knowledge/articles/${id}`, agent);
    await get(`/resource/knowledge/articles/${id}`, head);
    const seen = await pollUntil(
      async () => (await get(`/resource/knowledge/articles/${id}`, await t.headersFor(ANALYST))).json(),
      (article) => article.viewCount >= 3,
      'three views',
    );
    expect(seen).toMatchObject({ helpfulCount: 2, helpfulBy: ['agent-chen', 'head-wang'], versions: [{ version: 1 }, { version: 2, changeNote: '補充驅動步驟' }] });

    const [message] = await pollUntil(async () => published.filter((m) => m.key === id), (m) => m.length > 0, 'article.published');
    expect(message).toMatchObject({ type: 'serviceledger.resource.article.published.v1', data: { articleId: id, version: 2, title: '打印機脫機的處理', tags: ['打印', '驅動'], authorId: 'tech-li', publishedBy: 'head-wang' } });
    expect(JSON.stringify(message.data)).not.toContain('重新安裝');
  });

  it('turns a resolved demand into a draft in one call, from what intake published, and refuses one not yet resolved', async () => {
    const body = { kind: 'experience', title: '備份失敗的排查', body: '檢查磁盤空間。', tags: ['備份'] };
    expect((await post(`/resource/knowledge/articles/from-demand/${DEMAND}`, body)).statusCode).toBe(404);
    await publish(publishedMessage(DEMAND_REGISTERED_V2, intake, { demandId: DEMAND, reference: 'SR-2026-000042', customerId: 'c-1', customerTier: 'standard', channel: 'phone', kind: 'enquiry', businessCategory: 'technical-support', impact: 2, urgency: 2, priority: 'P3', registeredAt: '2026-11-28T01:00:00.000Z', occurredAt: '2026-11-28T01:00:00.000Z' }, '2026-11-28T01:00:00.000Z'));
    await publish(publishedMessage(DEMAND_ASSIGNED_V2, intake, { demandId: DEMAND, departmentId: 'tech-support', ownerId: 'tech-li', assignedBy: 'agent-chen', occurredAt: '2026-11-28T02:00:00.000Z' }, '2026-11-28T02:00:00.000Z'));
    const unresolved = await pollUntil(async () => post(`/resource/knowledge/articles/from-demand/${DEMAND}`, body), (r) => r.statusCode === 409, 'the registration noted');
    expect(unresolved.json().detail).toBe(`Demand ${DEMAND} is not resolved yet`);
    await publish(publishedMessage(DEMAND_RESOLVED_V1, intake, { demandId: DEMAND, resolvedAt: '2026-11-29T08:00:00.000Z', occurredAt: '2026-11-29T08:00:00.000Z' }, '2026-11-29T08:00:00.000Z'));
    const drafted = await pollUntil(async () => post(`/resource/knowledge/articles/from-demand/${DEMAND}`, body), (r) => r.statusCode === 201, 'the resolution noted');
    // Outside the demand's department it is not found, as intake answers for it: a draft would file an article there.
    for (const outsider of [DEVELOPER, EXPERT]) {
      const refused = await post(`/resource/knowledge/articles/from-demand/${DEMAND}`, body, await t.headersFor(outsider));
      expect(refused.json()).toMatchObject({ status: 404, detail: expect.stringContaining(DEMAND) });
    }
    const article = (await get(`/resource/knowledge/articles/${drafted.json().id}`, technician)).json();
    expect(article).toMatchObject({
      status: 'draft',
      authorId: 'tech-li',
      departmentId: 'tech-support',
      source: { kind: 'demand', id: DEMAND, reference: 'SR-2026-000042', businessCategory: 'technical-support', departmentId: 'tech-support', concludedAt: '2026-11-29T08:00:00.000Z' },
    });
    expect((await get(`/resource/knowledge/articles?status=draft&sourceKind=demand&sourceId=${DEMAND}`, technician)).json().total).toBe(1);
  });

  it('turns an accepted case into a draft from what service delivery published', async () => {
    const delivery = { source: '/serviceledger/service-delivery', key: CASE };
    await publish(publishedMessage(CASE_OPENED_V1, delivery, { caseId: CASE, demandId: DEMAND, reference: 'SR-2026-000042', customerId: 'c-1', responsibleDepartmentId: 'software-development', departments: ['software-development'], complexity: 'complex', planDueAt: '2026-11-30T00:00:00.000Z', occurredAt: '2026-11-28T03:00:00.000Z' }, '2026-11-28T03:00:00.000Z'));
    await publish(publishedMessage(CASE_ACCEPTANCE_PASSED_V1, delivery, { caseId: CASE, round: 1, criteriaCount: 3, criteriaMet: 3, conditionCount: 0, acceptedAt: '2026-11-30T06:00:00.000Z', followUpVisitsDueAt: [], occurredAt: '2026-11-30T06:00:00.000Z' }, '2026-11-30T06:00:00.000Z'));
    const content = { kind: 'innovation', title: '數據遷移工具', body: '自動比對遷移前後的記錄數。' };
    const developer = await t.headersFor(DEVELOPER);
    const drafted = await pollUntil(async () => post(`/resource/knowledge/articles/from-case/${CASE}`, content, developer), (r) => r.statusCode === 201, 'the acceptance noted');
    expect((await post(`/resource/knowledge/articles/from-case/${CASE}`, content, technician)).statusCode).toBe(404);
    expect((await get(`/resource/knowledge/articles/${drafted.json().id}`, developer)).json()).toMatchObject({ departmentId: 'software-development', source: { kind: 'case', id: CASE, concludedAt: '2026-11-30T06:00:00.000Z' } });
  });

  it('flags published articles nobody has reviewed for the configured time as stale, until a review confirms them', async () => {
    const { id } = await ok('/resource/knowledge/articles', { kind: 'experience', title: '機房巡檢心得', body: '每週檢查空調與UPS。' });
    await ok(`/resource/knowledge/articles/${id}/submission`);
    await ok(`/resource/knowledge/articles/${id}/review`, { approve: true }, head);
    expect((await get('/resource/knowledge/settings', agent)).json()).toEqual({ staleAfterDays: 180 });
    expect((await t.app.inject({ method: 'PUT', url: '/resource/knowledge/settings', payload: { staleAfterDays: 30 }, headers: agent })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: '/resource/knowledge/settings', payload: { staleAfterDays: 30 }, headers: head })).statusCode).toBe(200);

    clock.set('2027-01-15T02:00:00.000Z');
    const stale = (await get('/resource/knowledge/articles?staleOnly=true', agent)).json();
    expect(stale.items.map((a: { articleId: string }) => a.articleId)).toContain(id);
    expect(stale.items.every((a: { stale: boolean }) => a.stale)).toBe(true);
    await ok(`/resource/knowledge/articles/${id}/periodic-review`, { comment: '內容仍然有效' }, head);
    expect((await get('/resource/knowledge/articles?staleOnly=true', agent)).json().items.map((a: { articleId: string }) => a.articleId)).not.toContain(id);
    expect((await get(`/resource/knowledge/articles/${id}`, agent)).json().stale).toBe(false);
  });

  it('puts every document and article back in the search index after it was lost, for an administrator only', async () => {
    const { id } = await ok('/resource/knowledge/articles', { kind: 'solution', title: '交換機環路排查', body: '關閉可疑端口後觀察廣播風暴是否消失。' });
    const manual = { kind: 'operating-manual', title: '交換機配置手冊', departmentId: 'tech-support', reviewIntervalDays: 30, file: { fileName: 'switch.md', contentType: 'text/markdown', contentBase64: Buffer.from('啟用生成樹協議以防環路。', 'utf8').toString('base64') } };
    const document = await ok('/resource/documents', manual, head);
    await t.app.get<ReadModelDatabase>(READ_MODEL_DB).transaction((manager) => manager.query('DELETE FROM resource_knowledge_entries'));
    const search = async () => [
      (await get(`/resource/knowledge/articles?status=draft&q=${encodeURIComponent('廣播風暴')}`, technician)).json().total,
      (await get(`/resource/documents?q=${encodeURIComponent('生成樹協議')}`, technician)).json().total,
    ];
    expect(await search()).toEqual([0, 0]);
    expect((await post('/resource/knowledge/search-index/rebuild', {}, head)).statusCode).toBe(403);
    const rebuilt = await post('/resource/knowledge/search-index/rebuild', {}, await t.headersFor({ userId: 'admin-he', roles: ['administrator'], departments: [] }));
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.json().documents).toBeGreaterThanOrEqual(1);
    expect(rebuilt.json().articles).toBeGreaterThanOrEqual(1);
    expect(await search()).toEqual([1, 1]);
    expect((await get(`/resource/knowledge/articles?status=draft&q=${encodeURIComponent('廣播風暴')}`, technician)).json().items[0].articleId).toBe(id);
    expect((await get(`/resource/documents/${document.id}`, technician)).statusCode).toBe(200);
  });
});
