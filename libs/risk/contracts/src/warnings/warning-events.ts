import { defineRiskContract } from '../contract';
import { RISK_WARNING_TOPIC } from '../topics';

/**
 * Early warnings (K-3.2) on `serviceledger.risk.warning.v1`, keyed by the warning id: raised when a key
 * risk indicator crosses its threshold, acknowledged by the risk owner, closed with its outcome. The
 * actions in between stay in the service (`GET /risk/warnings/:warningId`).
 */

const idSchema = { type: 'string', minLength: 1 } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;
const textSchema = { type: 'string', minLength: 1, maxLength: 4000 } as const;

// warning.raised

export interface WarningRaisedV1 {
  warningId: string;
  indicatorId: string;
  indicatorVersion: number;
  /** The risk category of the indicator: market, technical, personnel, customer, legal. */
  category: string;
  /** What the indicator counts per, and which one crossed: a customer, a department, a partner, an asset, the organisation. */
  groupKind: 'customer' | 'department' | 'partner' | 'equipment' | 'organisation';
  groupKey: string;
  window: { key: string; from: string; to: string };
  threshold: number;
  count: number;
  /** The events that made the count: their message ids, contract types and times. */
  triggeredBy: Array<{ id: string; type: string; occurredAt: string }>;
  /** The risk owner warned. Absent: no owner is configured for the indicator or its category. */
  ownerId?: string;
  occurredAt: string;
}

export const WARNING_RAISED_V1 = defineRiskContract({
  event: 'warning.raised',
  version: 1,
  topic: RISK_WARNING_TOPIC,
  description:
    'A key risk indicator crossed its threshold for one group in one window (K-3.2): a warning to the risk owner, ' +
    'naming the events that crossed it. Raised once per indicator, group and window.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['warningId', 'indicatorId', 'indicatorVersion', 'category', 'groupKind', 'groupKey', 'window', 'threshold', 'count', 'triggeredBy', 'occurredAt'],
    properties: {
      warningId: idSchema,
      indicatorId: idSchema,
      indicatorVersion: { type: 'integer', minimum: 1 },
      category: { type: 'string', enum: ['market', 'technical', 'personnel', 'customer', 'legal'] },
      groupKind: { type: 'string', enum: ['customer', 'department', 'partner', 'equipment', 'organisation'] },
      groupKey: idSchema,
      window: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'from', 'to'],
        properties: { key: idSchema, from: instantSchema, to: instantSchema },
      },
      threshold: { type: 'integer', minimum: 1 },
      count: { type: 'integer', minimum: 1 },
      triggeredBy: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'type', 'occurredAt'],
          properties: { id: idSchema, type: idSchema, occurredAt: instantSchema },
        },
      },
      ownerId: idSchema,
      occurredAt: instantSchema,
    },
  },
});

// warning.acknowledged

export interface WarningAcknowledgedV1 {
  warningId: string;
  acknowledgedBy: string;
  occurredAt: string;
}

export const WARNING_ACKNOWLEDGED_V1 = defineRiskContract({
  event: 'warning.acknowledged',
  version: 1,
  topic: RISK_WARNING_TOPIC,
  description: 'The risk owner acknowledged a warning (K-3.2): it is being answered.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['warningId', 'acknowledgedBy', 'occurredAt'],
    properties: { warningId: idSchema, acknowledgedBy: idSchema, occurredAt: instantSchema },
  },
});

// warning.closed

export interface WarningClosedV1 {
  warningId: string;
  outcome: string;
  /** The risk of the register the warning was linked to. Absent: linked to none. */
  riskId?: string;
  /** How many actions answered it. */
  actions: number;
  closedBy: string;
  occurredAt: string;
}

export const WARNING_CLOSED_V1 = defineRiskContract({
  event: 'warning.closed',
  version: 1,
  topic: RISK_WARNING_TOPIC,
  description: 'A warning was answered and closed with its outcome (K-3.2), and the risk it was linked to, if any.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['warningId', 'outcome', 'actions', 'closedBy', 'occurredAt'],
    properties: {
      warningId: idSchema,
      outcome: textSchema,
      riskId: idSchema,
      actions: { type: 'integer', minimum: 1 },
      closedBy: idSchema,
      occurredAt: instantSchema,
    },
  },
});

export const RISK_WARNING_CONTRACTS = [WARNING_RAISED_V1, WARNING_ACKNOWLEDGED_V1, WARNING_CLOSED_V1] as const;

export interface RiskWarningContractData {
  [WARNING_RAISED_V1.type]: WarningRaisedV1;
  [WARNING_ACKNOWLEDGED_V1.type]: WarningAcknowledgedV1;
  [WARNING_CLOSED_V1.type]: WarningClosedV1;
}
