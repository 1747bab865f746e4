import { contractDefiner } from '@serviceledger/platform/core';

/**
 * The public events of equipment (R-2.2, R-2.3; 五(二)2–3): on `serviceledger.resource.equipment.v1`, keyed by
 * the asset id, so an asset's events stay in order. `equipment.failed` is a risk signal (the risk service
 * weighs a failure of equipment the service work depends on); `equipment.retired` says an asset left service.
 * Who holds an asset, its serial number, maintenance notes, costs and disposal records stay in the resource
 * service.
 */
export const EQUIPMENT_TOPIC = 'serviceledger.resource.equipment.v1';
export type EquipmentTopic = typeof EQUIPMENT_TOPIC;

/** Mirrored from the domain: contracts import no domain. */
export const EQUIPMENT_CATEGORIES = ['office', 'technical'] as const;
export type EquipmentCategory = (typeof EQUIPMENT_CATEGORIES)[number];
export const EQUIPMENT_FAILURE_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type EquipmentFailureSeverity = (typeof EQUIPMENT_FAILURE_SEVERITIES)[number];
export const EQUIPMENT_RETIREMENT_REASONS = ['service-life-reached', 'unusable'] as const;
export type EquipmentRetirementReason = (typeof EQUIPMENT_RETIREMENT_REASONS)[number];

const defineEquipmentContract = contractDefiner<'resource', EquipmentTopic>('resource');
const idSchema = { type: 'string', minLength: 1 } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;

// equipment.failed

export interface EquipmentFailedV1 {
  assetId: string;
  assetName: string;
  category: EquipmentCategory;
  /** The department that has the asset in hand: the one it is allocated to, else its own. */
  departmentId: string;
  failedAt: string;
  severity: EquipmentFailureSeverity;
  /** 1 for the asset's first failure, counting on; absent in no message published so far. */
  failureNumber?: number;
  occurredAt: string;
}

export const EQUIPMENT_FAILED_V1 = defineEquipmentContract({
  event: 'equipment.failed',
  version: 1,
  topic: EQUIPMENT_TOPIC,
  description:
    'An asset failed and is out of service until it is repaired or replaced (R-2.2). A risk signal: the risk service ' +
    'weighs failures of the equipment a department serves with, by severity.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['assetId', 'assetName', 'category', 'departmentId', 'failedAt', 'severity', 'occurredAt'],
    properties: {
      assetId: idSchema,
      assetName: idSchema,
      category: { type: 'string', enum: EQUIPMENT_CATEGORIES },
      departmentId: idSchema,
      failedAt: instantSchema,
      severity: { type: 'string', enum: EQUIPMENT_FAILURE_SEVERITIES },
      failureNumber: { type: 'integer', minimum: 1 },
      occurredAt: instantSchema,
    },
  },
});

// equipment.retired

export interface EquipmentRetiredV1 {
  assetId: string;
  assetName: string;
  category: EquipmentCategory;
  /** The department whose asset it was. */
  departmentId: string;
  /** Why it was flagged for retirement: past its service life, or unusable. */
  reason: EquipmentRetirementReason;
  retiredAt: string;
  occurredAt: string;
}

export const EQUIPMENT_RETIRED_V1 = defineEquipmentContract({
  event: 'equipment.retired',
  version: 1,
  topic: EQUIPMENT_TOPIC,
  description:
    'An asset past its service life or unusable was retired, its retirement approved (R-2.3). It is never allocated ' +
    'again; its disposal follows.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['assetId', 'assetName', 'category', 'departmentId', 'reason', 'retiredAt', 'occurredAt'],
    properties: {
      assetId: idSchema,
      assetName: idSchema,
      category: { type: 'string', enum: EQUIPMENT_CATEGORIES },
      departmentId: idSchema,
      reason: { type: 'string', enum: EQUIPMENT_RETIREMENT_REASONS },
      retiredAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

/** Every public event of equipment, in lifecycle order. */
export const EQUIPMENT_CONTRACTS = [EQUIPMENT_FAILED_V1, EQUIPMENT_RETIRED_V1] as const;

export type EquipmentContractType = (typeof EQUIPMENT_CONTRACTS)[number]['type'];

/** The payload of each equipment contract, by its CloudEvents type. */
export interface EquipmentContractData {
  [EQUIPMENT_FAILED_V1.type]: EquipmentFailedV1;
  [EQUIPMENT_RETIRED_V1.type]: EquipmentRetiredV1;
}

/** For consumers (the risk service): whether a received message is this contract's event, narrowing its data. */
export function isEquipmentEvent<Type extends EquipmentContractType, Message extends { type: string; data: unknown }>(
  message: Message,
  contract: { type: Type },
): message is Message & { type: Type; data: EquipmentContractData[Type] } {
  return message.type === contract.type;
}
