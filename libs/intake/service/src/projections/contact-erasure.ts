import { ERASED, EventEnvelope } from '@serviceledger/platform/core';
import { ProjectionTables } from '@serviceledger/platform/read-models';
import { CustomerErased } from '@serviceledger/intake/domain';
import { DemandRow, TimelineEntryRow } from './demand-rows';

/** The customer stream the demands projection also reads, for erasures only. */
export const CUSTOMER_STREAM_PREFIX = 'intake.customer-';

/**
 * R-3.1: once a customer is erased, their demands' rows must not keep the copies of their personal data
 * the projection made: the contact and the senders of their messages are rewritten to the erased marker,
 * as a rebuild would read them. Answers whether the event was a customer event (nothing else to do).
 */
export async function appliedCustomerEvent(event: EventEnvelope, tables: ProjectionTables): Promise<boolean> {
  if (!event.stream.startsWith(CUSTOMER_STREAM_PREFIX)) return false;
  if (event.type === 'CustomerErased') await eraseContacts((event.data as CustomerErased['data']).customerId, tables);
  return true;
}

async function eraseContacts(customerId: string, tables: ProjectionTables): Promise<void> {
  const demands = tables.repository<DemandRow>('demand');
  const rows = await demands.find({ where: { customerId }, select: { demandId: true, contactPhone: true, contactEmail: true } });
  const timeline = tables.repository<TimelineEntryRow>('timeline');
  for (const row of rows) {
    await demands.update(
      { demandId: row.demandId },
      { contactName: ERASED, contactPhone: row.contactPhone === null ? null : ERASED, contactEmail: row.contactEmail === null ? null : ERASED },
    );
    for (const entry of await timeline.find({ where: { demandId: row.demandId, entry: 'CustomerMessageReceived' } })) {
      const details = JSON.parse(entry.details) as Record<string, unknown>;
      await timeline.update({ demandId: entry.demandId, position: entry.position }, { details: JSON.stringify({ ...details, from: ERASED }) });
    }
  }
}
