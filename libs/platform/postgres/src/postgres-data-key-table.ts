import { Pool } from 'pg';
import { DataKeyRecord, DataKeyTable, Tombstone, otherMasterKeyOf } from '@serviceledger/platform/core';
import { DATA_KEY_MIGRATIONS, DATA_KEY_MIGRATION_TABLE } from './event-store-migrations';
import { MigrationSet, migrateDatabase, pendingDatabaseMigrations } from './migrations';
import { quoteIdent } from './sql';

interface Row {
  key_id: string;
  subject_id: string;
  wrapped_key: string | null;
  master_key_id: string;
}

/**
 * The lowest and the highest id of the master keys wrapping live keys, of the data-key table `table` (quoted): each an
 * index-only probe of `data_keys_live_by_master_key` (migrations `0005-data-keys-by-master-key` and, beside
 * EventStoreDB, `0002-data-keys-by-master-key`), however many subjects there are.
 */
export function postgresMasterKeyRange(table: string): string {
  return `SELECT (SELECT min(master_key_id) FROM ${table} WHERE wrapped_key IS NOT NULL) AS lowest,
                 (SELECT max(master_key_id) FROM ${table} WHERE wrapped_key IS NOT NULL) AS highest`;
}

const record = (row: Row): DataKeyRecord => ({ keyId: row.key_id, subjectId: row.subject_id, wrappedKey: row.wrapped_key, masterKeyId: row.master_key_id });

/**
 * The data keys in the event store's schema (migration `0003-data-keys`, applied with the event
 * store's), or, beside EventStoreDB, in the read-model schema (`migrateDataKeyTable`). Shredding vacuums the table, so the row version that held the key does not linger as a
 * dead tuple; PostgreSQL's write-ahead log and backups keep it until they are recycled (ADR 0016).
 */
export class PostgresDataKeyTable implements DataKeyTable {
  private readonly table: string;

  constructor(private readonly pool: Pool, schema: string) {
    this.table = `${quoteIdent(schema)}.data_keys`;
  }

  static open(options: { connectionString: string; schema?: string }): PostgresDataKeyTable {
    const pool = new Pool({ connectionString: options.connectionString, max: 2 });
    pool.on('error', () => undefined);
    return new PostgresDataKeyTable(pool, options.schema ?? 'public');
  }

  async forSubject(subjectId: string): Promise<DataKeyRecord | undefined> {
    const { rows } = await this.pool.query<Row>(`SELECT key_id::text, subject_id, wrapped_key, master_key_id FROM ${this.table} WHERE subject_id = $1`, [subjectId]);
    return rows[0] && record(rows[0]);
  }

  async byId(keyId: string): Promise<DataKeyRecord | undefined> {
    const { rows } = await this.pool.query<Row>(`SELECT key_id::text, subject_id, wrapped_key, master_key_id FROM ${this.table} WHERE key_id = $1`, [keyId]);
    return rows[0] && record(rows[0]);
  }

  async insert(r: DataKeyRecord): Promise<DataKeyRecord> {
    await this.pool.query(
      `INSERT INTO ${this.table} (key_id, subject_id, wrapped_key, master_key_id) VALUES ($1, $2, $3, $4) ON CONFLICT (subject_id) DO NOTHING`,
      [r.keyId, r.subjectId, r.wrappedKey, r.masterKeyId],
    );
    return (await this.forSubject(r.subjectId))!;
  }

  async shred(tombstone: Tombstone): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${this.table} AS k (key_id, subject_id, wrapped_key, master_key_id) VALUES ($1, $2, NULL, $3)
       ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL WHERE k.wrapped_key IS NOT NULL`,
      [tombstone.keyId, tombstone.subjectId, tombstone.masterKeyId],
    );
    if (!rowCount) return false;
    await this.pool.query(`VACUUM ${this.table}`);
    return true;
  }

  async wrappedBy(masterKeyId: string): Promise<DataKeyRecord[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT key_id::text, subject_id, wrapped_key, master_key_id FROM ${this.table} WHERE master_key_id = $1 AND wrapped_key IS NOT NULL`,
      [masterKeyId],
    );
    return rows.map(record);
  }

  async masterKeyOtherThan(masterKeyId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ lowest: string | null; highest: string | null }>(postgresMasterKeyRange(this.table));
    return otherMasterKeyOf(masterKeyId, rows[0]?.lowest, rows[0]?.highest);
  }

  async rewrap(keyId: string, wrappedKey: string, masterKeyId: string): Promise<void> {
    await this.pool.query(`UPDATE ${this.table} SET wrapped_key = $2, master_key_id = $3 WHERE key_id = $1`, [keyId, wrappedKey, masterKeyId]);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

function dataKeyMigrations(schema: string): MigrationSet {
  return { schema, table: DATA_KEY_MIGRATION_TABLE, migrations: DATA_KEY_MIGRATIONS };
}

/** Creates the data-key table in a schema of its own database (the migration Job's step beside EventStoreDB). */
export function migrateDataKeyTable(options: { connectionString: string; schema: string }): Promise<string[]> {
  return migrateDatabase(options.connectionString, dataKeyMigrations(options.schema));
}

/** The data-key migrations not applied yet (the migration step's dry run). */
export function pendingDataKeyMigrations(options: { connectionString: string; schema: string }): Promise<string[]> {
  return pendingDatabaseMigrations(options.connectionString, dataKeyMigrations(options.schema));
}
