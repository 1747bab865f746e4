import { EntityManager, EntitySchemaColumnOptions, EntitySchemaOptions, ObjectLiteral } from 'typeorm';
import { EventEnvelope, EventFilter } from '@serviceledger/platform/core';

/**
 * A table of a projection, typed by its row: a TypeORM column for every field, and indices; the name
 * and slot suffix are added by the host.
 */
export type TableSpec<Row extends ObjectLiteral = ObjectLiteral> = Omit<
  EntitySchemaOptions<Row>,
  'name' | 'tableName' | 'target' | 'columns'
> & { columns: { [Field in keyof Row]-?: EntitySchemaColumnOptions } };

/** Which rows: each field given equals the row's (`null`: the row's is null). */
export type RowMatch<Row> = { [Field in keyof Row]?: Row[Field] | null };

/**
 * One of the projection's tables within a batch. Writes are held and written when `apply` returns, as
 * one multi-row statement per table (see applyProjectionBatch); reads see the batch's own writes. The
 * stored rows do not change while the batch runs, so each read is made once per batch: `load` the rows
 * the batch's events name in one query first, and `get` and `find` answer from memory.
 */
export interface BatchTable<Row extends ObjectLiteral> {
  /** Reads the stored rows matching any of `wheres` in one query, for the batch's later reads. */
  load(wheres: Array<RowMatch<Row>>): Promise<void>;
  find(where?: RowMatch<Row>): Promise<Row[]>;
  get(where: RowMatch<Row>): Promise<Row | undefined>;
  /** Writes the rows, replacing the fields given (a field left out keeps its stored value, or its default in a new row). */
  upsert(...rows: Row[]): void;
  /** Writes rows that must be new: one already stored fails the batch. */
  insert(...rows: Row[]): void;
  /** Changes the rows matching `where`; none matching is no change. */
  update(where: RowMatch<Row>, changes: Partial<Row>): Promise<void>;
  delete(where: RowMatch<Row>): Promise<void>;
}

/** The projection's tables within one batch, and the batch's transaction. */
export interface ProjectionTables {
  table<Row extends ObjectLiteral>(name: string): BatchTable<Row>;
  /**
   * The batch's transaction, for tables that are not the projection's own. It does not see the batch's
   * held writes: the projection's tables are read and written through `table`.
   */
  readonly manager: EntityManager;
}

export interface ProjectionDefinition {
  /** `<service>.<read-model>`, for example `intake.demands`. */
  name: string;
  /** Bump it when `apply` or the tables change: the host rebuilds into the standby slot, then switches. */
  version: number;
  filter?: EventFilter;
  tables: Record<string, TableSpec>;
  /**
   * Applies one batch. Runs in the transaction that also stores the checkpoint; write idempotently
   * all the same: fold each event with `foldEvent`, which skips one already folded, and upsert. Reads
   * and writes go through `tables.table`, which holds the writes and writes each table once per batch.
   */
  apply(events: EventEnvelope[], tables: ProjectionTables): Promise<void>;
}

export type Slot = 'a' | 'b';

export function otherSlot(slot: Slot): Slot {
  return slot === 'a' ? 'b' : 'a';
}

export function tableName(projection: string, table: string, slot: Slot): string {
  return `${projection.replace(/[^a-zA-Z0-9]+/g, '_')}__${table}_${slot}`;
}
