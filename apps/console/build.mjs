#!/usr/bin/env node
// Builds the web console: `node apps/console/build.mjs [outDir]` (default dist/apps/console, where the standalone
// app serves it from). The bundle is written beside the target and moved into place, so that a server, or a
// second build started at the same time, never sees half of one.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(process.argv[2] ?? join(here, '..', '..', 'dist', 'apps', 'console'));
const staging = `${target}.${process.pid}.tmp`;

try {
  await build({ configFile: join(here, 'vite.config.mjs'), logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  console.log(`console: built ${target}`);
} finally {
  if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
}
