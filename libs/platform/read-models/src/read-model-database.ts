import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';

export type ReadModelDatabaseConfig =
  | { type: 'sqlite'; filename: string }
  | { type: 'postgres'; url: string; schema?: string };

/**
 * The read-model database: one TypeORM DataSource shared by projections, checkpoints, inboxes and
 * schedules. On SQLite a single connection serves everything, so write transactions are queued
 * here rather than interleaved on it.
 */
export class ReadModelDatabase {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly dataSource: DataSource) {}

  static async open(
    config: ReadModelDatabaseConfig,
    entities: DataSourceOptions['entities'],
  ): Promise<ReadModelDatabase> {
    const dataSource =
      config.type === 'sqlite'
        ? new DataSource({
            type: 'better-sqlite3',
            database: config.filename,
            entities,
            synchronize: true,
            enableWAL: true,
            prepareDatabase: (db: { pragma(s: string): unknown }) => {
              db.pragma('busy_timeout = 5000');
            },
          })
        : new DataSource({ type: 'postgres', url: config.url, schema: config.schema, entities, synchronize: true });
    await dataSource.initialize();
    return new ReadModelDatabase(dataSource);
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
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
