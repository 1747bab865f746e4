import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { KnowledgeSearchIndex, MAX_SEARCH_HITS, SearchEntry, SearchKind, containing, searchWords } from './knowledge-search';
import { SEARCH_TABLE, ensureKnowledgeSearchTable } from './knowledge-search-storage';

/**
 * The production index: the entries in `<schema>.resource_knowledge_search`, searched with ILIKE, which a GIN
 * index of `pg_trgm` trigram operators answers for patterns of three characters or more. Without the extension
 * (a database where it may not be created) the same query scans the table: slower, the same answers. The
 * migration step creates the table and the index (`migrateKnowledgeSearchStorage`); a process that finds them
 * missing (development, tests) creates them on first use.
 */
export class PostgresKnowledgeSearch implements KnowledgeSearchIndex {
  private readonly schema: string;
  private readonly table: string;
  private ready?: Promise<void>;

  constructor(private readonly db: ReadModelDatabase) {
    this.schema = (db.dataSource.options as { schema?: string }).schema ?? 'public';
    this.table = `"${this.schema}".${SEARCH_TABLE}`;
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
    const query = async (sql: string, params?: unknown[]) => (await this.db.dataSource.query(sql, params)) as Array<Record<string, unknown>>;
    this.ready ??= ensureKnowledgeSearchTable(query, this.schema, false).then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined;
        throw error;
      },
    );
    return this.ready;
  }
}
