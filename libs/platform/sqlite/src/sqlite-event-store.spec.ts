import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '@serviceledger/platform/testing';
import { SqliteEventStore } from './sqlite-event-store';

eventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-sqlite-'));
  const filename = join(dir, 'events.db');
  const store = new SqliteEventStore({ filename, pollIntervalMs: 20 });
  const peer = new SqliteEventStore({ filename, pollIntervalMs: 20 });
  return {
    store,
    peer,
    async dispose() {
      await store.close();
      await peer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
