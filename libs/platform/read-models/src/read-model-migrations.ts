import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { READ_MODEL_LOCK } from './advisory-locks';
import { AnalyticsViewDefinition, createPostgresAnalyticsViews, dropPostgresAnalyticsViews } from './analytics-views';

/** Where each applied read-model migration is recorded, with its statements, in the read-model schema. */
export const READ_MODEL_MIGRATION_TABLE = 'read_model_migrations';

export interface ReadModelMigrationOptions {
  /**
   * Apply statements that drop tables or columns (data loss). Off by default: a renamed or retyped
   * column shows up as DROP plus ADD, and must be a deliberate decision (or a projection rebuild).
   */
  allowDestructive?: boolean;
  /** Compute and return the statements, apply nothing. */
  dryRun?: boolean;
  /** The analysts' views over these tables (ADR 0024): dropped before the DDL, created again after it, on every run. */
  analyticsViews?: readonly AnalyticsViewDefinition[];
}

export interface ReadModelMigrationResult {
  /** The DDL that brings the schema to the entities, in order (applied unless dryRun). */
  statements: string[];
  applied: boolean;
}

/** The read-model schema does not match the entities of this code: the migration step has not run. */
export class ReadModelSchemaBehindError extends Error {
  override readonly name = 'ReadModelSchemaBehindError';
  constructor(
    readonly schema: string,
    readonly statements: string[],
  ) {
    super(
      `The read-model schema "${schema}" is behind this code (${statements.length} pending statement(s), first: ` +
        `${statements[0]}). Run the read-model migration step (migrateReadModels) before starting the service.`,
    );
  }
}

const DESTRUCTIVE = /\bDROP\s+(TABLE|COLUMN)\b/i;

/** The DDL TypeORM's schema builder would run to bring the database to the DataSource's entities. */
export async function pendingReadModelStatements(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

/**
 * Brings a PostgreSQL read-model schema to the entities, under an advisory lock (concurrent
 * migrators wait, then find nothing left to do), in one transaction, and records what it ran.
 */
export async function applyReadModelMigration(
  dataSource: DataSource,
  schema: string,
  options: ReadModelMigrationOptions = {},
): Promise<ReadModelMigrationResult> {
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [READ_MODEL_LOCK.migrations, schema]);
    // Computed under the lock, so a migrator that waited sees what the first one applied.
    const queries = (await dataSource.driver.createSchemaBuilder().log()).upQueries;
    const statements = queries.map((q) => q.query);
    const destructive = statements.filter((s) => DESTRUCTIVE.test(s));
    if (destructive.length && !options.allowDestructive && !options.dryRun) {
      throw new Error(`Refusing destructive read-model migration (pass allowDestructive to apply it):\n  ${destructive.join('\n  ')}`);
    }
    const views = options.analyticsViews ?? [];
    if (options.dryRun || (statements.length === 0 && views.length === 0)) {
      await runner.rollbackTransaction();
      return { statements, applied: false };
    }
    const quoted = `"${schema.replace(/"/g, '""')}"`;
    await runner.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    const run = (sql: string, parameters?: unknown[]) => runner.query(sql, parameters);
    await dropPostgresAnalyticsViews(run, schema);
    await runner.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.${READ_MODEL_MIGRATION_TABLE} (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now(),
         checksum text NOT NULL,
         statements text NOT NULL
       )`,
    );
    for (const query of queries) await runner.query(query.query, query.parameters);
    const text = statements.join(';\n');
    if (statements.length) {
      await runner.query(`INSERT INTO ${quoted}.${READ_MODEL_MIGRATION_TABLE} (checksum, statements) VALUES ($1, $2)`, [
        createHash('sha256').update(text).digest('hex'),
        text,
      ]);
    }
    await createPostgresAnalyticsViews(run, views, schema);
    await runner.commitTransaction();
    return { statements, applied: statements.length > 0 };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
