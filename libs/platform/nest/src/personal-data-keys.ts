import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataKeyTable, DataKeys, EventStore, InMemoryDataKeyTable, MasterKey, PersonalDataPolicy, withPersonalData } from '@serviceledger/platform/core';
import { PostgresDataKeyTable } from '@serviceledger/platform/postgres';
import { SqliteDataKeyTable } from '@serviceledger/platform/sqlite';
import { ConfigurationError, PlatformConfig } from './platform-config';
import { ServiceDefinition } from './service-definition';

/** Where the embedded default keeps its master key when PERSONAL_DATA_MASTER_KEY is unset. */
export function masterKeyFile(dataDir: string): string {
  return join(dataDir, 'personal-data', 'master.key');
}

/**
 * The master key (ADR 0016): from PERSONAL_DATA_MASTER_KEY, else, on the embedded default, from its file
 * under DATA_DIR, written on first start readable by the owner only. A memory event store gets a key of
 * its own, as it keeps nothing either. A server event store needs the variable: a DATA_DIR may not
 * outlive its pod, and every personal field would be lost with the key.
 */
export function openMasterKey(config: PlatformConfig): MasterKey {
  if (config.PERSONAL_DATA_MASTER_KEY) return MasterKey.parse(config.PERSONAL_DATA_MASTER_KEY);
  if (config.EVENT_STORE === 'memory') return MasterKey.generate();
  if (config.EVENT_STORE !== 'sqlite') {
    throw new Error(
      `PERSONAL_DATA_MASTER_KEY is required with EVENT_STORE=${config.EVENT_STORE}: 32 bytes, base64 or hex, from the site's secret store (ADR 0016)`,
    );
  }
  const file = masterKeyFile(config.DATA_DIR);
  if (existsSync(file)) return MasterKey.parse(readFileSync(file, 'utf8'));
  const key = MasterKey.generate();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, key.toString(), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

/** The data key table: in the event store's database, or in the read models' PostgreSQL beside EventStoreDB. */
export function openDataKeyTable(config: PlatformConfig): DataKeyTable {
  switch (config.EVENT_STORE) {
    case 'memory':
      return new InMemoryDataKeyTable();
    case 'postgres':
      return PostgresDataKeyTable.open({ connectionString: config.EVENT_STORE_URL, schema: config.EVENT_STORE_SCHEMA });
    case 'eventstoredb':
      // Beside EventStoreDB the keys need a database every replica shares and that outlives pods.
      if (config.READ_MODEL_DB !== 'postgres') {
        throw new ConfigurationError('EVENT_STORE=eventstoredb keeps the personal-data keys in the read-model database: set READ_MODEL_DB=postgres');
      }
      return PostgresDataKeyTable.open({ connectionString: config.READ_MODEL_URL, schema: config.READ_MODEL_SCHEMA });
    case 'sqlite':
      return new SqliteDataKeyTable(join(config.DATA_DIR, 'events.db'));
  }
}

/** The store with the personal fields the services declare encrypted by their subjects' keys (ADR 0016). */
export function withPersonalDataOf(store: EventStore, config: PlatformConfig, services: ServiceDefinition[]): EventStore {
  const policy = new PersonalDataPolicy(services.flatMap((s) => s.personalData ?? []));
  return policy.isEmpty ? store : withPersonalData(store, policy, new DataKeys(openDataKeyTable(config), openMasterKey(config)));
}
