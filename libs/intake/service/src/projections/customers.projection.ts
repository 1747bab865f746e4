import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { ERASED } from '@serviceledger/platform/core';
import { Customer, customer, normalisePhone } from '@serviceledger/intake/domain';

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

/** Customers for look-up by e-mail and phone (stored normalised: the phone as normalisePhone writes it now). */
export const customersProjection: ProjectionDefinition = {
  name: CUSTOMERS_PROJECTION,
  // 2: rows fold the customer decider's state.
  // 3: the phone as normalisePhone writes it now, so numbers recorded before "0086…" and mainland mobiles
  // without +86 were written in international form match a look-up as it is normalised now.
  version: 3,
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
    } satisfies TableSpec<CustomerRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events) {
      const folded = await foldEvent(tables, event, customer);
      if (folded?.after) tables.table<CustomerRow>('customer').upsert(customerRow(folded.after, event.occurredAt));
    }
  },
};

/**
 * The row is the customer as the decider keeps it, the phone normalised as a look-up is: the decider keeps a
 * number as normalisePhone wrote it when it was recorded, and it writes some numbers differently now.
 */
function customerRow(state: Customer, updatedAt: string): CustomerRow {
  return {
    customerId: state.customerId,
    organisation: state.organisation,
    contactPerson: state.contactPerson,
    phone: state.phone === undefined ? null : state.phone === ERASED ? ERASED : normalisePhone(state.phone),
    email: state.email ?? null,
    tier: state.tier,
    flaggedForReview: state.flaggedForReview,
    source: state.source,
    updatedAt,
  };
}
