import { DataKeys, ERASED, InMemoryDataKeyTable, InMemoryEventStore, MasterKey, PersonalDataPolicy, withPersonalData } from '@serviceledger/platform/core';
import { newEvent } from '@serviceledger/platform/testing';
import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { PartnerCommand, partner, partnerStream } from './partner';
import { contactSubject, partnerPersonalData } from './partner-personal-data';

const AT = '2026-12-01T02:00:00.000Z';
const command = commandsOf<PartnerCommand, { partnerId: string }>({ at: AT, actor: actor('res-wu', ['resource-manager'], ['operations']), data: { partnerId: 'acme' } });
const { when, stateAfter, refusal } = deciderSpec(partner);
const REGISTERED = when([], command('RegisterPartner', { name: 'Acme Printing', kind: 'service-provider', departmentId: 'tech-support' }));
const CONTACT = { contactId: 'c-1', name: '錢偉', role: 'Account manager', phone: '13800138000', email: 'Qian.Wei@acme.example' };

describe('partners and their contacts (C-3.1)', () => {
  it('registers a partner with the department that manages it', () => {
    expect(partnerStream('acme')).toBe('resource.partner-acme');
    expect(REGISTERED).toEqual([
      {
        type: 'PartnerRegistered',
        data: { partnerId: 'acme', name: 'Acme Printing', kind: 'service-provider', departmentId: 'tech-support', registeredBy: 'res-wu', registeredAt: AT },
      },
    ]);
    expect(refusal(REGISTERED, command('RegisterPartner', { name: 'Acme', kind: 'supplier', departmentId: 'x' }))).toMatchObject(refused('partner-exists'));
    expect(refusal([], command('RegisterPartner', { name: 'Acme', kind: 'friend' as never, departmentId: 'x' }))).toMatchObject(refused('unknown-partner-kind'));
  });

  it('adds a reachable contact once, and removes one with a reason', () => {
    const added = when(REGISTERED, command('AddPartnerContact', CONTACT));
    expect(added).toEqual([{ type: 'PartnerContactAdded', data: { partnerId: 'acme', ...CONTACT, email: 'qian.wei@acme.example', addedBy: 'res-wu' } }]);
    expect(refusal([...REGISTERED, ...added], command('AddPartnerContact', CONTACT))).toMatchObject(refused('contact-exists'));
    expect(refusal(REGISTERED, command('AddPartnerContact', { contactId: 'c-2', name: 'Li', role: 'Engineer' }))).toMatchObject(refused('contact-unreachable'));
    const removed = when([...REGISTERED, ...added], command('RemovePartnerContact', { contactId: 'c-1', reason: 'Left Acme' }));
    expect(removed).toEqual([{ type: 'PartnerContactErased', data: { partnerId: 'acme', contactId: 'c-1', reason: 'Left Acme', erasedBy: 'res-wu', erasedAt: AT } }]);
    expect(stateAfter([...REGISTERED, ...added, ...removed])?.contacts).toEqual([]);
    expect(refusal([...REGISTERED, ...added], command('RemovePartnerContact', { contactId: 'c-1', reason: ' ' }))).toMatchObject(refused('reason-required'));
    expect(refusal(REGISTERED, command('RemovePartnerContact', { contactId: 'c-9', reason: 'x' }))).toMatchObject({ name: 'NotFoundError' });
  });

  it('keeps a contact’s name, phone and e-mail encrypted under the contact’s own key, erased when the contact is removed', async () => {
    const raw = new InMemoryEventStore();
    const keys = new DataKeys(new InMemoryDataKeyTable(), MasterKey.generate());
    const store = withPersonalData(raw, new PersonalDataPolicy([partnerPersonalData]), keys);
    const contact = { partnerId: 'acme', ...CONTACT, addedBy: 'res-wu' };
    await store.appendToStream('resource.partner-acme', [newEvent('PartnerContactAdded', contact)]);
    for (const text of ['錢偉', '13800138000', 'Qian.Wei']) expect(JSON.stringify((await raw.readAll()).events)).not.toContain(text);
    expect((await store.readStream('resource.partner-acme'))[0].data).toEqual(contact);

    await store.appendToStream('resource.partner-acme', [newEvent('PartnerContactErased', { partnerId: 'acme', contactId: 'c-1', reason: 'Left', erasedBy: 'res-wu', erasedAt: AT })]);
    expect(contactSubject('acme', 'c-1')).toBe('partner-contact:acme:c-1');
    expect((await store.readStream('resource.partner-acme'))[0].data).toEqual({ ...contact, name: ERASED, phone: ERASED, email: ERASED });
  });
});
