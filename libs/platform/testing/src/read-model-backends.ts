import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchSchema } from '@serviceledger/platform/postgres';
import { ReadModelDatabaseConfig } from '@serviceledger/platform/read-models';

/** One read-model database for one test: open it (and reopen it) with `config`; `dispose` removes it. */
export interface TestBackend {
  config: ReadModelDatabaseConfig;
  dispose(): Promise<void>;
}

/**
 * The read-model backends a behaviour must hold on: the embedded SQLite file, and PostgreSQL (a
 * scratch schema on `PG_URL`, migrated at open the way the migration step would). For `describe.each`.
 */
export const readModelBackends: Array<{ name: string; create(): TestBackend }> = [
  {
    name: 'SQLite',
    create() {
      const dir = mkdtempSync(join(tmpdir(), 'sl-read-'));
      return {
        config: { type: 'sqlite', filename: join(dir, 'read.db') },
        dispose: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    create() {
      const scratch = scratchSchema();
      return {
        config: { type: 'postgres', url: scratch.url, schema: scratch.schema, schemaChanges: 'migrate', poolSize: 4 },
        dispose: () => scratch.drop(),
      };
    },
  },
];
