import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { newId } from '@serviceledger/platform/core';
import { SqliteEventStore } from '@serviceledger/platform/sqlite';
import { newEvent } from '@serviceledger/platform/testing';
import { tableName } from './projection';

const root = resolve(__dirname, '../../../..');

function startWorker(storeFile: string, readFile: string): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'testing/projection-worker.ts'), storeFile, readFile], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function countOf(readFile: string): { rows: number; total: number } {
  let db: Database.Database | undefined;
  try {
    db = new Database(readFile, { readonly: true, fileMustExist: true });
    const rows = db.prepare(`SELECT COUNT(*) AS n FROM ${tableName('test.counting', 'seen', 'a')}`).get() as { n: number };
    const total = db.prepare(`SELECT count FROM ${tableName('test.counting', 'total', 'a')} WHERE id = 1`).get() as { count: number } | undefined;
    return { rows: rows.n, total: total?.count ?? 0 };
  } catch {
    // Not created yet by the worker.
    return { rows: 0, total: 0 };
  } finally {
    db?.close();
  }
}

async function until<T>(probe: () => T, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('projection under SIGKILL', () => {
  const children: ChildProcess[] = [];
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sl-crash-'))));
  afterEach(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a process killed mid-batch loses nothing and duplicates nothing after a restart', async () => {
    const storeFile = join(dir, 'events.db');
    const readFile = join(dir, 'read.db');
    const store = new SqliteEventStore({ filename: storeFile });
    const events = 1200;
    for (let i = 0; i < events; i += 100) {
      await store.appendToStream(`test.thing-${newId()}`, Array.from({ length: 100 }, () => newEvent('Happened')));
    }
    await store.close();

    const first = startWorker(storeFile, readFile);
    children.push(first);
    // Kill it once a batch has committed and the next one is under way.
    const progress = await until(() => countOf(readFile), (c) => c.total > 0, 20000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = countOf(readFile);
    expect(atKill.total).toBeLessThan(events);
    expect(atKill.rows).toBe(atKill.total);
    expect(progress.total).toBeGreaterThan(0);

    children.push(startWorker(storeFile, readFile));
    const final = await until(() => countOf(readFile), (c) => c.total >= events, 60000);
    expect(final).toEqual({ rows: events, total: events });
  });
});
