import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataKeys, MasterKey } from '@serviceledger/platform/core';
import { postgresServiceEnv, scratchSchema } from '@serviceledger/platform/postgres';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { rotatePersonalDataMasterKey } from './master-key-rotation';
import { masterKeyFile, openDataKeyTable, openMasterKey } from './personal-data-keys';
import { ConfigurationError, loadPlatformConfig } from './platform-config';
import { migratePlatformSchemas } from './schema-migrations';
import { SampleNotesModule, personalNotesService, sampleService } from './testing/sample-notes';

describe('the personal-data master key (ADR 0016)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-master-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on the embedded default, is created under DATA_DIR on first start, readable by its owner only, and read back after', () => {
    const config = loadPlatformConfig({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir });
    const first = openMasterKey(config);
    expect(statSync(masterKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(openMasterKey(config).id).toBe(first.id);
  });

  it('comes from PERSONAL_DATA_MASTER_KEY when set, and must be set for a server event store', () => {
    const key = MasterKey.generate();
    expect(openMasterKey(loadPlatformConfig({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir, PERSONAL_DATA_MASTER_KEY: key.toString() })).id).toBe(key.id);
    const postgres = loadPlatformConfig({ EVENT_STORE: 'postgres', EVENT_STORE_URL: 'postgres://db/sl', DATA_DIR: dataDir });
    expect(() => openMasterKey(postgres)).toThrow(ConfigurationError);
    expect(() => openMasterKey(postgres)).toThrow(/^Invalid configuration: PERSONAL_DATA_MASTER_KEY is required with EVENT_STORE=postgres/);
    expect(() => loadPlatformConfig({ PERSONAL_DATA_MASTER_KEY: 'c2hvcnQ=' })).toThrow(/PERSONAL_DATA_MASTER_KEY must be 32 bytes/);
  });
});

describe('the personal-data keys beside EventStoreDB (ADR 0016)', () => {
  it('sit in the read models’ PostgreSQL, which every replica shares and which outlives pods: the migration step creates their table there', async () => {
    const readModels = scratchSchema();
    const config = loadPlatformConfig({
      EVENT_STORE: 'eventstoredb',
      EVENT_STORE_URL: 'esdb://eventstore:2113?tls=false',
      READ_MODEL_DB: 'postgres',
      READ_MODEL_URL: readModels.url,
      READ_MODEL_SCHEMA: readModels.schema,
      PERSONAL_DATA_MASTER_KEY: MasterKey.generate().toString(),
    });
    try {
      expect((await migratePlatformSchemas(config, [sampleService], { dryRun: true })).eventStore).toEqual(['0001-data-keys', '0002-data-keys-by-master-key']);
      expect((await migratePlatformSchemas(config, [sampleService])).eventStore).toEqual(['0001-data-keys', '0002-data-keys-by-master-key']);
      // Two replicas: the key one creates is the key the other reads.
      const [first, second] = [openDataKeyTable(config), openDataKeyTable(config)];
      try {
        const created = await new DataKeys(first, openMasterKey(config)).forSubject('customer-1');
        expect(await new DataKeys(second, openMasterKey(config)).forSubject('customer-1')).toEqual(created);
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    } finally {
      await readModels.drop();
    }
  });

  it('are refused a home in a replica’s own files: EventStoreDB without PostgreSQL read models does not start', () => {
    const config = loadPlatformConfig({ EVENT_STORE: 'eventstoredb', EVENT_STORE_URL: 'esdb://eventstore:2113?tls=false', PERSONAL_DATA_MASTER_KEY: MasterKey.generate().toString() });
    expect(() => openDataKeyTable(config)).toThrow(/EVENT_STORE=eventstoredb keeps the personal-data keys in the read-model database: set READ_MODEL_DB=postgres/);
  });
});

describe('a process started with a master key that does not wrap the stored data keys (ADR 0016)', () => {
  const start = (env: Record<string, string>, dataDir: string) =>
    startTestApp({ services: [personalNotesService], modules: [SampleNotesModule], env: { OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0', ...env }, dataDir });

  /** Starts, writes a note (its subject gets a data key under the process's master key) and stops; the note's id. */
  async function writeNote(env: Record<string, string>, dataDir: string): Promise<string> {
    const t = await start(env, dataDir);
    try {
      const id = randomUUID();
      const accepted = await t.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title: '陳大文' }, headers: await t.headersFor({ roles: ['agent'] }) });
      expect(accepted.statusCode).toBe(201);
      return id;
    } finally {
      await t.app.close();
    }
  }

  async function readNote(t: TestApp, id: string) {
    return (await t.app.inject({ method: 'GET', url: `/sample/notes/${id}`, headers: await t.headersFor({ roles: ['agent'] }) })).json();
  }

  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-mismatch-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on SQLite, does not start, naming PERSONAL_DATA_MASTER_KEY and the rotation, and writes no key; started with the rotated key, it reads everything', async () => {
    const [a, b] = [MasterKey.generate(), MasterKey.generate()];
    const sqlite = (key: MasterKey) => ({ EVENT_STORE: 'sqlite', PERSONAL_DATA_MASTER_KEY: key.toString() });
    const id = await writeNote(sqlite(a), dataDir);
    const config = loadPlatformConfig({ ...sqlite(a), DATA_DIR: dataDir });
    expect(await rotatePersonalDataMasterKey(config, b)).toEqual({ rewrapped: 1, masterKeyId: b.id });

    // The operator starts it again with the old key.
    const refused = await start(sqlite(a), dataDir).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigurationError);
    expect((refused as Error).message).toBe(
      `Cannot start: PERSONAL_DATA_MASTER_KEY does not match the key that wraps the stored data keys: it is master key ${a.id}, and some are wrapped by master key ${b.id}. ` +
        'Start with the key that wraps them, or finish the rotation (scripts/rotate-master-key.ts with the old key as PERSONAL_DATA_MASTER_KEY and the new one as ' +
        'PERSONAL_DATA_NEXT_MASTER_KEY; docs/operations.md › The personal-data master key)',
    );
    const table = openDataKeyTable(config);
    try {
      expect(await table.wrappedBy(a.id)).toEqual([]);
    } finally {
      await table.close();
    }

    const t = await start(sqlite(b), dataDir);
    try {
      expect(await readNote(t, id)).toMatchObject({ id, title: '陳大文' });
    } finally {
      await t.app.close();
    }
  });

  it('on the embedded default, does not start when the key file was replaced, naming the file', async () => {
    await writeNote({ EVENT_STORE: 'sqlite' }, dataDir);
    const stored = openMasterKey(loadPlatformConfig({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir }));
    const replaced = MasterKey.generate();
    writeFileSync(masterKeyFile(dataDir), replaced.toString());
    await expect(start({ EVENT_STORE: 'sqlite' }, dataDir)).rejects.toThrow(
      `Cannot start: the master key in ${masterKeyFile(dataDir)} (PERSONAL_DATA_MASTER_KEY is unset) does not match the key that wraps the stored data keys: ` +
        `it is master key ${replaced.id}, and some are wrapped by master key ${stored.id}. Restore the key file that wraps them, or finish the rotation`,
    );
  });

  it('on PostgreSQL, does not start either, whichever key of an unfinished rotation it is given', async () => {
    const [events, readModels] = [scratchSchema(), scratchSchema()];
    const [a, b] = [MasterKey.generate(), MasterKey.generate()];
    const env = (key: MasterKey) => ({ ...postgresServiceEnv(events, readModels), SCHEMA_CHANGES: 'migrate', PERSONAL_DATA_MASTER_KEY: key.toString() });
    try {
      await writeNote(env(a), dataDir);
      // The incident: a process that took the other key wrapped a new subject's key under it.
      const keys = new DataKeys(openDataKeyTable(loadPlatformConfig(env(b))), b);
      await keys.forSubject('customer-of-b').finally(() => keys.close());

      for (const [given, other] of [[a, b], [b, a]]) {
        await expect(start(env(given), dataDir)).rejects.toThrow(
          `PERSONAL_DATA_MASTER_KEY does not match the key that wraps the stored data keys: it is master key ${given.id}, and some are wrapped by master key ${other.id}.`,
        );
      }
      await rotatePersonalDataMasterKey(loadPlatformConfig(env(a)), b);
      const t = await start(env(b), dataDir);
      await t.app.close();
    } finally {
      await events.drop();
      await readModels.drop();
    }
  });
});
