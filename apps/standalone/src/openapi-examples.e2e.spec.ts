import { ArgumentMetadata, PipeTransform, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ApplicationConfig, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { InvalidInputException } from '@serviceledger/platform/nest';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { example?: unknown }> };
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
}

/** How a route takes its body: the DTO class (or primitive) and, for `@Body('field')`, the field. */
interface BodyParameter {
  metatype?: Type<unknown>;
  data?: string;
  pipes: PipeTransform[];
}

/**
 * The request-body examples of the OpenAPI document (`/docs/openapi.json`) are requests the API accepts: each one,
 * taken from the served document, passes the validation its route runs (the app's own global pipe, with the DTO's
 * class-validator rules and the app's options, then the parameter's own pipes), so a client that sends an example
 * gets past 400. A refused example is reported with its operation and the errors the API would answer. Beyond
 * validation, the examples a first client sends (a customer and a demand for it; a calendar and its holidays) are
 * sent to the app, which does what they ask.
 */
describe('the request-body examples of the OpenAPI document', () => {
  let t: TestApp;
  let document: Document;

  beforeAll(async () => {
    t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES });
    document = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json() as Document;
  });
  afterAll(() => t.close());

  /** Each route's body parameter by the operation id Swagger gives it (`<Controller>_<method>`). */
  const bodyParameters = (): Map<string, BodyParameter> => {
    const found = new Map<string, BodyParameter>();
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        const controller = metatype as Type<unknown>;
        const prototype = controller.prototype as Record<string, object>;
        for (const name of new MetadataScanner().getAllMethodNames(prototype)) {
          const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { index: number; data?: string; pipes?: PipeTransform[] }>;
          const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as Array<Type<unknown> | undefined>;
          const body = Object.entries(args).find(([key]) => Number(key.split(':')[0]) === RouteParamtypes.BODY)?.[1];
          if (body) found.set(`${controller.name}_${name}`, { metatype: types[body.index], data: body.data, pipes: body.pipes ?? [] });
        }
      }
    }
    return found;
  };

  /** The errors the route's validation answers for the body, none if it accepts it. */
  const refusals = async (body: unknown, parameter: BodyParameter): Promise<unknown[]> => {
    const globalPipes = t.app.get(ApplicationConfig).getGlobalPipes();
    const metadata: ArgumentMetadata = { type: 'body', metatype: parameter.metatype, data: parameter.data };
    let value = parameter.data === undefined ? body : (body as Record<string, unknown>)[parameter.data];
    try {
      for (const pipe of [...globalPipes, ...parameter.pipes]) value = await pipe.transform(value, metadata);
      return [];
    } catch (error) {
      if (error instanceof InvalidInputException) return error.fieldErrors;
      return [String(error)];
    }
  };

  it('has each JSON request-body example pass its route’s validation', async () => {
    const parameters = bodyParameters();
    expect(t.app.get(ApplicationConfig).getGlobalPipes().length).toBeGreaterThan(0);
    const checked: string[] = [];
    const refused: Array<{ operation: string; errors: unknown[] }> = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const json = operation.requestBody?.content['application/json'];
        if (!json) continue;
        const name = `${method.toUpperCase()} ${path}`;
        const parameter = parameters.get(operation.operationId);
        if (!parameter) {
          refused.push({ operation: name, errors: [`no @Body() parameter found for ${operation.operationId}`] });
          continue;
        }
        checked.push(name);
        const errors = await refusals(json.example, parameter);
        if (errors.length > 0) refused.push({ operation: name, errors });
      }
    }
    expect(refused).toEqual([]);
    expect(checked.length).toBeGreaterThan(100);
  });

  it('fills no example with a placeholder: every text is a value in the domain’s words', () => {
    const placeholders = (value: unknown, at: string): string[] => {
      if (value === 'text' || (typeof value === 'string' && /^text\.+$/.test(value))) return [at];
      if (value === null || typeof value !== 'object') return [];
      return Object.entries(value).flatMap(([key, child]) => placeholders(child, `${at}.${key}`));
    };
    const found = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) => placeholders(operation.requestBody?.content['application/json']?.example, `${method.toUpperCase()} ${path}`)),
    );
    expect(found).toEqual([]);
  });

  it('registers the example customer and, for it, the example demand: a complaint with its promised result, in Chinese', async () => {
    const headers = await t.headersFor({ userId: 'agent-chen', roles: ['agent'], departments: ['customer-service'] });
    const example = (path: string) => document.paths[path]['post'].requestBody?.content['application/json'].example as Record<string, unknown>;
    const customer = await t.app.inject({ method: 'POST', url: '/intake/customers', headers, payload: example('/intake/customers') });
    expect(customer.statusCode).toBe(201);
    const demand = example('/intake/demands');
    expect(demand).toMatchObject({ kind: 'complaint', subject: expect.stringMatching(/[\u4e00-\u9fff]/), promisedResult: expect.stringMatching(/[\u4e00-\u9fff]/) });
    const registered = await t.app.inject({ method: 'POST', url: '/intake/demands', headers, payload: { ...demand, customerId: customer.json<{ id: string }>().id } });
    expect(registered.json()).toMatchObject({ id: expect.any(String), checkpoint: expect.any(String), reference: expect.stringMatching(/^SR-/) });
    expect(registered.statusCode).toBe(201);
  });

  it('sets up the example calendar and imports the example iCalendar file into it', async () => {
    const headers = await t.headersFor({ userId: 'quality-sun', roles: ['quality-monitor'], departments: ['quality'] });
    const example = (method: string, path: string) => document.paths[path][method].requestBody?.content['application/json'].example as object;
    const calendar = await t.app.inject({ method: 'PUT', url: '/quality-monitoring/calendars/mainland', headers, payload: example('put', '/quality-monitoring/calendars/{calendarId}') });
    expect(calendar.statusCode).toBe(200);
    const imported = await t.app.inject({ method: 'POST', url: '/quality-monitoring/calendars/mainland/holiday-imports', headers, payload: example('post', '/quality-monitoring/calendars/{calendarId}/holiday-imports') });
    expect(imported.json()).toMatchObject({ id: 'mainland', checkpoint: expect.any(String) });
    const read = await t.app.inject({ method: 'GET', url: `/quality-monitoring/calendars/mainland?after=${imported.json<{ checkpoint: string }>().checkpoint}`, headers });
    expect(JSON.stringify(read.json())).toContain('2027-02-06');
  });
});
