import { ROLES } from '@serviceledger/platform/auth';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
  required?: string[];
  additionalProperties?: boolean;
}

interface Operation {
  summary?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: Schema; example?: unknown }> };
  responses: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema: Schema }> }>;
}

interface Document {
  servers: Array<{ url: string }>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
}

/** The open routes: probes need no token. */
const PUBLIC_PATHS = ['/health', '/health/live', '/health/ready'];
const SERVICES = ['intake', 'service-delivery', 'quality-monitoring', 'hr-performance', 'resource', 'risk'];

/**
 * The OpenAPI document of the standalone app (`/docs`), what clients generate from: every operation has a summary,
 * its service's tag, its error responses as problem details and its security; every path parameter is documented, also those typed as a
 * union (which Nest's reflection cannot see); and the six services' DTOs share one namespace of schema names, where
 * two request bodies of the same class name but different shapes would be documented as one of them.
 */
describe('the OpenAPI document of the standalone app', () => {
  let t: TestApp;
  let document: Document;

  beforeAll(async () => {
    t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES });
    document = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json() as Document;
  });
  afterAll(() => t.close());

  const body = (method: string, path: string): Schema => {
    const schema = document.paths[path]?.[method]?.requestBody?.content['application/json']?.schema ?? {};
    return schema.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  };

  const operations = (): Array<[string, Operation]> =>
    Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]));

  /** The problem-details schema reference of each error status the operation documents. */
  const problemSchemas = (operation: Operation): Record<string, string | undefined> =>
    Object.fromEntries(
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]/.test(status))
        .map(([status, response]) => {
          const resolved = response.$ref ? document.components.responses[response.$ref.replace('#/components/responses/', '')] : response;
          return [status, resolved?.content?.['application/problem+json']?.schema.$ref];
        }),
    );

  it('gives every operation a summary, its service as its tag, a problem-details error response and, unless it is a probe, a bearer token', () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(250);
    const incomplete = all.filter(([name, operation]) => {
      const problems = problemSchemas(operation);
      const isPublic = PUBLIC_PATHS.includes(name.split(' ')[1]);
      return (
        !operation.summary?.trim() ||
        operation.tags?.length !== 1 ||
        !document.tags.some((tag) => tag.name === operation.tags?.[0] && tag.description) ||
        (isPublic ? operation.security?.length !== 0 : !operation.security?.some((requirement) => 'bearer' in requirement)) ||
        (!isPublic && Object.keys(problems).length === 0) ||
        Object.values(problems).some((schema) => schema !== '#/components/schemas/ProblemDetails')
      );
    });
    expect(incomplete.map(([name]) => name)).toEqual([]);
    expect(document.tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(SERVICES));
    expect(document.components.schemas['ProblemDetails']).toMatchObject({ required: ['type', 'title', 'status', 'detail'] });
    expect(document.servers.length).toBeGreaterThan(0);
  });

  it('documents the errors an operation really answers: a command its 409 and 429, a body its 413 and 415, an id in the path its 404', () => {
    const assign = document.paths['/intake/demands/{demandId}/assignment']['post'];
    expect(Object.keys(assign.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409', '413', '415', '422', '429']));
    const list = document.paths['/intake/demands']['get'];
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    expect(Object.keys(list.responses)).not.toEqual(expect.arrayContaining(['404']));
    expect(Object.keys(list.responses)).not.toContain('409');
    expect(Object.keys(list.responses)).not.toContain('415');
    const recomputation = document.paths['/quality-monitoring/periods/{period}/recomputation']['get'];
    expect(Object.keys(recomputation.responses)).toContain('429');
  });

  /** The operation's success response (2xx, or a redirect). */
  const success = (operation: Operation) => Object.entries(operation.responses).find(([status]) => /^[23]\d\d$/.test(status))?.[1];
  const jsonSchemaOf = (operation: Operation) => success(operation)?.content?.['application/json']?.schema.$ref;

  it('describes every operation’s success response', () => {
    const undescribed = operations()
      .filter(([, operation]) => !success(operation)?.description?.trim())
      .map(([name]) => name);
    expect(undescribed).toEqual([]);
  });

  it('documents what a command answers as one shared schema, a list its page, an export its CSV and readiness its 503', () => {
    expect(document.components.schemas['CommandAccepted']).toMatchObject({ required: ['id'], properties: { id: expect.anything(), checkpoint: expect.anything() } });
    for (const path of ['/intake/demands/{demandId}/assignment', '/intake/customers']) expect(jsonSchemaOf(document.paths[path]['post'])).toBe('#/components/schemas/CommandAccepted');
    expect(jsonSchemaOf(document.paths['/hr-performance/promotion-tracks/{trackId}']['put'])).toBe('#/components/schemas/CommandAccepted');
    expect(jsonSchemaOf(document.paths['/intake/customers']['get'])).toBe('#/components/schemas/Page');
    expect(document.components.schemas['Page']).toMatchObject({ required: ['items', 'page', 'pageSize', 'total'] });
    expect(jsonSchemaOf(document.paths['/intake/demands']['get'])).toBe('#/components/schemas/KeysetPage');
    expect(document.components.schemas['KeysetPage']).toMatchObject({ required: ['items', 'pageSize'], properties: { next: expect.anything(), total: expect.anything() } });
    const csv = operations().filter(([name]) => name.startsWith('GET') && name.endsWith('.csv'));
    expect(csv.length).toBeGreaterThan(5);
    expect(csv.filter(([, operation]) => !success(operation)?.content?.['text/csv']).map(([name]) => name)).toEqual([]);
    const ready = document.paths['/health/ready']['get'].responses;
    expect(ready['503']).toMatchObject({ description: expect.stringMatching(/^Not ready/), content: { 'application/problem+json': expect.anything() } });
  });

  it('documents the page each list answers: every list without a path parameter, asked with defaults, answers that envelope', async () => {
    const headers = await t.headersFor({ userId: 'admin-zhou', roles: [...ROLES], departments: ['tech-support'] });
    const lists = Object.entries(document.paths)
      .filter(([path, item]) => !path.includes('{') && item['get'] && ['#/components/schemas/Page', '#/components/schemas/KeysetPage'].includes(jsonSchemaOf(item['get']) ?? ''))
      .map(([path, item]): [string, Schema] => [path, document.components.schemas[(jsonSchemaOf(item['get']) ?? '').replace('#/components/schemas/', '')]]);
    expect(lists.length).toBeGreaterThan(15);
    const mismatched: Array<{ path: string; status: number; keys: string[] }> = [];
    for (const [path, envelope] of lists) {
      const response = await t.app.inject({ method: 'GET', url: path, headers });
      const body = response.json<Record<string, unknown>>();
      const keys = Object.keys(body);
      const fits = response.statusCode === 200 && Array.isArray(body['items']) && (envelope.required ?? []).every((key) => keys.includes(key)) && (envelope.additionalProperties === true || keys.every((key) => key in (envelope.properties ?? {})));
      if (!fits) mismatched.push({ path, status: response.statusCode, keys });
    }
    expect(mismatched).toEqual([]);
  });

  it('documents asOf, an instant, on the detail reads of a demand, a case, a finding and a period’s scorecards', () => {
    for (const path of ['/intake/demands/{demandId}', '/service-delivery/cases/{caseId}', '/quality-monitoring/findings/{findingId}', '/quality-monitoring/periods/{period}/scorecards']) {
      expect(document.paths[path]['get'].parameters).toContainEqual(expect.objectContaining({ name: 'asOf', in: 'query', schema: expect.objectContaining({ format: 'date-time' }) }));
    }
  });

  it('gives every JSON request body an example', () => {
    const without = operations()
      .filter(([, operation]) => operation.requestBody?.content['application/json'])
      .filter(([, operation]) => operation.requestBody?.content['application/json'].example === undefined)
      .map(([name]) => name);
    expect(without).toEqual([]);
    expect(document.paths['/hr-performance/employees']['post'].requestBody?.content['application/json'].example).toMatchObject({ employeeId: 'tech-wang', postId: 'support-engineer' });
  });

  it('documents every path parameter of every route', () => {
    const undocumented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        [...path.matchAll(/\{(\w+)\}/g)]
          .map(([, name]) => name)
          .filter((name) => !(operation.parameters ?? []).some((p) => p.in === 'path' && p.name === name))
          .map((name) => `${method.toUpperCase()} ${path} :${name}`),
      ),
    );
    expect(undocumented).toEqual([]);
    expect(document.paths['/hr-performance/promotion-tracks/{trackId}']['put'].parameters).toContainEqual(expect.objectContaining({ name: 'trackId', in: 'path', schema: expect.objectContaining({ enum: ['management', 'professional'] }) }));
  });

  it("documents each service's own note body: required to release an asset, optional to close an after-sales problem", () => {
    expect(body('post', '/resource/equipment/assets/{assetId}/release')).toMatchObject({ properties: { note: expect.anything() }, required: ['note'] });
    expect(body('post', '/resource/equipment/assets/{assetId}/unusable')).toMatchObject({ required: ['note'] });
    const closure = body('post', '/service-delivery/after-sales-problems/{problemId}/closure');
    expect(closure).toMatchObject({ properties: { note: expect.anything() } });
    expect(closure.required ?? []).not.toContain('note');
  });
});
