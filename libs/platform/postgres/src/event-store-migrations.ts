import { Migration } from './migrations';

/** Where the event store records its applied migrations, in its schema. */
export const EVENT_STORE_MIGRATION_TABLE = 'event_store_migrations';

/**
 * The event store's schema history.
 *
 * `data` and `metadata` are `json`, not `jsonb`: `json` keeps the exact text that was written (key
 * order, number spelling, escapes), and it accepts `\u0000` in strings, which `jsonb` refuses because
 * its strings are PostgreSQL `text`. The store never queries inside payloads; `json` still validates
 * them and still answers `->>` for ad-hoc queries and expression indexes.
 */
export const EVENT_STORE_MIGRATIONS: Migration[] = [
  {
    id: '0001-events',
    up: (s) => `
      CREATE TABLE ${s}.events (
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        global_position bigint      GENERATED ALWAYS AS IDENTITY,
        event_id        uuid        NOT NULL,
        stream          text        NOT NULL,
        stream_position bigint      NOT NULL,
        type            text        NOT NULL,
        data            json        NOT NULL,
        metadata        json        NOT NULL,
        occurred_at     timestamptz NOT NULL,
        CONSTRAINT events_pkey PRIMARY KEY (global_position),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_position_key UNIQUE (stream, stream_position)
      );
      -- readAll's order, and its visibility bound (transaction_id < the oldest running transaction).
      CREATE INDEX events_log ON ${s}.events (transaction_id, global_position);
      CREATE INDEX events_type_log ON ${s}.events (type, transaction_id, global_position);
    `,
  },
  {
    id: '0002-counters',
    up: (s) => `
      -- appendNumbered's counters (demand references per year): taken in the transaction of the append they number.
      CREATE TABLE ${s}.counters (
        name  text   NOT NULL PRIMARY KEY,
        value bigint NOT NULL
      );
    `,
  },
  {
    id: '0003-data-keys',
    up: dataKeysTable,
  },
];

/**
 * The data keys personal fields are encrypted with (ADR 0016), wrapped by the master key; wrapped_key is
 * null once the subject was erased, the row staying as the key's tombstone. In the event store's schema,
 * or, beside EventStoreDB, in the read-model schema (DATA_KEY_MIGRATIONS).
 */
function dataKeysTable(schema: string): string {
  return `
    CREATE TABLE ${schema}.data_keys (
      key_id        uuid NOT NULL PRIMARY KEY,
      subject_id    text NOT NULL UNIQUE,
      wrapped_key   text,
      master_key_id text NOT NULL
    );
  `;
}

/** Where the data-key migrations are recorded when the data keys sit in a read-model schema. */
export const DATA_KEY_MIGRATION_TABLE = 'data_key_migrations';

/** The data keys on their own, for a store (EventStoreDB) whose events are not in PostgreSQL. */
export const DATA_KEY_MIGRATIONS: Migration[] = [{ id: '0001-data-keys', up: dataKeysTable }];
