import { defineHrContract } from './contract';
import { HR_STAFF_TOPIC } from './topics';

/**
 * Appraisal results (H-2.2), on `serviceledger.hr-performance.staff.v1`, keyed by the employee id. A
 * finalised appraisal's figures only: the head's qualitative assessment, the annual review and a revision's
 * reason are personal data and stay in hr-performance.
 */

export interface AppraisalFinalisedV1 {
  appraisalId: string;
  employeeId: string;
  departmentId: string;
  postId: string;
  kind: 'monthly' | 'annual';
  /** `YYYY-MM` for a month, `YYYY` for a year. */
  period: string;
  /** 0…100; null when nothing was counted. */
  score: number | null;
  /** The post's appraisal scheme version a monthly appraisal was scored under; absent for an annual one. */
  scheme?: { postId: string; version: number };
  /** 0 when first finalised; a revision, with its reason kept in hr-performance, is published again with the next number. */
  revision: number;
  finalisedAt: string;
  occurredAt: string;
}

const idSchema = { type: 'string', minLength: 1 } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;

export const APPRAISAL_FINALISED_V1 = defineHrContract({
  event: 'appraisal.finalised',
  version: 1,
  topic: HR_STAFF_TOPIC,
  description:
    'HR finalised an employee’s monthly or annual appraisal (H-2.2), or revised a finalised one: the score, the ' +
    'scheme version and the revision. The qualitative text is not published.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['appraisalId', 'employeeId', 'departmentId', 'postId', 'kind', 'period', 'score', 'revision', 'finalisedAt', 'occurredAt'],
    properties: {
      appraisalId: idSchema,
      employeeId: idSchema,
      departmentId: idSchema,
      postId: idSchema,
      kind: { type: 'string', enum: ['monthly', 'annual'] },
      period: { type: 'string', pattern: '^\\d{4}(-(0[1-9]|1[0-2]))?$' },
      score: { type: ['number', 'null'], minimum: 0, maximum: 100 },
      scheme: {
        type: 'object',
        additionalProperties: false,
        required: ['postId', 'version'],
        properties: { postId: idSchema, version: { type: 'integer', minimum: 1 } },
      },
      revision: { type: 'integer', minimum: 0 },
      finalisedAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

export const HR_APPRAISAL_CONTRACTS = [APPRAISAL_FINALISED_V1] as const;

export interface HrAppraisalContractData {
  [APPRAISAL_FINALISED_V1.type]: AppraisalFinalisedV1;
}
