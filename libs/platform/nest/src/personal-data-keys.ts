import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DataKeyTable,
  DataKeys,
  EventStore,
  InMemoryDataKeyTable,
  MasterKey,
  MasterKeyMismatchError,
  PersonalDataPolicy,
  withPersonalData,
} from '@serviceledger/platform/core';
import { PostgresDataKeyTable, migrateDataKeyTable } from '@serviceledger/platform/postgres';
import { SqliteDataKeyTable } from '@serviceledger/platform/sqlite';
import { ConfigurationError, PlatformConfig } from './platform-config';
import { ServiceDefinition } from './service-definition';
import { DATA_KEY_DATABASE, EVENT_STORE_DATABASE, connectingTo } from './start-up-failures';

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
    throw new ConfigurationError(
      `Invalid configuration: PERSONAL_DATA_MASTER_KEY is required with EVENT_STORE=${config.EVENT_STORE}: 32 bytes, base64 or hex, from the site's secret store (ADR 0016)`,
    );
  }
  const file = masterKeyFile(config.DATA_DIR);
  if (existsSync(file)) {
    try {
      return MasterKey.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigurationError(`Cannot start: the master key file ${file} (PERSONAL_DATA_MASTER_KEY unset) cannot be used: ${(error as Error).message}`);
    }
  }
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

/** What the services declare personal, with the master key for it; undefined when they declare nothing, and need no key. */
export interface PersonalData {
  policy: PersonalDataPolicy;
  master: MasterKey;
}

/** The services' personal data and master key: read before any connection is made, so that a missing key is told first. */
export function personalDataOf(config: PlatformConfig, services: ServiceDefinition[]): PersonalData | undefined {
  const policy = new PersonalDataPolicy(services.flatMap((s) => s.personalData ?? []));
  return policy.isEmpty ? undefined : { policy, master: openMasterKey(config) };
}

/**
 * The store with the personal fields the services declare encrypted by their subjects' keys (ADR 0016), once the
 * master key is known to be the one that wraps every stored data key. Any other, and the process does not start
 * (a ConfigurationError): it could not read those subjects' fields, and would wrap new subjects' keys under a key
 * the other processes do not have. The check reads two ids off an index, whatever the number of subjects.
 */
export async function withPersonalDataOf(store: EventStore, config: PlatformConfig, personalData: PersonalData | undefined): Promise<EventStore> {
  if (!personalData) return store;
  const database = config.EVENT_STORE === 'postgres' ? EVENT_STORE_DATABASE : config.EVENT_STORE === 'eventstoredb' ? DATA_KEY_DATABASE : undefined;
  if (config.EVENT_STORE === 'eventstoredb' && config.SCHEMA_CHANGES === 'migrate') {
    // As the PostgreSQL event store creates its tables, the key table's step runs at start-up here; under `verify`, the migration step's.
    await connectingTo(DATA_KEY_DATABASE, config, () => migrateDataKeyTable({ connectionString: config.READ_MODEL_URL, schema: config.READ_MODEL_SCHEMA }));
  }
  const keys = new DataKeys(openDataKeyTable(config), personalData.master);
  try {
    await (database ? connectingTo(database, config, () => keys.checkMasterKey()) : keys.checkMasterKey());
  } catch (error) {
    await keys.close().catch(() => undefined);
    throw error instanceof MasterKeyMismatchError ? masterKeyMismatch(config, error) : error;
  }
  return withPersonalData(store, personalData.policy, keys);
}

function masterKeyMismatch(config: PlatformConfig, { configured, found }: MasterKeyMismatchError): ConfigurationError {
  const keys = `it is master key ${configured}, and some are wrapped by master key ${found}`;
  const guide = 'docs/operations.md › The personal-data master key';
  return new ConfigurationError(
    config.PERSONAL_DATA_MASTER_KEY
      ? `Cannot start: PERSONAL_DATA_MASTER_KEY does not match the key that wraps the stored data keys: ${keys}. Start with the key that wraps them, ` +
          `or finish the rotation (scripts/rotate-master-key.ts with the old key as PERSONAL_DATA_MASTER_KEY and the new one as PERSONAL_DATA_NEXT_MASTER_KEY; ${guide})`
      : `Cannot start: the master key in ${masterKeyFile(config.DATA_DIR)} (PERSONAL_DATA_MASTER_KEY is unset) does not match the key that wraps the stored data keys: ` +
          `${keys}. Restore the key file that wraps them, or finish the rotation (run scripts/rotate-master-key.ts again; ${guide})`,
  );
}
