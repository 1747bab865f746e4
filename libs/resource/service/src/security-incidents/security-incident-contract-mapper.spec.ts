import { contractMapperSpec, eventStream } from '@serviceledger/platform/testing';
import { SECURITY_INCIDENT_CONTRACTS, SECURITY_INCIDENT_TOPIC } from '@serviceledger/resource/contracts';
import { SecurityIncidentEvent, securityIncidentStream } from '@serviceledger/resource/domain';
import { INCIDENT_ID, incidentContained, incidentNotified, incidentOverdue, incidentRecorded, incidentResolved } from './security-incident-fixtures';
import { mapSecurityIncidentEvent, securityIncidentRelayPart } from './security-incident-contract-mapper';

describe('security incident contract mapper (R-3.3)', () => {
  const { schemaErrors, publishedTypes, contractTypes } = contractMapperSpec(securityIncidentRelayPart);
  const stream = eventStream<SecurityIncidentEvent>(securityIncidentStream(INCIDENT_ID));
  const history = [stream(incidentRecorded), stream(incidentContained), stream(incidentOverdue), stream(incidentNotified), stream(incidentResolved)];
  const messages = history.map((event) => mapSecurityIncidentEvent(event)!);

  it('publishes every contract of the register, each valid against its schema, keyed by the incident on its topic', () => {
    expect(publishedTypes(history)).toEqual(contractTypes);
    for (const message of messages) {
      expect(schemaErrors(message)).toEqual([]);
      expect(message).toMatchObject({ topic: SECURITY_INCIDENT_TOPIC, key: INCIDENT_ID, subject: INCIDENT_ID, source: '/serviceledger/resource' });
    }
    expect(SECURITY_INCIDENT_CONTRACTS.map((c) => c.topic)).toEqual(SECURITY_INCIDENT_CONTRACTS.map(() => SECURITY_INCIDENT_TOPIC));
  });

  it('carries ids, severity, times and whether personal data was involved, and none of the incident’s texts', () => {
    expect(messages[0].data).toEqual({
      incidentId: INCIDENT_ID,
      severity: 'medium',
      personalDataInvolved: true,
      affectedCustomerIds: ['c-acme', 'c-bright'],
      detectedAt: '2026-12-01T01:00:00.000Z',
      notificationDueAt: '2026-12-04T01:00:00.000Z',
      occurredAt: history[0].occurredAt,
    });
    expect(messages[2].data).toEqual({ incidentId: INCIDENT_ID, severity: 'medium', dueAt: '2026-12-04T01:00:00.000Z', occurredAt: history[2].occurredAt });
    expect(messages[3].data).toEqual({ incidentId: INCIDENT_ID, notifiedAt: '2026-12-04T05:00:00.000Z', late: true, occurredAt: history[3].occurredAt });
    const serialised = JSON.stringify(messages);
    for (const text of ['CRM export', '40 contacts', 'recalled', 'Li Wei', 'second pair of eyes', 'phone']) expect(serialised).not.toContain(text);
  });

  it('maps nothing of another concept’s streams, leaving them to the next part of the relay', () => {
    const other = eventStream<SecurityIncidentEvent>('resource.document-1');
    expect(mapSecurityIncidentEvent(other(incidentRecorded))).toBeUndefined();
  });
});
