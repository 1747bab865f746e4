import { newEvent } from '@serviceledger/platform/testing';
import { InMemoryEventStore } from '../in-memory-event-store';
import { DataKeys, MasterKey, UnknownDataKeyError, rotateMasterKey } from './data-keys';
import { ERASED } from './field-cipher';
import { InMemoryDataKeyTable } from './in-memory-data-key-table';
import { withPersonalData } from './personal-data-event-store';
import { PersonalDataPolicy } from './personal-data-policy';

const policy = new PersonalDataPolicy([
  {
    personal: [
      { eventType: 'ContactRegistered', fields: ['contact.name', 'contact.email', 'aliases'], subject: (d: { personId: string }) => d.personId },
      { eventType: 'MessageReceived', fields: ['from'], subject: 'stream' },
      { eventType: 'ItemsRaised', fields: ['items[].description'], subject: 'stream' },
      // A note on a person's file, kept in a stream of its own; a note on no one's file is nobody's.
      { eventType: 'NoteFiled', fields: ['text'], subject: { ofStream: (d: { personStream?: string }) => d.personStream ?? null } },
      { eventType: 'NoteAmended', fields: ['text'], subject: 'stream' },
      // A message from an address nobody has claimed yet: its own subject, erased with whoever claims it.
      { eventType: 'StrangerWrote', fields: ['text'], subject: (d: { messageId: string }) => `stranger-${d.messageId}` },
    ],
    erasures: [{ eventType: 'PersonErased', subject: (d: { personId: string; strangerMessages?: string[] }) => [d.personId, ...(d.strangerMessages ?? []).map((m) => `stranger-${m}`)] }],
  },
]);

const registered = (personId: string, email: string) =>
  newEvent('ContactRegistered', { personId, contact: { name: 'Wei Li', email }, aliases: ['Li Wei'], tier: 'gold' });

function setUp(master = MasterKey.generate()) {
  const raw = new InMemoryEventStore();
  const table = new InMemoryDataKeyTable();
  const store = withPersonalData(raw, policy, new DataKeys(table, master));
  return { raw, table, store, master };
}

const stored = async (raw: InMemoryEventStore) => JSON.stringify((await raw.readAll()).events);

describe('personal data in the event log (R-3.1: 嚴格控制客戶信息的訪問權限,防止客戶信息泄露)', () => {
  it('stores personal fields encrypted and hands them out decrypted through every read', async () => {
    const { raw, store } = setUp();
    await store.appendToStream('test.person-1', [registered('p1', 'wei@example.com')]);
    await store.appendToStream('test.person-1', [newEvent('MessageReceived', { from: 'wei@example.com', body: 'hello' })]);

    expect(await stored(raw)).not.toContain('wei@example.com');
    expect(await stored(raw)).not.toContain('Wei Li');
    expect(await stored(raw)).toContain('gold');
    const [first, second] = await store.readStream('test.person-1');
    expect(first.data).toEqual({ personId: 'p1', contact: { name: 'Wei Li', email: 'wei@example.com' }, aliases: ['Li Wei'], tier: 'gold' });
    expect(second.data).toEqual({ from: 'wei@example.com', body: 'hello' });
    expect((await store.readAll()).events.map((e) => e.data)).toEqual([first.data, second.data]);
    expect((await store.readEvent(first.id))?.data).toEqual(first.data);
  });

  it('hands decrypted events to subscribers, as a projection rebuild reads them', async () => {
    const { store } = setUp();
    await store.appendToStream('test.person-1', [registered('p1', 'wei@example.com')]);
    const seen: unknown[] = [];
    const subscription = store.subscribe({}, async (events) => {
      seen.push(...events.map((e) => e.data));
    });
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await subscription.stop();
    expect(seen).toEqual([expect.objectContaining({ contact: { name: 'Wei Li', email: 'wei@example.com' } })]);
  });

  it('encrypts a field of each item of a list, leaving the items’ other fields plain, and erases it item by item', async () => {
    const { raw, store } = setUp();
    await store.appendToStream('test.person-1', [registered('p1', 'wei@example.com')]);
    const items = [{ itemId: '1.1', description: 'Call Wei on 13800138000' }, { itemId: '1.2', description: 'Move the printer' }, { itemId: '1.3' }];
    await store.appendToStream('test.person-1', [newEvent('ItemsRaised', { items, round: 1 })]);
    expect(await stored(raw)).not.toContain('13800138000');
    expect(await stored(raw)).toContain('"itemId":"1.2"');
    expect((await store.readStream('test.person-1'))[1].data).toEqual({ items, round: 1 });

    await store.appendToStream('test.person-1', [newEvent('PersonErased', { personId: 'p1', reason: 'asked to' })]);
    expect((await store.readStream('test.person-1'))[1].data).toEqual({
      items: [{ itemId: '1.1', description: ERASED }, { itemId: '1.2', description: ERASED }, { itemId: '1.3' }],
      round: 1,
    });
  });

  it('encrypts each subject with its own key, with a fresh IV each time', async () => {
    const { raw, store } = setUp();
    await store.appendToStream('test.person-1', [registered('p1', 'same@example.com')]);
    await store.appendToStream('test.person-2', [registered('p2', 'same@example.com')]);
    await store.appendToStream('test.person-2', [registered('p2', 'same@example.com')]);
    const envelopes = (await raw.readAll()).events.map((e) => (e.data as { contact: { email: { $encrypted: { keyId: string; data: string } } } }).contact.email.$encrypted);
    expect(envelopes[0].keyId).not.toBe(envelopes[1].keyId);
    expect(envelopes[1].keyId).toBe(envelopes[2].keyId);
    expect(envelopes[1].data).not.toBe(envelopes[2].data);
  });

  it('on an erasure, destroys the subject key: its fields read as erased, everyone else is untouched, and later personal data is not kept', async () => {
    const { raw, store } = setUp();
    await store.appendToStream('test.person-1', [registered('p1', 'wei@example.com')]);
    await store.appendToStream('test.person-1', [newEvent('MessageReceived', { from: 'wei@example.com', body: 'hello' })]);
    await store.appendToStream('test.person-2', [registered('p2', 'mei@example.com')]);

    await store.appendToStream('test.person-1', [newEvent('PersonErased', { personId: 'p1', reason: 'asked to' })]);
    await store.appendToStream('test.person-1', [newEvent('MessageReceived', { from: 'wei@example.com', body: 'again' })]);

    expect((await store.readStream('test.person-1')).map((e) => e.data)).toEqual([
      { personId: 'p1', contact: { name: ERASED, email: ERASED }, aliases: [ERASED], tier: 'gold' },
      { from: ERASED, body: 'hello' },
      { personId: 'p1', reason: 'asked to' },
      { from: ERASED, body: 'again' },
    ]);
    expect((await store.readStream('test.person-2'))[0].data).toMatchObject({ contact: { email: 'mei@example.com' } });
    expect(await stored(raw)).not.toContain('wei@example.com');
  });

  it('finds a subject through another stream the event names, and stores the text of no one\'s file plain', async () => {
    const { raw, store } = setUp();
    await store.appendToStream('test.person-1', [registered('p1', 'wei@example.com')]);
    // Written before the person's stream is read by anyone but the store: the subject is looked up there.
    await store.appendToStream('test.note-1', [newEvent('NoteFiled', { personStream: 'test.person-1', text: 'Wei prefers calls after six' })]);
    await store.appendToStream('test.note-1', [newEvent('NoteAmended', { text: 'Wei prefers calls after seven' })]);
    await store.appendToStream('test.note-2', [newEvent('NoteFiled', { text: 'Printer room moves on Monday' })]);
    await store.appendToStream('test.note-2', [newEvent('NoteAmended', { text: 'Printer room moves on Tuesday' })]);
    expect(await stored(raw)).not.toContain('Wei prefers');
    expect(await stored(raw)).toContain('Printer room moves on Tuesday');
    expect((await store.readStream('test.note-1')).map((e) => (e.data as { text: string }).text)).toEqual(['Wei prefers calls after six', 'Wei prefers calls after seven']);

    await store.appendToStream('test.person-1', [newEvent('PersonErased', { personId: 'p1' })]);
    expect((await store.readStream('test.note-1')).map((e) => (e.data as { text: string }).text)).toEqual([ERASED, ERASED]);
    expect((await store.readStream('test.note-2')).map((e) => (e.data as { text: string }).text)).toEqual(['Printer room moves on Monday', 'Printer room moves on Tuesday']);
  });

  it('reads plain text stored before encryption as erased once the subject found through another stream is erased', async () => {
    const { raw, store } = setUp();
    await store.appendToStream('test.person-1', [registered('p1', 'wei@example.com')]);
    await raw.appendToStream('test.note-1', [newEvent('NoteFiled', { personStream: 'test.person-1', text: 'Wei prefers calls after six' })]);
    expect((await store.readStream('test.note-1'))[0].data).toMatchObject({ text: 'Wei prefers calls after six' });
    await store.appendToStream('test.person-1', [newEvent('PersonErased', { personId: 'p1' })]);
    expect((await store.readStream('test.note-1'))[0].data).toMatchObject({ text: ERASED });
  });

  it('erases every subject an erasure names, and no other', async () => {
    const { raw, store } = setUp();
    await store.appendToStream('test.person-1', [registered('p1', 'wei@example.com')]);
    await store.appendToStream('test.stranger-m1', [newEvent('StrangerWrote', { messageId: 'm1', text: 'This is Wei, call 13800138000' })]);
    await store.appendToStream('test.stranger-m2', [newEvent('StrangerWrote', { messageId: 'm2', text: 'This is Mei' })]);
    expect(await stored(raw)).not.toContain('13800138000');

    await store.appendToStream('test.person-1', [newEvent('PersonErased', { personId: 'p1', strangerMessages: ['m1'] })]);
    expect((await store.readStream('test.stranger-m1'))[0].data).toMatchObject({ text: ERASED });
    expect((await store.readStream('test.stranger-m2'))[0].data).toMatchObject({ text: 'This is Mei' });
    expect((await store.readStream('test.person-1'))[0].data).toMatchObject({ contact: { email: ERASED } });
  });

  it('erasing twice, or a subject that never had data, changes nothing', async () => {
    const { store } = setUp();
    await store.appendToStream('test.person-1', [registered('p1', 'wei@example.com')]);
    await store.appendToStream('test.person-1', [newEvent('PersonErased', { personId: 'p1' })]);
    await store.appendToStream('test.person-1', [newEvent('PersonErased', { personId: 'p1' })]);
    await store.appendToStream('test.person-9', [newEvent('PersonErased', { personId: 'p9' })]);
    expect((await store.readStream('test.person-1'))[0].data).toMatchObject({ contact: { email: ERASED } });
  });

  it('reads events stored before encryption as they were written, and as erased once their subject is erased', async () => {
    const { raw, store } = setUp();
    await raw.appendToStream('test.person-1', [registered('p1', 'old@example.com'), newEvent('MessageReceived', { from: 'old@example.com', body: 'hi' })]);
    await raw.appendToStream('test.person-2', [registered('p2', 'other@example.com')]);
    expect((await store.readStream('test.person-1'))[0].data).toMatchObject({ contact: { email: 'old@example.com' } });

    await store.appendToStream('test.person-1', [newEvent('PersonErased', { personId: 'p1' })]);

    expect((await store.readStream('test.person-1')).map((e) => e.data).slice(0, 2)).toEqual([
      { personId: 'p1', contact: { name: ERASED, email: ERASED }, aliases: [ERASED], tier: 'gold' },
      { from: ERASED, body: 'hi' },
    ]);
    expect((await store.readStream('test.person-2'))[0].data).toMatchObject({ contact: { email: 'other@example.com' } });
  });

  it('refuses to read an envelope whose key is in no key table, rather than calling it erased', async () => {
    const { raw, store } = setUp();
    await store.appendToStream('test.person-1', [registered('p1', 'wei@example.com')]);
    const elsewhere = withPersonalData(raw, policy, new DataKeys(new InMemoryDataKeyTable(), MasterKey.generate()));
    await expect(elsewhere.readStream('test.person-1')).rejects.toThrow(UnknownDataKeyError);
  });

  it('encrypts what a numbered append builds', async () => {
    const { raw, store } = setUp();
    await store.appendNumbered('test.person-1', 'people', (n) => [
      newEvent('ContactRegistered', { personId: 'p1', contact: { name: 'Wei Li', email: 'wei@example.com' }, number: n }),
    ]);
    expect(await stored(raw)).not.toContain('wei@example.com');
    expect((await store.readStream('test.person-1'))[0].data).toMatchObject({ number: 1, contact: { email: 'wei@example.com' } });
  });

  it('rotates the master key by re-wrapping the data keys, without touching the events', async () => {
    const { raw, table, store, master } = setUp();
    await store.appendToStream('test.person-1', [registered('p1', 'wei@example.com')]);
    await store.appendToStream('test.person-2', [registered('p2', 'mei@example.com')]);
    const before = await stored(raw);
    const next = MasterKey.generate();

    expect(await rotateMasterKey(table, master, next)).toBe(2);

    expect(await stored(raw)).toBe(before);
    const rotated = withPersonalData(raw, policy, new DataKeys(table, next));
    expect((await rotated.readStream('test.person-2'))[0].data).toMatchObject({ contact: { email: 'mei@example.com' } });
    const stale = withPersonalData(raw, policy, new DataKeys(table, master));
    await expect(stale.readStream('test.person-1')).rejects.toThrow(/finish the rotation/);
  });

  it('reads a master key from base64 or hex, 32 bytes only', () => {
    const key = MasterKey.generate();
    expect(MasterKey.parse(key.toString()).id).toBe(key.id);
    expect(MasterKey.parse(Buffer.from(key.toString(), 'base64').toString('hex')).id).toBe(key.id);
    expect(() => MasterKey.parse('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
