import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataKeys, MasterKey } from '@serviceledger/platform/core';
import { dataKeyTableContract } from '@serviceledger/platform/testing';
import { SQLITE_MASTER_KEY_RANGE, SqliteDataKeyTable } from './sqlite-data-key-table';

dataKeyTableContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-keys-'));
  return { table: new SqliteDataKeyTable(join(dir, 'events.db')), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('SQLite data key table on disk', () => {
  it('leaves no byte of a shredded wrapped key in the database file or its write-ahead log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-keys-'));
    try {
      const table = new SqliteDataKeyTable(join(dir, 'events.db'));
      await new DataKeys(table, MasterKey.generate()).forSubject('customer-1');
      const { wrappedKey } = (await table.forSubject('customer-1'))!;
      await new DataKeys(table, MasterKey.generate()).shred('customer-1');
      const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)));
      expect(files.some((bytes) => bytes.includes(Buffer.from(wrappedKey!)))).toBe(false);
      await table.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite data key table at start-up', () => {
  it('finds another master key by searching an index of the live keys’ master keys, not by scanning every subject', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-keys-'));
    try {
      const table = new SqliteDataKeyTable(join(dir, 'events.db'));
      await table.close();
      const db = new Database(join(dir, 'events.db'), { readonly: true });
      try {
        const plan = db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${SQLITE_MASTER_KEY_RANGE}`).all().map((step) => step.detail);
        expect(plan.filter((step) => step.includes('data_keys'))).toEqual([
          expect.stringMatching(/^SEARCH data_keys USING (COVERING )?INDEX data_keys_live_by_master_key/),
          expect.stringMatching(/^SEARCH data_keys USING (COVERING )?INDEX data_keys_live_by_master_key/),
        ]);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
