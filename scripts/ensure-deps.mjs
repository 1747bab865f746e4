#!/usr/bin/env node
// Installs the workspace's dependencies when they are missing or stale, so that on a fresh clone `npm start` and
// `npm test` work with nothing but Node.js 20+ (they run this first, as prestart/pretest).
//
// Up to date means: node_modules/.serviceledger-deps-hash holds the hash of package-lock.json, the dependency
// fields of package.json, and the Node ABI/platform (better-sqlite3 is a native addon built for one ABI).
// Otherwise it runs `npm ci`, falling back to `npm install` only when npm ci refuses because the lock file is
// out of sync with package.json, and then records the hash.
//
// When someone ran `npm ci` / `npm install` themselves (as .ci/run does), npm's own record of the installed tree
// (node_modules/.package-lock.json) already matches the lock file: the hash is recorded without reinstalling.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockPath = join(root, 'package-lock.json');
const packageJsonPath = join(root, 'package.json');
const stampPath = join(root, 'node_modules', '.serviceledger-deps-hash');
const installedPath = join(root, 'node_modules', '.package-lock.json');
const environment = `node-abi=${process.versions.modules} ${process.platform}-${process.arch}`;

const readOrNull = (path) => (existsSync(path) ? readFileSync(path) : null);

function currentHash() {
  const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  const declared = ['dependencies', 'devDependencies', 'optionalDependencies', 'overrides'].map((k) => packageJson[k] ?? {});
  return createHash('sha256')
    .update(readOrNull(lockPath) ?? 'no package-lock.json')
    .update('\0')
    .update(JSON.stringify(declared))
    .update('\0')
    .update(environment)
    .digest('hex');
}

function readStamp() {
  const text = readOrNull(stampPath)?.toString('utf8');
  if (!text) return null;
  const [hash = '', env = ''] = text.split('\n');
  return { hash, env };
}

/** True when node_modules already holds exactly what package-lock.json describes, and the lock matches package.json. */
function installedTreeMatchesLock() {
  const lockText = readOrNull(lockPath);
  const installedText = readOrNull(installedPath);
  if (!lockText || !installedText) return false;
  const lock = JSON.parse(lockText.toString('utf8')).packages ?? {};
  const installed = JSON.parse(installedText.toString('utf8')).packages ?? {};
  const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  const rootEntry = lock[''] ?? {};
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    if (!sameEntries(packageJson[field], rootEntry[field])) return false;
  }
  for (const [path, entry] of Object.entries(lock)) {
    if (path === '') continue;
    const present = installed[path];
    if (!present) {
      if (entry.optional || entry.devOptional) continue; // skipped on this platform, e.g. another OS's binary
      return false;
    }
    if (present.version !== entry.version || present.integrity !== entry.integrity || !!present.link !== !!entry.link) {
      return false;
    }
  }
  return Object.keys(installed).every((path) => path in lock);
}

function sameEntries(a = {}, b = {}) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * Runs npm with the given arguments; resolves to its exit code and its `npm error` output. Everything else it
 * writes is shown live; the error lines are held back and shown by the caller unless they are handled.
 */
function npm(args) {
  // Under `npm run`, npm_execpath is npm's own CLI script: run it with this very node, on every platform.
  const execPath = process.env.npm_execpath;
  const viaNode = execPath && /npm-cli\.[cm]?js$/.test(execPath);
  const command = viaNode ? process.execPath : process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const commandArgs = viaNode ? [execPath, ...args] : args;
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      stdio: ['inherit', 'inherit', 'pipe'],
      shell: !viaNode && process.platform === 'win32',
    });
    let errors = '';
    let partial = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) {
        if (line.startsWith('npm error')) errors += `${line}\n`;
        else process.stderr.write(`${line}\n`);
      }
    });
    child.on('error', (error) => resolve({ code: 1, errors: `${String(error)}\n` }));
    child.on('close', (code, signal) => {
      if (partial) errors += partial;
      resolve({ code: code ?? (signal ? 1 : 0), errors });
    });
  });
}

function reasonToInstall(stamp) {
  if (!existsSync(join(root, 'node_modules'))) return 'node_modules is missing';
  if (!stamp) return 'no record of a previous install';
  if (stamp.env !== environment) return `node_modules was installed for ${stamp.env || 'another Node.js'}, this is ${environment}`;
  return 'package-lock.json or package.json changed since the last install';
}

async function main() {
  const hash = currentHash();
  const stamp = readStamp();
  if (stamp?.hash === hash) return;

  // Installed by hand or by CI for this very Node.js (a missing stamp means npm ci just wiped node_modules).
  if ((!stamp || stamp.env === environment) && installedTreeMatchesLock()) {
    writeFileSync(stampPath, `${hash}\n${environment}\n`);
    return;
  }

  const why = reasonToInstall(stamp);
  if (!existsSync(lockPath)) {
    console.log(`ensure-deps: installing dependencies with npm install (${why}; there is no package-lock.json)…`);
    await run(['install', '--no-audit', '--no-fund']);
  } else {
    console.log(`ensure-deps: installing dependencies with npm ci (${why})…`);
    const ci = await npm(['ci', '--no-audit', '--no-fund']);
    if (ci.code !== 0) {
      if (!/\bin sync\b/i.test(ci.errors)) {
        process.stderr.write(ci.errors);
        process.exit(ci.code);
      }
      const details = ci.errors.split('\n').filter((line) => /^npm error (Missing|Invalid):/.test(line));
      console.log('ensure-deps: npm ci refused because package-lock.json is out of sync with package.json; running npm install to update it.');
      for (const line of details) console.log(`  ${line.replace(/^npm error /, '')}`);
      await run(['install', '--no-audit', '--no-fund']);
    }
  }
  writeFileSync(stampPath, `${currentHash()}\n${environment}\n`);
}

async function run(args) {
  const { code, errors } = await npm(args);
  process.stderr.write(errors);
  if (code !== 0) process.exit(code);
}

await main();
