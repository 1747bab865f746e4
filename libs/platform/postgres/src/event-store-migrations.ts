import { Migration } from './migrations';
import { ADVISORY_LOCK } from './sql';

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
  {
    id: '0004-append-function',
    up: appendFunction,
  },
  {
    id: '0005-data-keys-by-master-key',
    up: dataKeysByMasterKey,
  },
];

/** SQLSTATEs `append_events` raises; the store turns them into the port's errors. */
export const APPEND_ERRORS = {
  /** DETAIL: the stream's current position, empty when it has none. */
  wrongExpectedVersion: 'SLWEV',
  /** DETAIL: the event id stored before, not as the same append. */
  duplicateEventId: 'SLDUP',
} as const;

/**
 * An append in one round trip, called in autocommit (or inside appendNumbered's transaction): the
 * stream's advisory lock (the key the store always took, so replicas of either version serialise
 * together), then the expected version read in a new statement, hence a new snapshot that sees what the
 * lock's previous holder committed; the insert with `ON CONFLICT (event_id) DO NOTHING`. No `pg_notify`
 * here: a transaction that notifies holds a global lock until its commit is flushed, so concurrent appends
 * would commit one flush at a time; the store notifies after the commit instead.
 * Ids are looked up only when the insert skipped some or the version does not match: a retry of an append
 * that landed (every id, in order, on this stream) answers `repeated` with its original position and
 * checkpoint; any other overlap raises, which also undoes the rows of a partial insert. `p_expected` is
 * `any`, `no_stream`, `exists` or `version` (then `p_expected_version` is the position). Answers `appended`, `repeated` or `empty`, the stream's
 * position after it, and the checkpoint (transaction id, global position) of its last event.
 */
function appendFunction(s: string): string {
  return `
    CREATE FUNCTION ${s}.append_events(
      p_stream text, p_expected text, p_expected_version bigint, p_lock_key text,
      p_ids uuid[], p_types text[], p_data json[], p_metadata json[], p_occurred_at timestamptz[]
    ) RETURNS TABLE (outcome text, version bigint, tx xid8, pos bigint)
    LANGUAGE plpgsql VOLATILE AS $fn$
    DECLARE
      v_count int := cardinality(p_ids);
      v_current bigint;
      v_tx xid8;
      v_pos bigint;
      v_inserted int;
      v_found int;
      v_consistent boolean;
      v_last bigint;
      v_clash uuid;
    BEGIN
      PERFORM pg_advisory_xact_lock(${ADVISORY_LOCK.stream}, hashtext(p_lock_key));
      SELECT e.stream_position, e.transaction_id, e.global_position INTO v_current, v_tx, v_pos
        FROM ${s}.events e WHERE e.stream = p_stream ORDER BY e.stream_position DESC LIMIT 1;
      IF p_expected = 'any'
         OR (p_expected = 'no_stream' AND v_current IS NULL)
         OR (p_expected = 'exists' AND v_current IS NOT NULL)
         OR (p_expected = 'version' AND v_current = p_expected_version) THEN
        IF v_count = 0 THEN
          RETURN QUERY SELECT 'empty'::text, coalesce(v_current, -1), v_tx, v_pos;
          RETURN;
        END IF;
        WITH inserted AS (
          INSERT INTO ${s}.events (event_id, stream, stream_position, type, data, metadata, occurred_at)
          SELECT u.id, p_stream, coalesce(v_current, -1) + u.ord, u.type, u.data, u.metadata, u.occurred_at
            FROM unnest(p_ids, p_types, p_data, p_metadata, p_occurred_at)
                 WITH ORDINALITY AS u(id, type, data, metadata, occurred_at, ord)
           ORDER BY u.ord
          ON CONFLICT (event_id) DO NOTHING
          RETURNING transaction_id, global_position
        )
        SELECT count(*), (array_agg(transaction_id))[1], max(global_position) INTO v_inserted, v_tx, v_pos FROM inserted;
        IF v_inserted = v_count THEN
          RETURN QUERY SELECT 'appended'::text, coalesce(v_current, -1) + v_count, v_tx, v_pos;
          RETURN;
        END IF;
      END IF;
      -- An id is stored already (by another transaction), or the version differs: a retry of this very append, or a clash.
      SELECT count(*),
             count(*) = v_count AND bool_and(e.stream = p_stream) AND count(DISTINCT e.stream_position - u.ord) = 1,
             (array_agg(e.event_id ORDER BY u.ord))[1],
             (array_agg(e.stream_position ORDER BY u.ord DESC))[1],
             (array_agg(e.transaction_id ORDER BY u.ord DESC))[1],
             (array_agg(e.global_position ORDER BY u.ord DESC))[1]
        INTO v_found, v_consistent, v_clash, v_last, v_tx, v_pos
        FROM unnest(p_ids) WITH ORDINALITY AS u(id, ord)
        JOIN ${s}.events e ON e.event_id = u.id AND e.transaction_id IS DISTINCT FROM pg_current_xact_id_if_assigned();
      IF v_found > 0 AND v_consistent THEN
        RETURN QUERY SELECT 'repeated'::text, v_last, v_tx, v_pos;
        RETURN;
      END IF;
      IF v_found = 0 AND v_inserted IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '${APPEND_ERRORS.wrongExpectedVersion}', MESSAGE = 'wrong expected version',
          DETAIL = coalesce(v_current::text, '');
      END IF;
      IF v_found = 0 THEN
        -- Nothing stored before: the batch itself repeats an id.
        SELECT u.id INTO v_clash FROM unnest(p_ids) AS u(id) GROUP BY u.id HAVING count(*) > 1 LIMIT 1;
      END IF;
      RAISE EXCEPTION USING ERRCODE = '${APPEND_ERRORS.duplicateEventId}', MESSAGE = 'duplicate event id', DETAIL = v_clash::text;
    END
    $fn$;
  `;
}

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

/**
 * The master keys that wrap live data keys, indexed: a process checks at start-up that its master key is the
 * only one (`masterKeyOtherThan`) with two index-only probes (the lowest and the highest id), not a scan of a
 * table that grows by every customer.
 */
function dataKeysByMasterKey(schema: string): string {
  return `
    CREATE INDEX data_keys_live_by_master_key ON ${schema}.data_keys (master_key_id) WHERE wrapped_key IS NOT NULL;
  `;
}

/** Where the data-key migrations are recorded when the data keys sit in a read-model schema. */
export const DATA_KEY_MIGRATION_TABLE = 'data_key_migrations';

/** The data keys on their own, for a store (EventStoreDB) whose events are not in PostgreSQL. */
export const DATA_KEY_MIGRATIONS: Migration[] = [
  { id: '0001-data-keys', up: dataKeysTable },
  { id: '0002-data-keys-by-master-key', up: dataKeysByMasterKey },
];
