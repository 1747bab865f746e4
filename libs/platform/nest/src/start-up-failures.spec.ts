import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DataKeys, InMemoryEventStore, MasterKey } from '@serviceledger/platform/core';
import { migrateEventStore, pendingDataKeyMigrations, pgTestUrl, scratchSchema } from '@serviceledger/platform/postgres';
import { migrateReadModels } from '@serviceledger/platform/read-models';
import { freePort, startTestApp } from '@serviceledger/platform/testing';
import { openDataKeyTable, personalDataOf, withPersonalDataOf } from './personal-data-keys';
import { ConfigurationError, loadPlatformConfig } from './platform-config';
import { platformEntities } from './schema-migrations';
import { runTheMigrationStep } from './start-up-failures';
import { SampleNotesModule, personalNotesService, sampleService } from './testing/sample-notes';
import { SampleOutcome, jsonLines, startSample } from './testing/sample-process';

/** Runs the sample service's main.ts or migrate.ts as a separate process, until it exits. */
const run = (script: 'sample-main' | 'sample-migrate', env: Record<string, string>) => startSample(script, env).outcome;

/** Exit 1 with this one line on stderr: no stack anywhere, and no error logged besides (the JSON logs stay on stdout). */
function expectToldInOneLine(outcome: SampleOutcome, line: string): void {
  expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({ code: 1, stderr: `${line}\n` });
  expect(`${outcome.stdout}${outcome.stderr}`).not.toMatch(/^\s+at /m);
  expect(jsonLines(outcome.stdout).filter((entry) => entry.level === 'error')).toEqual([]);
}

describe('a process that cannot start (apps/*/src/main.ts, runService)', () => {
  const personal = { SAMPLE_PERSONAL_DATA: 'yes', PERSONAL_DATA_MASTER_KEY: MasterKey.generate().toString() };
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-start-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when the database cannot be reached, exits 1 with one line naming the variable, not its password', async () => {
    const port = await freePort();
    const outcome = await run('sample-main', { ...personal, DATA_DIR: dataDir, EVENT_STORE: 'postgres', EVENT_STORE_URL: `postgres://sl:s3cret@127.0.0.1:${port}/sl` });
    expectToldInOneLine(
      outcome,
      `Cannot start: no connection to the database of the event store at EVENT_STORE_URL="postgres://sl:***@127.0.0.1:${port}/sl": connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect(`${outcome.stdout}${outcome.stderr}`).not.toContain('s3cret');
  });

  it('when the master key does not wrap the stored data keys, exits 1 with one line naming PERSONAL_DATA_MASTER_KEY and the rotation to finish', async () => {
    const stored = MasterKey.generate();
    const keys = new DataKeys(openDataKeyTable(loadPlatformConfig({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir })), stored);
    await keys.forSubject('customer-1').finally(() => keys.close());
    const given = MasterKey.parse(personal.PERSONAL_DATA_MASTER_KEY);
    expectToldInOneLine(
      await run('sample-main', { ...personal, EVENT_STORE: 'sqlite', DATA_DIR: dataDir }),
      `Cannot start: PERSONAL_DATA_MASTER_KEY does not match the key that wraps the stored data keys: it is master key ${given.id}, and some are wrapped by master key ${stored.id}. ` +
        'Start with the key that wraps them, or finish the rotation (scripts/rotate-master-key.ts with the old key as PERSONAL_DATA_MASTER_KEY and the new one as ' +
        'PERSONAL_DATA_NEXT_MASTER_KEY; docs/operations.md › The personal-data master key)',
    );
  });
});

describe('what stops a start, told as a ConfigurationError (one line, no stack, once runService has it)', () => {
  const events = scratchSchema();
  const readModels = scratchSchema();
  const postgres = { EVENT_STORE: 'postgres', EVENT_STORE_URL: pgTestUrl(), EVENT_STORE_SCHEMA: events.schema, READ_MODEL_DB: 'postgres', READ_MODEL_URL: pgTestUrl(), READ_MODEL_SCHEMA: readModels.schema };
  const personal = { PERSONAL_DATA_MASTER_KEY: MasterKey.generate().toString() };
  afterAll(() => Promise.all([events.drop(), readModels.drop()]));

  /** Why the sample service does not start with this configuration: a ConfigurationError's message. */
  async function refusal(env: Record<string, string>, services = [personalNotesService]): Promise<string> {
    const error = await startTestApp({ services, modules: [SampleNotesModule], env }).then(
      async (t) => {
        await t.close();
        return new Error('it started');
      },
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }

  it('no PERSONAL_DATA_MASTER_KEY, before any connection is tried', async () => {
    expect(await refusal({ ...postgres, EVENT_STORE_URL: 'postgres://sl:s3cret@127.0.0.1:1/sl' })).toBe(
      "Invalid configuration: PERSONAL_DATA_MASTER_KEY is required with EVENT_STORE=postgres: 32 bytes, base64 or hex, from the site's secret store (ADR 0016)",
    );
  });

  it('a database that does not exist, or a user it does not know', async () => {
    const noDatabase = pgTestUrl().replace(/\/[^/]*$/, '/sl_no_such_database');
    expect(await refusal({ ...postgres, ...personal, EVENT_STORE_URL: noDatabase })).toBe(
      `Cannot start: no connection to the database of the event store at EVENT_STORE_URL="${noDatabase}": database "sl_no_such_database" does not exist`,
    );
    expect(await refusal({ ...postgres, READ_MODEL_URL: 'postgres://sl_no_such_role:s3cret@127.0.0.1:5432/postgres?password=s3cret' }, [sampleService])).toBe(
      'Cannot start: no connection to the database of the read models at READ_MODEL_URL="postgres://sl_no_such_role:***@127.0.0.1:5432/postgres?password=***": role "sl_no_such_role" does not exist',
    );
  });

  it('a schema behind this code, naming it and the migration step to run', async () => {
    expect(await refusal({ ...postgres, ...personal })).toBe(
      `Cannot start: the event store schema (EVENT_STORE_SCHEMA="${events.schema}") is behind this code: migration(s) 0001-events, 0002-counters, 0003-data-keys, ` +
        "0004-append-function, 0005-data-keys-by-master-key not applied. Run the release's migration step first: node dist/apps/<service>/src/migrate.js (docs/operations.md › Migrate)",
    );
    await migrateEventStore({ connectionString: pgTestUrl(), schema: events.schema });
    expect(await refusal({ ...postgres, ...personal })).toMatch(
      new RegExp(
        `^Cannot start: the read-model schema \\(READ_MODEL_SCHEMA="${readModels.schema}"\\) is behind this code: \\d+ statement\\(s\\) not applied\\. ` +
          "Run the release's migration step first: node dist/apps/<service>/src/migrate.js \\(docs/operations\\.md › Migrate\\)$",
      ),
    );
  });

  it('beside EventStoreDB, a data-key table the migration step has not created (SCHEMA_CHANGES=migrate creates it)', async () => {
    const esdb = { ...postgres, ...personal, EVENT_STORE: 'eventstoredb', EVENT_STORE_URL: 'esdb://127.0.0.1:1?tls=false' };
    await migrateReadModels({ type: 'postgres', url: pgTestUrl(), schema: readModels.schema }, platformEntities([personalNotesService]));
    expect(await refusal(esdb)).toMatch(
      new RegExp(`^Cannot start: a table of the personal-data keys is missing from READ_MODEL_SCHEMA="${readModels.schema}" \\(relation ".*data_keys" does not exist\\)\\. Run the release's migration step first`),
    );
    const config = loadPlatformConfig({ ...esdb, SCHEMA_CHANGES: 'migrate' });
    await (await withPersonalDataOf(new InMemoryEventStore(), config, personalDataOf(config, [personalNotesService]))).close();
    expect(await pendingDataKeyMigrations({ connectionString: pgTestUrl(), schema: readModels.schema })).toEqual([]);
  });
});

describe('a migration step that cannot run (apps/*/src/migrate.ts, runMigrations)', () => {
  it('names the variable in one line when the database cannot be reached, or the configuration is invalid', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'sl-migrate-'));
    try {
      const [unreachable, invalid] = await Promise.all([
        run('sample-migrate', { DATA_DIR: dataDir, EVENT_STORE: 'postgres', EVENT_STORE_URL: `postgres://sl:s3cret@127.0.0.1:${port}/sl` }),
        run('sample-migrate', { DATA_DIR: dataDir, EVENT_STORE: 'postgres' }),
      ]);
      expectToldInOneLine(
        unreachable,
        `Cannot migrate: no connection to the database of the event store at EVENT_STORE_URL="postgres://sl:***@127.0.0.1:${port}/sl": connect ECONNREFUSED 127.0.0.1:${port}`,
      );
      expect(invalid).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Invalid configuration:\n {2}EVENT_STORE_URL=undefined: EVENT_STORE_URL is required/) });
      expect(invalid.stderr).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the migration step a start that found a schema behind asks for', () => {
  it('is the migrate.js beside the process’s main.js (the image’s `node migrate.js`), else the documented path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-entry-'));
    try {
      writeFileSync(join(dir, 'main.js'), '');
      expect(runTheMigrationStep(join(dir, 'main.js'))).toBe(
        "Run the release's migration step first: node dist/apps/<service>/src/migrate.js (docs/operations.md › Migrate)",
      );
      writeFileSync(join(dir, 'migrate.js'), '');
      expect(runTheMigrationStep(join(dir, 'main.js'))).toBe(
        `Run the release's migration step first: node ${relative(process.cwd(), join(dir, 'migrate.js'))} (docs/operations.md › Migrate)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
