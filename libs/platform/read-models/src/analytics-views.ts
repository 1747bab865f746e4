import { EntitySchemaColumnOptions } from 'typeorm';
import { READ_MODEL_LOCK } from './advisory-locks';
import { ProjectionDefinition, Slot, tableName } from './projection';

/** The PostgreSQL schema of the analysts' views; on SQLite the views are named `analytics_<view>`. */
export const ANALYTICS_SCHEMA = 'analytics';

/** The read-only role the migrations create on PostgreSQL: USAGE on `analytics` and SELECT on its views, nothing else. */
export const ANALYST_ROLE = 'serviceledger_analyst';

/**
 * A view for analysts over one read-model table: a stable name with a version (`demands_v1`), whatever slot the
 * projection serves from and however its tables are named, and a description of every column. The version changes
 * when a column is removed, renamed or retyped, like a contract's (ADR 0024).
 */
export interface AnalyticsViewDefinition {
  /** The view's name without its version, unique across the services: `demands`. */
  name: string;
  version: number;
  projection: ProjectionDefinition;
  table: string;
  /** One row is…: what the view holds, and from which events. */
  description: string;
  /** Fields of the table the view leaves out: personal data, free text about customers or staff, internal JSON state. */
  omit?: readonly string[];
  /** What a column means where its name and type do not say it, by the row's field name. */
  columns?: Readonly<Record<string, string>>;
}

export interface AnalyticsColumn {
  /** The view's column: the row's field in snake case, `demand_id`. */
  name: string;
  /** The table's column it reads. */
  source: string;
  type: 'text' | 'integer' | 'bigint' | 'real' | 'boolean';
  nullable: boolean;
  key: boolean;
  description: string;
}

/** `demands_v1`. */
export function analyticsViewName(view: Pick<AnalyticsViewDefinition, 'name' | 'version'>): string {
  return `${view.name}_v${view.version}`;
}

/** The view's columns, in the table's order, without the omitted fields. */
export function analyticsColumns(view: AnalyticsViewDefinition): AnalyticsColumn[] {
  const spec = view.projection.tables[view.table];
  if (!spec) throw new Error(`Analytics view ${view.name}: projection ${view.projection.name} has no table ${view.table}`);
  const columns = spec.columns as Record<string, EntitySchemaColumnOptions>;
  for (const field of [...(view.omit ?? []), ...Object.keys(view.columns ?? {})]) {
    if (!(field in columns)) throw new Error(`Analytics view ${view.name}: table ${view.projection.name}.${view.table} has no field ${field}`);
  }
  return Object.entries(columns)
    .filter(([field]) => !view.omit?.includes(field))
    .map(([field, options]) => {
      const type = columnType(options);
      return {
        name: snakeCase(field),
        source: options.name ?? field,
        type,
        nullable: options.nullable === true,
        key: options.primary === true,
        description: view.columns?.[field] ?? describe(field, type),
      };
    });
}

function columnType(options: EntitySchemaColumnOptions): AnalyticsColumn['type'] {
  const type = options.type;
  if (type === Number || type === 'int' || type === 'integer') return 'integer';
  if (type === Boolean || type === 'boolean') return 'boolean';
  if (type === 'real' || type === 'float' || type === 'double precision') return 'real';
  if (type === 'bigint') return 'bigint';
  return 'text';
}

function snakeCase(field: string): string {
  return field.replace(/[A-Z0-9]+/g, (part) => `_${part.toLowerCase()}`).replace(/^_/, '');
}

/** A column's generated description: its name in words, and how instants and dates are written. */
function describe(field: string, type: AnalyticsColumn['type']): string {
  const words = snakeCase(field).replace(/_/g, ' ');
  const sentence = `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
  if (type === 'text' && /(At|Since)$/.test(field)) return `${sentence}: an instant, ISO 8601 in UTC (\`2026-03-02T09:00:00.000Z\`).`;
  if (type === 'text' && /(On|Due)$/.test(field)) return `${sentence}: a date, \`YYYY-MM-DD\`.`;
  if (/.Id$/.test(field)) return `The id of the ${words.replace(/ id$/, '')}.`;
  if (type === 'boolean') return `${sentence}: true or false.`;
  return `${sentence}.`;
}

type Dialect = 'postgres' | 'sqlite';

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The view's query: the rows of the slot the projection's registry row names (slot `a` before it has one), so the
 * view follows a rebuild's switch without being recreated; the other slot's branch is skipped at run time.
 */
function viewQuery(view: AnalyticsViewDefinition, dialect: Dialect, schema: string): string {
  const qualified = (table: string) => (dialect === 'postgres' ? `${quote(schema)}.${quote(table)}` : quote(table));
  const activeSlot = `(SELECT active_slot FROM ${qualified('platform_projection')} WHERE name = ${literal(view.projection.name)})`;
  const select = analyticsColumns(view)
    .map((column) => `${quote(column.source)} AS ${column.name}`)
    .join(', ');
  const branch = (slot: Slot) =>
    `SELECT ${select} FROM ${qualified(tableName(view.projection.name, view.table, slot))} WHERE COALESCE(${activeSlot}, 'a') = '${slot}'`;
  return `${branch('a')} UNION ALL ${branch('b')}`;
}

/** What the PostgreSQL migration runs after the tables' DDL: the schema, the role, each view with its comments, the grants. */
export function postgresAnalyticsStatements(views: readonly AnalyticsViewDefinition[], schema: string): string[] {
  const analytics = quote(ANALYTICS_SCHEMA);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${analytics}`,
    // A role an administrator created beforehand is kept; two databases' migrators racing to create it both succeed.
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(ANALYST_ROLE)}) THEN CREATE ROLE ${ANALYST_ROLE} NOLOGIN; END IF; ` +
      `EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    `GRANT USAGE ON SCHEMA ${analytics} TO ${ANALYST_ROLE}`,
    ...views.flatMap((view) => {
      const name = `${analytics}.${analyticsViewName(view)}`;
      return [
        `CREATE VIEW ${name} AS ${viewQuery(view, 'postgres', schema)}`,
        `COMMENT ON VIEW ${name} IS ${literal(view.description)}`,
        ...analyticsColumns(view).map((column) => `COMMENT ON COLUMN ${name}.${column.name} IS ${literal(column.description)}`),
        `GRANT SELECT ON ${name} TO ${ANALYST_ROLE}`,
      ];
    }),
  ];
}

/** Runs SQL on the migration's connection. */
export type RunQuery = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/**
 * Before a PostgreSQL migration's DDL: takes the analytics lock (migrators of other schemas share the `analytics`
 * schema) and drops the views over this schema's tables, which would refuse a dropped or retyped column.
 */
export async function dropPostgresAnalyticsViews(query: RunQuery, schema: string): Promise<void> {
  await query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [READ_MODEL_LOCK.migrations, ANALYTICS_SCHEMA]);
  const views = (await query(
    `SELECT DISTINCT view_name FROM information_schema.view_table_usage WHERE view_schema = $1 AND table_schema = $2`,
    [ANALYTICS_SCHEMA, schema],
  )) as Array<{ view_name: string }>;
  for (const { view_name } of views) await query(`DROP VIEW IF EXISTS ${quote(ANALYTICS_SCHEMA)}.${quote(view_name)}`);
}

/** After a PostgreSQL migration's DDL: the views, in one round trip; a view of that name over another schema is replaced. */
export async function createPostgresAnalyticsViews(query: RunQuery, views: readonly AnalyticsViewDefinition[], schema: string): Promise<void> {
  const replaced = views.map((view) => `DROP VIEW IF EXISTS ${quote(ANALYTICS_SCHEMA)}.${analyticsViewName(view)}`);
  await query([...replaced, ...postgresAnalyticsStatements(views, schema)].join(';\n'));
}

/** On SQLite, the statements that create the analytics views, named `analytics_<view>` (SQLite has no schemas to put them in). */
export function sqliteAnalyticsStatements(views: readonly AnalyticsViewDefinition[]): string[] {
  // IF NOT EXISTS: the embedded default's worker thread opens the same file at the same time, with the same definitions.
  return views.map((view) => `CREATE VIEW IF NOT EXISTS ${quote(`${ANALYTICS_SCHEMA}_${analyticsViewName(view)}`)} AS ${viewQuery(view, 'sqlite', 'main')}`);
}
