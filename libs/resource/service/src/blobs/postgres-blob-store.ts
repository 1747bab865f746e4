import { Pool } from 'pg';
import { BlobStore, SHA256_PATTERN, sha256Of, verified } from './blob-store';
import { BLOB_TABLE, ensureBlobTable } from './blob-storage';

export interface PostgresBlobStoreOptions {
  url: string;
  /** The service's read-model schema: the table `resource_blobs` sits beside the projections' tables. */
  schema: string;
  poolSize?: number;
}

/**
 * The production blob store: one row per content in `<schema>.resource_blobs` (bytea), keyed by its SHA-256,
 * so every replica reads what any replica stored and backups take files and events together. Not a projection
 * table (it is never rebuilt from the log): the migration step creates it (`migrateBlobStorage`), and a process
 * that finds it missing (development, tests) creates it on first use.
 */
export class PostgresBlobStore implements BlobStore {
  private readonly pool: Pool;
  private readonly table: string;
  private ready?: Promise<void>;

  constructor(private readonly options: PostgresBlobStoreOptions) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.schema)) throw new Error(`Not a plain SQL schema name: ${options.schema}`);
    this.pool = new Pool({ connectionString: options.url, max: options.poolSize ?? 4 });
    this.table = `"${options.schema}".${BLOB_TABLE}`;
  }

  async put(bytes: Buffer): Promise<string> {
    await this.prepared();
    const sha256 = sha256Of(bytes);
    await this.pool.query(`INSERT INTO ${this.table} (sha256, size, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING`, [sha256, bytes.length, bytes]);
    return sha256;
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    if (!SHA256_PATTERN.test(sha256)) return undefined;
    await this.prepared();
    const { rows } = await this.pool.query<{ content: Buffer }>(`SELECT content FROM ${this.table} WHERE sha256 = $1`, [sha256]);
    return rows[0] ? verified(sha256, rows[0].content) : undefined;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private prepared(): Promise<void> {
    this.ready ??= ensureBlobTable(async (sql, params) => (await this.pool.query(sql, params)).rows, this.options.schema, false).then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined;
        throw error;
      },
    );
    return this.ready;
  }
}
