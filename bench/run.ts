// `npm run bench` entry: `node -r @swc-node/register bench/run.ts`.
//
// @swc-node/register only knows the workspace's path aliases (`@serviceledger/...`) and the decorator metadata
// Nest needs when SWC_NODE_PROJECT points at tsconfig.base.json (there is no root tsconfig.json). When it is not
// set, this file re-runs itself in a child process with it set, the way scripts/start.mjs starts the app, so the
// npm script stays a plain cross-platform command. This file therefore imports nothing through an alias.
//
// To profile: SWC_NODE_PROJECT=tsconfig.base.json node --cpu-prof -r @swc-node/register bench/run.ts [--quick]
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

if (process.env.SWC_NODE_PROJECT) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only once the aliases resolve
  const { main } = require('./main') as typeof import('./main');
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
