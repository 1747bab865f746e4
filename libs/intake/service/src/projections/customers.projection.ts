import { EventEnvelope } from '@serviceledger/platform/core';
import { ProjectionDefinition } from '@serviceledger/platform/read-models';
import { CustomerEvent } from '@serviceledger/intake/domain';

export const CUSTOMERS_PROJECTION = 'intake.customers';

export interface CustomerRow {
  customerId: string;
  organisation: string;
  contactPerson: string;
  phone: string | null;
  email: string | null;
  tier: string;
  flaggedForReview: boolean;
  source: string;
  updatedAt: string;
}

/** Customers for look-up by e-mail and phone (stored normalised, as the decider keeps them). */
export const customersProjection: ProjectionDefinition = {
  name: CUSTOMERS_PROJECTION,
  version: 1,
  filter: { streamPrefixes: ['intake.customer-'] },
  tables: {
    customer: {
      columns: {
        customerId: { type: String, primary: true, name: 'customer_id' },
        organisation: { type: String },
        contactPerson: { type: String, name: 'contact_person' },
        phone: { type: String, nullable: true },
        email: { type: String, nullable: true },
        tier: { type: String },
        flaggedForReview: { type: Boolean, name: 'flagged_for_review' },
        source: { type: String },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['email'] }, { columns: ['phone'] }],
    },
  },
  async apply(events, tables) {
    const customers = tables.repository<CustomerRow>('customer');
    for (const event of events as Array<EventEnvelope & CustomerEvent>) {
      switch (event.type) {
        case 'CustomerRegistered': {
          const c = event.data;
          await customers.upsert(
            {
              customerId: c.customerId,
              organisation: c.organisation,
              contactPerson: c.contactPerson,
              phone: c.phone ?? null,
              email: c.email ?? null,
              tier: c.tier,
              flaggedForReview: c.flaggedForReview,
              source: c.source,
              updatedAt: event.occurredAt,
            },
            ['customerId'],
          );
          break;
        }
        case 'CustomerUpdated': {
          const { changes } = event.data;
          await customers.update({ customerId: event.data.customerId }, { ...changes, updatedAt: event.occurredAt });
          break;
        }
        case 'CustomerReviewCleared':
          await customers.update({ customerId: event.data.customerId }, { flaggedForReview: false, updatedAt: event.occurredAt });
          break;
      }
    }
  },
};
