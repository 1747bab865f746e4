import Database from 'better-sqlite3';
import { DataKeyRecord, DataKeyTable, Tombstone, otherMasterKeyOf } from '@serviceledger/platform/core';

interface Row {
  key_id: string;
  subject_id: string;
  wrapped_key: string | null;
  master_key_id: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS data_keys (
  key_id        TEXT PRIMARY KEY,
  subject_id    TEXT NOT NULL UNIQUE,
  wrapped_key   TEXT,
  master_key_id TEXT NOT NULL
);
-- The master keys wrapping live keys: start-up reads the lowest and the highest id off it (masterKeyOtherThan).
CREATE INDEX IF NOT EXISTS data_keys_live_by_master_key ON data_keys (master_key_id) WHERE wrapped_key IS NOT NULL;
`;

/** The lowest and the highest id of the master keys wrapping live keys: two searches of the partial index, not a scan. */
export const SQLITE_MASTER_KEY_RANGE = `
SELECT (SELECT min(master_key_id) FROM data_keys WHERE wrapped_key IS NOT NULL) AS lowest,
       (SELECT max(master_key_id) FROM data_keys WHERE wrapped_key IS NOT NULL) AS highest`;

const record = (row: Row): DataKeyRecord => ({ keyId: row.key_id, subjectId: row.subject_id, wrappedKey: row.wrapped_key, masterKeyId: row.master_key_id });

/**
 * The data keys of the embedded default, in the event store's file. A shredded key must leave no copy:
 * `secure_delete` zeroes what an update frees, and the write-ahead log, which still holds the page as
 * it was, is checkpointed and truncated after each shredding.
 */
export class SqliteDataKeyTable implements DataKeyTable {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    this.statements = {
      bySubject: this.db.prepare<[string], Row>('SELECT * FROM data_keys WHERE subject_id = ?'),
      byId: this.db.prepare<[string], Row>('SELECT * FROM data_keys WHERE key_id = ?'),
      insert: this.db.prepare('INSERT INTO data_keys (key_id, subject_id, wrapped_key, master_key_id) VALUES (?, ?, ?, ?) ON CONFLICT (subject_id) DO NOTHING'),
      shred: this.db.prepare(
        `INSERT INTO data_keys (key_id, subject_id, wrapped_key, master_key_id) VALUES (?, ?, NULL, ?)
         ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL WHERE wrapped_key IS NOT NULL`,
      ),
      wrappedBy: this.db.prepare<[string], Row>('SELECT * FROM data_keys WHERE master_key_id = ? AND wrapped_key IS NOT NULL'),
      masterKeyRange: this.db.prepare<[], { lowest: string | null; highest: string | null }>(SQLITE_MASTER_KEY_RANGE),
      rewrap: this.db.prepare('UPDATE data_keys SET wrapped_key = ?, master_key_id = ? WHERE key_id = ?'),
    };
  }

  async forSubject(subjectId: string): Promise<DataKeyRecord | undefined> {
    const row = this.statements.bySubject.get(subjectId);
    return row && record(row);
  }

  async byId(keyId: string): Promise<DataKeyRecord | undefined> {
    const row = this.statements.byId.get(keyId);
    return row && record(row);
  }

  async insert(r: DataKeyRecord): Promise<DataKeyRecord> {
    this.statements.insert.run(r.keyId, r.subjectId, r.wrappedKey, r.masterKeyId);
    return record(this.statements.bySubject.get(r.subjectId)!);
  }

  async shred(tombstone: Tombstone): Promise<boolean> {
    const shredded = this.statements.shred.run(tombstone.keyId, tombstone.subjectId, tombstone.masterKeyId).changes > 0;
    if (shredded) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return shredded;
  }

  async wrappedBy(masterKeyId: string): Promise<DataKeyRecord[]> {
    return this.statements.wrappedBy.all(masterKeyId).map(record);
  }

  async masterKeyOtherThan(masterKeyId: string): Promise<string | undefined> {
    const range = this.statements.masterKeyRange.get();
    return otherMasterKeyOf(masterKeyId, range?.lowest, range?.highest);
  }

  async rewrap(keyId: string, wrappedKey: string, masterKeyId: string): Promise<void> {
    this.statements.rewrap.run(wrappedKey, masterKeyId, keyId);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
