import { EntityManager, EntitySchemaColumnOptions, EntitySchemaOptions, ObjectLiteral, Repository } from 'typeorm';
import { EventEnvelope, EventFilter } from '@serviceledger/platform/core';

/**
 * A table of a projection, typed by its row: a TypeORM column for every field, and indices; the name
 * and slot suffix are added by the host.
 */
export type TableSpec<Row extends ObjectLiteral = ObjectLiteral> = Omit<
  EntitySchemaOptions<Row>,
  'name' | 'tableName' | 'target' | 'columns'
> & { columns: { [Field in keyof Row]-?: EntitySchemaColumnOptions } };

/** Repositories of the projection's tables, bound to the batch's transaction. */
export interface ProjectionTables {
  repository<T extends ObjectLiteral>(table: string): Repository<T>;
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
   * all the same: fold each event with `foldEvent`, which skips one already folded, and upsert.
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
