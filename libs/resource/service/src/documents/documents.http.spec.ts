import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, TestBackend, pollUntil, readModelBackends, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { KNOWLEDGE_TOPIC } from '@serviceledger/resource/contracts';
import { MAX_DOCUMENT_BYTES } from '@serviceledger/resource/domain';
import { sha256Of } from '../blobs/blob-store';
import { ResourceModule } from '../resource.module';
import { resourceService } from '../resource.service-definition';

const TECHNICIAN = { userId: 'tech-li', roles: ['technician'], departments: ['tech-support'] };
const HEAD = { userId: 'head-wang', roles: ['department-head'], departments: ['tech-support'] };
const OTHER_HEAD = { userId: 'head-zhao', roles: ['department-head'], departments: ['logistics'] };

/** Three versions of a Chinese operating manual, each with a phrase the others lack; version 1 with a byte-order mark. */
const V1 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# 服務器備份操作手冊\n\n每週日使用磁帶機執行增量備份。\n', 'utf8')]);
const V2 = Buffer.from('# 服務器備份操作手冊\n\n每日執行增量備份，保留三十天。\n', 'utf8');
const V3 = Buffer.from('# 服務器備份操作手冊\n\n每日凌晨三點執行全量備份，並將副本同步到異地機房。\n', 'utf8');

const file = (bytes: Buffer, fileName = '服務器備份操作手冊.md', contentType = 'text/markdown') => ({ fileName, contentType, contentBase64: bytes.toString('base64') });
const manual = (bytes = V1) => ({ kind: 'operating-manual', title: '服務器備份操作手冊', tags: ['備份', '運維'], departmentId: 'tech-support', reviewIntervalDays: 30, links: [{ kind: 'case', id: 'case-1' }], file: file(bytes) });

/** The embedded default, and the read models (search index and blobs included) on a PostgreSQL scratch schema. */
const backends = readModelBackends.map(({ name, create }) => ({
  name,
  env(backend: TestBackend): Record<string, string> {
    const { config } = backend;
    if (config.type !== 'postgres') return { EVENT_STORE: 'sqlite' };
    return { EVENT_STORE: 'sqlite', READ_MODEL_DB: 'postgres', READ_MODEL_URL: config.url, READ_MODEL_SCHEMA: config.schema ?? 'public', SCHEMA_CHANGES: 'migrate' };
  },
  create,
}));

describe.each(backends)('technical documents over HTTP, read models on $name (R-1.1)', ({ create, env }) => {
  let backend: TestBackend;
  let t: TestApp;
  let technician: RequestHeaders;
  const { get, ok } = readYourWrites(() => t.app, () => technician);

  beforeAll(async () => {
    backend = create();
    t = await startTestApp({ services: [resourceService], modules: [ResourceModule], env: env(backend) });
    technician = await t.headersFor(TECHNICIAN);
  });
  afterAll(async () => {
    await t.close();
    await backend.dispose();
  });

  it('keeps three versions of a Chinese manual, finds it by version 3’s text and not version 1’s, and reads version 1 back byte for byte', async () => {
    const { id } = await ok('/resource/documents', manual());
    await ok(`/resource/documents/${id}/versions`, { file: file(V2), changeNote: '改為每日增量備份' });
    await ok(`/resource/documents/${id}/versions`, { file: file(V3), changeNote: '改為全量備份並同步異地' });

    const found = await get(`/resource/documents?q=${encodeURIComponent('全量備份')}`, technician);
    expect(found.json()).toMatchObject({ total: 1, items: [{ documentId: id, title: '服務器備份操作手冊' }] });
    expect((await get(`/resource/documents?q=${encodeURIComponent('磁帶機')}`, technician)).json()).toMatchObject({ total: 0, items: [] });
    expect((await get(`/resource/documents?q=${encodeURIComponent('異地機房 凌晨')}`, technician)).json().total).toBe(1);

    const detail = (await get(`/resource/documents/${id}`, technician)).json();
    expect(detail.versions).toEqual([
      expect.objectContaining({ version: 1, sha256: sha256Of(V1), size: V1.length, contentType: 'text/markdown', uploadedBy: 'tech-li', changeNote: 'First version', uploadedAt: expect.any(String) }),
      expect.objectContaining({ version: 2, sha256: sha256Of(V2), changeNote: '改為每日增量備份' }),
      expect.objectContaining({ version: 3, sha256: sha256Of(V3), changeNote: '改為全量備份並同步異地' }),
    ]);
    expect(detail).toMatchObject({ ownerId: 'tech-li', departmentId: 'tech-support', status: 'draft', links: [{ kind: 'case', id: 'case-1' }] });

    const first = await t.app.inject({ method: 'GET', url: `/resource/documents/${id}/versions/1/content`, headers: technician });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('text/markdown');
    expect(first.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('服務器備份操作手冊.md')}`);
    expect(first.rawPayload.equals(V1)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/resource/documents/${id}/versions/4/content`, headers: technician })).statusCode).toBe(404);
  });

  it('keeps a department’s documents from other departments', async () => {
    const { id } = await ok('/resource/documents', manual(Buffer.from('部門內部文件', 'utf8')));
    const other = await t.headersFor(OTHER_HEAD);
    expect((await get(`/resource/documents/${id}`, other)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/resource/documents/${id}/versions/1/content`, headers: other })).statusCode).toBe(404);
    expect((await get(`/resource/documents?q=${encodeURIComponent('部門內部文件')}`, other)).json().total).toBe(0);
    const upload = await t.app.inject({ method: 'POST', url: `/resource/documents/${id}/versions`, payload: { file: file(V2), changeNote: 'x' }, headers: other });
    expect(upload.statusCode).toBe(404);
  });
});

describe('technical document uploads that are refused (R-1.1)', () => {
  let t: TestApp;
  let technician: RequestHeaders;
  const { get, ok } = readYourWrites(() => t.app, () => technician);
  const blobFiles = () => readdirSync(join(t.dataDir, 'blobs'), { recursive: true }).filter((name) => String(name).length > 60);

  beforeAll(async () => {
    t = await startTestApp({ services: [resourceService], modules: [ResourceModule], env: { EVENT_STORE: 'sqlite' } });
    technician = await t.headersFor(TECHNICIAN);
  });
  afterAll(() => t.close());

  it('answers 413 for a file over the limit, and stores nothing', async () => {
    const { id } = await ok('/resource/documents', manual());
    const before = blobFiles();
    const tooLarge = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x41);
    const response = await t.app.inject({ method: 'POST', url: `/resource/documents/${id}/versions`, payload: { file: file(tooLarge, 'big.txt', 'text/plain'), changeNote: '太大' }, headers: technician });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 413, detail: `A document's file has at most ${MAX_DOCUMENT_BYTES} bytes; this one has ${MAX_DOCUMENT_BYTES + 1}` });
    expect(blobFiles()).toEqual(before);
    expect((await get(`/resource/documents/${id}`, technician)).json().versions).toHaveLength(1);
  });

  it.each([
    ['a type that is not allowed', file(Buffer.from('MZ\x90\x00'), 'setup.exe', 'application/x-msdownload'), /^Documents are text\/plain, text\/markdown/],
    ['a PDF that is not one', file(Buffer.from('這不是 PDF'), 'report.pdf', 'application/pdf'), /^The file's content is not application\/pdf$/],
    ['text that is not text', file(Buffer.from([0x41, 0x00, 0x42]), 'notes.txt', 'text/plain'), /^The file is not text\/plain/],
  ])('answers 415 for %s, and stores nothing', async (_what, upload, detail) => {
    const before = blobFiles();
    const response = await t.app.inject({ method: 'POST', url: '/resource/documents', payload: { ...manual(), file: upload }, headers: technician });
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toMatch(detail);
    expect(blobFiles()).toEqual(before);
  });

  it('takes a PDF as it is, searched by its title and tags', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
    const { id } = await ok('/resource/documents', { ...manual(), kind: 'technical-report', title: '機房巡檢技術報告', tags: ['巡檢'], file: file(pdf, '巡檢報告.pdf', 'application/pdf') });
    expect((await get(`/resource/documents?q=${encodeURIComponent('巡檢技術')}`, technician)).json().items.map((d: { documentId: string }) => d.documentId)).toEqual([id]);
    const content = await t.app.inject({ method: 'GET', url: `/resource/documents/${id}/versions/1/content`, headers: technician });
    expect(content.rawPayload.equals(pdf)).toBe(true);
  });

  it('refuses a body that is not base64 with 400, and a command the document’s state refuses with 409 before storing the file', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/resource/documents', payload: { ...manual(), file: { ...file(V1), contentBase64: '不是base64' } }, headers: technician });
    expect(bad.statusCode).toBe(400);
    const { id } = await ok('/resource/documents', manual());
    await ok(`/resource/documents/${id}/submission`);
    const before = blobFiles();
    const response = await t.app.inject({ method: 'POST', url: `/resource/documents/${id}/versions`, payload: { file: file(Buffer.from('審核中不可上傳', 'utf8')), changeNote: 'x' }, headers: technician });
    expect(response.statusCode).toBe(409);
    expect(blobFiles()).toEqual(before);
  });
});

describe('technical document review and release (R-1.1)', () => {
  const clock = new ManualClock(new Date('2026-12-01T02:00:00.000Z'));
  let t: TestApp;
  let technician: RequestHeaders;
  let head: RequestHeaders;
  const published: IntegrationMessage[] = [];
  const { get, post, ok } = readYourWrites(() => t.app, () => technician);

  beforeAll(async () => {
    t = await startTestApp({ services: [resourceService], modules: [ResourceModule], env: { EVENT_STORE: 'sqlite' }, clock });
    technician = await t.headersFor(TECHNICIAN);
    head = await t.headersFor(HEAD);
    await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'documents-spec', topics: [KNOWLEDGE_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
  });
  afterAll(() => t.close());

  it('is reviewed by someone other than its author, released, published as document.approved, and its owner reminded when the review falls due', async () => {
    const { id } = await ok('/resource/documents', { ...manual(V3), reviewIntervalDays: 1 });
    await ok(`/resource/documents/${id}/submission`);
    const own = await post(`/resource/documents/${id}/review`, { approve: true });
    expect(own.statusCode).toBe(409);
    expect(own.json().detail).toContain('reviewed by someone other than its author');
    await ok(`/resource/documents/${id}/review`, { approve: true, comment: '可以發布' }, head);

    expect((await get(`/resource/documents/${id}`, technician)).json()).toMatchObject({ status: 'approved', releasedVersion: 1, nextReviewDue: '2026-12-02T02:00:00.000Z', reviewDue: false });
    const [approved] = await pollUntil(async () => published.filter((m) => m.key === id), (m) => m.length > 0, 'document.approved');
    expect(approved).toMatchObject({
      type: 'serviceledger.resource.document.approved.v1',
      data: { documentId: id, kind: 'operating-manual', version: 1, sha256: sha256Of(V3), ownerId: 'tech-li', departmentId: 'tech-support', approvedBy: 'head-wang', links: [{ kind: 'case', id: 'case-1' }] },
    });
    expect(JSON.stringify(approved.data)).not.toContain('異地機房');

    clock.set('2026-12-02T03:00:00.000Z');
    const reminders = await pollUntil(
      async () => (await get('/resource/documents/review-reminders', technician)).json() as Array<{ documentId: string }>,
      (rows) => rows.some((row) => row.documentId === id),
      'the review reminder',
    );
    expect(reminders.find((row) => row.documentId === id)).toMatchObject({ remindedFor: '2026-12-02T02:00:00.000Z', reviewDue: true });
    await ok(`/resource/documents/${id}/periodic-review`, { comment: '內容仍然適用' });
    expect((await get('/resource/documents/review-reminders', technician)).json()).toEqual([]);
    expect((await get(`/resource/documents/${id}`, technician)).json()).toMatchObject({ nextReviewDue: '2026-12-03T03:00:00.000Z', reviewDue: false });
  });

  it('supersedes and archives, filters by status, kind, owner and tag, and links and unlinks what it serves', async () => {
    const { id } = await ok('/resource/documents', { ...manual(V2), kind: 'technical-plan', title: '異地備份技術方案', tags: ['方案'] });
    await ok(`/resource/documents/${id}/links`, { kind: 'demand', id: 'dem-7' });
    expect((await t.app.inject({ method: 'DELETE', url: `/resource/documents/${id}/links/case/case-1`, headers: technician })).statusCode).toBe(200);
    await ok(`/resource/documents/${id}/details`, { ownerId: 'tech-zhou' });
    const listed = (await get('/resource/documents?kind=technical-plan&owner=tech-zhou&tag=方案', technician)).json();
    expect(listed.items).toEqual([expect.objectContaining({ documentId: id, links: [{ kind: 'demand', id: 'dem-7' }] })]);
    await ok(`/resource/documents/${id}/archive`, { reason: '方案作廢' });
    expect((await get('/resource/documents?status=archived', technician)).json().items.map((d: { documentId: string }) => d.documentId)).toEqual([id]);
  });
});

describe('technical documents across a restart on the embedded default (R-1.1)', () => {
  it('still finds a document and reads its versions back after the service restarts on the same DATA_DIR', async () => {
    const first = await startTestApp({ services: [resourceService], modules: [ResourceModule], env: { EVENT_STORE: 'sqlite' } });
    const headers = await first.headersFor(TECHNICIAN);
    const registered = await first.app.inject({ method: 'POST', url: '/resource/documents', payload: manual(V3), headers });
    expect(registered.statusCode).toBe(201);
    const { id } = registered.json();
    await first.app.close();

    const again = await startTestApp({ services: [resourceService], modules: [ResourceModule], env: { EVENT_STORE: 'sqlite' }, dataDir: first.dataDir });
    try {
      const headersAgain = await again.headersFor(TECHNICIAN);
      const found = await pollUntil(
        async () => (await again.app.inject({ method: 'GET', url: `/resource/documents?q=${encodeURIComponent('異地機房')}`, headers: headersAgain })).json(),
        (page) => page.total === 1,
        'the document after the restart',
      );
      expect(found.items[0].documentId).toBe(id);
      const content = await again.app.inject({ method: 'GET', url: `/resource/documents/${id}/versions/1/content`, headers: headersAgain });
      expect(content.rawPayload.equals(V3)).toBe(true);
    } finally {
      await again.close();
      await first.close();
    }
  });
});
