import { EntityManager, EntityMetadata, EntitySchema, FindOptionsWhere, In, IsNull, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES } from './aggregate-states';
import { BatchTable, ProjectionDefinition, ProjectionTables, RowMatch } from './projection';

/**
 * Bound parameters per statement: SQLite's limit (SQLITE_MAX_VARIABLE_NUMBER, 32766 since 3.32) and
 * PostgreSQL's (an Int16 count in the wire protocol's Bind message).
 */
const MAX_PARAMETERS = { sqlite: 32_766, postgres: 65_535 };
/** Rows per read of `load`: few enough that an `IN` list or an `OR` of keys stays well inside either limit. */
const LOAD_CHUNK = 500;

/**
 * Applies one batch of a projection: `apply` reads and writes through the batch's tables, whose writes
 * are held until it returns and then written as one multi-row statement per table and kind (delete,
 * insert, upsert), in `manager`'s transaction. The folded states of the batch's streams are read in
 * one query first.
 */
export async function applyProjectionBatch(
  definition: ProjectionDefinition,
  manager: EntityManager,
  schemas: Record<string, EntitySchema<ObjectLiteral>>,
  events: EventEnvelope[],
): Promise<void> {
  const batch = new ProjectionBatch(definition.name, manager, schemas);
  if (schemas[AGGREGATE_STATES]) {
    await batch.table(AGGREGATE_STATES).load([...new Set(events.map((event) => event.stream))].map((stream) => ({ stream })));
  }
  await definition.apply(events, batch);
  await batch.flush();
}

class ProjectionBatch implements ProjectionTables {
  private readonly tables = new Map<string, PendingTable<ObjectLiteral>>();

  constructor(
    private readonly projection: string,
    readonly manager: EntityManager,
    private readonly schemas: Record<string, EntitySchema<ObjectLiteral>>,
  ) {}

  table<Row extends ObjectLiteral>(name: string): BatchTable<Row> {
    let table = this.tables.get(name);
    if (!table) {
      const schema = this.schemas[name];
      if (!schema) throw new Error(`Projection ${this.projection} has no table ${name}`);
      table = new PendingTable(this.manager, this.manager.connection.getMetadata(schema));
      this.tables.set(name, table);
    }
    return table as unknown as BatchTable<Row>;
  }

  async flush(): Promise<void> {
    for (const table of this.tables.values()) await table.flush();
  }
}

/** A row the batch will write: `replaces` (the key's values) when it deleted the stored row first, `inserted` when it must be new. */
interface Pending<Row> {
  row: Row | null;
  replaces?: unknown[];
  inserted: boolean;
}

/**
 * One table within a batch. The stored rows cannot change while the batch runs (its writes are held),
 * so every read is cached for the batch and answered with the held writes laid over it.
 */
class PendingTable<Row extends ObjectLiteral> implements BatchTable<Row> {
  private readonly pending = new Map<string, Pending<Row>>();
  /** Stored rows by key, as read; null for a key read and absent. */
  private readonly stored = new Map<string, Row | null>();
  /** The keys of the stored rows matching a `where`, by the `where`'s signature. */
  private readonly reads = new Map<string, string[]>();
  private readonly keyColumns: ColumnMetadata[];
  private readonly columns: ColumnMetadata[];

  constructor(
    private readonly manager: EntityManager,
    private readonly metadata: EntityMetadata,
  ) {
    this.keyColumns = metadata.primaryColumns;
    this.columns = metadata.columns;
  }

  async load(wheres: Array<RowMatch<Row>>): Promise<void> {
    const unread = uniqueBy(wheres.map(definedFields), signature).filter((where) => !this.known(where));
    const byFields = new Map<string, Array<RowMatch<Row>>>();
    for (const where of unread) {
      const fields = Object.keys(where).sort().join(',');
      byFields.set(fields, [...(byFields.get(fields) ?? []), where]);
    }
    for (const group of byFields.values()) {
      for (let start = 0; start < group.length; start += LOAD_CHUNK) {
        const chunk = group.slice(start, start + LOAD_CHUNK);
        const fields = Object.keys(chunk[0]);
        const single = fields.length === 1 && chunk.every((where) => where[fields[0]] !== null);
        const rows = await this.manager
          .getRepository<Row>(this.metadata.target)
          .find({ where: single ? ({ [fields[0]]: In(chunk.map((where) => where[fields[0]])) } as FindOptionsWhere<Row>) : chunk.map(typeormWhere) });
        for (const row of rows) this.stored.set(this.keyOf(row), row);
        for (const where of chunk) this.remember(where, rows.filter((row) => matches(row, where)));
      }
    }
  }

  async find(match: RowMatch<Row> = {}): Promise<Row[]> {
    const where = definedFields(match);
    const keys = await this.storedKeys(where);
    if (this.isKey(where)) {
      const row = this.current(this.keyOf(where as Row));
      return row && matches(row, where) ? [{ ...row }] : [];
    }
    const found: Row[] = [];
    const seen = new Set<string>();
    for (const key of keys) {
      seen.add(key);
      const row = this.current(key);
      if (row && matches(row, where)) found.push({ ...row });
    }
    for (const [key, pending] of this.pending) {
      if (seen.has(key) || !pending.row) continue;
      const row = this.current(key);
      if (row && matches(row, where)) found.push({ ...row });
    }
    return found;
  }

  async get(where: RowMatch<Row>): Promise<Row | undefined> {
    return (await this.find(where))[0];
  }

  upsert(...rows: Row[]): void {
    for (const row of rows) {
      const key = this.keyOf(row);
      const pending = this.pending.get(key);
      const defined = definedFields(row);
      if (!pending) this.pending.set(key, { row: defined, inserted: false });
      else if (pending.row) pending.row = { ...pending.row, ...defined };
      else pending.row = defined;
    }
  }

  insert(...rows: Row[]): void {
    for (const row of rows) {
      const key = this.keyOf(row);
      const pending = this.pending.get(key);
      if (pending?.row) throw new Error(`${this.metadata.tableName}: the batch already holds the row ${key}`);
      if (pending) pending.row = definedFields(row);
      else this.pending.set(key, { row: definedFields(row), inserted: true });
    }
  }

  async update(where: RowMatch<Row>, changes: Partial<Row>): Promise<void> {
    for (const row of await this.find(where)) this.upsert({ ...row, ...changes });
  }

  async delete(match: RowMatch<Row>): Promise<void> {
    const where = definedFields(match);
    const rows = this.isKey(where) ? [where as Row] : await this.find(where);
    for (const row of rows) this.pending.set(this.keyOf(row), { row: null, replaces: this.keyColumns.map((column) => row[column.propertyName]), inserted: false });
  }

  async flush(): Promise<void> {
    await this.deleteKeys([...this.pending.values()].flatMap((pending) => (pending.replaces ? [pending.replaces] : [])));
    const written = [...this.pending.values()].filter((pending) => pending.row);
    await this.write(written.filter((pending) => pending.inserted).map((pending) => pending.row as Row), false);
    await this.write(written.filter((pending) => !pending.inserted).map((pending) => pending.row as Row), true);
  }

  /** The row as the batch has it: the stored row with the batch's writes over it. */
  private current(key: string): Row | null {
    const pending = this.pending.get(key);
    const stored = this.stored.get(key) ?? null;
    if (!pending) return stored;
    if (!pending.row) return null;
    return pending.replaces || !stored ? pending.row : { ...stored, ...pending.row };
  }

  private known(where: RowMatch<Row>): boolean {
    return this.readCovering(where) !== undefined || (this.isKey(where) && this.stored.has(this.keyOf(where as Row)));
  }

  private async storedKeys(where: RowMatch<Row>): Promise<string[]> {
    if (this.isKey(where)) {
      const key = this.keyOf(where as Row);
      if (this.stored.has(key)) return this.stored.get(key) ? [key] : [];
    }
    const read = this.readCovering(where);
    if (read) return read;
    const rows = await this.manager.getRepository<Row>(this.metadata.target).find({ where: typeormWhere(where) });
    for (const row of rows) this.stored.set(this.keyOf(row), row);
    return this.remember(where, rows);
  }

  /** The stored rows matching `where`, from a read already made of these fields or of fewer (`{ caseId }` covers `{ caseId, round }`). */
  private readCovering(where: RowMatch<Row>): string[] | undefined {
    const exact = this.reads.get(signature(where));
    if (exact) return exact;
    const fields = Object.keys(where);
    for (let subset = (1 << fields.length) - 2; subset > 0; subset--) {
      const covering = this.reads.get(signature(Object.fromEntries(fields.filter((_, i) => subset & (1 << i)).map((field) => [field, where[field]]))));
      if (covering) return covering.filter((key) => matches(this.stored.get(key) as Row, where));
    }
    return undefined;
  }

  private remember(where: RowMatch<Row>, rows: Row[]): string[] {
    const keys = rows.map((row) => this.keyOf(row));
    this.reads.set(signature(where), keys);
    if (this.isKey(where) && !rows.length) this.stored.set(this.keyOf(where as Row), null);
    return keys;
  }

  private isKey(where: RowMatch<Row>): boolean {
    return this.keyColumns.every((column) => where[column.propertyName] !== undefined && where[column.propertyName] !== null);
  }

  /** The row's key as a map key. Runs several times per event: no array for a key of one column. */
  private keyOf(row: Row): string {
    if (this.keyColumns.length === 1) return keyPart(this.metadata.tableName, this.keyColumns[0].propertyName, row);
    let key = '';
    for (const column of this.keyColumns) key += `${JSON.stringify(keyPart(this.metadata.tableName, column.propertyName, row))},`;
    return key;
  }

  private async deleteKeys(keys: unknown[][]): Promise<void> {
    const perRow = this.keyColumns.length;
    for (const chunk of chunks(keys, Math.floor(this.maxParameters() / perRow))) {
      const parameters: unknown[] = [];
      const parameter = (value: unknown, column: ColumnMetadata) => {
        parameters.push(this.driver.preparePersistentValue(value, column));
        return this.driver.createParameter(`p${parameters.length}`, parameters.length - 1);
      };
      const condition =
        perRow === 1
          ? `${this.escape(this.keyColumns[0].databaseName)} IN (${chunk.map(([value]) => parameter(value, this.keyColumns[0])).join(', ')})`
          : chunk
              .map((values) => `(${this.keyColumns.map((column, i) => `${this.escape(column.databaseName)} = ${parameter(values[i], column)}`).join(' AND ')})`)
              .join(' OR ');
      await this.manager.query(`DELETE FROM ${this.tablePath()} WHERE ${condition}`, parameters);
    }
  }

  /** One multi-row INSERT per set of columns written (usually one), chunked under the parameter limit. */
  private async write(rows: Row[], upsert: boolean): Promise<void> {
    const byColumns = new Map<string, { columns: ColumnMetadata[]; rows: Row[] }>();
    for (const row of rows) {
      // Most rows carry every column: their shape needs no list of names.
      const complete = this.columns.every((column) => row[column.propertyName] !== undefined);
      const columns = complete ? this.columns : this.columns.filter((column) => row[column.propertyName] !== undefined);
      const shape = complete ? '*' : columns.map((column) => column.propertyName).join(',');
      const group = byColumns.get(shape) ?? { columns, rows: [] };
      group.rows.push(row);
      byColumns.set(shape, group);
    }
    for (const { columns, rows: grouped } of byColumns.values()) {
      const names = columns.map((column) => this.escape(column.databaseName));
      const updated = columns.filter((column) => !column.isPrimary).map((column) => this.escape(column.databaseName));
      const conflict = !upsert
        ? ''
        : ` ON CONFLICT (${this.keyColumns.map((column) => this.escape(column.databaseName)).join(', ')}) ` +
          (updated.length ? `DO UPDATE SET ${updated.map((name) => `${name} = excluded.${name}`).join(', ')}` : 'DO NOTHING');
      for (const chunk of chunks(grouped, Math.floor(this.maxParameters() / columns.length))) {
        const parameters: unknown[] = [];
        const values: string[] = [];
        for (const row of chunk) {
          const placeholders: string[] = [];
          for (const column of columns) {
            parameters.push(this.driver.preparePersistentValue(row[column.propertyName], column));
            placeholders.push(this.driver.createParameter(`p${parameters.length}`, parameters.length - 1));
          }
          values.push(`(${placeholders.join(', ')})`);
        }
        await this.manager.query(`INSERT INTO ${this.tablePath()} (${names.join(', ')}) VALUES ${values.join(', ')}${conflict}`, parameters);
      }
    }
  }

  private get driver() {
    return this.manager.connection.driver;
  }

  private maxParameters(): number {
    return this.driver.options.type === 'postgres' ? MAX_PARAMETERS.postgres : MAX_PARAMETERS.sqlite;
  }

  private escape(name: string): string {
    return this.driver.escape(name);
  }

  private tablePath(): string {
    return this.metadata.tablePath
      .split('.')
      .map((part) => this.escape(part))
      .join('.');
  }
}

function keyPart(table: string, field: string, row: ObjectLiteral): string {
  const value: unknown = row[field];
  if (value === undefined || value === null) throw new Error(`${table}: a row without its key ${field}`);
  return String(value);
}

/** TypeORM reads `null` in a `where` as "any value": the batch's tables mean "is null". */
function typeormWhere<Row extends ObjectLiteral>(where: RowMatch<Row>): FindOptionsWhere<Row> {
  return Object.fromEntries(Object.entries(where).map(([field, value]) => [field, value === null ? IsNull() : value])) as FindOptionsWhere<Row>;
}

function matches<Row extends ObjectLiteral>(row: Row, where: RowMatch<Row>): boolean {
  return Object.entries(where).every(([field, value]) => (value === null ? row[field] === null || row[field] === undefined : row[field] === value));
}

function signature(where: object): string {
  return JSON.stringify(Object.entries(where).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A copy without the fields left undefined (an upsert leaves them as they are). Runs per row written: a plain loop. */
function definedFields<Row extends object>(row: Row): Row {
  const defined: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row)) if (value !== undefined) defined[field] = value;
  return defined as Row;
}

function uniqueBy<T>(items: T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [keyOf(item), item])).values()];
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * The distinct values of `field` in the events' data, as matches for `BatchTable.load`: the rows a
 * batch's events name, read in one query before the events are applied.
 */
export function namedIn<Field extends string>(events: EventEnvelope[], field: Field): Array<Record<Field, string>> {
  const values = new Set<string>();
  for (const event of events) {
    const value = (event.data as Record<string, unknown> | null)?.[field];
    if (typeof value === 'string') values.add(value);
  }
  return [...values].map((value) => ({ [field]: value }) as Record<Field, string>);
}
