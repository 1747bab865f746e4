import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { IdempotencyTable } from './idempotency-table';
import { ConfigurationError, loadPlatformConfig } from './platform-config';
import { migratePlatformSchemas } from './schema-migrations';
import { scratchSchema } from '@serviceledger/platform/postgres';
import { EVENT_STORE, READ_MODEL_DB } from './tokens';
import { SampleNotesModule, sampleService } from './testing/sample-notes';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';

describe('platform shell over HTTP', () => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ services: [sampleService], modules: [SampleNotesModule] });
    auth = { authorization: `Bearer ${await t.tokenFor({ roles: ['agent'] })}` };
  });
  afterAll(() => t.close());

  const write = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: body as object, headers: { ...auth, ...headers } });

  it('answers health without a token and serves OpenAPI at /docs', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'up' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toMatchObject({ eventStore: 'up', readModels: 'up', bus: 'up', 'projection:sample.notes': 'up' });
    const docs = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    const openapi = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/sample/notes/{id}', '/health/ready']));
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('serviceledger_projection_lag{projection="sample.notes"}');
  });

  it('refuses a request without a token with 401 problem details', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/sample/notes/${randomUUID()}`, payload: { title: 'x' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('rejects bad input with 400 and every field error, appending nothing', async () => {
    const id = randomUUID();
    const response = await write(id, { title: '', colour: 'red' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      type: expect.stringContaining('invalid-input'),
      status: 400,
      errors: expect.arrayContaining([
        { field: 'title', message: 'title must be longer than or equal to 1 characters' },
        { field: 'colour', message: 'property colour should not exist' },
      ]),
    });
    expect(await t.app.get<EventStore>(EVENT_STORE).streamExists(`sample.note-${id}`)).toBe(false);
  });

  it('says once which fields are invalid, and of a value of the wrong kind only that, not its length', async () => {
    const id = randomUUID();
    const wrongKind = await write(id, { title: 42 });
    expect(wrongKind.json()).toMatchObject({ detail: '1 field is invalid: title', errors: [{ field: 'title', message: 'title must be a string' }] });
    const twoFields = await write(id, { title: '', colour: 'red' });
    expect(twoFields.json().detail).toBe('2 fields are invalid: colour, title');
    expect(await t.app.get<EventStore>(EVENT_STORE).streamExists(`sample.note-${id}`)).toBe(false);
  });

  it('writes, then reads its own write through the projection with ?after=', async () => {
    const id = randomUUID();
    const accepted = await write(id, { title: '打印機故障' });
    expect(accepted.statusCode).toBe(201);
    const { checkpoint } = accepted.json();
    const read = await t.app.inject({ method: 'GET', url: `/sample/notes/${id}?after=${checkpoint}`, headers: auth });
    expect(read.json()).toEqual({ id, title: '打印機故障', status: 'open' });
  });

  it('answers 404 for a missing record and 409 with the rule for a forbidden transition', async () => {
    const missing = await t.app.inject({ method: 'GET', url: `/sample/notes/${randomUUID()}`, headers: auth });
    expect(missing.statusCode).toBe(404);
    const id = randomUUID();
    await write(id, { title: 'a' });
    expect((await t.app.inject({ method: 'POST', url: `/sample/notes/${id}/archive`, headers: auth })).statusCode).toBe(201);
    const again = await t.app.inject({ method: 'POST', url: `/sample/notes/${id}/archive`, headers: auth });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ status: 409, code: 'note-archived', detail: 'An archived note cannot be archived again' });
  });

  it('a retried request with the same Idempotency-Key appends once and answers the same', async () => {
    const id = randomUUID();
    const key = { 'idempotency-key': randomUUID() };
    const [first, racing] = await Promise.all([write(id, { title: 'once' }, key), write(id, { title: 'once' }, key)]);
    const retry = await write(id, { title: 'once' }, key);
    expect([first.statusCode, racing.statusCode, retry.statusCode]).toEqual([201, 201, 201]);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await t.app.get<EventStore>(EVENT_STORE).readStream(`sample.note-${id}`)).toHaveLength(1);
    const reused = await write(id, { title: 'something else' }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().detail).toContain('already used with a different request');
  });
});

describe('Idempotency-Key retention', () => {
  const clock = new ManualClock(new Date('2026-11-30T01:00:00Z'));
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], clock });
    auth = { authorization: `Bearer ${await t.tokenFor({ roles: ['agent'] })}` };
  });
  afterAll(() => t.close());

  const write = (id: string, title: string, key: string) =>
    t.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title }, headers: { ...auth, 'idempotency-key': key } });
  const kept = () => t.app.get<ReadModelDatabase>(READ_MODEL_DB).manager.getRepository(IdempotencyTable).count();

  it('replays a response for 24 hours, then forgets it and deletes it', async () => {
    const [key, id] = [randomUUID(), randomUUID()];
    const first = await write(id, 'once', key);
    const before = await kept();
    clock.set('2026-12-01T00:59:00Z');
    const retried = await write(id, 'once', key);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json()).toEqual(first.json());

    // A day and a minute later the key is free: no replay, no 422 for another body.
    clock.set('2026-12-01T01:01:00Z');
    const fresh = await write(randomUUID(), 'something else', key);
    expect(fresh.statusCode).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    // Saving it swept the expired row: the new response is all that is kept of this key.
    await write(randomUUID(), 'another', randomUUID());
    expect(await kept()).toBe(before + 1);
  });
});

describe('platform configuration and restarts', () => {
  it('names the bad variable when the configuration is invalid', () => {
    expect(() => loadPlatformConfig({ PORT: 'eighty', EVENT_STORE: 'cassandra' })).toThrow(ConfigurationError);
    // A value of the wrong kind is told only that, not the range it is also outside.
    expect(() => loadPlatformConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty": PORT must be an integer number$/m);
    expect(() => loadPlatformConfig({ EVENT_STORE: 'cassandra' })).toThrow(/EVENT_STORE="cassandra": EVENT_STORE must be one of/);
    expect(() => loadPlatformConfig({ OIDC_ISSUER: 'https://id.example.com' })).toThrow(/OIDC_AUDIENCE/);
  });

  it('on SQLite, a closed app keeps its events and checkpoints and resumes after a restart', async () => {
    const first = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite' } });
    const token = await first.tokenFor({ roles: ['agent'] });
    const id = randomUUID();
    const accepted = await first.app.inject({
      method: 'POST',
      url: `/sample/notes/${id}`,
      payload: { title: 'kept' },
      headers: { authorization: `Bearer ${token}` },
    });
    const { checkpoint } = accepted.json();
    await first.app.inject({ method: 'GET', url: `/sample/notes/${id}?after=${checkpoint}`, headers: { authorization: `Bearer ${token}` } });
    await first.app.close();

    const second = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite' }, dataDir: first.dataDir });
    try {
      const read = await second.app.inject({ method: 'GET', url: `/sample/notes/${id}`, headers: { authorization: `Bearer ${token}` } });
      expect(read.json()).toEqual({ id, title: 'kept', status: 'open' });
      const ready = (await second.app.inject({ method: 'GET', url: '/health/ready' })).json();
      expect(ready.status).toBe('up');
    } finally {
      await second.close();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});

describe('platform on PostgreSQL (EVENT_STORE=postgres, READ_MODEL_DB=postgres)', () => {
  it('names the missing URL variable, and refuses read models that would outlive a memory store', () => {
    expect(() => loadPlatformConfig({ EVENT_STORE: 'postgres' })).toThrow(
      /EVENT_STORE_URL=undefined: EVENT_STORE_URL is required with EVENT_STORE=postgres/,
    );
    expect(() => loadPlatformConfig({ EVENT_STORE: 'sqlite', READ_MODEL_DB: 'postgres', READ_MODEL_URL: 'mysql://x' })).toThrow(
      /READ_MODEL_URL="mysql:\/\/x": READ_MODEL_URL is required with READ_MODEL_DB=postgres/,
    );
    expect(() => loadPlatformConfig({ EVENT_STORE: 'memory', READ_MODEL_DB: 'postgres', READ_MODEL_URL: 'postgres://h/db' })).toThrow(
      /READ_MODEL_DB="postgres": a memory event store/,
    );
    // A password in a rejected URL is not written to the logs.
    expect(() => loadPlatformConfig({ EVENT_STORE: 'postgres', EVENT_STORE_URL: 'postgres://sl:s3cret@db/x y' })).toThrow(
      /EVENT_STORE_URL="postgres:\/\/sl:\*\*\*@db\/x y"/,
    );
    const config = loadPlatformConfig({ EVENT_STORE: 'postgres', EVENT_STORE_URL: 'postgres://db/sl', READ_MODEL_DB: 'postgres', READ_MODEL_URL: 'postgres://db/sl' });
    expect(config).toMatchObject({ EVENT_STORE: 'postgres', READ_MODEL_DB: 'postgres', SCHEMA_CHANGES: 'verify', READ_MODEL_SCHEMA: 'public' });
  });

  it('after the migration step, runs the shell end to end on PostgreSQL', async () => {
    const scratch = scratchSchema();
    const env = {
      EVENT_STORE: 'postgres',
      EVENT_STORE_URL: scratch.url,
      EVENT_STORE_SCHEMA: scratch.schema,
      READ_MODEL_DB: 'postgres',
      READ_MODEL_URL: scratch.url,
      READ_MODEL_SCHEMA: scratch.schema,
    };
    let t: TestApp | undefined;
    try {
      // (Started now, the app would stop at once: "The event store schema … is behind … Run the migration step".)
      const config = loadPlatformConfig(env);
      const plan = await migratePlatformSchemas(config, [sampleService], { dryRun: true });
      expect(plan.eventStore).toEqual(['0001-events', '0002-counters', '0003-data-keys', '0004-append-function', '0005-data-keys-by-master-key']);
      expect(plan.readModels.some((s) => s.includes('platform_checkpoint'))).toBe(true);
      await migratePlatformSchemas(config, [sampleService]);
      await expect(migratePlatformSchemas(config, [sampleService], { dryRun: true })).resolves.toEqual({ eventStore: [], readModels: [] });

      t = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env });
      const auth = { authorization: `Bearer ${await t.tokenFor({ roles: ['agent'] })}` };
      const id = randomUUID();
      const key = { 'idempotency-key': randomUUID() };
      const write = () => t!.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title: '打印機故障' }, headers: { ...auth, ...key } });
      const accepted = await write();
      expect(accepted.statusCode).toBe(201);
      const { checkpoint } = accepted.json();
      expect(checkpoint).toMatch(/^\d+:\d+$/);
      expect((await write()).headers['idempotent-replayed']).toBe('true');
      const read = await t.app.inject({ method: 'GET', url: `/sample/notes/${id}?after=${checkpoint}`, headers: auth });
      expect(read.json()).toEqual({ id, title: '打印機故障', status: 'open' });
      expect(await t.app.get<EventStore>(EVENT_STORE).readStream(`sample.note-${id}`)).toHaveLength(1);
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.json()).toMatchObject({ status: 'up', checks: { eventStore: 'up', readModels: 'up', 'projection:sample.notes': 'up' } });
    } finally {
      await t?.close();
      await scratch.drop();
    }
  });
});
