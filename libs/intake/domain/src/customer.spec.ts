import { actor, commandsOf, deciderSpec } from '@serviceledger/platform/testing/decider-spec';
import { CustomerCommand, CustomerRegistered, PERSONAL_FIELDS, customer, customerStream } from './customer';

const agent = actor('agent-1', ['agent'], ['customer-service']);
const command = commandsOf<CustomerCommand>({ at: '2026-03-02T09:00:00.000Z', actor: agent });
const { when, stateAfter, refusal } = deciderSpec(customer);

const acme = { customerId: 'c-1', organisation: 'Acme', contactPerson: 'Li', tier: 'standard' } as const;

const registered: CustomerRegistered = {
  type: 'CustomerRegistered',
  data: {
    customerId: 'c-1',
    organisation: 'Acme Ltd',
    contactPerson: 'Li Wei',
    phone: '+861012345678',
    email: 'li.wei@acme.cn',
    tier: 'gold',
    flaggedForReview: false,
    source: 'agent',
  },
};

const fromEmail: CustomerRegistered = {
  type: 'CustomerRegistered',
  data: {
    customerId: 'c-2',
    organisation: 'example.cn',
    contactPerson: '王芳',
    email: 'wang.fang@example.cn',
    tier: 'standard',
    flaggedForReview: true,
    source: 'email',
  },
};

describe('customer', () => {
  it('names its stream after the customer id', () => {
    expect(customerStream('c-1')).toBe('intake.customer-c-1');
  });

  it('marks contact person, phone and e-mail as personal fields', () => {
    expect(PERSONAL_FIELDS).toEqual(['contactPerson', 'phone', 'email']);
  });

  describe('RegisterCustomer', () => {
    it('registers the customer with normalised phone and e-mail, not flagged for review', () => {
      expect(
        when(
          [],
          command('RegisterCustomer', {
            customerId: 'c-1',
            organisation: 'Acme Ltd',
            contactPerson: 'Li Wei',
            phone: '+86 (10) 1234-5678',
            email: ' Li.Wei@ACME.cn',
            tier: 'gold',
          }),
        ),
      ).toEqual([registered]);
    });

    it('registers a customer reachable by e-mail only', () => {
      const [event] = when(
        [],
        command('RegisterCustomer', { ...acme, email: 'li@acme.cn' }),
      );
      expect(event.data).not.toHaveProperty('phone');
    });

    it('refuses a customer with neither phone nor e-mail', () => {
      expect(
        refusal([], command('RegisterCustomer', acme)),
      ).toMatchObject({ name: 'RuleViolation', code: 'contact-unreachable' });
    });

    it('refuses to register the same customer twice', () => {
      expect(
        refusal(
          [registered],
          command('RegisterCustomer', { ...acme, phone: '1' }),
        ),
      ).toMatchObject({ name: 'RuleViolation', code: 'customer-already-registered' });
    });
  });

  describe('RegisterCustomerFromEmail', () => {
    it('registers an unknown sender as a standard customer of its mail domain, flagged for review', () => {
      expect(
        when(
          [],
          command('RegisterCustomerFromEmail', { customerId: 'c-2', email: 'Wang.Fang@Example.cn', contactPerson: '王芳' }),
        ),
      ).toEqual([fromEmail]);
    });

    it('names the contact after the address when the mail gives no name', () => {
      const [event] = when([], command('RegisterCustomerFromEmail', { customerId: 'c-2', email: 'ops@example.cn' }));
      expect(event.data).toMatchObject({ contactPerson: 'ops@example.cn', organisation: 'example.cn' });
    });

    it('refuses to register the same sender twice', () => {
      expect(
        refusal([fromEmail], command('RegisterCustomerFromEmail', { customerId: 'c-2', email: 'wang.fang@example.cn' })),
      ).toMatchObject({ name: 'RuleViolation', code: 'customer-already-registered' });
    });
  });

  describe('UpdateCustomer', () => {
    it('records only the fields that change', () => {
      expect(
        when(
          [registered],
          command('UpdateCustomer', {
            customerId: 'c-1',
            organisation: 'Acme Ltd',
            tier: 'platinum',
            email: 'LI.WEI@acme.cn',
            phone: '+86 10 8888 0000',
          }),
        ),
      ).toEqual([
        { type: 'CustomerUpdated', data: { customerId: 'c-1', changes: { tier: 'platinum', phone: '+861088880000' } } },
      ]);
    });

    it('appends nothing when nothing changes', () => {
      const same = command('UpdateCustomer', { customerId: 'c-1', tier: 'gold', email: 'Li.Wei@acme.cn' });
      expect(when([registered], same)).toEqual([]);
    });

    it('removes the phone number while an e-mail address remains', () => {
      const events = when([registered], command('UpdateCustomer', { customerId: 'c-1', phone: null }));
      expect(events).toEqual([{ type: 'CustomerUpdated', data: { customerId: 'c-1', changes: { phone: null } } }]);
      expect(stateAfter([registered, ...events])).not.toHaveProperty('phone');
    });

    it('refuses to remove both phone and e-mail', () => {
      const unreachable = command('UpdateCustomer', { customerId: 'c-1', phone: null, email: null });
      expect(refusal([registered], unreachable)).toMatchObject({ name: 'RuleViolation', code: 'contact-unreachable' });
    });

    it('refuses an unknown customer', () => {
      expect(refusal([], command('UpdateCustomer', { customerId: 'c-9', tier: 'gold' }))).toMatchObject({
        name: 'NotFoundError',
        what: 'Customer',
        id: 'c-9',
      });
    });
  });

  describe('ClearCustomerReview', () => {
    it('clears the review flag, recording who reviewed', () => {
      const events = when([fromEmail], command('ClearCustomerReview', { customerId: 'c-2', note: 'Known partner' }));
      expect(events).toEqual([
        { type: 'CustomerReviewCleared', data: { customerId: 'c-2', reviewedBy: 'agent-1', note: 'Known partner' } },
      ]);
      expect(stateAfter([fromEmail, ...events])?.flaggedForReview).toBe(false);
    });

    it('refuses when the customer is not flagged', () => {
      expect(refusal([registered], command('ClearCustomerReview', { customerId: 'c-1' }))).toMatchObject({
        name: 'RuleViolation',
        code: 'customer-not-flagged',
      });
    });

    it('refuses an unknown customer', () => {
      expect(refusal([], command('ClearCustomerReview', { customerId: 'c-9' }))).toMatchObject({ name: 'NotFoundError' });
    });
  });
});
