#!/usr/bin/env node
// `node scripts/openapi-lint.mjs [file]`: writes the standalone app's OpenAPI document (what it serves at
// /docs/openapi.json, every service's routes) to the file (a temporary one by default) and lints it with Redocly's
// recommended rules. Exits non-zero on any error; warnings are printed and pass.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const scratch = process.argv[2] ? undefined : mkdtempSync(join(tmpdir(), 'sl-openapi-lint-'));
const file = process.argv[2] ? resolve(process.argv[2]) : join(scratch, 'openapi.json');

function run(args, env = {}) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

let status = run(['-r', '@swc-node/register', join('apps', 'standalone', 'src', 'openapi.ts'), file], {
  SWC_NODE_PROJECT: 'tsconfig.base.json',
  // Only errors: the routes Nest maps are not worth a line each here.
  NODE_ENV: 'test',
});
if (status === 0) {
  status = run([require.resolve('@redocly/cli/bin/cli.js'), 'lint', file, '--extends', 'recommended'], { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' });
}
if (scratch) rmSync(scratch, { recursive: true, force: true });
process.exit(status);
