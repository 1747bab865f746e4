import { SecurityIncidentEvent } from '@serviceledger/resource/domain';

/** An incident's history as its decider records it: detected with personal data involved, contained, notified late, resolved. */
export const INCIDENT_ID = '3d1f7a52-9c3e-4b0e-8f6d-2a1b0c9d8e7f';

export const incidentRecorded: SecurityIncidentEvent = {
  type: 'SecurityIncidentRecorded',
  data: {
    incidentId: INCIDENT_ID,
    title: 'CRM export mailed to a wrong address',
    description: 'An export of 40 contacts of c-acme went to an outside address',
    severity: 'medium',
    detectedAt: '2026-12-01T01:00:00.000Z',
    detectedBy: 'soc-li',
    recordedAt: '2026-12-01T02:00:00.000Z',
    recordedBy: 'risk-qian',
    affectedCustomerIds: ['c-acme', 'c-bright'],
    personalDataInvolved: true,
    notificationDueAt: '2026-12-04T01:00:00.000Z',
  },
};
export const incidentContained: SecurityIncidentEvent = {
  type: 'SecurityIncidentContained',
  data: { incidentId: INCIDENT_ID, measures: 'Recipient asked to delete it; mail recalled', containedAt: '2026-12-01T03:00:00.000Z', containedBy: 'risk-qian' },
};
export const incidentOverdue: SecurityIncidentEvent = {
  type: 'IncidentNotificationOverdue',
  data: { incidentId: INCIDENT_ID, severity: 'medium', dueAt: '2026-12-04T01:00:00.000Z', markedAt: '2026-12-04T01:00:00.000Z' },
};
export const incidentNotified: SecurityIncidentEvent = {
  type: 'IncidentNotificationRecorded',
  data: {
    incidentId: INCIDENT_ID,
    notifiedAt: '2026-12-04T05:00:00.000Z',
    recipients: 'Li Wei of c-acme',
    channel: 'phone',
    recordedAt: '2026-12-04T06:00:00.000Z',
    recordedBy: 'risk-qian',
    late: true,
  },
};
export const incidentResolved: SecurityIncidentEvent = {
  type: 'SecurityIncidentResolved',
  data: { incidentId: INCIDENT_ID, resolution: 'Exports now need a second pair of eyes', resolvedAt: '2026-12-05T02:00:00.000Z', resolvedBy: 'risk-qian' },
};
