import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, newEvent, storeAndPeer } from '@serviceledger/platform/testing';
import { SqliteEventStore } from './sqlite-event-store';

eventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-sqlite-'));
  const filename = join(dir, 'events.db');
  return storeAndPeer(() => new SqliteEventStore({ filename, pollIntervalMs: 20 }), () => rmSync(dir, { recursive: true, force: true }));
});

describe('SQLite event store on disk', () => {
  it('keeps its events in the file: a store opened again reads what an earlier one appended', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-sqlite-'));
    const filename = join(dir, 'events.db');
    try {
      const first = new SqliteEventStore({ filename });
      const { checkpoint } = await first.appendToStream('test.kept-1', [newEvent('Kept', { 名稱: '保留' })]);
      await first.close();
      const again = new SqliteEventStore({ filename });
      const [event] = await again.readStream('test.kept-1');
      expect(event).toMatchObject({ type: 'Kept', data: { 名稱: '保留' }, checkpoint });
      expect(await again.headCheckpoint()).toBe(checkpoint);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
