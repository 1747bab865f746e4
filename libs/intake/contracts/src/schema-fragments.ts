// JSON Schema fragments of the vocabulary, shared by the contracts' schemas; the library does not export them.
import {
  COMPLEXITIES,
  CONVERSATION_CHANNELS,
  CUSTOMER_TIERS,
  DEMAND_CHANNELS,
  DEMAND_KINDS,
  LEVELS,
  OPEN_DEMAND_STATUSES,
  PRIORITIES,
  PROCESS_STAGES,
  TRIAGE_FIELDS,
  WAITED_ON,
  WEB_SUB_CHANNELS,
} from './vocabulary';

export const idSchema = { type: 'string', minLength: 1 } as const;
export const textSchema = { type: 'string', minLength: 1 } as const;
export const instantSchema = { type: 'string', format: 'date-time' } as const;
export const referenceSchema = { type: 'string', pattern: '^SR-\\d{4}-\\d{6,}$' } as const;
export const demandChannelSchema = { type: 'string', enum: DEMAND_CHANNELS } as const;
export const webSubChannelSchema = { type: 'string', enum: WEB_SUB_CHANNELS } as const;
export const conversationChannelSchema = { type: 'string', enum: CONVERSATION_CHANNELS } as const;
export const demandKindSchema = { type: 'string', enum: DEMAND_KINDS } as const;
export const customerTierSchema = { type: 'string', enum: CUSTOMER_TIERS } as const;
export const complexitySchema = { type: 'string', enum: COMPLEXITIES } as const;
export const waitedOnSchema = { type: 'string', enum: WAITED_ON } as const;
export const levelSchema = { type: 'integer', enum: LEVELS } as const;
export const prioritySchema = { type: 'string', enum: PRIORITIES } as const;
export const triageFieldSchema = { type: 'string', enum: TRIAGE_FIELDS } as const;
export const processStageSchema = { type: 'string', enum: PROCESS_STAGES } as const;
export const openDemandStatusSchema = { type: 'string', enum: OPEN_DEMAND_STATUSES } as const;
export const responsibilitiesSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['departmentId', 'responsibility'],
    properties: { departmentId: idSchema, responsibility: textSchema },
  },
} as const;

/** Department ids, each once: who a demand involves, or who took on a responsibility for it. */
export const departmentIdsSchema = { type: 'array', minItems: 1, uniqueItems: true, items: idSchema } as const;

/** What every intake contract carries: the demand it is about and when intake decided it. */
export const demandIdAndTime = { demandId: idSchema, occurredAt: instantSchema } as const;

/** What every version of a release to delivery carries: the demand, whose it is, and how complex. */
export const releasedDemandProperties = {
  ...demandIdAndTime,
  reference: referenceSchema,
  customerId: idSchema,
  departmentId: idSchema,
  ownerId: idSchema,
  complexity: complexitySchema,
} as const;

/** Those of `releasedDemandProperties` every version requires, save `occurredAt`, which each version lists last. */
export const releasedDemandRequired = ['demandId', 'reference', 'customerId', 'departmentId', 'ownerId', 'complexity'] as const;
