#!/usr/bin/env node
// `npm run build`: type-checks the workspace with tsc, then compiles apps/ and libs/, and the operators' scripts the
// image runs (scripts/rotate-master-key.ts), to dist/ (scripts/compile-server.mjs) and builds the web console into
// dist/apps/console.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { compileServer } from './compile-server.mjs';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const typecheck = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.base.json', '--noEmit'], {
  cwd: root,
  stdio: 'inherit',
});
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);
// The web console (apps/console) is type-checked on its own: browser libraries, JSX, bundler resolution.
const consoleTypecheck = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join('apps', 'console', 'tsconfig.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (consoleTypecheck.status !== 0) process.exit(consoleTypecheck.status ?? 1);

const out = join(root, 'dist');
rmSync(out, { recursive: true, force: true });
const { compiled } = compileServer(root);
console.log(`build: compiled ${compiled} files to ${relative(root, out)}/`);

// The web console's static bundle, into dist/apps/console, where the standalone app serves it at `/`.
const consoleBuild = spawnSync(process.execPath, [join('apps', 'console', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (consoleBuild.status !== 0) process.exit(consoleBuild.status ?? 1);
