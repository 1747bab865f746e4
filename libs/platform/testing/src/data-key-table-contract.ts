import { randomUUID } from 'node:crypto';
import {
  DataKeyRecord,
  DataKeyTable,
  DataKeys,
  MasterKey,
  MasterKeyMismatchError,
  Tombstone,
  UnknownDataKeyError,
  rotateMasterKey,
} from '@serviceledger/platform/core';

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

    it('names a master key other than the given one that wraps a live key, on either side of it; shredded keys wrap nothing', async () => {
      const live = (subjectId: string, masterKeyId: string): DataKeyRecord => ({ keyId: randomUUID(), subjectId, wrappedKey: 'wrapped', masterKeyId });
      expect(await table.masterKeyOtherThan('m')).toBeUndefined();
      await table.insert(live('customer-1', 'm'));
      expect(await table.masterKeyOtherThan('m')).toBeUndefined();
      expect(await table.masterKeyOtherThan('z')).toBe('m');
      await table.insert(live('customer-2', 'a'));
      expect(await table.masterKeyOtherThan('m')).toBe('a');
      await table.shred(tombstone('customer-2'));
      await table.shred(tombstone('customer-3'));
      expect(await table.masterKeyOtherThan('m')).toBeUndefined();
      await table.insert(live('customer-4', 'z'));
      expect(await table.masterKeyOtherThan('m')).toBe('z');
    });

    it('refuses a master key that does not wrap every stored live key, until the rotation to it is finished', async () => {
      const old = MasterKey.generate();
      const next = MasterKey.generate();
      await new DataKeys(table, next).checkMasterKey();
      await new DataKeys(table, old).forSubject('customer-1');
      await new DataKeys(table, old).checkMasterKey();
      const refused = await new DataKeys(table, next).checkMasterKey().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(MasterKeyMismatchError);
      expect(refused).toMatchObject({ configured: next.id, found: old.id });
      // The incident: a process started with the new key while the old one still wraps the others.
      await new DataKeys(table, next).forSubject('customer-2');
      await expect(new DataKeys(table, old).checkMasterKey()).rejects.toMatchObject({ configured: old.id, found: next.id });
      await expect(new DataKeys(table, next).checkMasterKey()).rejects.toMatchObject({ configured: next.id, found: old.id });
      // Running the rotation finishes it: then only the new key is taken.
      expect(await rotateMasterKey(table, old, next)).toBe(1);
      await new DataKeys(table, next).checkMasterKey();
      await expect(new DataKeys(table, old).checkMasterKey()).rejects.toThrow(MasterKeyMismatchError);
    });
  });
}
