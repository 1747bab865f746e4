import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { ProjectionHost } from '@serviceledger/platform/read-models';
import { RequestHeaders, TestApp, eventually, startTestApp, storeHoldsStill } from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

/**
 * The three services of this session probed as an attacker would, on the standalone app over SQLite:
 * a head of one department, an analyst, a member of staff and a customer reaching for records that are not
 * theirs (each the 404 of a record that does not exist), personal data kept out of the event store's bytes,
 * a retried POST appending once, and oversize or impossible input refused naming the field, nothing appended.
 */
describe('hr-performance, resource and risk probed for leaks, retries and bad input', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let t: TestApp;
  let hr: RequestHeaders;
  let tsHead: RequestHeaders;
  let sdHead: RequestHeaders;
  let analyst: RequestHeaders;
  let wang: RequestHeaders;
  let customer: RequestHeaders;
  let tsMember: RequestHeaders;
  let manager: RequestHeaders;
  let officer: RequestHeaders;
  let sdDocument: string;
  let sdPlan: string;
  let sdRisk: string;

  const send = (method: 'POST' | 'PUT', url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method, url, payload, headers });
  const post = (url: string, payload: object, headers: RequestHeaders) => send('POST', url, payload, headers);
  const get = (url: string, headers: RequestHeaders) => t.app.inject({ method: 'GET', url, headers });
  async function accepted(method: 'POST' | 'PUT', url: string, payload: object, headers: RequestHeaders): Promise<{ id: string; checkpoint: string }> {
    const response = await send(method, url, payload, headers);
    expect(response.statusCode < 300 ? 'ok' : response.json()).toBe('ok');
    return response.json();
  }
  /** The event store's bytes, its write-ahead log included, as UTF-8 text. */
  const eventBytes = () =>
    ['events.db', 'events.db-wal']
      .filter((name) => existsSync(join(t.dataDir, name)))
      .map((name) => readFileSync(join(t.dataDir, name)).toString('utf8'))
      .join('');
  const file = { fileName: 'runbook.md', contentType: 'text/markdown', contentBase64: Buffer.from('# 發布流程\n\n先備份再發布。\n', 'utf8').toString('base64') };
  const document = (departmentId: string, title = '發布流程') => ({ kind: 'operating-manual', title, tags: ['發布'], departmentId, reviewIntervalDays: 30, file });
  const risk = (departmentId: string, title = 'Single database server') => ({ title, category: 'technical', ownerId: 'ops-wang', departmentId, causes: ['No replica'], consequences: ['Outage'], links: [] });

  beforeAll(async () => {
    t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, env: { EVENT_STORE: 'sqlite' }, clock });
    // What start-up appends (the quarter's risk identification rounds) is over before any test counts bytes.
    await storeHoldsStill(t.app.get<EventStore>(EVENT_STORE));
    hr = await t.headersFor({ userId: 'hr-li', roles: ['hr'], departments: ['human-resources'] });
    tsHead = await t.headersFor({ userId: 'ts-lead', roles: ['department-head'], departments: ['tech-support'] });
    sdHead = await t.headersFor({ userId: 'sd-lead', roles: ['department-head'], departments: ['software-development'] });
    analyst = await t.headersFor({ userId: 'an-zhou', roles: ['analyst'], departments: [] });
    wang = await t.headersFor({ userId: 'tech-wang', roles: ['technician'], departments: ['tech-support'] });
    tsMember = await t.headersFor({ userId: 'ts-member', roles: ['department-member'], departments: ['tech-support'] });
    customer = await t.headersFor({ userId: 'c-acme', roles: ['customer'], customerId: 'c-acme' });
    manager = await t.headersFor({ userId: 'rm-zhou', roles: ['resource-manager'], departments: ['administration'] });
    officer = await t.headersFor({ userId: 'ro-qian', roles: ['risk-officer'], departments: ['risk'] });

    const standards = { knowledge: 'Networks', skills: 'Diagnosis', serviceAttitude: 'Courteous' };
    const topics = ['company', 'culture', 'service-process', 'business-knowledge', 'communication-skills'];
    for (const [postId, departmentId] of [['support-engineer', 'tech-support'], ['developer', 'software-development']]) {
      await accepted('PUT', `/hr-performance/posts/${postId}`, { name: postId, departmentId, track: 'professional', duties: ['Resolve faults'], standards }, hr);
      await accepted('PUT', `/hr-performance/posts/${postId}/onboarding-programme`, { items: topics.map((topic) => ({ topic, title: topic })) }, hr);
    }
    const met = { knowledge: true, skills: true, serviceAttitude: true };
    await accepted('POST', '/hr-performance/employees', { employeeId: 'tech-wang', name: '王芳芳', postId: 'support-engineer', level: 'P1', hiredOn: '2026-11-02', assessment: met }, hr);
    await accepted('POST', '/hr-performance/employees', { employeeId: 'dev-zhao', name: '趙明明', postId: 'developer', level: 'P1', hiredOn: '2026-11-02', assessment: met }, hr);
    await accepted('PUT', '/hr-performance/development-plans/dev-zhao', { interests: ['分佈式系統祕密興趣'], strengths: ['Go'], goals: ['Lead'], trainingOpportunities: ['K8s'] }, hr);

    sdDocument = (await accepted('POST', '/resource/documents', document('software-development'), sdHead)).id;
    sdPlan = (
      await accepted(
        'POST',
        '/resource/rd-investment/plans',
        {
          year: 2026,
          departmentId: 'software-development',
          projectId: 'remote-diagnostics',
          projectName: 'Remote diagnostics',
          lines: [{ lineId: 'agent', title: 'Agent', need: { kind: 'demand-trend', reference: 'system-maintenance', note: 'Growing' }, budget: [1, 1, 1, 1] }],
        },
        manager,
      )
    ).id;
    sdRisk = (await accepted('POST', '/risk/risks', risk('software-development'), officer)).id;
    await accepted('POST', `/risk/risks/${sdRisk}/assessments`, { likelihood: 4, impact: 4, controllable: true }, officer);
    // The reads below pass no `?after=` (these services' routes take none), and a 404 from a read model not yet
    // caught up would pass for a refusal: every projection has applied the writes above before any test reads.
    await storeHoldsStill(t.app.get<EventStore>(EVENT_STORE));
    const projections = t.app.get(ProjectionHost, { strict: false });
    await eventually(async () => expect((await projections.status()).filter((p) => p.lag > 0).map((p) => p.name)).toEqual([]));
    // Six services started, waited on until they hold still, then a dozen requests: late in CI's one jest
    // process that can outlast 60 s.
  }, 180_000);
  afterAll(() => t?.close());

  it('answers 404 to a head of another department, to an analyst for personal HR records, and to staff reaching for a colleague', async () => {
    const hrRecords = ['/hr-performance/employees/dev-zhao', '/hr-performance/development-plans/dev-zhao', '/hr-performance/careers/dev-zhao', '/hr-performance/training-matrix/employees/dev-zhao'];
    for (const url of hrRecords) {
      expect({ url, status: (await get(url, sdHead)).statusCode }).toEqual({ url, status: 200 });
      for (const headers of [tsHead, analyst]) {
        const refused = await get(url, headers);
        expect({ url, status: refused.statusCode }).toEqual({ url, status: 404 });
        expect(refused.body).not.toContain('趙明明');
      }
      const colleague = await get(url, wang);
      expect({ url, refused: colleague.statusCode >= 403 && colleague.statusCode <= 404 }).toEqual({ url, refused: true });
      expect(colleague.body).not.toContain('趙明明');
    }
    for (const url of ['/hr-performance/employees', '/hr-performance/training-matrix', '/hr-performance/training-matrix.csv', '/hr-performance/appraisals', '/hr-performance/appraisals.csv?period=2026-11']) {
      for (const headers of [tsHead, analyst]) {
        const list = await get(url, headers);
        expect({ url, status: list.statusCode }).toEqual({ url, status: 200 });
        expect(list.body).not.toContain('dev-zhao');
      }
    }
    for (const url of [`/resource/documents/${sdDocument}`, `/resource/rd-investment/plans/${sdPlan}`, `/risk/risks/${sdRisk}`]) {
      expect({ url, status: (await get(url, sdHead)).statusCode }).toEqual({ url, status: 200 });
      expect({ url, status: (await get(url, tsHead)).statusCode }).toEqual({ url, status: 404 });
    }
    for (const url of ['/resource/documents', '/resource/rd-investment/plans', '/risk/risks', '/risk/risks/export.csv']) {
      const list = await get(url, tsHead);
      expect({ url, status: list.statusCode }).toEqual({ url, status: 200 });
      for (const id of [sdDocument, sdPlan, sdRisk]) expect(list.body).not.toContain(id);
    }
    for (const url of ['/hr-performance/employees/dev-zhao', `/resource/documents/${sdDocument}`, `/resource/rd-investment/plans/${sdPlan}`, `/risk/risks/${sdRisk}`, '/risk/warnings', '/resource/security-incidents']) {
      expect([403, 404]).toContain((await get(url, customer)).statusCode);
    }
  });

  it('keeps a department’s training plan and training counts from the head of another department', async () => {
    const items = ['professional-skills', 'industry-knowledge', 'service-awareness'].map((kind) => ({ trainingId: `dev-${kind}`, kind, title: kind, postIds: ['developer'], dueBy: '2026-12-31' }));
    const { checkpoint } = await accepted('PUT', '/hr-performance/training-plans/software-development/2026', { items }, hr);
    const plan = `/hr-performance/training-plans/software-development/2026?after=${checkpoint}`;
    expect((await get(plan, sdHead)).statusCode).toBe(200);
    expect((await get(plan, analyst)).statusCode).toBe(200);
    expect((await get(plan, tsHead)).json()).toMatchObject({ status: 404, detail: 'Training plan software-development.2026 was not found' });
    const summary = (headers: RequestHeaders) => get(`/hr-performance/training-matrix/summary?year=2026&after=${checkpoint}`, headers);
    const departmentsIn = async (headers: RequestHeaders) => ((await summary(headers)).json().departments as Array<{ departmentId: string }>).map((d) => d.departmentId);
    expect(await departmentsIn(analyst)).toEqual(['software-development', 'tech-support']);
    expect(await departmentsIn(tsHead)).toEqual(['tech-support']);
    expect(await departmentsIn(sdHead)).toEqual(['software-development']);
  });

  it('shows a partner contact’s phone, e-mail and name masked to readers of resources, whole to the resource manager who keeps them', async () => {
    const partnerId = (await accepted('POST', '/resource/partners', { name: 'Acme Networks', kind: 'supplier', departmentId: 'administration' }, manager)).id;
    const { checkpoint } = await accepted('POST', `/resource/partners/${partnerId}/contacts`, { name: '錢偉', role: 'Account manager', phone: '13800138000', email: 'qian.wei@acme.example' }, manager);
    const kept = (await get(`/resource/partners/${partnerId}?after=${checkpoint}`, manager)).json();
    expect(kept.contacts).toEqual([expect.objectContaining({ name: '錢偉', phone: '13800138000', email: 'qian.wei@acme.example' })]);
    for (const headers of [tsHead, analyst, officer]) {
      for (const url of [`/resource/partners/${partnerId}?after=${checkpoint}`, `/resource/partners?after=${checkpoint}`]) {
        const read = await get(url, headers);
        expect(read.statusCode).toBe(200);
        expect(read.body).toContain('Account manager');
        for (const value of ['錢偉', '13800138000', 'qian.wei@acme.example']) expect({ url, shows: read.body.includes(value) }).toEqual({ url, shows: false });
      }
    }
  });

  it('answers a write naming another department’s record with the 404 of a read, and appends nothing', async () => {
    const before = eventBytes().length;
    const writes: Array<[string, object, RequestHeaders]> = [
      [`/resource/documents/${sdDocument}/submission`, {}, tsMember],
      [`/resource/documents/${sdDocument}/versions`, { file, changeNote: 'Overwritten' }, tsHead],
      [`/risk/risks/${sdRisk}/exceptions`, { strategy: 'accept', reason: 'Cheaper to accept' }, tsHead],
    ];
    for (const [url, payload, headers] of writes) {
      const refused = await post(url, payload, headers);
      expect({ url, status: refused.statusCode }).toEqual({ url, status: 404 });
    }
    expect(eventBytes().length).toBe(before);
  });

  it('lets one of two racing approvals of an R&D plan succeed, the other refused', async () => {
    const approvers = [
      await t.headersFor({ userId: 'cto-wu', roles: ['resource-manager'], departments: ['administration'] }),
      await t.headersFor({ userId: 'cfo-ma', roles: ['resource-manager'], departments: ['administration'] }),
    ];
    const answers = await Promise.all(approvers.map((headers) => post(`/resource/rd-investment/plans/${sdPlan}/approval`, {}, headers)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
  });

  it('keeps one department’s equipment from another’s head, and lets one of an approval and a rejection of its retirement win', async () => {
    const asset = { name: 'Build server', category: 'technical', storageDevice: true, serialNumber: 'BS-1', departmentId: 'software-development', acquiredOn: '2020-01-06', serviceLifeMonths: 36 };
    const { id: assetId } = await accepted('POST', '/resource/equipment/assets', asset, manager);
    // The scheduler flags an asset past its service life; only a flagged asset may be put up for retirement.
    await eventually(async () => expect((await get(`/resource/equipment/assets/${assetId}`, manager)).json()).toMatchObject({ retirementFlag: { reason: 'service-life-reached' } }));
    const { checkpoint } = await accepted('POST', `/resource/equipment/assets/${assetId}/retirement-request`, { reason: 'Past its service life' }, manager);
    expect((await get(`/resource/equipment/assets/${assetId}?after=${checkpoint}`, sdHead)).statusCode).toBe(200);
    expect((await get(`/resource/equipment/assets/${assetId}?after=${checkpoint}`, tsHead)).statusCode).toBe(404);
    for (const url of ['/resource/equipment/assets?', '/resource/equipment/assets.csv?', '/resource/equipment/maintenance?', '/resource/equipment/downtime?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z&']) {
      const list = await get(`${url}after=${checkpoint}`, tsHead);
      expect({ url, status: list.statusCode }).toEqual({ url, status: 200 });
      expect(list.body).not.toContain(assetId);
    }
    const deciders = [
      await t.headersFor({ userId: 'cto-wu', roles: ['resource-manager'], departments: ['administration'] }),
      await t.headersFor({ userId: 'cfo-ma', roles: ['resource-manager'], departments: ['administration'] }),
    ];
    const answers = await Promise.all([
      post(`/resource/equipment/assets/${assetId}/retirement-request/approval`, {}, deciders[0]),
      post(`/resource/equipment/assets/${assetId}/retirement-request/rejection`, { reason: 'Still needed' }, deciders[1]),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
  });

  it('does not let the head of one department register records in another', async () => {
    // What the earlier tests set going (the scheduler's flags, the approvals' follow-ons) ends before bytes are counted.
    await storeHoldsStill(t.app.get<EventStore>(EVENT_STORE));
    const before = eventBytes().length;
    const elsewhere = await post('/resource/documents', document('software-development', 'Planted by another department'), tsHead);
    expect(elsewhere.json()).toMatchObject({ status: 404, detail: 'Department software-development was not found' });
    expect(eventBytes().length).toBe(before);
    expect((await post('/resource/documents', document('tech-support', 'Our own runbook'), tsHead)).statusCode).toBe(201);
  });

  it('keeps who left a department, and why, from heads of other departments and analysts reading the warning it raised', async () => {
    expect((await send('PUT', '/risk/indicators/category-owners/personnel', { ownerId: 'ro-qian' }, officer)).statusCode).toBe(200);
    const met = { knowledge: true, skills: true, serviceAttitude: true };
    for (const employeeId of ['dev-qian', 'dev-sun']) {
      await accepted('POST', '/hr-performance/employees', { employeeId, name: employeeId, postId: 'developer', level: 'P1', hiredOn: '2026-11-02', assessment: met }, hr);
    }
    for (const employeeId of ['dev-zhao', 'dev-qian', 'dev-sun']) await accepted('POST', `/hr-performance/employees/${employeeId}/leaving`, { leftOn: '2026-11-02', reason: 'dismissed' }, hr);
    let warningId = '';
    await eventually(async () => {
      const open = (await get('/risk/warnings?owner=ro-qian', officer)).json().items as Array<{ warningId: string; groupKey: string }>;
      warningId = open.find((w) => w.groupKey === 'software-development')?.warningId ?? '';
      expect(warningId).not.toBe('');
    });
    expect((await get(`/risk/warnings/${warningId}`, officer)).body).toContain('dev-zhao');
    for (const headers of [tsHead, analyst]) {
      const read = await get(`/risk/warnings/${warningId}`, headers);
      expect(read.json().triggeredBy).toEqual(Array.from({ length: 3 }, () => expect.objectContaining({ type: 'serviceledger.hr-performance.employee.left.v1', fields: {} })));
      expect(read.body).not.toMatch(/dev-zhao|dismissed/);
    }
  });

  it('keeps employees’ names and development plans out of the event store’s bytes', () => {
    const bytes = eventBytes();
    expect(bytes).toContain('dev-zhao');
    expect(bytes).not.toContain('趙明明');
    expect(bytes).not.toContain('分佈式系統祕密興趣');
  });

  it('appends a retried POST once', async () => {
    const headers = { ...officer, 'idempotency-key': 'probe-risk-once' };
    const first = await post('/risk/risks', risk('operations', 'Retried risk'), headers);
    const second = await post('/risk/risks', risk('operations', 'Retried risk'), headers);
    expect(first.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const list = await get(`/risk/risks?department=operations&after=${second.json().checkpoint}`, officer);
    expect(list.json().items.filter((r: { title: string }) => r.title === 'Retried risk')).toHaveLength(1);
  });

  it('answers a retried POST of each new service with its first answer, appending nothing more', async () => {
    const retried: Array<[string, object, RequestHeaders]> = [
      ['/resource/documents', document('tech-support', 'Retried runbook'), tsHead],
      ['/resource/partners', { name: 'Retried Partner', kind: 'supplier', departmentId: 'administration' }, manager],
      ['/resource/security-incidents', { title: 'Retried incident', description: 'Phishing', severity: 'low', detectedAt: '2026-11-02T00:30:00Z', affectedCustomerIds: [], personalDataInvolved: false }, officer],
      ['/hr-performance/employees', { employeeId: 'ts-retried', name: '重試', postId: 'support-engineer', level: 'P1', hiredOn: '2026-11-02', assessment: { knowledge: true, skills: true, serviceAttitude: true } }, hr],
    ];
    for (const [url, payload, headers] of retried) {
      const keyed = { ...headers, 'idempotency-key': `retry-${url}` };
      const first = await post(url, payload, keyed);
      expect({ url, status: first.statusCode }).toEqual({ url, status: 201 });
      // The first answer's follow-ons (a risk signal counted, a notification deadline scheduled) land first.
      await storeHoldsStill(t.app.get<EventStore>(EVENT_STORE));
      const after = eventBytes().length;
      const again = await post(url, payload, keyed);
      expect({ url, status: again.statusCode, id: again.json().id }).toEqual({ url, status: 201, id: first.json().id });
      expect({ url, grew: eventBytes().length - after }).toEqual({ url, grew: 0 });
    }
  });

  it('refuses oversize, NUL-bearing, impossible and out-of-range input with a 400 naming the field, appending nothing', async () => {
    const before = eventBytes().length;
    const cases: Array<[string, object, RequestHeaders, string]> = [
      ['/resource/documents', { ...document('tech-support'), tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`) }, tsHead, 'tags'],
      ['/resource/documents', document('tech-support', 'x'.repeat(1_000_000)), tsHead, 'title'],
      ['/resource/documents', document('tech-support', 'a\u0000b'), tsHead, 'title'],
      ['/risk/risks', risk('operations', 'nul\u0000title'), officer, 'title'],
      [`/risk/risks/${sdRisk}/assessments`, { likelihood: 0, impact: 3, controllable: true }, officer, 'likelihood'],
      [`/risk/risks/${sdRisk}/assessments`, { likelihood: 11, impact: 3, controllable: true }, officer, 'likelihood'],
      [`/risk/risks/${sdRisk}/assessments`, { likelihood: '3', impact: 3, controllable: true }, officer, 'likelihood'],
      [`/risk/risks/${sdRisk}/assessments`, { likelihood: [3], impact: 3, controllable: true }, officer, 'likelihood'],
      [`/risk/risks/${sdRisk}/assessments`, { likelihood: 3, impact: true, controllable: true }, officer, 'impact'],
      ['/resource/equipment/assets', { name: 'Scope', category: 'technical', storageDevice: false, serialNumber: 'SC-1', departmentId: 'tech-support', acquiredOn: '2026-13-45', serviceLifeMonths: 60 }, manager, 'acquiredOn'],
      ['/resource/equipment/assets', { name: 'Scope', category: 'technical', storageDevice: false, serialNumber: 'SC-2', departmentId: 'tech-support', acquiredOn: '2026-02-30', serviceLifeMonths: 60 }, manager, 'acquiredOn'],
      [`/resource/rd-investment/plans/${sdPlan}/spends`, { lineId: 'agent', amount: 1, spentOn: '2026-02-30', description: 'Invoice' }, manager, 'spentOn'],
      ['/hr-performance/employees', { employeeId: 'x-1', name: 'X', postId: 'developer', level: 'P1', hiredOn: '2026-02-30', assessment: { knowledge: true, skills: true, serviceAttitude: true } }, hr, 'hiredOn'],
      [
        '/resource/rd-investment/plans',
        { year: 2026, departmentId: 'tech-support', projectId: 'huge', projectName: 'Huge', lines: [{ lineId: 'a', title: 'A', need: { kind: 'customer', reference: 'c', note: 'n' }, budget: [1e300, 1, 1, 1] }] },
        manager,
        'budget',
      ],
    ];
    for (const [url, payload, headers, field] of cases) {
      const refused = await post(url, payload, headers);
      expect(refused.statusCode === 400 ? { url, field } : { url, field, answer: refused.json() }).toEqual({ url, field });
      expect(refused.body).toContain(field);
    }
    // Within the DTO's bound but off the scale of the matrix in force: the decider's refusal, by the matrix's version.
    const offScale = await post(`/risk/risks/${sdRisk}/assessments`, { likelihood: 6, impact: 3, controllable: true }, officer);
    expect(offScale.json()).toMatchObject({ status: 409, code: 'off-the-scale', detail: "Likelihood 6 is not on matrix v1's scale 1–5" });
    expect(eventBytes().length).toBe(before);
  });
});
