import { JSON_SCHEMA_DIALECT } from '@serviceledger/platform/core';
import { createJsonSchemaValidator, schemaPropertyNames } from '@serviceledger/platform/testing';
import {
  SECURITY_INCIDENT_CONTAINED_V1,
  SECURITY_INCIDENT_CONTRACTS,
  SECURITY_INCIDENT_NOTIFICATION_OVERDUE_V1,
  SECURITY_INCIDENT_NOTIFIED_V1,
  SECURITY_INCIDENT_RECORDED_V1,
  SECURITY_INCIDENT_RESOLVED_V1,
  SECURITY_INCIDENT_TOPIC,
  SecurityIncidentContractData,
  SecurityIncidentContractType,
} from './security-incident-events';

const AT = '2026-12-01T03:00:00.000Z';
const INCIDENT = 'si-1';

/** One complete payload per contract, optional fields included: the compiler checks them against the types. */
const EXAMPLES: { [Type in SecurityIncidentContractType]: SecurityIncidentContractData[Type] } = {
  [SECURITY_INCIDENT_RECORDED_V1.type]: {
    incidentId: INCIDENT,
    severity: 'high',
    personalDataInvolved: true,
    affectedCustomerIds: ['c-1', 'c-2'],
    detectedAt: '2026-12-01T02:00:00.000Z',
    notificationDueAt: '2026-12-04T02:00:00.000Z',
    occurredAt: AT,
  },
  [SECURITY_INCIDENT_CONTAINED_V1.type]: { incidentId: INCIDENT, containedAt: AT, occurredAt: AT },
  [SECURITY_INCIDENT_RESOLVED_V1.type]: { incidentId: INCIDENT, resolvedAt: AT, occurredAt: AT },
  [SECURITY_INCIDENT_NOTIFIED_V1.type]: { incidentId: INCIDENT, notifiedAt: AT, late: false, occurredAt: AT },
  [SECURITY_INCIDENT_NOTIFICATION_OVERDUE_V1.type]: { incidentId: INCIDENT, severity: 'high', dueAt: '2026-12-04T02:00:00.000Z', occurredAt: AT },
};

/** Texts that stay in the resource service: what happened, what was done, whom the notification reached. */
const TEXT_FIELDS = ['title', 'description', 'measures', 'resolution', 'recipients', 'summary', 'name', 'email', 'phone'];

describe('security incident contracts (R-3.3, 五(三)3)', () => {
  const ajv = createJsonSchemaValidator();
  const accepts = (contract: (typeof SECURITY_INCIDENT_CONTRACTS)[number], data: unknown) => ajv.compile(contract.schema)(data);
  const cases = SECURITY_INCIDENT_CONTRACTS.map((c) => [c.type, c] as const);

  it('names each event serviceledger.resource.security-incident.<step>.v<version>, on the incident topic', () => {
    expect(SECURITY_INCIDENT_TOPIC).toBe('serviceledger.resource.security-incident.v1');
    expect(SECURITY_INCIDENT_CONTRACTS.map((c) => c.type)).toEqual([
      'serviceledger.resource.security-incident.recorded.v1',
      'serviceledger.resource.security-incident.contained.v1',
      'serviceledger.resource.security-incident.resolved.v1',
      'serviceledger.resource.security-incident.notified.v1',
      'serviceledger.resource.security-incident.notification-overdue.v1',
    ]);
    for (const contract of SECURITY_INCIDENT_CONTRACTS) expect(contract.topic).toBe(SECURITY_INCIDENT_TOPIC);
  });

  it.each(cases)('%s has a closed draft 2020-12 schema keyed by the incident', (_, contract) => {
    expect(contract.schema).toMatchObject({ $schema: JSON_SCHEMA_DIALECT, $id: `urn:serviceledger:resource:${contract.event}:v1`, type: 'object', additionalProperties: false });
    expect(contract.schema.required).toEqual(expect.arrayContaining(['incidentId', 'occurredAt']));
    expect(ajv.validateSchema(contract.schema)).toBe(true);
  });

  it.each(cases)('%s accepts its example, and refuses it without its key or with a field it does not declare', (type, contract) => {
    const example = EXAMPLES[type];
    expect(accepts(contract, example)).toBe(true);
    const keyless = Object.fromEntries(Object.entries(example).filter(([name]) => name !== 'incidentId'));
    expect(accepts(contract, keyless)).toBe(false);
    expect(accepts(contract, { ...example, description: 'CRM export folder exposed' })).toBe(false);
  });

  it('records an incident without personal data with no notification deadline, and refuses an unknown severity', () => {
    const { notificationDueAt: _due, ...withoutDeadline } = EXAMPLES[SECURITY_INCIDENT_RECORDED_V1.type];
    expect(accepts(SECURITY_INCIDENT_RECORDED_V1, { ...withoutDeadline, personalDataInvolved: false, affectedCustomerIds: [] })).toBe(true);
    expect(accepts(SECURITY_INCIDENT_RECORDED_V1, { ...withoutDeadline, severity: 'dire' })).toBe(false);
    expect(accepts(SECURITY_INCIDENT_RECORDED_V1, { ...withoutDeadline, affectedCustomerIds: ['c-1', 'c-1'] })).toBe(false);
  });

  it('declares no field for the incident’s texts or anyone’s personal data', () => {
    for (const contract of SECURITY_INCIDENT_CONTRACTS) {
      expect(schemaPropertyNames(contract.schema).filter((n) => TEXT_FIELDS.includes(n))).toEqual([]);
    }
  });
});
