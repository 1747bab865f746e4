import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type RunningApp, artifacts, buildConsole, describeInBrowser, openBrowser, startStandalone } from './console-in-browser';
import { type IdentityProvider, startIdentityProvider } from './identity-provider';

/**
 * Issue 24, "OIDC login in production": the standalone app trusts an identity provider (OIDC_ISSUER,
 * OIDC_AUDIENCE) and names the console's public client (CONSOLE_OIDC_CLIENT_ID). In Chromium, the user signs in
 * at the provider and lands in the console with its access token, which the API takes; a refusal at the
 * provider is shown as such.
 */
describeInBrowser('signing in to the console at the identity provider', () => {
  const clientId = 'serviceledger-console';
  let scratch: string;
  let provider: IdentityProvider;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'console-oidc-'));
    provider = await startIdentityProvider({
      clientId,
      audience: 'serviceledger-api',
      user: { sub: 'chen.head', name: '陳主管', roles: ['department-head'], departments: ['tech-support'] },
    });
    buildConsole();
    app = await startStandalone(join(scratch, 'data'), { OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: 'serviceledger-api', CONSOLE_OIDC_CLIENT_ID: clientId });
    ({ browser, page } = await openBrowser());
  }, 600000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await provider?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('tells the console where to sign in, and lets its page, only, fetch from the provider', async () => {
    expect(await (await fetch(`${app.base}/config.json`)).json()).toEqual({ signIn: { authority: provider.issuer, clientId, scope: 'openid profile' } });
    const page = await fetch(`${app.base}/`);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${provider.issuer}`);
    const api = await fetch(`${app.base}/health/live`);
    expect(api.headers.get('content-security-policy')).toContain("connect-src 'self';");
  });

  it('signs the head in at the provider and back into the console, whose API calls the provider’s token opens', async () => {
    await page.goto(`${app.base}/`);
    await page.getByRole('button', { name: '以貴機構帳戶登入' }).click();

    await page.getByRole('heading', { name: '我的工作' }).waitFor();
    await page.getByText('已登入：陳主管（department-head）').waitFor();
    expect(provider.exchanges).toBe(1);
    // The code is used: it is gone from the address, so a reload cannot replay it.
    expect(new URL(page.url()).search).toBe('');
    await page.getByRole('navigation').getByText('交付案件', { exact: true }).click();
    await page.getByRole('heading', { name: '交付案件', exact: true }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'signed-in-at-provider.png'), fullPage: true });

    // A reload keeps the tab's session and asks the provider nothing.
    await page.reload();
    await page.getByRole('heading', { name: '交付案件', exact: true }).waitFor();
    expect(provider.exchanges).toBe(1);
  });

  it('shows a refusal at the provider as the provider gave it, and stays signed out', async () => {
    await page.getByRole('button', { name: '登出' }).click();
    provider.refuseNext();
    await page.getByRole('button', { name: '以貴機構帳戶登入' }).click();

    await page.getByRole('alert').filter({ hasText: '在身分提供者登入失敗：access_denied' }).waitFor();
    expect(await page.getByRole('heading', { name: '我的工作' }).count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'refused-at-provider.png'), fullPage: true });
  });
});
