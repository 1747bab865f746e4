#!/usr/bin/env node
// `npm run build`: type-checks the workspace with tsc, then compiles apps/ and libs/ (not specs, not test
// helpers) to dist/ with SWC, rewriting the tsconfig path aliases to relative imports, so that a service runs
// as `node dist/apps/<service>/src/main.js` with nothing but its production dependencies.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
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

const swc = require('@swc/core');
const { compilerOptions } = require(join(root, 'tsconfig.base.json'));
const out = join(root, 'dist');
rmSync(out, { recursive: true, force: true });

const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts');
function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'testing') yield* sources(path);
    else if (entry.isFile() && isSource(entry.name)) yield path;
  }
}

let count = 0;
for (const top of ['apps', 'libs']) {
  for (const file of sources(join(root, top))) {
    const { code, map } = swc.transformFileSync(file, {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        baseUrl: root,
        paths: compilerOptions.paths,
      },
      module: { type: 'commonjs' },
      sourceMaps: true,
    });
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    writeFileSync(`${target}.map`, map);
    count++;
  }
}
console.log(`build: compiled ${count} files to ${relative(root, out)}/`);

// The web console's static bundle, into dist/apps/console, where the standalone app serves it at `/`.
const consoleBuild = spawnSync(process.execPath, [join('apps', 'console', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (consoleBuild.status !== 0) process.exit(consoleBuild.status ?? 1);
