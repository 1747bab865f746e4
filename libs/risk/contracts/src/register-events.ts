import { defineRiskContract } from './contract';
import { RISK_REGISTER_TOPIC } from './topics';

/**
 * The risk register's public events on `serviceledger.risk.register.v1`, keyed by the risk id. They carry
 * who owns the risk and its level, never its free text (title, causes, notes): those stay in the service
 * (`GET /risk/risks/:riskId`).
 */

/** Mirrored from the domain: contracts import no domain. */
export const RISK_CONTRACT_CATEGORIES = ['market', 'technical', 'personnel', 'customer', 'legal'] as const;
export const RISK_CONTRACT_BANDS = ['low', 'medium', 'high'] as const;
export const RISK_CONTRACT_STRATEGIES = ['avoid', 'reduce', 'transfer', 'accept'] as const;

export type RiskContractCategory = (typeof RISK_CONTRACT_CATEGORIES)[number];
export type RiskContractBand = (typeof RISK_CONTRACT_BANDS)[number];

const idSchema = { type: 'string', minLength: 1 } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;
const stepSchema = { type: 'integer', minimum: 1 } as const;
const ownership = {
  riskId: idSchema,
  category: { type: 'string', enum: RISK_CONTRACT_CATEGORIES },
  departmentId: idSchema,
  ownerId: idSchema,
} as const;

/** Whose risk an event is about. */
export interface RiskOwnership {
  riskId: string;
  category: RiskContractCategory;
  departmentId: string;
  ownerId: string;
}

// risk.assessed

export interface RiskAssessedV1 extends RiskOwnership {
  /** 1 for the first assessment; every reassessment counts on. */
  assessmentNumber: number;
  likelihood: number;
  impact: number;
  /** The level's label on the matrix version that levelled it (an organisation may name its own). */
  level: string;
  /** The regulation's band of that level. */
  band: RiskContractBand;
  matrixVersion: number;
  /** The band of the assessment before. Absent: the risk's first assessment. */
  previousBand?: RiskContractBand;
  /** The review that reassessed it. Absent: an assessment outside a review. */
  reviewNumber?: number;
  /** When the risk's next review is due, by its band's cadence. */
  nextReviewDue: string;
  assessedAt: string;
  occurredAt: string;
}

export const RISK_ASSESSED_V1 = defineRiskContract({
  event: 'risk.assessed',
  version: 1,
  topic: RISK_REGISTER_TOPIC,
  description:
    'A risk was assessed or reassessed (K-1.2): likelihood and impact on the matrix version in force gave it a ' +
    'level and a band (low, medium, high). Every reassessment, including a review\'s, is published.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['riskId', 'category', 'departmentId', 'ownerId', 'assessmentNumber', 'likelihood', 'impact', 'level', 'band', 'matrixVersion', 'nextReviewDue', 'assessedAt', 'occurredAt'],
    properties: {
      ...ownership,
      assessmentNumber: stepSchema,
      likelihood: stepSchema,
      impact: stepSchema,
      level: { type: 'string', minLength: 1, maxLength: 64 },
      band: { type: 'string', enum: RISK_CONTRACT_BANDS },
      matrixVersion: stepSchema,
      previousBand: { type: 'string', enum: RISK_CONTRACT_BANDS },
      reviewNumber: stepSchema,
      nextReviewDue: instantSchema,
      assessedAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

// response.overdue

export interface ResponseOverdueV1 {
  riskId: string;
  departmentId: string;
  responseNumber: number;
  actionNumber: number;
  strategy: (typeof RISK_CONTRACT_STRATEGIES)[number];
  /** The owner of the overdue action. */
  ownerId: string;
  dueAt: string;
  occurredAt: string;
}

export const RESPONSE_OVERDUE_V1 = defineRiskContract({
  event: 'response.overdue',
  version: 1,
  topic: RISK_REGISTER_TOPIC,
  description: 'An action of a risk response passed its due date undone (K-2.1). Raised once per action.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['riskId', 'departmentId', 'responseNumber', 'actionNumber', 'strategy', 'ownerId', 'dueAt', 'occurredAt'],
    properties: {
      riskId: idSchema,
      departmentId: idSchema,
      responseNumber: stepSchema,
      actionNumber: stepSchema,
      strategy: { type: 'string', enum: RISK_CONTRACT_STRATEGIES },
      ownerId: idSchema,
      dueAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

// review.overdue

export interface ReviewOverdueV1 extends RiskOwnership {
  level: string;
  band: RiskContractBand;
  dueAt: string;
  occurredAt: string;
}

export const REVIEW_OVERDUE_V1 = defineRiskContract({
  event: 'review.overdue',
  version: 1,
  topic: RISK_REGISTER_TOPIC,
  description: 'A risk\'s review fell due by its band\'s cadence and was not recorded (K-3.1). Raised once per due review.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['riskId', 'category', 'departmentId', 'ownerId', 'level', 'band', 'dueAt', 'occurredAt'],
    properties: {
      ...ownership,
      level: { type: 'string', minLength: 1, maxLength: 64 },
      band: { type: 'string', enum: RISK_CONTRACT_BANDS },
      dueAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

export const RISK_REGISTER_CONTRACTS = [RISK_ASSESSED_V1, RESPONSE_OVERDUE_V1, REVIEW_OVERDUE_V1] as const;
