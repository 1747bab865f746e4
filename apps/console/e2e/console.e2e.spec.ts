import { issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import type { Actor } from '@serviceledger/platform/core';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { type RunningApp, accessibilityViolations, artifacts, buildConsole, describeInBrowser, openBrowser, shown, startStandalone, until } from './console-in-browser';

/**
 * Issue 24: the console in a real Chromium against the standalone app, started here on a free port with a
 * scratch DATA_DIR and a fresh build of the console. An agent registers a phone demand, triages and assigns
 * it; the head of the department it went to finds it in their queue and, once it is released to delivery, opens
 * its service case; a quality monitor sees its clocks and the month's ranking chart. Every page visited is kept
 * as a screenshot under artifacts/console/ and checked with axe-core against WCAG 2 A and AA. An agent also signs
 * in, opens the queue from the menu, opens a demand and triages it with the keyboard alone.
 */
describeInBrowser('the web console in Chromium', () => {
  let scratch: string;
  let app: RunningApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let customerId: string;

  const tokenFor = async (actor: Actor) => issueLocalToken(await loadOrCreateLocalKey(join(scratch, 'data')), actor);
  // Every page the walk shows is also checked with axe-core (WCAG 2 A and AA); what it finds fails the walk at its end.
  const inaccessible: string[] = [];
  const shot = async (name: string) => {
    await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
    inaccessible.push(...(await accessibilityViolations(page)).map((violation) => `${name} › ${violation}`));
  };

  const signIn = async (actor: Actor) => {
    await page.goto(`${base}/#/`);
    await page.getByLabel('存取令牌').fill(await tokenFor(actor));
    await page.getByRole('button', { name: '登入' }).click();
    await page.getByRole('heading', { name: '我的工作' }).waitFor();
  };
  const signOut = () => page.getByRole('button', { name: '登出' }).click();
  const goTo = async (menuItem: string, heading: string) => {
    await page.getByRole('navigation').getByText(menuItem, { exact: true }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  };
  const choose = async (label: string, optionTitle: string) => {
    await page.getByLabel(label, { exact: true }).click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${optionTitle}"]`).click();
    // Closed: while it closes, the dropdown's list is still shown, unnamed, to axe.
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'console-e2e-'));
    buildConsole();
    app = await startStandalone(join(scratch, 'data'));
    base = app.base;
    const agent = await tokenFor({ userId: 'alice', roles: ['agent'], departments: ['customer-service'] });
    const registered = await fetch(`${base}/intake/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: '深圳某某科技', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' }),
    });
    const { id, checkpoint } = (await registered.json()) as { id: string; checkpoint: string };
    customerId = id;
    // The agent looks the customer up in the read model: wait until it holds the registration.
    await fetch(`${base}/intake/customers?after=${checkpoint}`, { headers: { authorization: `Bearer ${agent}` } });
    ({ browser, page } = await openBrowser());
  }, 600000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  // The last page the test saw, which is where it stopped if it failed.
  afterEach(async () => {
    if (page) await page.screenshot({ path: join(artifacts, 'last-page.png'), fullPage: true }).catch(() => undefined);
  });

  it('walks a phone demand from the agent to the head, and shows the quality monitor its clocks and the ranking', async () => {
    expect(customerId).toBeTruthy();
    // Whatever the browser asks for on its own (the page's icon) is there too: no failed load in the console.
    const failedLoads: string[] = [];
    const onConsole = (message: ConsoleMessage) => {
      if (message.type() === 'error' && message.text().startsWith('Failed to load resource')) failedLoads.push(message.text());
    };
    page.on('console', onConsole);
    await page.goto(`${base}/#/`);
    await page.getByRole('button', { name: '登入' }).waitFor();
    await shot('sign-in');
    await signIn({ userId: 'alice', roles: ['agent'], departments: ['customer-service'] });
    await shot('my-work-agent');
    page.off('console', onConsole);
    expect(failedLoads).toEqual([]);

    await goTo('登記電話需求', '登記電話需求');
    await page.getByLabel('客戶', { exact: true }).fill('深圳');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '深圳某某科技' }).click();
    await page.getByLabel('聯絡人', { exact: true }).fill('王小明');
    await page.getByLabel('聯絡電話', { exact: true }).fill('+86 138 0013 8000');
    await page.getByLabel('主旨', { exact: true }).fill('打印機無法連線');
    await page.getByLabel('描述', { exact: true }).fill('網絡打印機無法連線');
    await choose('業務類別', 'technical-support');
    await shot('register-demand');
    await page.getByRole('button', { name: '登記', exact: true }).click();

    const heading = page.getByRole('heading', { name: /^需求 SR-\d{4}-\d{6}$/ });
    await heading.waitFor();
    const reference = (await heading.textContent())!.replace('需求 ', '');
    const demandId = new URL(page.url()).hash.split('/').pop()!;
    await page.getByRole('button', { name: '確認分類' }).click();
    await page.getByText(/^規則建議：常規、P3、technical-support/).waitFor();
    await page.getByRole('button', { name: '分派', exact: true }).click();
    await shown(page.getByRole('row').filter({ hasText: '狀態' }).first()).toContainText('已分派');
    await shown(page.locator('.ant-descriptions')).toContainText('技術支持部');
    await shot('demand-assigned');
    await page.getByRole('button', { name: '轉交', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /^已於 .+ 轉交服務交付/ }).waitFor();
    await shot('demand-released');
    await goTo('需求隊列', '需求隊列');
    await page.getByRole('link', { name: reference }).waitFor();
    await shot('queue-agent');
    await goTo('投訴', '投訴');
    await shot('complaints');
    await signOut();

    await signIn({ userId: 'ts-lead', roles: ['department-head'], departments: ['tech-support'] });
    await shot('my-work-head');
    await goTo('需求隊列', '需求隊列');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: reference }) });
    await shown(row).toContainText('交付中');
    await shown(row).toContainText('尚餘');
    await shot('queue-head');
    // Service delivery opens the released demand's case on its own: wait until the head's list holds it.
    const head = await tokenFor({ userId: 'ts-lead', roles: ['department-head'], departments: ['tech-support'] });
    await until(async () => {
      const cases = await fetch(`${base}/service-delivery/cases?pageSize=200`, { headers: { authorization: `Bearer ${head}` } }).then((r) => r.json() as Promise<{ items: { reference: string }[] }>);
      return cases.items.some((item) => item.reference === reference);
    }, 30000, 'the case of the released demand');
    await goTo('交付案件', '交付案件');
    await shot('delivery');
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: `案件 ${reference}` }).waitFor();
    await page.getByRole('button', { name: '提交方案版本' }).waitFor();
    await shot('delivery-case');
    await signOut();

    await signIn({ userId: 'zhao', roles: ['quality-monitor'], departments: [] });
    await goTo('質量監控', '質量監控');
    await page.getByLabel('需求 ID').fill(demandId);
    await page.getByRole('cell', { name: '解決', exact: true }).waitFor();
    await shown(page.getByRole('cell', { name: '計時中', exact: true }).first()).toBeVisible();
    const chart = page.getByRole('figure', { name: /排名/ });
    await shown(chart.locator('svg')).toBeVisible();
    await shown(chart).toContainText('技術支持部');
    await shot('quality');
    await signOut();

    await signIn({ userId: 'ann', roles: ['analyst'], departments: [] });
    for (const [menuItem, name] of [['人員與培訓', 'hr'], ['資源', 'resource'], ['風險', 'risk']]) {
      await goTo(menuItem, menuItem);
      await shot(name);
    }
    expect(inaccessible).toEqual([]);
  }, 600000);

  it('is usable with the keyboard alone: sign in, the menu, the queue, a demand and its triage', async () => {
    const agent = await tokenFor({ userId: 'kim', roles: ['agent'], departments: ['customer-service'] });
    const registered = await fetch(`${base}/intake/demands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
      body: JSON.stringify(phoneEnquiry(customerId, { subject: '鍵盤操作的需求' })),
    });
    const { reference, checkpoint } = (await registered.json()) as { reference: string; checkpoint: string };
    await fetch(`${base}/intake/demands?after=${checkpoint}&pageSize=1`, { headers: { authorization: `Bearer ${agent}` } });
    /** Presses Tab (or the key given) until the focused element says `text`; fails after `presses`. */
    const focusOn = async (text: string | RegExp, key = 'Tab', presses = 60) => {
      for (let i = 0; i < presses; i++) {
        await page.keyboard.press(key);
        const said = await page.evaluate(() => {
          const { activeElement } = (globalThis as unknown as { document: { activeElement: { innerText?: string } | null } }).document;
          return activeElement?.innerText?.trim() ?? '';
        });
        if (typeof text === 'string' ? said === text : text.test(said)) return;
      }
      throw new Error(`no element saying ${String(text)} took the focus after ${presses} presses of ${key}`);
    };

    // Signed out (the walk before may have left a session in the tab).
    await page.goto(`${base}/#/`);
    await page.evaluate(() => (globalThis as unknown as { sessionStorage: { clear(): void } }).sessionStorage.clear());
    await page.reload();
    // The token field has the focus: paste the token as a keyboard would, then Tab to the sign-in button.
    await page.getByLabel('存取令牌').waitFor();
    await page.keyboard.insertText(agent);
    await focusOn('登入');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '我的工作' }).waitFor();

    // The menu is one stop of the Tab order; the arrow keys move within it.
    await focusOn(/^我的工作\n需求隊列/);
    await focusOn('需求隊列', 'ArrowDown', 10);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '需求隊列', exact: true }).waitFor();
    await page.getByRole('link', { name: reference }).waitFor();
    await focusOn(reference);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `需求 ${reference}` }).waitFor();

    await focusOn('確認分類');
    await page.keyboard.press('Enter');
    await page.getByText(/^規則建議：.*· 決定/).waitFor();
    await shot('keyboard-triaged');
    expect(inaccessible).toEqual([]);
  }, 600000);
});
