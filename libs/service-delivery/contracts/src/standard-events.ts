import { defineServiceDeliveryContract } from './contract';
import { SERVICE_DELIVERY_STANDARD_TOPIC as topic } from './topics';
import { idSchema, instantSchema, positiveSchema } from './vocabulary';

/**
 * The public events of technical standards and operating rules (P-4.2), on
 * `serviceledger.service-delivery.standard.v1`, keyed by the standard id, so a standard's versions
 * arrive in order. Like the case events they carry ids and numbers only: a standard's title, documents
 * and the wording of its checks stay in service-delivery (GET /service-delivery/technical-standards/:id).
 */

export const STANDARD_KINDS = ['technical-standard', 'operating-rule', 'quality-requirement'] as const;
export type StandardKind = (typeof STANDARD_KINDS)[number];

// technical-standard.published

export interface TechnicalStandardPublishedV1 {
  standardId: string;
  version: number;
  kind: StandardKind;
  businessCategory: string;
  /** The checks work following this version must pass, by id, in the standard's order. */
  checkIds: string[];
  publishedAt: string;
  occurredAt: string;
}

export const TECHNICAL_STANDARD_PUBLISHED_V1 = defineServiceDeliveryContract({
  event: 'technical-standard.published',
  version: 1,
  topic,
  description: 'A version of a technical standard, operating rule or quality requirement was published, with the checks it requires (P-4.2).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['standardId', 'version', 'kind', 'businessCategory', 'checkIds', 'publishedAt', 'occurredAt'],
    properties: {
      standardId: idSchema,
      version: positiveSchema,
      kind: { type: 'string', enum: STANDARD_KINDS },
      businessCategory: idSchema,
      checkIds: { type: 'array', minItems: 1, uniqueItems: true, items: idSchema },
      publishedAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

/** Every public event about standards. */
export const SERVICE_DELIVERY_STANDARD_CONTRACTS = [TECHNICAL_STANDARD_PUBLISHED_V1] as const;

/** The payload of each standard contract, by its CloudEvents type. */
export interface ServiceDeliveryStandardData {
  [TECHNICAL_STANDARD_PUBLISHED_V1.type]: TechnicalStandardPublishedV1;
}
