// The baseline's side of the event table: the same table shape and pragmas as SqliteEventStore, written and read
// with better-sqlite3 directly.
import Database from 'better-sqlite3';
import type { NewEvent } from '@serviceledger/platform/core';
import { SqliteEventStore } from '@serviceledger/platform/sqlite';

/** Copied from libs/platform/sqlite/src/sqlite-event-store.ts; `assertSameShape` fails the bench if they drift. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        TEXT    NOT NULL UNIQUE,
  stream          TEXT    NOT NULL,
  stream_position INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  occurred_at     TEXT    NOT NULL,
  UNIQUE (stream, stream_position)
);
CREATE INDEX IF NOT EXISTS events_type ON events (type, global_position);
CREATE TABLE IF NOT EXISTS counters (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
);
`;

export type Synchronous = 'FULL' | 'NORMAL';

export interface RawEventTable {
  db: Database.Database;
  /** One transaction per call: the events, at stream positions 0, 1, … of `stream`. */
  append(stream: string, events: NewEvent[]): void;
  close(): void;
}

export function openRawEventTable(filename: string, synchronous: Synchronous): RawEventTable {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const insert = db.prepare(
    `INSERT INTO events (event_id, stream, stream_position, type, data, metadata, occurred_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const append = db.transaction((stream: string, events: NewEvent[]) => {
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      insert.run(e.id, stream, i, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), e.occurredAt);
    }
  });
  return { db, append: (stream, events) => append(stream, events), close: () => db.close() };
}

const SYNCHRONOUS_LEVELS: Record<number, string> = { 0: 'OFF', 1: 'NORMAL', 2: 'FULL', 3: 'EXTRA' };

/** Throws unless the store's file and the raw file have the same tables and indexes, and both connections the same pragmas. */
export function assertSameShape(store: SqliteEventStore, storeFile: string, raw: RawEventTable): void {
  const shape = (db: Database.Database) =>
    JSON.stringify(db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all());
  const reader = new Database(storeFile, { readonly: true });
  try {
    if (shape(reader) !== shape(raw.db)) throw new Error('bench: the raw event table no longer matches SqliteEventStore; update bench/raw-events.ts');
  } finally {
    reader.close();
  }
  // The store keeps its connection private; the bench reads its pragmas to prove the comparison is like for like.
  const storeDb = (store as unknown as { db: Database.Database }).db;
  for (const pragma of ['journal_mode', 'synchronous']) {
    const ours = storeDb.pragma(pragma, { simple: true });
    const theirs = raw.db.pragma(pragma, { simple: true });
    if (ours !== theirs) {
      const name = (v: unknown) => (pragma === 'synchronous' ? SYNCHRONOUS_LEVELS[v as number] : String(v));
      throw new Error(`bench: ${pragma} differs: store ${name(ours)}, raw ${name(theirs)}`);
    }
  }
}
