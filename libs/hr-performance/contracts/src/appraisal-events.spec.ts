import { JSON_SCHEMA_DIALECT } from '@serviceledger/platform/core';
import { createJsonSchemaValidator, schemaPropertyNames } from '@serviceledger/platform/testing';
import {
  APPRAISAL_FINALISED_V1,
  HR_APPRAISAL_CONTRACTS,
  HR_PERFORMANCE_CONTRACTS,
  HR_PROMOTION_CONTRACTS,
  HR_STAFF_TOPIC,
  HrAppraisalContractData,
  HrContract,
  HrPromotionContractData,
  PROMOTION_DECIDED_V1,
  findHrPerformanceContract,
} from './index';

const AT = '2026-12-03T01:00:00.000Z';
type Type = (typeof HR_APPRAISAL_CONTRACTS)[number]['type'] | (typeof HR_PROMOTION_CONTRACTS)[number]['type'];

/** One complete payload per contract, optional fields included: the compiler checks them against the types. */
const EXAMPLES: { [T in Type]: (HrAppraisalContractData & HrPromotionContractData)[T] } = {
  [APPRAISAL_FINALISED_V1.type]: {
    appraisalId: 'ts-lead.2026-11',
    employeeId: 'ts-lead',
    departmentId: 'tech-support',
    postId: 'support-engineer',
    kind: 'monthly',
    period: '2026-11',
    score: 76.75,
    scheme: { postId: 'support-engineer', version: 1 },
    revision: 0,
    finalisedAt: AT,
    occurredAt: AT,
  },
  [PROMOTION_DECIDED_V1.type]: {
    employeeId: 'ts-lead',
    departmentId: 'tech-support',
    trackId: 'professional',
    trackVersion: 1,
    fromLevel: 'P1',
    toLevel: 'P2',
    effectiveOn: '2026-12-01',
    exception: true,
    unmetCriteria: ['required-training'],
    decidedAt: AT,
    occurredAt: AT,
  },
};

/** What an appraisal says about a person in words, and names: personal data that stays in hr-performance. */
const QUALITATIVE_OR_PERSONAL = ['assessment', 'goalsMet', 'strengths', 'developmentNeeds', 'reason', 'name', 'lines', 'facts'];

describe('hr-performance appraisal and promotion contracts', () => {
  const ajv = createJsonSchemaValidator();
  const accepts = (contract: HrContract, data: unknown) => ajv.compile(contract.schema)(data);
  const contracts = [...HR_APPRAISAL_CONTRACTS, ...HR_PROMOTION_CONTRACTS];

  it('lists appraisal.finalised v1 and promotion.decided v1 in the catalogue, on the staff topic keyed by the employee', () => {
    expect(contracts.map((c) => c.type)).toEqual(['serviceledger.hr-performance.appraisal.finalised.v1', 'serviceledger.hr-performance.promotion.decided.v1']);
    for (const contract of contracts) {
      expect(contract.topic).toBe(HR_STAFF_TOPIC);
      expect(HR_PERFORMANCE_CONTRACTS).toContain(contract);
      expect(findHrPerformanceContract(contract.type)).toBe(contract);
      expect((contract.schema.required as string[]).includes('employeeId')).toBe(true);
    }
  });

  it.each(contracts.map((c) => [c.type, c] as const))('%s has a closed draft 2020-12 schema that accepts its example and refuses an unknown field', (_, contract) => {
    expect(contract.schema).toMatchObject({ $schema: JSON_SCHEMA_DIALECT, type: 'object', additionalProperties: false });
    const example = EXAMPLES[contract.type as Type];
    expect(accepts(contract, example)).toBe(true);
    expect(accepts(contract, { ...example, extra: 1 })).toBe(false);
  });

  it('publishes no qualitative text about the person: no assessment, review or reason (R-3.1)', () => {
    for (const contract of contracts) expect(schemaPropertyNames(contract.schema).filter((p) => QUALITATIVE_OR_PERSONAL.includes(p))).toEqual([]);
  });

  it('takes an annual appraisal without a scheme version, and a month or a year as its period only', () => {
    const { scheme: _scheme, ...annual } = { ...EXAMPLES[APPRAISAL_FINALISED_V1.type], kind: 'annual' as const, period: '2026', appraisalId: 'ts-lead.2026' };
    expect(accepts(APPRAISAL_FINALISED_V1, annual)).toBe(true);
    expect(accepts(APPRAISAL_FINALISED_V1, { ...annual, period: '2026-Q4' })).toBe(false);
    expect(accepts(APPRAISAL_FINALISED_V1, { ...annual, score: 101 })).toBe(false);
  });

  it('names a promotion’s track from the two tracks only', () => {
    expect(accepts(PROMOTION_DECIDED_V1, { ...EXAMPLES[PROMOTION_DECIDED_V1.type], trackId: 'sales' })).toBe(false);
  });
});
