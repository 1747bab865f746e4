import { EntitySchema, FindOptionsOrder, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { Actor, DomainEvent, EventEnvelope, matchesFilter } from '@serviceledger/platform/core';
import { ProjectionDefinition, ReadModelDatabase, applyProjectionBatch, tableName } from '@serviceledger/platform/read-models';

export interface ProjectionSpec {
  /**
   * Applies the events as one batch, as the runner does: those the projection's filter lets through, in
   * one transaction. Apply the same events again to redeliver them; call it once per batch for several.
   */
  apply(events: EventEnvelope[]): Promise<void>;
  /** The table's rows (those matching `where`), ordered by its primary key. */
  rows<Row extends ObjectLiteral>(table: string, where?: FindOptionsWhere<Row>): Promise<Row[]>;
}

/**
 * Runs a projection over given events against a real read model: an in-memory SQLite database with the
 * projection's tables, fresh for each test. Call it inside `describe`; use it inside the tests.
 */
export function projectionSpec(definition: ProjectionDefinition): ProjectionSpec {
  const schemas = Object.fromEntries(
    Object.entries(definition.tables).map(([table, spec]) => [
      table,
      new EntitySchema<ObjectLiteral>({ ...spec, name: `${definition.name}.${table}`, tableName: tableName(definition.name, table, 'a') }),
    ]),
  );
  let db: ReadModelDatabase | undefined;
  const opened = () => {
    if (!db) throw new Error('projectionSpec is used inside a test of the describe that called it');
    return db;
  };
  const schemaOf = (table: string) => {
    const schema = schemas[table];
    if (!schema) throw new Error(`Projection ${definition.name} has no table ${table}`);
    return schema;
  };

  beforeEach(async () => {
    db = await ReadModelDatabase.open({ type: 'sqlite', filename: ':memory:' }, Object.values(schemas));
  });
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  return {
    async apply(events) {
      const passed = events.filter((event) => matchesFilter(event, definition.filter));
      await opened().transaction(async (manager) => {
        if (passed.length) await applyProjectionBatch(definition, manager, schemas, passed);
      });
    },
    async rows<Row extends ObjectLiteral>(table: string, where?: FindOptionsWhere<Row>) {
      const repository = opened().manager.getRepository<Row>(schemaOf(table) as unknown as EntitySchema<Row>);
      const order = Object.fromEntries(repository.metadata.primaryColumns.map((column) => [column.propertyName, 'ASC'])) as FindOptionsOrder<Row>;
      return repository.find({ ...(where ? { where } : {}), order });
    },
  };
}

export interface StreamEventOptions {
  /** When it occurred; a minute after the stream's previous event by default. */
  at?: string;
  /** Who caused it (the actor's user id). */
  by?: string;
}

const FIRST_EVENT_AT = Date.parse('2026-03-02T09:00:00.000Z');
const MINUTE = 60_000;

/**
 * The events of one stream as the store delivers them: each call makes the stream's next event, at the
 * next stream position. Type it with the decider's events: `eventStream<DemandEvent>(demandStream(id))`.
 */
export function eventStream<E extends DomainEvent>(stream: string): (event: E, options?: StreamEventOptions) => EventEnvelope<E['data']> & { type: E['type'] } {
  let position = 0;
  let lastAt = FIRST_EVENT_AT - MINUTE;
  return (event, options = {}) => {
    const streamPosition = position++;
    lastAt = options.at ? Date.parse(options.at) : lastAt + MINUTE;
    const actor: Actor = { userId: options.by ?? 'agent-1', roles: [], departments: [] };
    return {
      id: `${stream}@${streamPosition}`,
      type: event.type,
      data: event.data,
      stream,
      streamPosition,
      checkpoint: `${stream}@${streamPosition}`,
      occurredAt: new Date(lastAt).toISOString(),
      metadata: { correlationId: `${stream}@${streamPosition}`, causationId: `${stream}@${streamPosition}`, actor, schemaVersion: 1 },
    };
  };
}
