import { defineHrContract } from './contract';
import { HR_STAFF_TOPIC } from './topics';

/** Promotions (H-3.2), on `serviceledger.hr-performance.staff.v1`, keyed by the employee id. */

/** The two tracks (四(三)2 管理通道和專業技術通道), mirrored from the domain. */
export const PROMOTION_TRACKS = ['management', 'professional'] as const;

export interface PromotionDecidedV1 {
  employeeId: string;
  departmentId: string;
  trackId: (typeof PROMOTION_TRACKS)[number];
  trackVersion: number;
  fromLevel: string;
  toLevel: string;
  effectiveOn: string;
  /** True when decided against criteria that did not hold; the reason stays in hr-performance. */
  exception: boolean;
  /** The names of the criteria that did not hold: empty unless an exception. */
  unmetCriteria: Array<'min-appraisal-results' | 'required-training' | 'time-in-level'>;
  decidedAt: string;
  occurredAt: string;
}

const idSchema = { type: 'string', minLength: 1 } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;

export const PROMOTION_DECIDED_V1 = defineHrContract({
  event: 'promotion.decided',
  version: 1,
  topic: HR_STAFF_TOPIC,
  description:
    'HR decided an employee’s promotion to the next level of their track (H-3.2), effective from a date: the ' +
    'track and its version, the levels, and whether it was an exception to the criteria and which did not hold.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['employeeId', 'departmentId', 'trackId', 'trackVersion', 'fromLevel', 'toLevel', 'effectiveOn', 'exception', 'unmetCriteria', 'decidedAt', 'occurredAt'],
    properties: {
      employeeId: idSchema,
      departmentId: idSchema,
      trackId: { type: 'string', enum: PROMOTION_TRACKS },
      trackVersion: { type: 'integer', minimum: 1 },
      fromLevel: idSchema,
      toLevel: idSchema,
      effectiveOn: { type: 'string', format: 'date' },
      exception: { type: 'boolean' },
      unmetCriteria: { type: 'array', items: { type: 'string', enum: ['min-appraisal-results', 'required-training', 'time-in-level'] }, uniqueItems: true },
      decidedAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

export const HR_PROMOTION_CONTRACTS = [PROMOTION_DECIDED_V1] as const;

export interface HrPromotionContractData {
  [PROMOTION_DECIDED_V1.type]: PromotionDecidedV1;
}
