import { Logger } from '@nestjs/common';
import { SqlQuery, StorageTarget, relationExists, withTargetPool } from '../blobs/blob-storage';

export const SEARCH_TABLE = 'resource_knowledge_search';
export const SEARCH_INDEX = 'resource_knowledge_search_trgm';

const logger = new Logger('KnowledgeSearch');

/** The schema pg_trgm is installed in, if it is. */
async function trigramSchema(query: SqlQuery): Promise<string | undefined> {
  const [row] = await query(`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`);
  return row?.['schema'] as string | undefined;
}

/**
 * The PostgreSQL search index, created where missing: the table, pg_trgm (when this role may create it: a trusted
 * extension from PostgreSQL 13), and the GIN trigram index over title, tags and body. Answers the statements
 * applied (or, on a dry run, pending); none once everything exists. Without pg_trgm, searches scan the table.
 */
export async function ensureKnowledgeSearchTable(query: SqlQuery, schema: string, dryRun: boolean): Promise<string[]> {
  const statements: string[] = [];
  const run = async (statement: string) => {
    statements.push(statement);
    if (!dryRun) await query(statement);
  };
  if (!(await relationExists(query, schema, SEARCH_TABLE))) {
    await run(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await run(
      `CREATE TABLE IF NOT EXISTS "${schema}".${SEARCH_TABLE} (entry_key text PRIMARY KEY, kind text NOT NULL, entry_id text NOT NULL, revision text NOT NULL, title text NOT NULL, tags text NOT NULL, body text NOT NULL)`,
    );
  }
  if (await relationExists(query, schema, SEARCH_INDEX)) return statements;
  let trgm = await trigramSchema(query);
  if (!trgm) {
    try {
      await run('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    } catch (error) {
      statements.pop();
      logger.warn(`pg_trgm is not installed and this role may not install it (${String(error)}): searches scan ${SEARCH_TABLE}`);
    }
    trgm = dryRun ? 'public' : await trigramSchema(query);
    if (!trgm) return statements;
  }
  const ops = `"${trgm}".gin_trgm_ops`;
  await run(`CREATE INDEX IF NOT EXISTS ${SEARCH_INDEX} ON "${schema}".${SEARCH_TABLE} USING gin (title ${ops}, tags ${ops}, body ${ops})`);
  return statements;
}

/** The migration step's share for the search index (ServiceDefinition.storage). */
export const migrateKnowledgeSearchStorage = (target: StorageTarget): Promise<string[]> =>
  withTargetPool(target, (query) => ensureKnowledgeSearchTable(query, target.schema, target.dryRun));
