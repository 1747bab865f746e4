import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { PersonalDataAccessed, personalDataAccessLog, personalDataAccessLogs } from '@serviceledger/intake/domain';

export const PERSONAL_DATA_REGISTER_PROJECTION = 'intake.personal-data-register';

/** One unmasked read of a customer's personal data: whose, by whom, when, which record and fields, and why. */
export interface PersonalDataAccessRow {
  customerId: string;
  /** The access's position in the customer's access log: with the customer, it names the entry. */
  position: number;
  accessedAt: string;
  accessedBy: string;
  /** The reader's name and roles as their token gave them when they read. */
  accessedByName: string | null;
  accessedByRoles: string;
  recordType: string;
  recordId: string;
  /** The personal fields shown, comma-separated. */
  fields: string;
  reason: string;
}

/** the access register the data-protection officer queries, one row per PersonalDataAccessed. */
export const personalDataRegisterProjection: ProjectionDefinition = {
  name: PERSONAL_DATA_REGISTER_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [personalDataAccessLogs.streamPrefix] },
  tables: {
    access: {
      columns: {
        customerId: { type: String, primary: true, name: 'customer_id' },
        position: { type: Number, primary: true },
        accessedAt: { type: String, name: 'accessed_at' },
        accessedBy: { type: String, name: 'accessed_by' },
        accessedByName: { type: String, nullable: true, name: 'accessed_by_name' },
        accessedByRoles: { type: String, name: 'accessed_by_roles' },
        recordType: { type: String, name: 'record_type' },
        recordId: { type: String, name: 'record_id' },
        fields: { type: 'text' },
        reason: { type: 'text' },
      },
      indices: [{ columns: ['accessedAt'] }, { columns: ['accessedBy', 'accessedAt'] }],
    } satisfies TableSpec<PersonalDataAccessRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events as Array<EventEnvelope & PersonalDataAccessed>) {
      // The log keeps no state; folding it still skips an access already registered.
      if (!(await foldEvent(tables, event, personalDataAccessLog))) continue;
      tables.table<PersonalDataAccessRow>('access').upsert(accessRow(event));
    }
  },
};

function accessRow({ data, metadata, streamPosition }: EventEnvelope & PersonalDataAccessed): PersonalDataAccessRow {
  return {
    customerId: data.customerId,
    position: streamPosition,
    accessedAt: data.accessedAt,
    accessedBy: data.accessedBy,
    accessedByName: metadata.actor.displayName ?? null,
    accessedByRoles: metadata.actor.roles.join(','),
    recordType: data.record.type,
    recordId: data.record.id,
    fields: data.fields.join(','),
    reason: data.reason,
  };
}
