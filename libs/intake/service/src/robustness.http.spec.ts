import { Readable } from 'node:stream';
import { EventStore } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { IntakeModule } from './intake.module';
import { intakeService } from './intake.service-definition';
import { phoneEnquiry } from './testing/phone-enquiry';

/** Issue 15: bad input is a clear problem detail on every route, and nothing is appended. */
describe('bad input over HTTP on SQLite', () => {
  let t: TestApp;
  let agent: Record<string, string>;
  let customerId: string;
  const head = () => t.app.get<EventStore>(EVENT_STORE).headCheckpoint();

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], env: { EVENT_STORE: 'sqlite' } });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    const registered = await t.app.inject({
      method: 'POST',
      url: '/intake/customers',
      payload: { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' },
      headers: agent,
    });
    expect(registered.statusCode).toBe(201);
    customerId = registered.json().id;
  });
  afterAll(() => t.close());

  /** Sends the raw body and expects the problem detail, with nothing appended. */
  async function refused(url: string, body: string | Buffer, contentType: string, status: number) {
    const before = await head();
    const response = await t.app.inject({ method: 'POST', url, body, headers: { ...agent, 'content-type': contentType } });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status });
    expect(await head()).toBe(before);
    return response.json();
  }

  it('refuses JSON nested deeper than 64 levels with 400, and a body over the limit with 413 (item 1)', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const nested = `{"subject":"x","description":${deep}}`;
    for (const url of ['/intake/demands', '/intake/customers', `/intake/customers/${customerId}`]) {
      expect((await refused(url, nested, 'application/json', 400)).detail).toMatch(/nest/i);
    }
    const big = JSON.stringify(phoneEnquiry(customerId, { description: 'x'.repeat(13 * 1024 * 1024) }));
    await refused('/intake/demands', big, 'application/json', 413);
  });

  it('refuses a JSON body of more than 1 MiB on a route that takes no file with 413, and one of more than 20,000 values with 400, before validating it', async () => {
    const overMiB = JSON.stringify(phoneEnquiry(customerId, { description: 'x'.repeat(1024 * 1024) }));
    expect((await refused('/intake/demands', overMiB, 'application/json', 413)).detail).toBe(`The body is larger than ${1024 * 1024} bytes`);
    // Sent in chunks, the body has no content-length to refuse it by before it is read.
    const before = await head();
    const chunked = await t.app.inject({ method: 'POST', url: '/intake/demands', body: Readable.from([Buffer.from(overMiB)]), headers: { ...agent, 'content-type': 'application/json' } });
    expect(chunked.statusCode).toBe(413);
    expect(await head()).toBe(before);
    // 60 KB of empty objects: a body the validation pipe would take a quarter of a second to walk.
    const wide = JSON.stringify({ ...phoneEnquiry(customerId), extra: new Array(20_000).fill({}) });
    expect((await refused('/intake/demands', wide, 'application/json', 400)).detail).toBe('The body holds more than 20000 values');
  });

  it('answers 415 listing the accepted types for a body sent as text/plain or as a form, on every route (item 5)', async () => {
    const json = JSON.stringify(phoneEnquiry(customerId));
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      for (const url of ['/intake/demands', '/intake/customers']) {
        expect(await refused(url, json, type, 415)).toMatchObject({ accepted: ['application/json'] });
      }
      expect(await refused('/intake/email/inbound', 'From: a@example.com\r\n\r\nhello', type, 415)).toMatchObject({
        accepted: ['message/rfc822'],
      });
    }
    const patched = await t.app.inject({ method: 'PATCH', url: `/intake/customers/${customerId}`, body: 'tier=silver', headers: { ...agent, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(patched.statusCode).toBe(415);
  });

  it('refuses a JSON body that is not valid UTF-8 with 400, rather than reading U+FFFD (item 3)', async () => {
    const json = Buffer.from(JSON.stringify(phoneEnquiry(customerId, { subject: 'SUBJECT' })));
    const invalid = Buffer.from(json.toString('latin1').replace('SUBJECT', '\xff\xfe'), 'latin1');
    expect((await refused('/intake/demands', invalid, 'application/json; charset=utf-8', 400)).detail).toMatch(/UTF-8/);
  });

  it('refuses a JSON body that is malformed, empty or holds a prototype key with 400 saying which, as problem details (item 3)', async () => {
    const registration = JSON.stringify(phoneEnquiry(customerId));
    expect((await refused('/intake/demands', registration.slice(0, -1), 'application/json', 400)).detail).toMatch(/^The body is not valid JSON: /);
    expect((await refused('/intake/demands', '', 'application/json', 400)).detail).toBe('The body is empty: send a JSON document');
    for (const poisoned of [`{"__proto__":{"isAdmin":true},${registration.slice(1)}`, `{"constructor":{"prototype":{"isAdmin":true}},${registration.slice(1)}`]) {
      expect((await refused('/intake/demands', poisoned, 'application/json', 400)).detail).toMatch(/"__proto__" or "constructor.prototype"/);
    }
  });

  it('refuses NUL and other control characters in any text field of a body or query with 400 naming it (item 3)', async () => {
    const fields = (problem: { errors: { field: string }[] }) => problem.errors.map((e) => e.field);
    const withNul = JSON.stringify(phoneEnquiry(customerId, { subject: 'a\u0000b', contact: { name: 'x\u001bname', phone: '+86 138 0013 8000' } }));
    expect(fields(await refused('/intake/demands', withNul, 'application/json', 400))).toEqual(['contact.name', 'subject']);
    const customer = JSON.stringify({ organisation: 'Acme\u007f', contactPerson: 'Wang', phone: '+86 138 0013 8000', tier: 'gold' });
    expect(fields(await refused('/intake/customers', customer, 'application/json', 400))).toEqual(['organisation']);
    const listed = await t.app.inject({ method: 'GET', url: '/intake/demands?owner=a%01b', headers: agent });
    expect(listed.statusCode).toBe(400);
    expect(fields(listed.json())).toEqual(['owner']);
    const kept = JSON.stringify(phoneEnquiry(customerId, { description: 'line one\r\n\tline two' }));
    expect((await t.app.inject({ method: 'POST', url: '/intake/demands', body: kept, headers: { ...agent, 'content-type': 'application/json' } })).statusCode).toBe(201);
  });

  it('refuses required text that is only whitespace with 400 naming it, on every command (item 4)', async () => {
    const fields = (problem: { errors: { field: string }[] }) => problem.errors.map((e) => e.field);
    const blank = JSON.stringify(phoneEnquiry(customerId, { subject: '   ', contact: { name: '\u3000\t', phone: '+86 138 0013 8000' } }));
    expect(fields(await refused('/intake/demands', blank, 'application/json', 400))).toEqual(['contact.name', 'subject']);
    const customer = JSON.stringify({ organisation: ' ', contactPerson: 'Wang', phone: '+86 138 0013 8000', tier: 'gold' });
    expect(fields(await refused('/intake/customers', customer, 'application/json', 400))).toEqual(['organisation']);
  });

  it('takes no reference for a registration the decider refuses: the next demand gets the next number (item 8)', async () => {
    const register = (changes: object) => t.app.inject({ method: 'POST', url: '/intake/demands', payload: phoneEnquiry(customerId, changes), headers: agent });
    const first = await register({});
    expect(first.statusCode).toBe(201);
    const before = await head();
    const unreachable = await register({ contact: { name: '王小明' } });
    expect(unreachable.statusCode).toBe(409);
    expect(unreachable.json()).toMatchObject({ code: 'contact-unreachable' });
    expect(await head()).toBe(before);
    const next = await register({});
    expect(next.statusCode).toBe(201);
    const number = (reference: string) => Number(reference.split('-')[2]);
    expect(number(next.json().reference)).toBe(number(first.json().reference) + 1);
  });
});

