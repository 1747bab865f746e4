import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { requireText } from './partner-terms';

/**
 * A partner (六(三), C-3.1): a company we cooperate with under agreements, and the people we deal with
 * there. A contact's name, phone and e-mail are that person's personal data (`partner-personal-data.ts`):
 * kept encrypted under the contact's own key, and erased with the key when the contact is removed.
 */
export const PARTNER_KINDS = ['supplier', 'technology', 'channel', 'service-provider'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface PartnerContact {
  contactId: string;
  name: string;
  /** What the person does for the cooperation: account manager, support engineer, … */
  role: string;
  phone?: string;
  email?: string;
}

/** The fields of a contact that are the person's personal data. */
export const CONTACT_PERSONAL_FIELDS = ['name', 'phone', 'email'] as const;

// Commands

export type RegisterPartner = Command<
  'RegisterPartner',
  { partnerId: string; name: string; kind: PartnerKind; departmentId: string }
>;
export type AddPartnerContact = Command<'AddPartnerContact', { partnerId: string } & PartnerContact>;
export type RemovePartnerContact = Command<'RemovePartnerContact', { partnerId: string; contactId: string; reason: string }>;
export type PartnerCommand = RegisterPartner | AddPartnerContact | RemovePartnerContact;

// Events

export type PartnerRegistered = {
  type: 'PartnerRegistered';
  data: RegisterPartner['data'] & { registeredBy: string; registeredAt: string };
};
export type PartnerContactAdded = { type: 'PartnerContactAdded'; data: { partnerId: string } & PartnerContact & { addedBy: string } };
/** Removing a contact erases the person: the key their details are sealed with is destroyed. */
export type PartnerContactErased = {
  type: 'PartnerContactErased';
  data: { partnerId: string; contactId: string; reason: string; erasedBy: string; erasedAt: string };
};
export type PartnerEvent = PartnerRegistered | PartnerContactAdded | PartnerContactErased;

// State

export interface Partner {
  partnerId: string;
  name: string;
  kind: PartnerKind;
  /** The department that manages the relationship. */
  departmentId: string;
  contacts: PartnerContact[];
}
export type PartnerState = Partner | null;

export const partner: Decider<PartnerCommand, PartnerEvent, PartnerState> = {
  initialState: () => null,
  evolve(state, event) {
    switch (event.type) {
      case 'PartnerRegistered': {
        const { partnerId, name, kind, departmentId } = event.data;
        return { partnerId, name, kind, departmentId, contacts: [] };
      }
      case 'PartnerContactAdded': {
        const { partnerId: _p, addedBy: _a, ...contact } = event.data;
        return state && { ...state, contacts: [...state.contacts, contact] };
      }
      case 'PartnerContactErased':
        return state && { ...state, contacts: state.contacts.filter((c) => c.contactId !== event.data.contactId) };
    }
  },
  decide(command, state) {
    const { data, metadata } = command;
    if (command.type === 'RegisterPartner') {
      if (state) throw new RuleViolation('partner-exists', `Partner ${data.partnerId} is already registered`);
      const { partnerId, kind, departmentId } = command.data;
      if (!(PARTNER_KINDS as readonly string[]).includes(kind)) {
        throw new RuleViolation('unknown-partner-kind', `"${kind}" is not a kind of partner (${PARTNER_KINDS.join(', ')})`);
      }
      const name = requireText(command.data.name, 'name-required', 'A partner has a name');
      return [{ type: 'PartnerRegistered', data: { partnerId, name, kind, departmentId, registeredBy: metadata.actor.userId, registeredAt: metadata.at } }];
    }
    if (!state) throw new NotFoundError('Partner', data.partnerId);
    switch (command.type) {
      case 'AddPartnerContact': {
        const { partnerId, contactId, phone, email } = command.data;
        if (state.contacts.some((c) => c.contactId === contactId)) {
          throw new RuleViolation('contact-exists', `Partner ${partnerId} already has contact ${contactId}`);
        }
        const name = requireText(command.data.name, 'contact-name-required', 'A contact has a name');
        const role = requireText(command.data.role, 'contact-role-required', `Contact ${contactId} has a role in the cooperation`);
        if (!phone?.trim() && !email?.trim()) {
          throw new RuleViolation('contact-unreachable', `Contact ${contactId} needs a phone number or an e-mail address`);
        }
        const reach = { ...(phone?.trim() ? { phone: phone.trim() } : {}), ...(email?.trim() ? { email: email.trim().toLowerCase() } : {}) };
        return [{ type: 'PartnerContactAdded', data: { partnerId, contactId, name, role, ...reach, addedBy: metadata.actor.userId } }];
      }
      case 'RemovePartnerContact': {
        const { partnerId, contactId } = command.data;
        if (!state.contacts.some((c) => c.contactId === contactId)) throw new NotFoundError('Partner contact', contactId);
        const reason = requireText(command.data.reason, 'reason-required', `Removing contact ${contactId} needs a reason`);
        return [{ type: 'PartnerContactErased', data: { partnerId, contactId, reason, erasedBy: metadata.actor.userId, erasedAt: metadata.at } }];
      }
    }
  },
};

/** The partner directory is the company's: the route's permission decides who reads and edits it. */
export const partners: Aggregate<PartnerCommand, PartnerEvent, PartnerState> = {
  name: 'Partner',
  streamPrefix: 'resource.partner-',
  decider: partner,
  idOf: (command) => command.data.partnerId,
  creates: ['RegisterPartner'],
};

export const partnerStream = (partnerId: string): string => streamOf(partners, partnerId);
