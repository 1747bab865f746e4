import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
  required?: string[];
}

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * The OpenAPI document of the standalone app (`/docs`): every path parameter is documented, also those typed as a
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
