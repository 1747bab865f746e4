import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../app';
import { createI18n, type Language } from '../i18n';
import type { SignInOptions } from '../session/console-config';

/** A token with the claims the console reads; the console never checks signatures (the API does). */
export function tokenFor(claims: { sub: string; roles: string[]; departments?: string[]; name?: string }, expiresInSeconds = 3600): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const utf8 = (value: object) => encode(JSON.parse(JSON.stringify(value)));
  return `${encode({ alg: 'ES256', typ: 'JWT' })}.${utf8({ departments: [], ...claims, exp: Math.floor(Date.now() / 1000) + expiresInSeconds })}.signature`;
}

export interface Call {
  method: string;
  url: string;
  body?: unknown;
}

type Answer = [status: number, body: unknown];

/**
 * Stands in for the HTTP API: each request is answered by the first route whose "METHOD /path" prefix it
 * matches; every call is recorded, so that a test can check what the console asked for.
 */
export function fakeApi(routes: Record<string, Answer | ((call: Call) => Answer)>): Call[] {
  const calls: Call[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = { method: init?.method ?? 'GET', url: String(input), ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}) };
    calls.push(call);
    const key = Object.keys(routes).find((route) => `${call.method} ${call.url}`.startsWith(route));
    const answer: Answer | ((call: Call) => Answer) = key === undefined ? [404, { title: 'Not found', status: 404, detail: `no fake for ${call.method} ${call.url}` }] : routes[key];
    const [status, body] = typeof answer === 'function' ? answer(call) : answer;
    return {
      ok: status < 400,
      status,
      statusText: '',
      json: async () => body,
      blob: async () => new Blob([JSON.stringify(body)]),
    } as unknown as Response;
  }) as typeof fetch;
  return calls;
}

/** The whole console at a hash route, in a language, signed in with the token if one is given. */
export function renderConsole({ route = '/', token, language = 'zh-TW', signIn }: { route?: string; token?: string; language?: Language; signIn?: SignInOptions } = {}) {
  sessionStorage.clear();
  localStorage.clear();
  if (token) sessionStorage.setItem('serviceledger.token', token);
  window.location.hash = `#${route}`;
  return render(<App i18n={createI18n(language)} signIn={signIn} />);
}

/** Puts text into a field as a paste: one event, where typing would re-render antd's form per key. */
export async function fillIn(field: HTMLElement, text: string): Promise<void> {
  await userEvent.click(field);
  await userEvent.paste(text);
}
