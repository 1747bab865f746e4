import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL_DB } from '@serviceledger/platform/nest';
import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { PostgresKnowledgeSearch } from './postgres-knowledge-search';
import { SqliteKnowledgeSearch } from './sqlite-knowledge-search';

export type SearchKind = 'document' | 'article';

/** What is searched of a document or an article: its title, tags and text (a document's latest version's). */
export interface SearchEntry {
  kind: SearchKind;
  id: string;
  /** When the entry's source last changed (ISO-8601): an entry never replaces a newer one. */
  revision: string;
  title: string;
  tags: string[];
  text: string;
}

/** At most this many hits per search: a phrase is meant to narrow the knowledge down, not to list it. */
export const MAX_SEARCH_HITS = 500;

/**
 * The full-text index of documents and articles (R-1.1, R-1.2), Chinese included: substring search on trigrams,
 * which needs no word segmentation. In the read-model database beside the projections, outside their tables
 * (docs/adr/0017-blob-store-and-search.md): SQLite FTS5 with the trigram tokenizer on the embedded default,
 * `pg_trgm` on PostgreSQL.
 */
export interface KnowledgeSearchIndex {
  put(entry: SearchEntry): Promise<void>;
  /** The ids of entries of the kind whose title, tags or text hold every word of the phrase: title hits first. */
  find(kind: SearchKind, phrase: string, limit?: number): Promise<string[]>;
}

/** The words of a search phrase: split on white space, at most eight. */
export function searchWords(phrase: string): string[] {
  return phrase.split(/\s+/).filter(Boolean).slice(0, 8);
}

/** A LIKE pattern holding the word anywhere, its wildcards escaped with `\`. */
export function containing(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The index of the read-model database this process uses. */
@Injectable()
export class KnowledgeSearch implements KnowledgeSearchIndex {
  private readonly index: KnowledgeSearchIndex;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDatabase) {
    this.index = db.isSqlite ? new SqliteKnowledgeSearch(db) : new PostgresKnowledgeSearch(db);
  }

  put(entry: SearchEntry): Promise<void> {
    return this.index.put(entry);
  }

  find(kind: SearchKind, phrase: string, limit = MAX_SEARCH_HITS): Promise<string[]> {
    return this.index.find(kind, phrase, limit);
  }
}
