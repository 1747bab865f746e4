import { Contract, contractDefiner } from '@serviceledger/platform/core';

/**
 * The public events of the information-security incident register (R-3.3, 五(三)3), a risk signal for
 * the risk service: on `serviceledger.resource.security-incident.v1`, keyed by the incident id, so an
 * incident's events stay in order. They carry ids, the severity, times and whether personal data was
 * involved; the title, description, measures, resolution and notification recipients stay in the
 * resource service.
 */
export const SECURITY_INCIDENT_TOPIC = 'serviceledger.resource.security-incident.v1';
/** The CloudEvents `source` of the incident register's events. */
export const SECURITY_INCIDENT_SOURCE = '/serviceledger/resource';
export type SecurityIncidentTopic = typeof SECURITY_INCIDENT_TOPIC;

/** Mirrored from the domain: contracts import no domain. */
export const SECURITY_INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type SecurityIncidentSeverity = (typeof SECURITY_INCIDENT_SEVERITIES)[number];

const defineSecurityIncidentContract = contractDefiner<'resource', SecurityIncidentTopic>('resource');

const idSchema = { type: 'string', minLength: 1 } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;

// security-incident.recorded

export interface SecurityIncidentRecordedV1 {
  incidentId: string;
  severity: SecurityIncidentSeverity;
  personalDataInvolved: boolean;
  /** The customers affected, by id; empty when none is known. */
  affectedCustomerIds: string[];
  detectedAt: string;
  /** When the affected must have been notified: only when personal data was involved. */
  notificationDueAt?: string;
  occurredAt: string;
}

export const SECURITY_INCIDENT_RECORDED_V1 = defineSecurityIncidentContract({
  event: 'security-incident.recorded',
  version: 1,
  topic: SECURITY_INCIDENT_TOPIC,
  description:
    'An information-security incident was recorded as detected: its severity, the customers it affected and ' +
    'whether personal data was involved (then with the notification deadline). A risk signal.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['incidentId', 'severity', 'personalDataInvolved', 'affectedCustomerIds', 'detectedAt', 'occurredAt'],
    properties: {
      incidentId: idSchema,
      severity: { type: 'string', enum: SECURITY_INCIDENT_SEVERITIES },
      personalDataInvolved: { type: 'boolean' },
      affectedCustomerIds: { type: 'array', items: idSchema, uniqueItems: true },
      detectedAt: instantSchema,
      notificationDueAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

// security-incident.contained

export interface SecurityIncidentContainedV1 {
  incidentId: string;
  containedAt: string;
  occurredAt: string;
}

export const SECURITY_INCIDENT_CONTAINED_V1 = defineSecurityIncidentContract({
  event: 'security-incident.contained',
  version: 1,
  topic: SECURITY_INCIDENT_TOPIC,
  description: 'A recorded information-security incident was contained: it no longer spreads. The measures stay in the resource service.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['incidentId', 'containedAt', 'occurredAt'],
    properties: {
      incidentId: idSchema,
      containedAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

// security-incident.resolved

export interface SecurityIncidentResolvedV1 {
  incidentId: string;
  resolvedAt: string;
  occurredAt: string;
}

export const SECURITY_INCIDENT_RESOLVED_V1 = defineSecurityIncidentContract({
  event: 'security-incident.resolved',
  version: 1,
  topic: SECURITY_INCIDENT_TOPIC,
  description: 'A contained information-security incident was resolved. The resolution stays in the resource service.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['incidentId', 'resolvedAt', 'occurredAt'],
    properties: {
      incidentId: idSchema,
      resolvedAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

// security-incident.notified

export interface SecurityIncidentNotifiedV1 {
  incidentId: string;
  notifiedAt: string;
  /** Given after the notification deadline. */
  late: boolean;
  occurredAt: string;
}

export const SECURITY_INCIDENT_NOTIFIED_V1 = defineSecurityIncidentContract({
  event: 'security-incident.notified',
  version: 1,
  topic: SECURITY_INCIDENT_TOPIC,
  description:
    'The affected by an incident involving personal data were notified (whom and how stay in the resource ' +
    'service), within the deadline or late.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['incidentId', 'notifiedAt', 'late', 'occurredAt'],
    properties: {
      incidentId: idSchema,
      notifiedAt: instantSchema,
      late: { type: 'boolean' },
      occurredAt: instantSchema,
    },
  },
});

// security-incident.notification-overdue

export interface SecurityIncidentNotificationOverdueV1 {
  incidentId: string;
  severity: SecurityIncidentSeverity;
  dueAt: string;
  occurredAt: string;
}

export const SECURITY_INCIDENT_NOTIFICATION_OVERDUE_V1 = defineSecurityIncidentContract({
  event: 'security-incident.notification-overdue',
  version: 1,
  topic: SECURITY_INCIDENT_TOPIC,
  description:
    'An incident involving personal data reached its notification deadline with no one notified. Raised ' +
    'once, by the scheduler, at the deadline. A risk signal.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['incidentId', 'severity', 'dueAt', 'occurredAt'],
    properties: {
      incidentId: idSchema,
      severity: { type: 'string', enum: SECURITY_INCIDENT_SEVERITIES },
      dueAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

/** Every public event of the incident register, in lifecycle order. */
export const SECURITY_INCIDENT_CONTRACTS = [
  SECURITY_INCIDENT_RECORDED_V1,
  SECURITY_INCIDENT_CONTAINED_V1,
  SECURITY_INCIDENT_RESOLVED_V1,
  SECURITY_INCIDENT_NOTIFIED_V1,
  SECURITY_INCIDENT_NOTIFICATION_OVERDUE_V1,
] as const satisfies readonly Contract[];

export type SecurityIncidentContractType = (typeof SECURITY_INCIDENT_CONTRACTS)[number]['type'];

/** The payload of each contract, by its CloudEvents type. */
export interface SecurityIncidentContractData {
  [SECURITY_INCIDENT_RECORDED_V1.type]: SecurityIncidentRecordedV1;
  [SECURITY_INCIDENT_CONTAINED_V1.type]: SecurityIncidentContainedV1;
  [SECURITY_INCIDENT_RESOLVED_V1.type]: SecurityIncidentResolvedV1;
  [SECURITY_INCIDENT_NOTIFIED_V1.type]: SecurityIncidentNotifiedV1;
  [SECURITY_INCIDENT_NOTIFICATION_OVERDUE_V1.type]: SecurityIncidentNotificationOverdueV1;
}
