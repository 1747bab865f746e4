import { ContractMapper, contractMessageFor } from '@serviceledger/platform/messaging';
import {
  SECURITY_INCIDENT_CONTAINED_V1,
  SECURITY_INCIDENT_CONTRACTS,
  SECURITY_INCIDENT_NOTIFICATION_OVERDUE_V1,
  SECURITY_INCIDENT_NOTIFIED_V1,
  SECURITY_INCIDENT_RECORDED_V1,
  SECURITY_INCIDENT_RESOLVED_V1,
  SECURITY_INCIDENT_SOURCE,
  SecurityIncidentContractData,
} from '@serviceledger/resource/contracts';
import { SecurityIncidentEvent, securityIncidents } from '@serviceledger/resource/domain';
import { ResourceRelayPart } from '../resource-relay';

/** Keyed and subjected by the incident id, so that an incident's events stay in order on the topic. */
const message = contractMessageFor<SecurityIncidentContractData>({ source: SECURITY_INCIDENT_SOURCE, keyOf: (data) => data.incidentId });

/**
 * The incident register's events → its public risk signals, field by field: ids, severity, times and
 * whether personal data was involved. The title, description, measures, resolution and whom a notification
 * reached stay in the resource service. Events of other streams map to nothing (the next part maps them).
 */
export const mapSecurityIncidentEvent: ContractMapper = (envelope) => {
  if (!envelope.stream.startsWith(securityIncidents.streamPrefix)) return undefined;
  const event = { type: envelope.type, data: envelope.data } as SecurityIncidentEvent;
  const occurredAt = envelope.occurredAt;
  switch (event.type) {
    case 'SecurityIncidentRecorded': {
      const d = event.data;
      return message(envelope, SECURITY_INCIDENT_RECORDED_V1, {
        incidentId: d.incidentId,
        severity: d.severity,
        personalDataInvolved: d.personalDataInvolved,
        affectedCustomerIds: [...d.affectedCustomerIds],
        detectedAt: d.detectedAt,
        ...(d.notificationDueAt !== undefined ? { notificationDueAt: d.notificationDueAt } : {}),
        occurredAt,
      });
    }
    case 'SecurityIncidentContained':
      return message(envelope, SECURITY_INCIDENT_CONTAINED_V1, { incidentId: event.data.incidentId, containedAt: event.data.containedAt, occurredAt });
    case 'SecurityIncidentResolved':
      return message(envelope, SECURITY_INCIDENT_RESOLVED_V1, { incidentId: event.data.incidentId, resolvedAt: event.data.resolvedAt, occurredAt });
    case 'IncidentNotificationRecorded':
      return message(envelope, SECURITY_INCIDENT_NOTIFIED_V1, { incidentId: event.data.incidentId, notifiedAt: event.data.notifiedAt, late: event.data.late, occurredAt });
    case 'IncidentNotificationOverdue':
      return message(envelope, SECURITY_INCIDENT_NOTIFICATION_OVERDUE_V1, {
        incidentId: event.data.incidentId,
        severity: event.data.severity,
        dueAt: event.data.dueAt,
        occurredAt,
      });
    default:
      return notAnIncidentEvent(event);
  }
};

/** The incident register's share of the resource relay. */
export const securityIncidentRelayPart: ResourceRelayPart = {
  filter: { streamPrefixes: [securityIncidents.streamPrefix] },
  map: mapSecurityIncidentEvent,
  contracts: SECURITY_INCIDENT_CONTRACTS,
};

/** Exhaustiveness: a new incident event that is not mapped fails to compile here; at run time an unknown type publishes nothing. */
function notAnIncidentEvent(_event: never): undefined {
  return undefined;
}
