import { Aggregate, Command, Decider, ERASED, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { ensureReachable, normaliseEmail, normalisePhone } from './contact-details';

/** Service tiers a customer can be on; SLA policies and triage rules match on them. */
export const CUSTOMER_TIERS = ['standard', 'gold', 'platinum'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export interface CustomerProfile {
  organisation: string;
  contactPerson: string;
  phone?: string;
  email?: string;
  tier: CustomerTier;
}

type ProfileField = keyof CustomerProfile;

/** Fields that identify a person: access control and erasure apply to these. */
export const PERSONAL_FIELDS = ['contactPerson', 'phone', 'email'] as const satisfies readonly ProfileField[];

export type RegisterCustomer = Command<'RegisterCustomer', { customerId: string } & CustomerProfile>;
/** An e-mail from an address no customer has: the sender becomes a customer flagged for review. */
export type RegisterCustomerFromEmail = Command<
  'RegisterCustomerFromEmail',
  { customerId: string; email: string; contactPerson?: string }
>;
/** Absent fields stay as they are; `null` removes a phone number or an e-mail address. */
export type UpdateCustomer = Command<
  'UpdateCustomer',
  {
    customerId: string;
    organisation?: string;
    contactPerson?: string;
    phone?: string | null;
    email?: string | null;
    tier?: CustomerTier;
  }
>;
export type ClearCustomerReview = Command<'ClearCustomerReview', { customerId: string; note?: string }>;
/**
 * the customer's personal data is erased for good (their data key is destroyed); why is required.
 * The service names the demands filed under the unverified senders from an address of the customer's
 * (mail from an address not yet known to be theirs): their contact and text are the customer's too.
 */
export type EraseCustomer = Command<'EraseCustomer', { customerId: string; reason: string; unverifiedDemandIds?: string[] }>;

export type CustomerCommand = RegisterCustomer | RegisterCustomerFromEmail | UpdateCustomer | ClearCustomerReview | EraseCustomer;

export type CustomerChanges = Partial<Omit<CustomerProfile, 'phone' | 'email'>> & {
  phone?: string | null;
  email?: string | null;
};

export type CustomerRegistered = { type: 'CustomerRegistered'; data: Customer };
export type CustomerUpdated = { type: 'CustomerUpdated'; data: { customerId: string; changes: CustomerChanges } };
export type CustomerReviewCleared = {
  type: 'CustomerReviewCleared';
  data: { customerId: string; reviewedBy: string; note?: string };
};

/** Who erased the customer's personal data, when and why; it carries none itself. */
export type CustomerErased = {
  type: 'CustomerErased';
  data: {
    customerId: string;
    erasedBy: string;
    erasedAt: string;
    reason: string;
    /** The demands filed under the unverified senders from an address of the customer's, erased with them; absent: none. */
    unverifiedDemandIds?: string[];
  };
};

export type CustomerEvent = CustomerRegistered | CustomerUpdated | CustomerReviewCleared | CustomerErased;

export interface Customer extends CustomerProfile {
  customerId: string;
  /** Set for a customer created from an unknown e-mail sender until someone has checked it. */
  flaggedForReview: boolean;
  /** Who created the record: an agent, or the e-mail channel. */
  source: 'agent' | 'email';
  /** Set once the customer's personal data was erased: the personal fields then read as erased. */
  erased?: true;
}
export type CustomerState = Customer | null;

export const customer: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  initialState: () => null,

  evolve(state, event) {
    switch (event.type) {
      case 'CustomerRegistered':
        return event.data;
      case 'CustomerUpdated':
        return state && withChanges(state, event.data.changes);
      case 'CustomerReviewCleared':
        return state && { ...state, flaggedForReview: false };
      case 'CustomerErased':
        return state && erasedProfile(state);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterCustomer': {
        ensureNew(state, command.data.customerId);
        const { customerId, organisation, contactPerson, tier } = command.data;
        const phone = command.data.phone ? normalisePhone(command.data.phone) : undefined;
        const email = command.data.email ? normaliseEmail(command.data.email) : undefined;
        ensureReachable(`Customer ${customerId}`, phone, email);
        return [
          {
            type: 'CustomerRegistered',
            data: {
              customerId,
              organisation,
              contactPerson,
              ...(phone ? { phone } : {}),
              ...(email ? { email } : {}),
              tier,
              flaggedForReview: false,
              source: 'agent',
            },
          },
        ];
      }
      case 'RegisterCustomerFromEmail': {
        ensureNew(state, command.data.customerId);
        const email = normaliseEmail(command.data.email);
        return [
          {
            type: 'CustomerRegistered',
            data: {
              customerId: command.data.customerId,
              // Until someone reviews the sender, the mail domain is the best guess of the organisation.
              organisation: email.slice(email.lastIndexOf('@') + 1),
              contactPerson: command.data.contactPerson?.trim() || email,
              email,
              tier: 'standard',
              flaggedForReview: true,
              source: 'email',
            },
          },
        ];
      }
      case 'UpdateCustomer': {
        const current = existing(state, command.data.customerId);
        ensureNotErased(current);
        const changes = changesTo(current, command.data);
        if (Object.keys(changes).length === 0) return [];
        const updated = withChanges(current, changes);
        ensureReachable(`Customer ${current.customerId}`, updated.phone, updated.email);
        return [{ type: 'CustomerUpdated', data: { customerId: current.customerId, changes } }];
      }
      case 'ClearCustomerReview': {
        const current = existing(state, command.data.customerId);
        if (!current.flaggedForReview) {
          throw new RuleViolation(
            'customer-not-flagged',
            `Customer ${current.customerId} is not flagged for review, so there is no review to clear`,
          );
        }
        const { note } = command.data;
        return [
          {
            type: 'CustomerReviewCleared',
            data: {
              customerId: current.customerId,
              reviewedBy: command.metadata.actor.userId,
              ...(note ? { note } : {}),
            },
          },
        ];
      }
      case 'EraseCustomer': {
        const current = existing(state, command.data.customerId);
        // Erasing again changes nothing: the key is gone already.
        if (current.erased) return [];
        const { actor, at } = command.metadata;
        const { reason, unverifiedDemandIds = [] } = command.data;
        return [
          {
            type: 'CustomerErased',
            data: {
              customerId: current.customerId,
              erasedBy: actor.userId,
              erasedAt: at,
              reason,
              ...(unverifiedDemandIds.length ? { unverifiedDemandIds: [...new Set(unverifiedDemandIds)] } : {}),
            },
          },
        ];
      }
    }
  },
};

/** A customer's stream is `intake.customer-<id>`. Any department may serve a customer; a customer principal acts for their own organisation only. */
export const customers: Aggregate<CustomerCommand, CustomerEvent, CustomerState> = {
  name: 'Customer',
  streamPrefix: 'intake.customer-',
  decider: customer,
  idOf: (command) => command.data.customerId,
  creates: ['RegisterCustomer', 'RegisterCustomerFromEmail'],
  scope: (state) => ({ departments: 'every department', customerId: state?.customerId }),
};

export const customerStream = (customerId: string): string => streamOf(customers, customerId);

function ensureNew(state: CustomerState, customerId: string): void {
  if (state) {
    throw new RuleViolation('customer-already-registered', `Customer ${customerId} is already registered`);
  }
}

function ensureNotErased(current: Customer): void {
  if (current.erased) {
    throw new RuleViolation('customer-erased', `Customer ${current.customerId} was erased: their personal data can no longer be recorded`);
  }
}

/** The customer with every personal field reading as erased, as their events now do. */
function erasedProfile(current: Customer): Customer {
  return {
    ...current,
    contactPerson: ERASED,
    ...(current.phone !== undefined ? { phone: ERASED } : {}),
    ...(current.email !== undefined ? { email: ERASED } : {}),
    erased: true,
  };
}

function existing(state: CustomerState, customerId: string): Customer {
  if (!state) throw new NotFoundError('Customer', customerId);
  return state;
}

/** Only what actually differs is recorded, so a repeated update appends nothing. */
function changesTo(current: Customer, update: UpdateCustomer['data']): CustomerChanges {
  const changes: CustomerChanges = {};
  if (update.organisation !== undefined && update.organisation !== current.organisation) {
    changes.organisation = update.organisation;
  }
  if (update.contactPerson !== undefined && update.contactPerson !== current.contactPerson) {
    changes.contactPerson = update.contactPerson;
  }
  if (update.tier !== undefined && update.tier !== current.tier) changes.tier = update.tier;
  if (update.phone !== undefined) {
    const phone = update.phone === null ? null : normalisePhone(update.phone);
    if ((phone ?? undefined) !== current.phone) changes.phone = phone;
  }
  if (update.email !== undefined) {
    const email = update.email === null ? null : normaliseEmail(update.email);
    if ((email ?? undefined) !== current.email) changes.email = email;
  }
  return changes;
}

function withChanges(current: Customer, changes: CustomerChanges): Customer {
  const { phone, email, ...rest } = changes;
  const next: Customer = { ...current, ...rest };
  if (phone === null) delete next.phone;
  else if (phone !== undefined) next.phone = phone;
  if (email === null) delete next.email;
  else if (email !== undefined) next.email = email;
  return next;
}
