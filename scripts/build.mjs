#!/usr/bin/env node
// `npm run build`: for now this only type-checks the whole workspace (`tsc -p tsconfig.base.json --noEmit`).
// Nothing is emitted: `npm start` and jest compile TypeScript on the fly with SWC, so there is no dist/ to build yet.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.base.json', '--noEmit', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
child.on('error', (error) => {
  console.error(`build: could not run tsc: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
