import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { freePort } from '@serviceledger/platform/testing';

/**
 * What the console's browser suites share: Debian's Chromium (skipped without it, and failing under CI), a fresh
 * build of the console, the standalone app on a free port and a scratch DATA_DIR, and screenshots kept under
 * artifacts/console/.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const root = join(__dirname, '..', '..', '..');
export const artifacts = join(root, 'artifacts', 'console');

export function describeInBrowser(name: string, suite: () => void): void {
  if (existsSync(CHROMIUM)) return describe(name, suite);
  const message = `\n\n*** The console's browser end-to-end suite is SKIPPED: ${CHROMIUM} is missing. Install Debian's chromium package (apt-get install chromium). ***\n\n`;
  if (!['', 'false', '0'].includes(process.env.CI ?? '')) throw new Error(message);
  console.warn(message);
  describe.skip(name, suite);
}

/**
 * Builds the console as its sources are now; the build replaces dist/apps/console in one rename, so an app
 * serving the previous one never sees half of it.
 */
export function buildConsole(): void {
  mkdirSync(artifacts, { recursive: true });
  execFileSync(process.execPath, [join(root, 'apps', 'console', 'build.mjs')], { stdio: 'pipe' });
}

export interface RunningApp {
  base: string;
  stop(): Promise<void>;
}

/** `npm start`'s app on a free port with the given DATA_DIR and settings; resolves once it is ready. */
export async function startStandalone(dataDir: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', join('apps', 'standalone', 'src', 'main.ts')], {
    cwd: root,
    // On a busy CI machine the event loop stalls for seconds: the app must not shed the browser's requests as overload.
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0', ...env },
    stdio: 'ignore',
  });
  await until(async () => (await fetch(`${base}/health/ready`).then((r) => r.status, () => 0)) === 200);
  return {
    base,
    async stop() {
      if (app.exitCode !== null) return;
      const exited = new Promise((resolve) => app.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    },
  };
}

/** A headless Chromium page in Traditional Chinese on Shanghai time, the console's own default. */
export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const page = await (await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 900 } })).newPage();
  return { browser, page };
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core finds against WCAG 2 A and AA on the page as it is now (names of controls, labels, roles,
 * contrast, language), one line per rule broken with the elements that break it; a notice fading out is left out.
 * Evaluated through the browser's protocol: the console's Content-Security-Policy rightly refuses inline scripts.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: object, options: object): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    // A notice on its way out (antd's fade, a few hundred milliseconds) is caught at part opacity: no one reads it then.
    const { violations } = await axe.run({ exclude: [['.ant-message-fade-leave']] }, { runOnly: ['wcag2a', 'wcag2aa'] });
    return violations.map(({ id, nodes }) => ({ id, targets: nodes.map((node) => node.target.join(' ')) }));
  });
  return violations.map(({ id, targets }) => `${id}: ${targets.join(', ')}`);
}

/** Playwright's web-first assertion, without @playwright/test: waits until the locator's condition holds. */
export function shown(locator: ReturnType<Page['locator']>) {
  return {
    toContainText: (text: string) => locator.filter({ hasText: text }).first().waitFor(),
    toBeVisible: () => locator.first().waitFor({ state: 'visible' }),
  };
}

export async function until(ready: () => Promise<boolean>, withinMs = 300000, what = 'the standalone app'): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${withinMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
