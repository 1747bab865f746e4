/**
 * A process that runs the counting projection over a SQLite event store until it is killed.
 * Used by the crash test: argv = event-store file, read-model file.
 */
import { SqliteEventStore } from '@serviceledger/platform/sqlite';
import { ProjectionHost } from '../projection-host';
import { ReadModelDatabase } from '../read-model-database';
import { countingProjection } from './counting-projection';

async function main() {
  const [storeFile, readFile] = process.argv.slice(2);
  const store = new SqliteEventStore({ filename: storeFile, pollIntervalMs: 20 });
  const definition = countingProjection({ beforeEach: () => new Promise((r) => setTimeout(r, 2)) });
  const db = await ReadModelDatabase.open({ type: 'sqlite', filename: readFile }, ProjectionHost.entities([definition]));
  const host = new ProjectionHost(store, db, [definition]);
  await host.start();
  process.stdout.write('started\n');
}

void main();
