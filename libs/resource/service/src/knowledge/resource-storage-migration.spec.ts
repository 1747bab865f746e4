import { Pool } from 'pg';
import { TestBackend, readModelBackends } from '@serviceledger/platform/testing';
import { migrateBlobStorage } from '../blobs/blob-storage';
import { migrateKnowledgeSearchStorage } from './knowledge-search-storage';

const postgres = readModelBackends.find((backend) => backend.name === 'PostgreSQL') as (typeof readModelBackends)[number];

describe('the resource service’s storage in the migration step, on PostgreSQL (R-1.1, R-1.2)', () => {
  let backend: TestBackend;
  let target: { url: string; schema: string };
  beforeEach(() => {
    backend = postgres.create();
    const config = backend.config as { url: string; schema?: string };
    target = { url: config.url, schema: config.schema ?? 'public' };
  });
  afterEach(() => backend.dispose());

  it('reports the blob table, the search table and its trigram index on a dry run, creates them once, then has nothing to do', async () => {
    const planned = [...(await migrateBlobStorage({ ...target, dryRun: true })), ...(await migrateKnowledgeSearchStorage({ ...target, dryRun: true }))];
    expect(planned).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`CREATE TABLE IF NOT EXISTS "${target.schema}".resource_blobs`),
        expect.stringContaining(`CREATE TABLE IF NOT EXISTS "${target.schema}".resource_knowledge_search`),
        expect.stringMatching(/^CREATE INDEX IF NOT EXISTS resource_knowledge_search_trgm .* USING gin \(title "\w+"\.gin_trgm_ops/),
      ]),
    );
    await migrateBlobStorage({ ...target, dryRun: false });
    await migrateKnowledgeSearchStorage({ ...target, dryRun: false });
    expect(await migrateBlobStorage({ ...target, dryRun: true })).toEqual([]);
    expect(await migrateKnowledgeSearchStorage({ ...target, dryRun: true })).toEqual([]);

    const pool = new Pool({ connectionString: target.url, max: 1 });
    try {
      const { rows } = await pool.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = $2', [target.schema, 'resource_knowledge_search_trgm']);
      expect(rows[0].indexdef).toMatch(/USING gin \(title .*gin_trgm_ops, tags .*gin_trgm_ops, body .*gin_trgm_ops\)/);
    } finally {
      await pool.end();
    }
  });
});
