import { createJsonSchemaValidator, schemaPropertyNames } from '@serviceledger/platform/testing';
import {
  AGREEMENT_EXPIRING_V1,
  AGREEMENT_SIGNED_V1,
  PARTNER_CONTRACTS,
  PARTNER_MEETING_OVERDUE_V1,
  PARTNER_TOPIC,
  PartnerContractData,
} from './partner-events';

const SIGNED: PartnerContractData[typeof AGREEMENT_SIGNED_V1.type] = {
  partnerId: 'acme',
  agreementId: 'agr-1',
  version: 1,
  validFrom: '2026-12-01',
  validTo: '2027-11-30',
  serviceStandards: { targets: [{ priority: 'P1', responseMinutes: 15, resolutionMinutes: 120 }], calendarId: 'office' },
  signedAt: '2026-12-01T02:00:00.000Z',
  occurredAt: '2026-12-01T02:00:00.000Z',
};
const EXPIRING: PartnerContractData[typeof AGREEMENT_EXPIRING_V1.type] = {
  partnerId: 'acme',
  agreementId: 'agr-1',
  version: 1,
  validTo: '2027-11-30',
  occurredAt: '2027-10-30T16:00:00.000Z',
};
const OVERDUE: PartnerContractData[typeof PARTNER_MEETING_OVERDUE_V1.type] = {
  partnerId: 'acme',
  agreementId: 'agr-1',
  dueOn: '2026-12-31',
  occurredAt: '2026-12-31T16:00:00.000Z',
};

describe('resource partner contracts (C-3.1, C-3.2)', () => {
  const validate = (schema: object, data: unknown) => createJsonSchemaValidator().compile(schema)(data);

  it('publishes agreement.signed, agreement.expiring and partner-meeting.overdue v1 on the partner topic', () => {
    expect(PARTNER_CONTRACTS.map((c) => c.type)).toEqual([
      'serviceledger.resource.agreement.signed.v1',
      'serviceledger.resource.agreement.expiring.v1',
      'serviceledger.resource.partner-meeting.overdue.v1',
    ]);
    expect(new Set(PARTNER_CONTRACTS.map((c) => c.topic))).toEqual(new Set([PARTNER_TOPIC]));
    expect(PARTNER_TOPIC).toBe('serviceledger.resource.partner.v1');
  });

  it.each([
    [AGREEMENT_SIGNED_V1.type, AGREEMENT_SIGNED_V1.schema, SIGNED],
    [AGREEMENT_EXPIRING_V1.type, AGREEMENT_EXPIRING_V1.schema, EXPIRING],
    [PARTNER_MEETING_OVERDUE_V1.type, PARTNER_MEETING_OVERDUE_V1.schema, OVERDUE],
  ])('%s accepts its example and refuses an unknown field', (_type, schema, example) => {
    expect(validate(schema, example)).toBe(true);
    expect(validate(schema, { ...example, note: 'x' })).toBe(false);
  });

  it('refuses an agreement without measurable standards: none, an unknown priority, a target of zero minutes', () => {
    const standards = (serviceStandards: unknown) => validate(AGREEMENT_SIGNED_V1.schema, { ...SIGNED, serviceStandards });
    expect(standards({ targets: [] })).toBe(false);
    expect(standards({ targets: [{ priority: 'P9', responseMinutes: 1, resolutionMinutes: 1 }] })).toBe(false);
    expect(standards({ targets: [{ priority: 'P1', responseMinutes: 0, resolutionMinutes: 1 }] })).toBe(false);
  });

  it('carries no wording of the agreement and no contact: rights, duties, scope, channels and people stay in resource', () => {
    const inside = ['rights', 'duties', 'scope', 'communicationChannels', 'contacts', 'name', 'phone', 'email', 'minutes'];
    for (const contract of PARTNER_CONTRACTS) expect(schemaPropertyNames(contract.schema).filter((name) => inside.includes(name))).toEqual([]);
  });
});
