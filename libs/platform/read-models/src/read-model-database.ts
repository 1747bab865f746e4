import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { AnalyticsViewDefinition, sqliteAnalyticsStatements } from './analytics-views';
import { AdvisoryLockLeases, Leases, LocalLeases } from './leases';
import { oneQueryAtATimePerRunner } from './one-query-at-a-time';
import {
  ReadModelMigrationOptions,
  ReadModelMigrationResult,
  ReadModelSchemaBehindError,
  applyReadModelMigration,
  pendingReadModelStatements,
} from './read-model-migrations';

export interface PostgresReadModelConfig {
  type: 'postgres';
  url: string;
  /** Default `public`. */
  schema?: string;
  /**
   * `verify` (default, production): never change the schema; refuse to open when it is behind the
   * entities, naming the pending DDL. `migrate`: apply the pending DDL at open, as the migration step
   * would (development, tests, a single replica).
   */
  schemaChanges?: 'verify' | 'migrate';
  poolSize?: number;
  /** How often the lease connection is checked while it holds leases (default 5000 ms). */
  leaseHeartbeatMs?: number;
}

export type ReadModelDatabaseConfig = { type: 'sqlite'; filename: string } | PostgresReadModelConfig;

type Entities = DataSourceOptions['entities'];

/**
 * The read-model database: one TypeORM DataSource shared by projections, checkpoints, inboxes and
 * schedules. On SQLite a single connection serves everything, so write transactions are queued
 * here rather than interleaved on it.
 *
 * SQLite (embedded) synchronises its schema at open. PostgreSQL never does: its schema comes from
 * the migration step (`migrateReadModels`), and `open` refuses a schema that is behind.
 */
export class ReadModelDatabase {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dataSource: DataSource,
    /** Who runs each projection: advisory locks on PostgreSQL, in-process on SQLite. */
    readonly leases: Leases,
  ) {}

  /**
   * `analyticsViews`: the analysts' views over the tables (ADR 0024). SQLite drops them, synchronises the tables and
   * creates them again; on PostgreSQL the migration step does it, here with `schemaChanges: 'migrate'`.
   */
  static async open(config: ReadModelDatabaseConfig, entities: Entities, options: { analyticsViews?: readonly AnalyticsViewDefinition[] } = {}): Promise<ReadModelDatabase> {
    if (config.type === 'sqlite') {
      const dataSource = new DataSource({
        type: 'better-sqlite3',
        database: config.filename,
        entities,
        // Synchronised below, around the analytics views: SQLite refuses to rename a table a view names while it rebuilds one.
        synchronize: false,
        enableWAL: true,
        prepareDatabase: (db: { pragma(s: string): unknown }) => {
          db.pragma('busy_timeout = 5000');
          // Rows rewritten on an erasure (ADR 0016) must leave no copy in the space they free.
          db.pragma('secure_delete = ON');
        },
      });
      await dataSource.initialize();
      await synchroniseWithAnalyticsViews(dataSource, options.analyticsViews ?? []);
      return new ReadModelDatabase(dataSource, new LocalLeases());
    }
    const schema = config.schema ?? 'public';
    const dataSource = await openPostgres(config, entities);
    try {
      if (config.schemaChanges === 'migrate') {
        await applyReadModelMigration(dataSource, schema, { analyticsViews: options.analyticsViews });
      } else {
        const pending = await pendingReadModelStatements(dataSource);
        if (pending.length) throw new ReadModelSchemaBehindError(schema, pending);
      }
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
    return new ReadModelDatabase(dataSource, new AdvisoryLockLeases(config.url, schema, config.leaseHeartbeatMs));
  }

  get isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  /** Runs `work` in one transaction: everything it writes commits together or not at all. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(work);
    const run = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * On SQLite, checkpoints the write-ahead log and empties it: after an erasure (ADR 0016) it still holds
   * the pages as they were before their personal data was rewritten. Nothing to do on PostgreSQL.
   */
  async truncateLog(): Promise<void> {
    if (!this.isSqlite) return;
    const run = this.queue.then(() => this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)'));
    this.queue = run.catch(() => undefined);
    await run;
  }

  async isHealthy(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.leases.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** SQLite: the analytics views go (those of an earlier release too), the tables are synchronised, the views come back. */
async function synchroniseWithAnalyticsViews(dataSource: DataSource, views: readonly AnalyticsViewDefinition[]): Promise<void> {
  const existing = (await dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'analytics\\_%' ESCAPE '\\'`)) as Array<{ name: string }>;
  for (const { name } of existing) await dataSource.query(`DROP VIEW IF EXISTS "${name.replace(/"/g, '""')}"`);
  await dataSource.synchronize();
  for (const statement of sqliteAnalyticsStatements(views)) await dataSource.query(statement);
}

function openPostgres(config: PostgresReadModelConfig, entities: Entities): Promise<DataSource> {
  return oneQueryAtATimePerRunner(new DataSource({
    type: 'postgres',
    url: config.url,
    schema: config.schema ?? 'public',
    entities,
    synchronize: false,
    migrationsRun: false,
    extra: { max: config.poolSize ?? 10 },
  })).initialize();
}

/**
 * The read-model migration step (a Kubernetes Job, or `npm run migrate`): brings a PostgreSQL schema
 * to `entities` — every service's projection tables and the platform tables — under an advisory lock,
 * and records what it applied. Run it before the services of a release start.
 */
export async function migrateReadModels(
  config: PostgresReadModelConfig,
  entities: Entities,
  options: ReadModelMigrationOptions = {},
): Promise<ReadModelMigrationResult> {
  const dataSource = await openPostgres(config, entities);
  try {
    return await applyReadModelMigration(dataSource, config.schema ?? 'public', options);
  } finally {
    await dataSource.destroy();
  }
}
