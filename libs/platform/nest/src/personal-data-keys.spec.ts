import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataKeys, MasterKey } from '@serviceledger/platform/core';
import { scratchSchema } from '@serviceledger/platform/postgres';
import { masterKeyFile, openDataKeyTable, openMasterKey } from './personal-data-keys';
import { loadPlatformConfig } from './platform-config';
import { migratePlatformSchemas } from './schema-migrations';
import { sampleService } from './testing/sample-notes';

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
    expect(() => openMasterKey(postgres)).toThrow(/PERSONAL_DATA_MASTER_KEY is required with EVENT_STORE=postgres/);
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
      expect((await migratePlatformSchemas(config, [sampleService], { dryRun: true })).eventStore).toEqual(['0001-data-keys']);
      expect((await migratePlatformSchemas(config, [sampleService])).eventStore).toEqual(['0001-data-keys']);
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
