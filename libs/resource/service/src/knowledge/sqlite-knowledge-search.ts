import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { KnowledgeSearchIndex, MAX_SEARCH_HITS, SearchEntry, SearchKind, containing, searchWords } from './knowledge-search';

const ENTRIES = 'resource_knowledge_entries';
const FTS = 'resource_knowledge_fts';

/**
 * The embedded index: the entries in a plain table and an FTS5 table over it (external content, kept in step by
 * triggers) with the `trigram` tokenizer, so any substring of three characters or more is found through the index.
 * Words shorter than that are looked for with LIKE over the entries.
 */
export class SqliteKnowledgeSearch implements KnowledgeSearchIndex {
  private ready?: Promise<void>;

  constructor(private readonly db: ReadModelDatabase) {}

  async put(entry: SearchEntry): Promise<void> {
    await this.prepared();
    await this.db.transaction(async (manager) => {
      const key = `${entry.kind}:${entry.id}`;
      const [stored] = (await manager.query(`SELECT revision FROM ${ENTRIES} WHERE entry_key = ?`, [key])) as Array<{ revision: string }>;
      if (stored && stored.revision > entry.revision) return;
      const values = [entry.revision, entry.title, entry.tags.join(' '), entry.text];
      if (stored) await manager.query(`UPDATE ${ENTRIES} SET revision = ?, title = ?, tags = ?, body = ? WHERE entry_key = ?`, [...values, key]);
      else await manager.query(`INSERT INTO ${ENTRIES} (entry_key, kind, entry_id, revision, title, tags, body) VALUES (?, ?, ?, ?, ?, ?, ?)`, [key, entry.kind, entry.id, ...values]);
    });
  }

  async find(kind: SearchKind, phrase: string, limit = MAX_SEARCH_HITS): Promise<string[]> {
    const words = searchWords(phrase);
    if (words.length === 0) return [];
    await this.prepared();
    const titleFirst = `ORDER BY (e.title LIKE ? ESCAPE '\\') DESC, e.entry_id LIMIT ?`;
    if (words.every((word) => [...word].length >= 3)) {
      const match = words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' AND ');
      const rows = (await this.db.manager.query(
        `SELECT e.entry_id AS id FROM ${FTS} f JOIN ${ENTRIES} e ON e.rowid = f.rowid WHERE ${FTS} MATCH ? AND e.kind = ? ${titleFirst}`,
        [`{title tags body}: (${match})`, kind, containing(words[0]), limit],
      )) as Array<{ id: string }>;
      return rows.map((row) => row.id);
    }
    const conditions = words.map(() => `(e.title || ' ' || e.tags || ' ' || e.body) LIKE ? ESCAPE '\\'`).join(' AND ');
    const rows = (await this.db.manager.query(`SELECT e.entry_id AS id FROM ${ENTRIES} e WHERE e.kind = ? AND ${conditions} ${titleFirst}`, [
      kind,
      ...words.map(containing),
      containing(words[0]),
      limit,
    ])) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  private prepared(): Promise<void> {
    this.ready ??= this.db
      .transaction(async (manager) => {
        await manager.query(
          `CREATE TABLE IF NOT EXISTS ${ENTRIES} (rowid INTEGER PRIMARY KEY, entry_key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, entry_id TEXT NOT NULL, revision TEXT NOT NULL, title TEXT NOT NULL, tags TEXT NOT NULL, body TEXT NOT NULL)`,
        );
        await manager.query(`CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS} USING fts5(title, tags, body, content='${ENTRIES}', content_rowid='rowid', tokenize='trigram')`);
        await manager.query(
          `CREATE TRIGGER IF NOT EXISTS ${ENTRIES}_inserted AFTER INSERT ON ${ENTRIES} BEGIN INSERT INTO ${FTS} (rowid, title, tags, body) VALUES (new.rowid, new.title, new.tags, new.body); END`,
        );
        await manager.query(
          `CREATE TRIGGER IF NOT EXISTS ${ENTRIES}_deleted AFTER DELETE ON ${ENTRIES} BEGIN INSERT INTO ${FTS} (${FTS}, rowid, title, tags, body) VALUES ('delete', old.rowid, old.title, old.tags, old.body); END`,
        );
        await manager.query(
          `CREATE TRIGGER IF NOT EXISTS ${ENTRIES}_updated AFTER UPDATE ON ${ENTRIES} BEGIN INSERT INTO ${FTS} (${FTS}, rowid, title, tags, body) VALUES ('delete', old.rowid, old.title, old.tags, old.body); INSERT INTO ${FTS} (rowid, title, tags, body) VALUES (new.rowid, new.title, new.tags, new.body); END`,
        );
      })
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }
}
