import { randomUUID } from 'node:crypto';
import { DataKeyTable, DataKeys, MasterKey, Tombstone, UnknownDataKeyError, rotateMasterKey } from '@serviceledger/platform/core';

/** What every data key table must do (ADR 0016): one suite, every adapter. */
export function dataKeyTableContract(adapter: string, open: () => Promise<{ table: DataKeyTable; dispose(): Promise<void> }>): void {
  const tombstone = (subjectId: string): Tombstone => ({ keyId: randomUUID(), subjectId, wrappedKey: null, masterKeyId: 'test' });

  describe(`${adapter} data key table`, () => {
    let table: DataKeyTable;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ table, dispose } = await open());
    });
    afterEach(async () => {
      await table.close();
      await dispose();
    });

    it('gives a subject one key, created on first use and found by its id', async () => {
      const keys = new DataKeys(table, MasterKey.generate());
      const [first, second] = await Promise.all([keys.forSubject('customer-1'), keys.forSubject('customer-1')]);
      expect(first).toEqual(second);
      expect(first).not.toEqual(await keys.forSubject('customer-2'));
      if (first === 'shredded') throw new Error('a new key cannot be shredded');
      expect(await keys.byId(first.keyId)).toEqual(first);
      await expect(keys.byId('00000000-0000-4000-8000-000000000000')).rejects.toThrow(UnknownDataKeyError);
    });

    it('shreds a key once, keeping its id as a tombstone; a subject without a key gets a tombstone, never a key', async () => {
      const keys = new DataKeys(table, MasterKey.generate());
      const key = await keys.forSubject('customer-1');
      if (key === 'shredded') throw new Error('a new key cannot be shredded');
      expect(await table.shred(tombstone('customer-1'))).toBe(true);
      expect(await table.shred(tombstone('customer-1'))).toBe(false);
      expect(await keys.forSubject('customer-1')).toBe('shredded');
      expect(await table.shred(tombstone('customer-9'))).toBe(true);
      expect(await table.shred(tombstone('customer-9'))).toBe(false);
      expect(await keys.forSubject('customer-9')).toBe('shredded');
      expect(await new DataKeys(table, MasterKey.generate()).byId(key.keyId)).toBe('shredded');
    });

    it('re-wraps the live keys under a new master key', async () => {
      const old = MasterKey.generate();
      const next = MasterKey.generate();
      const before = await new DataKeys(table, old).forSubject('customer-1');
      await new DataKeys(table, old).forSubject('customer-2');
      await table.shred(tombstone('customer-2'));
      expect(await rotateMasterKey(table, old, next)).toBe(1);
      expect(await new DataKeys(table, next).forSubject('customer-1')).toEqual(before);
    });
  });
}
