import { DataSource, QueryRunner } from 'typeorm';

/**
 * pg wants one query at a time on a client: a query sent while another waits draws the warning "Calling
 * client.query() when the client is already executing a query is deprecated" (pg 9 will refuse it).
 * TypeORM's PostgreSQL schema reader sends four at once on its runner (`loadTables`, which every start
 * runs to verify the schema), and a `Promise.all` inside a transaction would do the same. So each query
 * runner of the DataSource queues its queries; separate runners (pooled clients) still run in parallel.
 */
export function oneQueryAtATimePerRunner(dataSource: DataSource): DataSource {
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    let previous: Promise<unknown> = Promise.resolve();
    runner.query = ((...args: unknown[]) => {
      const next = previous.then(() => query(...args));
      previous = next.catch(() => undefined);
      return next;
    }) as QueryRunner['query'];
    return runner;
  };
  return dataSource;
}
