import { Logger } from '@nestjs/common';
import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { KnowledgeSearchIndex, MAX_SEARCH_HITS, SearchEntry, SearchKind, containing, searchWords } from './knowledge-search';

/**
 * The production index: the entries in `<schema>.resource_knowledge_search`, searched with ILIKE, which a GIN
 * index of `pg_trgm` trigram operators answers for patterns of three characters or more. Without the extension
 * (a database where it may not be created) the same query scans the table: slower, the same answers.
 */
export class PostgresKnowledgeSearch implements KnowledgeSearchIndex {
  private readonly logger = new Logger('KnowledgeSearch');
  private readonly schema: string;
  private readonly table: string;
  private ready?: Promise<void>;

  constructor(private readonly db: ReadModelDatabase) {
    this.schema = (db.dataSource.options as { schema?: string }).schema ?? 'public';
    this.table = `"${this.schema}".resource_knowledge_search`;
  }

  async put(entry: SearchEntry): Promise<void> {
    await this.prepared();
    await this.db.dataSource.query(
      `INSERT INTO ${this.table} AS s (entry_key, kind, entry_id, revision, title, tags, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (entry_key) DO UPDATE SET revision = EXCLUDED.revision, title = EXCLUDED.title, tags = EXCLUDED.tags, body = EXCLUDED.body
       WHERE s.revision <= EXCLUDED.revision`,
      [`${entry.kind}:${entry.id}`, entry.kind, entry.id, entry.revision, entry.title, entry.tags.join(' '), entry.text],
    );
  }

  async find(kind: SearchKind, phrase: string, limit = MAX_SEARCH_HITS): Promise<string[]> {
    const words = searchWords(phrase);
    if (words.length === 0) return [];
    await this.prepared();
    const conditions = words.map((_, i) => `(title ILIKE $${i + 2} OR tags ILIKE $${i + 2} OR body ILIKE $${i + 2})`).join(' AND ');
    const rows = (await this.db.dataSource.query(
      `SELECT entry_id AS id FROM ${this.table} WHERE kind = $1 AND ${conditions} ORDER BY (title ILIKE $2) DESC, entry_id LIMIT ${Math.max(1, Math.floor(limit))}`,
      [kind, ...words.map(containing)],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  private prepared(): Promise<void> {
    this.ready ??= this.createTable().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createTable(): Promise<void> {
    const query = (sql: string) => this.db.dataSource.query(sql);
    await query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
    await query(
      `CREATE TABLE IF NOT EXISTS ${this.table} (entry_key text PRIMARY KEY, kind text NOT NULL, entry_id text NOT NULL, revision text NOT NULL, title text NOT NULL, tags text NOT NULL, body text NOT NULL)`,
    );
    const trgm = await this.trigramSchema();
    if (!trgm) return;
    const ops = `"${trgm}".gin_trgm_ops`;
    await query(`CREATE INDEX IF NOT EXISTS resource_knowledge_search_trgm ON ${this.table} USING gin (title ${ops}, tags ${ops}, body ${ops})`);
  }

  /** The schema pg_trgm is installed in, installing it when it is not and this role may. */
  private async trigramSchema(): Promise<string | undefined> {
    const installed = async () =>
      ((await this.db.dataSource.query(`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`)) as Array<{ schema: string }>)[0]?.schema;
    const found = await installed();
    if (found) return found;
    try {
      await this.db.dataSource.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    } catch (error) {
      // Another process may have created it meanwhile; otherwise this role may not, and search scans instead.
      if (!(await installed())) this.logger.warn(`pg_trgm is not installed and could not be (${String(error)}): searches scan the index table`);
    }
    return installed();
  }
}
