import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '@serviceledger/platform/core';
import { eventually, pollUntil } from '@serviceledger/platform/testing';
import { AcceptedCase, acceptCustomersCase } from './testing/accepted-case';
import { CustomerToErase, registerCustomerToErase } from './testing/customer-to-erase';
import { StandaloneE2e, startStandaloneE2e } from './testing/standalone-e2e';

/** Every file under the directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Issue 18's proof of erasure reaching service-delivery, on the store `npm start` uses (SQLite under
 * DATA_DIR, one store and key table for every service): the customer's demand goes to delivery and is
 * accepted on a report a named person of theirs signed and commented on. Erasing the customer in intake
 * reaches service-delivery through `customer.erased`: the case shows its signatory and the report's
 * comments erased, also after its read model is rebuilt, and not one byte of the signatory's name or title
 * or of the comments is left in any file.
 */
describe('erasing a customer whose case was accepted, on SQLite (R-3.1: 嚴格控制客戶信息的訪問權限,防止客戶信息泄露)', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let e2e: StandaloneE2e;
  let customer: CustomerToErase;
  let accepted: AcceptedCase;
  const holding = (text: string) => filesUnder(e2e.t.dataDir).filter((file) => readFileSync(file).includes(Buffer.from(text)));

  beforeAll(async () => {
    e2e = await startStandaloneE2e(clock, { EVENT_STORE: 'sqlite' });
    customer = await registerCustomerToErase(e2e);
    accepted = await acceptCustomersCase(e2e, customer);
  });
  afterAll(() => e2e.t.close());

  it('shows the case’s signatory and the report’s comments, kept out of the event log: only the read models hold them', async () => {
    expect((await accepted.read()).acceptanceRounds[0]).toMatchObject({ verdict: 'accepted', form: 'paper', signatory: accepted.signatory, comments: accepted.comments });
    for (const text of [accepted.signatory.name, accepted.comments]) {
      const files = holding(text).map((file) => file.slice(e2e.t.dataDir.length));
      expect(files).toContainEqual(expect.stringMatching(/read-models\.db/));
      expect(files).not.toContainEqual(expect.stringMatching(/events\.db/));
    }
  });

  it('erases the signatory and the comments with the customer: the case shows them erased, and no file under DATA_DIR holds them', async () => {
    expect((await customer.erase()).statusCode).toBe(200);
    const erased = await pollUntil(accepted.read, (c) => c.acceptanceRounds[0].signatory.name === '[erased]', 'the signatory erased');
    expect(erased.status).toBe('after-sales');
    expect(erased.acceptanceRounds[0]).toMatchObject({ verdict: 'accepted', form: 'paper', signatory: { name: '[erased]', title: '[erased]' }, comments: '[erased]' });
    await eventually(async () => {
      const texts = [...Object.values(accepted.signatory), accepted.comments, ...Object.values(customer.personal), ...Object.values(customer.freeText), ...Object.values(customer.staffText)];
      for (const text of texts) expect({ text, files: holding(text) }).toEqual({ text, files: [] });
    });
  });

  it('still shows the case, its signatory and comments erased, when its read model is rebuilt from the start', async () => {
    expect((await customer.rebuild('service-delivery.cases')).statusCode).toBe(200);
    expect((await accepted.read()).acceptanceRounds[0]).toMatchObject({ verdict: 'accepted', signatory: { name: '[erased]', title: '[erased]' }, comments: '[erased]' });
    for (const text of [...Object.values(accepted.signatory), accepted.comments]) expect(holding(text)).toEqual([]);
  });
});
