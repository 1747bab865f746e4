import { ERASED, EventEnvelope, mapFields } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, AggregateStateRow, ProjectionTables } from '@serviceledger/platform/read-models';
import { CustomerErased, demandStream, intakePersonalData } from '@serviceledger/intake/domain';
import { DemandRow, TimelineEntryRow } from './demand-rows';

/** The customer stream the demands projection also reads, for erasures only. */
export const CUSTOMER_STREAM_PREFIX = 'intake.customer-';

/** The demand's columns that copy the customer's personal data (the fields personal-data.ts encrypts). */
const ERASED_TEXT = {
  contactName: ERASED,
  subject: ERASED,
  description: ERASED,
} satisfies Partial<DemandRow>;
const ERASED_WHEN_SET = ['contactPhone', 'contactEmail', 'complaintPromisedResult', 'complaintPromisedResultNote'] as const;

/** Where the decider's state of a demand keeps the free text written by, to or for the customer: theirs, and the responsibilities agreed in coordination. */
const STATE_PERSONAL_FIELDS = ['subject', 'description', 'complaint.promise.promisedResult', 'responsibilities[].responsibility'];

/** A timeline entry's details hold its event's data: the personal fields are those declared for its event type. */
const TIMELINE_PERSONAL_FIELDS = new Map(intakePersonalData.personal.map(({ eventType, fields }) => [eventType, fields]));

/**
 * R-3.1: once a customer is erased, their demands' rows must not keep the copies of their personal data
 * the projection made: the contact, the free text they wrote or were written (subject, description,
 * message and reply bodies, complaint texts) and what staff wrote on their demand (notes, reasons,
 * handling steps, the coordination agreed, the resolution), in the demand's row, its timeline and its folded state, are
 * rewritten to the erased marker, as a rebuild would read them; so are those of the demands filed under the
 * unverified senders from an address of theirs, which the erasure names. Answers whether the event was a customer
 * event (nothing else to do).
 */
export async function appliedCustomerEvent(event: EventEnvelope, tables: ProjectionTables): Promise<boolean> {
  if (!event.stream.startsWith(CUSTOMER_STREAM_PREFIX)) return false;
  if (event.type === 'CustomerErased') await eraseDemands(event.data as CustomerErased['data'], tables);
  return true;
}

/** The customer's demands, and those filed under the unverified senders from an address of theirs. */
async function eraseDemands({ customerId, unverifiedDemandIds = [] }: CustomerErased['data'], tables: ProjectionTables): Promise<void> {
  const demands = tables.table<DemandRow>('demand');
  const rows = [...(await demands.find({ customerId }))];
  for (const demandId of unverifiedDemandIds) {
    const filed = await demands.get({ demandId });
    if (filed) rows.push(filed);
  }
  const timeline = tables.table<TimelineEntryRow>('timeline');
  const states = tables.table<AggregateStateRow>(AGGREGATE_STATES);
  await timeline.load(rows.map(({ demandId }) => ({ demandId })));
  await states.load(rows.map(({ demandId }) => ({ stream: demandStream(demandId) })));
  for (const row of rows) {
    const whenSet = Object.fromEntries(ERASED_WHEN_SET.map((column) => [column, row[column] === null ? null : ERASED]));
    await demands.update({ demandId: row.demandId }, { ...ERASED_TEXT, ...whenSet });
    for (const entry of await timeline.find({ demandId: row.demandId })) {
      const fields = TIMELINE_PERSONAL_FIELDS.get(entry.entry);
      if (!fields) continue;
      const details = mapFields(JSON.parse(entry.details), fields, () => ERASED);
      await timeline.update({ demandId: entry.demandId, position: entry.position }, { details: JSON.stringify(details) });
    }
    const state = await states.get({ stream: demandStream(row.demandId) });
    if (state) await states.update({ stream: state.stream }, { state: JSON.stringify(mapFields(JSON.parse(state.state), STATE_PERSONAL_FIELDS, () => ERASED)) });
  }
}
