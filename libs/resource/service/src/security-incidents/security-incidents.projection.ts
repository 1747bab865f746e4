import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { SecurityIncident, SecurityIncidentEvent, notificationPending, securityIncident, securityIncidents } from '@serviceledger/resource/domain';

export const SECURITY_INCIDENTS_PROJECTION = 'resource-security-incidents';

/** An incident as the register lists it: the decider's state (JSON) and the columns its filters use. */
export interface SecurityIncidentRow {
  incidentId: string;
  title: string;
  severity: string;
  status: string;
  personalDataInvolved: boolean;
  notificationDueAt: string | null;
  /** Personal data was involved and no one has been notified yet. */
  notificationPending: boolean;
  notificationOverdue: boolean;
  detectedAt: string;
  state: string;
  updatedAt: string;
}

/** One customer an incident affected: the register finds a customer's incidents. */
export interface AffectedCustomerRow {
  incidentId: string;
  customerId: string;
}

const str = { type: String, nullable: true };

/** The register of information-security incidents, folding the incident decider's `evolve`. */
export const securityIncidentsProjection: ProjectionDefinition = {
  name: SECURITY_INCIDENTS_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [securityIncidents.streamPrefix] },
  tables: {
    incident: {
      columns: {
        incidentId: { type: String, primary: true, name: 'incident_id' },
        title: { type: 'text' },
        severity: { type: String },
        status: { type: String },
        personalDataInvolved: { type: Boolean, name: 'personal_data_involved' },
        notificationDueAt: { ...str, name: 'notification_due_at' },
        notificationPending: { type: Boolean, name: 'notification_pending' },
        notificationOverdue: { type: Boolean, name: 'notification_overdue' },
        detectedAt: { type: String, name: 'detected_at' },
        state: { type: 'text' },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['status'] }, { columns: ['detectedAt'] }],
    } satisfies TableSpec<SecurityIncidentRow>,
    affected_customer: {
      columns: {
        incidentId: { type: String, primary: true, name: 'incident_id' },
        customerId: { type: String, primary: true, name: 'customer_id' },
      },
      indices: [{ columns: ['customerId'] }],
    } satisfies TableSpec<AffectedCustomerRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    const rows = tables.table<SecurityIncidentRow>('incident');
    const affected = tables.table<AffectedCustomerRow>('affected_customer');
    for (const event of events as EventEnvelope[]) {
      const folded = await foldEvent<SecurityIncidentEvent, SecurityIncident | null>(tables, event, securityIncident);
      const after = folded?.after;
      if (!after) continue;
      rows.upsert({
        incidentId: after.incidentId,
        title: after.title,
        severity: after.severity,
        status: after.status,
        personalDataInvolved: after.personalDataInvolved,
        notificationDueAt: after.notificationDueAt ?? null,
        notificationPending: notificationPending(after),
        notificationOverdue: after.notificationOverdue,
        detectedAt: after.detectedAt,
        state: JSON.stringify(after),
        updatedAt: event.occurredAt,
      });
      if (!folded.before) {
        for (const customerId of after.affectedCustomerIds) affected.upsert({ incidentId: after.incidentId, customerId });
      }
    }
  },
};
