// Compiles apps/ and libs/ (not specs, not test helpers, not the web console) to dist/ with SWC, rewriting the tsconfig path aliases to
// relative imports, so that a service runs as `node dist/apps/<service>/src/main.js` with nothing but its
// production dependencies. `npm run build` compiles everything; `npm start` only what changed since (ADR 0007).
// Also the operators' scripts the image must run (SHIPPED_SCRIPTS), to dist/scripts/: `node dist/scripts/rotate-master-key.js`.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts');

// The web console is browser code, bundled by Vite into dist/apps/console (apps/console/build.mjs).
const notCompiled = new Set(['testing', 'console']);

/**
 * The scripts an operator runs against a production installation, where there is no source tree nor dev dependency
 * (deploy/Dockerfile links each at the image's root, as it does main.js and migrate.js). The others (token.ts, the
 * build's own) run from a checkout.
 */
export const SHIPPED_SCRIPTS = ['scripts/rotate-master-key.ts'];

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !notCompiled.has(entry.name)) yield* sources(path);
    else if (entry.isFile() && isSource(entry.name)) yield path;
  }
}

/** The compiled files under `dir` (each has its source map beside it), for finding those whose source is gone. */
function* compiled(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* compiled(path);
    else if (entry.name.endsWith('.js') && existsSync(`${path}.map`)) yield path;
  }
}

function writeAtomically(path, text) {
  const aside = `${path}.${process.pid}.tmp`;
  writeFileSync(aside, text);
  renameSync(aside, path);
}

/**
 * `changedOnly`: compile a source only when its output is missing or older, and remove the output of sources that
 * are gone (a stale file would otherwise still load). Returns how many files were compiled and removed.
 */
export function compileServer(root, { changedOnly = false } = {}) {
  const swc = require('@swc/core');
  const { compilerOptions } = require(join(root, 'tsconfig.base.json'));
  const out = join(root, 'dist');
  const wanted = new Set();
  let count = 0;
  const files = [...['apps', 'libs'].flatMap((top) => [...sources(join(root, top))]), ...SHIPPED_SCRIPTS.map((file) => join(root, file))];
  for (const file of files) {
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    wanted.add(target);
    if (changedOnly && existsSync(target) && statSync(target).mtimeMs >= statSync(file).mtimeMs) continue;
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
    mkdirSync(dirname(target), { recursive: true });
    // Written aside and renamed: another start compiling at the same moment must never load half a file.
    writeAtomically(`${target}.map`, map);
    writeAtomically(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    count++;
  }
  let removed = 0;
  for (const top of ['apps', 'libs', 'scripts']) {
    for (const target of compiled(join(out, top))) {
      if (wanted.has(target)) continue;
      rmSync(target);
      rmSync(`${target}.map`);
      removed++;
    }
  }
  return { compiled: count, removed };
}

// `node scripts/compile-server.mjs`: what `npm start` compiles before it runs the app (the bench starts the app so).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { compiled } = compileServer(join(dirname(fileURLToPath(import.meta.url)), '..'), { changedOnly: true });
  console.log(`compiled ${compiled} changed files to dist/`);
}
