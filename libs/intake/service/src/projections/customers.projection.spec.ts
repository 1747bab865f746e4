import { CustomerEvent, customerStream } from '@serviceledger/intake/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { CustomerRow, customersProjection } from './customers.projection';

const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { customerId: 'c-1', organisation: 'Acme', contactPerson: 'Wang Xiaoming', phone: '+8613800138000', tier: 'gold', flaggedForReview: false, source: 'agent' },
};

describe('customers projection', () => {
  const projection = projectionSpec(customersProjection);

  it('lists a registered customer as the decider keeps it', async () => {
    const c1 = eventStream<CustomerEvent>(customerStream('c-1'));
    await projection.apply([c1(registered)]);

    expect(await projection.rows('customer')).toEqual([
      {
        customerId: 'c-1',
        organisation: 'Acme',
        contactPerson: 'Wang Xiaoming',
        phone: '+8613800138000',
        email: null,
        tier: 'gold',
        flaggedForReview: false,
        source: 'agent',
        updatedAt: '2026-03-02T09:00:00.000Z',
      },
    ]);
  });

  it('applies changes, removes a phone number given as null, and clears the review of a customer from e-mail', async () => {
    const c2 = eventStream<CustomerEvent>(customerStream('c-2'));
    await projection.apply([
      c2({ type: 'CustomerRegistered', data: { customerId: 'c-2', organisation: 'sender@example.com', contactPerson: 'sender@example.com', email: 'sender@example.com', tier: 'standard', flaggedForReview: true, source: 'email' } }),
    ]);
    expect(await projection.rows<CustomerRow>('customer')).toEqual([expect.objectContaining({ flaggedForReview: true, source: 'email' })]);

    await projection.apply([
      c2({ type: 'CustomerUpdated', data: { customerId: 'c-2', changes: { organisation: 'Example Ltd', phone: '+8613900139000' } } }),
      c2({ type: 'CustomerUpdated', data: { customerId: 'c-2', changes: { phone: null, tier: 'platinum' } } }),
      c2({ type: 'CustomerReviewCleared', data: { customerId: 'c-2', reviewedBy: 'agent-1' } }, { at: '2026-03-03T10:00:00.000Z' }),
    ]);

    expect(await projection.rows('customer')).toEqual([
      expect.objectContaining({ organisation: 'Example Ltd', phone: null, email: 'sender@example.com', tier: 'platinum', flaggedForReview: false, updatedAt: '2026-03-03T10:00:00.000Z' }),
    ]);
  });

  it('writes a phone recorded before 0086 and mainland mobiles without +86 were normalised in international form as a look-up now normalises it', async () => {
    const c3 = eventStream<CustomerEvent>(customerStream('c-3'));
    const c4 = eventStream<CustomerEvent>(customerStream('c-4'));
    await projection.apply([
      c3({ type: 'CustomerRegistered', data: { ...registered.data, customerId: 'c-3', phone: '13800138000' } }),
      c4({ type: 'CustomerRegistered', data: { ...registered.data, customerId: 'c-4', phone: '+85291234567' } }),
      c4({ type: 'CustomerUpdated', data: { customerId: 'c-4', changes: { phone: '0085291234567' } } }),
    ]);

    expect((await projection.rows<CustomerRow>('customer')).map(({ customerId, phone }) => ({ customerId, phone }))).toEqual([
      { customerId: 'c-3', phone: '+8613800138000' },
      { customerId: 'c-4', phone: '+85291234567' },
    ]);
  });

  it('keeps an erased phone as the marker', async () => {
    const c1 = eventStream<CustomerEvent>(customerStream('c-1'));
    await projection.apply([
      c1(registered),
      c1({ type: 'CustomerErased', data: { customerId: 'c-1', erasedBy: 'admin-wu', erasedAt: '2026-03-02T10:00:00.000Z', reason: 'Asked to be forgotten' } }),
    ]);

    expect(await projection.rows('customer')).toEqual([expect.objectContaining({ contactPerson: '[erased]', phone: '[erased]' })]);
  });

  it('changes nothing when an event is delivered again', async () => {
    const c1 = eventStream<CustomerEvent>(customerStream('c-1'));
    const events = [c1(registered), c1({ type: 'CustomerUpdated', data: { customerId: 'c-1', changes: { tier: 'platinum' } } })];
    await projection.apply(events);
    const once = await projection.rows('customer');

    await projection.apply(events.slice(1));
    await projection.apply(events);

    expect(await projection.rows('customer')).toEqual(once);
    expect(once).toEqual([expect.objectContaining({ tier: 'platinum', updatedAt: '2026-03-02T09:01:00.000Z' })]);
  });
});
