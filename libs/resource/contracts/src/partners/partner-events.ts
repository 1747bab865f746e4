import { Contract, contractDefiner } from '@serviceledger/platform/core';

/**
 * The public events of partners and their cooperation agreements (C-3.1, C-3.2, 六(三)): on
 * `serviceledger.resource.partner.v1`, keyed by the partner id, so a partner's events stay in order.
 * `agreement.signed` carries the agreement's measurable service standards, which quality monitoring keeps
 * as the partner's underpinning-contract (UC) policies; the wording of rights, duties, scope and channels,
 * the contacts, the minutes and the sharing log stay in the resource service.
 */
export const PARTNER_TOPIC = 'serviceledger.resource.partner.v1';
export type PartnerTopic = typeof PARTNER_TOPIC;

/** Mirrored from the domain: contracts import no domain. */
export const PARTNER_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type PartnerPriority = (typeof PARTNER_PRIORITIES)[number];

const definePartnerContract = contractDefiner<'resource', PartnerTopic>('resource');

const idSchema = { type: 'string', minLength: 1 } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;
const dateSchema = { type: 'string', format: 'date' } as const;
const versionSchema = { type: 'integer', minimum: 1 } as const;
const minutesSchema = { type: 'integer', minimum: 1 } as const;

// agreement.signed

export interface PartnerServiceTargetV1 {
  priority: PartnerPriority;
  /** Business minutes within which the partner answers what we hand over. */
  responseMinutes: number;
  /** Business minutes within which the partner resolves it. */
  resolutionMinutes: number;
}

export interface AgreementSignedV1 {
  partnerId: string;
  agreementId: string;
  /** 1 for the first signing; each amendment or renewal counts on. */
  version: number;
  validFrom: string;
  validTo: string;
  serviceStandards: {
    /** One per priority the agreement covers, most urgent first. */
    targets: PartnerServiceTargetV1[];
    /** Quality monitoring's business calendar the minutes count on; absent: 24×7. */
    calendarId?: string;
  };
  signedAt: string;
  occurredAt: string;
}

export const AGREEMENT_SIGNED_V1 = definePartnerContract({
  event: 'agreement.signed',
  version: 1,
  topic: PARTNER_TOPIC,
  description:
    'A version of a cooperation agreement with a partner was signed (C-3.1), with its measurable service standards: ' +
    'response and resolution targets per priority in business minutes. A later version replaces the earlier one.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['partnerId', 'agreementId', 'version', 'validFrom', 'validTo', 'serviceStandards', 'signedAt', 'occurredAt'],
    properties: {
      partnerId: idSchema,
      agreementId: idSchema,
      version: versionSchema,
      validFrom: dateSchema,
      validTo: dateSchema,
      serviceStandards: {
        type: 'object',
        additionalProperties: false,
        required: ['targets'],
        properties: {
          targets: {
            type: 'array',
            minItems: 1,
            maxItems: PARTNER_PRIORITIES.length,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['priority', 'responseMinutes', 'resolutionMinutes'],
              properties: { priority: { type: 'string', enum: PARTNER_PRIORITIES }, responseMinutes: minutesSchema, resolutionMinutes: minutesSchema },
            },
          },
          calendarId: idSchema,
        },
      },
      signedAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

// agreement.expiring

export interface AgreementExpiringV1 {
  partnerId: string;
  agreementId: string;
  version: number;
  /** The last day the version is valid. */
  validTo: string;
  occurredAt: string;
}

export const AGREEMENT_EXPIRING_V1 = definePartnerContract({
  event: 'agreement.expiring',
  version: 1,
  topic: PARTNER_TOPIC,
  description: 'The version of a cooperation agreement in force reached its renewal notice: it expires on validTo unless renewed (C-3.1).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['partnerId', 'agreementId', 'version', 'validTo', 'occurredAt'],
    properties: { partnerId: idSchema, agreementId: idSchema, version: versionSchema, validTo: dateSchema, occurredAt: instantSchema },
  },
});

// partner-meeting.overdue

export interface PartnerMeetingOverdueV1 {
  partnerId: string;
  agreementId: string;
  /** The day by which the agreement's cadence wanted a meeting. */
  dueOn: string;
  occurredAt: string;
}

export const PARTNER_MEETING_OVERDUE_V1 = definePartnerContract({
  event: 'partner-meeting.overdue',
  version: 1,
  topic: PARTNER_TOPIC,
  description: 'No meeting with the partner was held by the day the agreement’s cadence set (C-3.2, 六(三)2 定期溝通會議).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['partnerId', 'agreementId', 'dueOn', 'occurredAt'],
    properties: { partnerId: idSchema, agreementId: idSchema, dueOn: dateSchema, occurredAt: instantSchema },
  },
});

/** Every public event about partners, in lifecycle order. */
export const PARTNER_CONTRACTS = [AGREEMENT_SIGNED_V1, AGREEMENT_EXPIRING_V1, PARTNER_MEETING_OVERDUE_V1] as const satisfies readonly Contract[];

/** The payload of each partner contract, by its CloudEvents type. */
export interface PartnerContractData {
  [AGREEMENT_SIGNED_V1.type]: AgreementSignedV1;
  [AGREEMENT_EXPIRING_V1.type]: AgreementExpiringV1;
  [PARTNER_MEETING_OVERDUE_V1.type]: PartnerMeetingOverdueV1;
}

export type PartnerContractEvent = {
  [Type in keyof PartnerContractData]: { type: Type; data: PartnerContractData[Type] };
}[keyof PartnerContractData];
