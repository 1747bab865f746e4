#!/usr/bin/env node
// `npm start`: runs the standalone app from its TypeScript sources, compiled on the fly by @swc-node/register
// (tsconfig.base.json supplies the path aliases and decorator metadata Nest needs).
//
// The app runs as a child process. SIGTERM, SIGINT and SIGHUP sent to this script are forwarded to it, so that it
// shuts down gracefully, and this script exits the way the app did (same exit code, or same signal).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join('apps', 'standalone', 'src', 'main.ts');

if (!existsSync(join(root, entry))) {
  console.error(`start: ${entry} does not exist.`);
  process.exit(1);
}

// Its own process group: a Ctrl-C in the terminal then reaches the app once (forwarded below), not twice;
// a second signal during Nest's shutdown would kill it before it saved its checkpoints. Outside the terminal's
// foreground group it must not read the terminal, hence no stdin.
const ownGroup = process.platform !== 'win32';
const child = spawn(process.execPath, ['-r', '@swc-node/register', entry, ...process.argv.slice(2)], {
  cwd: root,
  env: { SWC_NODE_PROJECT: 'tsconfig.base.json', ...process.env },
  stdio: [ownGroup ? 'ignore' : 'inherit', 'inherit', 'inherit'],
  detached: ownGroup,
});

const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'];
const forward = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of signals) process.on(signal, forward);

child.on('error', (error) => {
  console.error(`start: could not run the app: ${error.message}`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  for (const s of signals) process.off(s, forward);
  if (signal) {
    // Die of the same signal, so that whoever started us sees what happened to the app.
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
