import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostic, DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { createJsonSchemaValidator } from '@serviceledger/platform/core';
import { asyncApiDocument } from '@serviceledger/platform/nest';
import { IntakeModule, intakeService } from '@serviceledger/intake/service';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { ASYNCAPI_DIR, asyncApiFiles } from './asyncapi-files';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

type Document = {
  channels: Record<string, { address: string; messages: Record<string, unknown> }>;
  components: {
    messages: Record<string, { name: string; payload: object; examples: Array<{ headers: object; payload: unknown }> }>;
    messageTraits: { cloudEvents: { headers: object } };
  };
};

const parser = new Parser();
const errorsOf = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.code} at ${d.path.join('/')}: ${d.message}`);
const publishedTypes = (services: typeof STANDALONE_SERVICES) => services.flatMap((s) => s.relay?.contracts ?? []).map((c) => c.type).sort();
const messageNames = (document: Document) => Object.values(document.components.messages).map((m) => m.name).sort();

/**
 * Issue 23 item 1: the AsyncAPI 3.0 catalogue of every service's public events, generated from the contract
 * catalogues, committed under docs/asyncapi and served at /asyncapi.json; valid for @asyncapi/parser.
 */
describe('the AsyncAPI documents', () => {
  const files = asyncApiFiles();

  it('are committed under docs/asyncapi as the contract catalogues generate them', () => {
    for (const [file, content] of Object.entries(files)) {
      const committed = readFileSync(join(ASYNCAPI_DIR, file), 'utf8');
      // Stale: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/standalone/src/write-asyncapi.ts
      expect({ file, content: committed }).toEqual({ file, content });
    }
    expect(Object.keys(files).sort()).toEqual(STANDALONE_SERVICES.map((s) => `${s.name}.asyncapi.json`).sort());
  });

  it.each(STANDALONE_SERVICES.map((s) => [s.name, s] as const))('of %s is valid AsyncAPI 3.0 with every contract it publishes', async (_name, service) => {
    const { document, diagnostics } = await parser.parse(files[`${service.name}.asyncapi.json`]);
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(document?.messages().all().map((m) => m.name()).sort()).toEqual(publishedTypes([service]));
  });

  it('has messages whose examples keep their contract and the CloudEvents headers', () => {
    const ajv = createJsonSchemaValidator();
    for (const content of Object.values(files)) {
      const document = JSON.parse(content) as Document;
      const headers = ajv.compile(document.components.messageTraits.cloudEvents.headers);
      for (const message of Object.values(document.components.messages)) {
        const contract = STANDALONE_SERVICES.flatMap((s) => s.relay?.contracts ?? []).find((c) => c.type === message.name)!;
        const payload = ajv.compile(contract.schema);
        for (const example of message.examples) {
          expect({ type: message.name, valid: payload(example.payload), errors: payload.errors ?? null }).toEqual({ type: message.name, valid: true, errors: null });
          expect({ type: message.name, valid: headers(example.headers) }).toEqual({ type: message.name, valid: true });
          expect(example.headers).toMatchObject({ ce_type: message.name });
        }
      }
    }
  });

  it('are checked by a parser that refuses a broken document', async () => {
    const broken = asyncApiDocument('broken', [intakeService]) as unknown as Document;
    const [channel] = Object.values(broken.channels);
    channel.messages['missing'] = { $ref: '#/components/messages/no-such-message' };
    expect(errorsOf((await parser.parse(JSON.stringify(broken))).diagnostics)).not.toEqual([]);
  });

  it('refuse a topic published without a channel that says what its key is', () => {
    expect(() => asyncApiDocument('no channels', [{ ...intakeService, channels: [] }])).toThrow(
      'intake publishes to serviceledger.intake.demand.v1 but declares no channel for it (ServiceDefinition.channels)',
    );
  });
});

describe('/asyncapi.json', () => {
  let standalone: TestApp;
  let intake: TestApp;
  beforeAll(async () => {
    [standalone, intake] = await Promise.all([
      startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES }),
      startTestApp({ services: [intakeService], modules: [IntakeModule] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([standalone?.close(), intake?.close()]);
  });

  it('serves the standalone app’s document, all six services’ events, to anyone, and it parses without errors', async () => {
    const response = await standalone.app.inject({ method: 'GET', url: '/asyncapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const document = response.json() as Document;
    expect(messageNames(document)).toEqual(publishedTypes(STANDALONE_SERVICES));
    expect(errorsOf((await parser.parse(response.body)).diagnostics)).toEqual([]);
  });

  it('serves one service’s deployment its own document, as committed', async () => {
    const response = await intake.app.inject({ method: 'GET', url: '/asyncapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(JSON.parse(asyncApiFiles()['intake.asyncapi.json']));
    expect(Object.values((response.json() as Document).channels).map((c) => c.address).sort()).toEqual(['serviceledger.intake.customer.v1', 'serviceledger.intake.demand.v1']);
  });
});
