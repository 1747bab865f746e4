import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
  required?: string[];
}

interface Document {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * The OpenAPI document of the standalone app, where the six services' DTOs share one namespace of schema names:
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

  it("documents each service's own note body: required to release an asset, optional to close an after-sales problem", () => {
    expect(body('post', '/resource/equipment/assets/{assetId}/release')).toMatchObject({ properties: { note: expect.anything() }, required: ['note'] });
    expect(body('post', '/resource/equipment/assets/{assetId}/unusable')).toMatchObject({ required: ['note'] });
    const closure = body('post', '/service-delivery/after-sales-problems/{problemId}/closure');
    expect(closure).toMatchObject({ properties: { note: expect.anything() } });
    expect(closure.required ?? []).not.toContain('note');
  });
});
