#!/usr/bin/env node
// `npm start`: compiles what changed in apps/ and libs/ to dist/ (scripts/compile-server.mjs, the same compiler
// `npm run build` uses), then runs the standalone app from there, as containers run a service (ADR 0007). Compiled
// on the fly instead (@swc-node/register), the app held 165 MB more at rest: the compiler and its source maps.
//
// The app runs as a child process. SIGTERM, SIGINT and SIGHUP sent to this script are forwarded to it, so that it
// shuts down gracefully, and this script exits the way the app did (same exit code, or same signal).
//
// Whoever started this script may die without passing a signal on: npm's SIGTERM reaches only the `sh -c` it ran
// us under, which exits and leaves us orphaned. So this script also stops the app (SIGTERM) when its own parent is
// gone, and the app stops itself when this script is gone (its IPC channel to us closes, see apps/standalone/src/main.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compileServer } from './compile-server.mjs';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join('apps', 'standalone', 'src', 'main.ts');
const entry = join('dist', 'apps', 'standalone', 'src', 'main.js');

if (!existsSync(join(root, source))) {
  console.error(`start: ${source} does not exist.`);
  process.exit(1);
}

// The web console the app serves at `/`: built when missing (`npm run build` rebuilds it); the API runs without it.
if (!existsSync(join(root, 'dist', 'apps', 'console', 'index.html'))) {
  const built = spawnSync(process.execPath, [join('apps', 'console', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) console.error('start: the web console could not be built; the API starts without it.');
}

const { compiled } = compileServer(root, { changedOnly: true });
if (compiled) console.log(`start: compiled ${compiled} changed files to dist/`);

// Its own process group: a Ctrl-C in the terminal then reaches the app once (forwarded below), not twice;
// a second signal during Nest's shutdown would kill it before it saved its checkpoints. Outside the terminal's
// foreground group it must not read the terminal, hence no stdin.
const ownGroup = process.platform !== 'win32';
const child = spawn(process.execPath, [entry, ...process.argv.slice(2)], {
  cwd: root,
  env: process.env,
  stdio: [ownGroup ? 'ignore' : 'inherit', 'inherit', 'inherit', 'ipc'],
  detached: ownGroup,
});

const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'];
const forward = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of signals) process.on(signal, forward);

// Orphaned: re-parented (to init or a subreaper), so our parent's pid is no longer the one we started with.
const parent = process.ppid;
const watchParent = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watchParent); // once: a second signal during Nest's shutdown would cut it short
  forward('SIGTERM');
}, 500);
watchParent.unref();

child.on('error', (error) => {
  console.error(`start: could not run the app: ${error.message}`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  for (const s of signals) process.off(s, forward);
  clearInterval(watchParent);
  if (signal) {
    // Die of the same signal, so that whoever started us sees what happened to the app.
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
