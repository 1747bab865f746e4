import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataKeys, MasterKey } from '@serviceledger/platform/core';
import { dataKeyTableContract } from '@serviceledger/platform/testing';
import { SqliteDataKeyTable } from './sqlite-data-key-table';

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
