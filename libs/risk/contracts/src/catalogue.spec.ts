import { JSON_SCHEMA_DIALECT } from '@serviceledger/platform/core';
import { createJsonSchemaValidator, schemaPropertyNames } from '@serviceledger/platform/testing';
import {
  RESPONSE_OVERDUE_V1,
  REVIEW_OVERDUE_V1,
  RISK_ASSESSED_V1,
  RISK_CONTRACTS,
  RISK_REGISTER_CONTRACTS,
  RISK_REGISTER_TOPIC,
  RiskContract,
  RiskRegisterContractData,
  RiskRegisterContractType,
  findRiskContract,
} from './index';

const AT = '2026-10-10T02:00:00.000Z';
const RISK = '5b0c2c1e-7f39-5d1e-8b55-0c7d9f3e2a10';
const OWNERSHIP = { riskId: RISK, category: 'technical', departmentId: 'operations', ownerId: 'ops-wang' } as const;

/** One complete payload per register contract, optional fields included: the compiler checks them against the types. */
const EXAMPLES: { [Type in RiskRegisterContractType]: RiskRegisterContractData[Type] } = {
  [RISK_ASSESSED_V1.type]: {
    ...OWNERSHIP,
    assessmentNumber: 2,
    likelihood: 4,
    impact: 5,
    level: 'high',
    band: 'high',
    matrixVersion: 1,
    previousBand: 'medium',
    reviewNumber: 1,
    nextReviewDue: '2026-11-10T02:00:00.000Z',
    assessedAt: AT,
    occurredAt: AT,
  },
  [RESPONSE_OVERDUE_V1.type]: { riskId: RISK, departmentId: 'operations', responseNumber: 1, actionNumber: 2, strategy: 'reduce', ownerId: 'ops-zhou', dueAt: AT, occurredAt: AT },
  [REVIEW_OVERDUE_V1.type]: { ...OWNERSHIP, level: 'medium', band: 'medium', dueAt: AT, occurredAt: AT },
};

/** Free text and personal data stay in the service. */
const TEXT_FIELDS = ['title', 'causes', 'consequences', 'description', 'notes', 'reason', 'rationale', 'findings', 'name', 'phone', 'email'];

describe('risk register contract catalogue', () => {
  const ajv = createJsonSchemaValidator();
  const validate = (contract: RiskContract, data: unknown) => {
    const check = ajv.compile(contract.schema);
    return { valid: check(data), errors: check.errors };
  };
  const register = RISK_REGISTER_CONTRACTS.map((c) => [c.type, c] as const);

  it('lists each public event once, named serviceledger.risk.<event>.v<version>', () => {
    const types = RISK_CONTRACTS.map((c) => c.type);
    expect(new Set(types).size).toBe(types.length);
    for (const contract of RISK_CONTRACTS) {
      expect(contract.type).toBe(`serviceledger.risk.${contract.event}.v${contract.version}`);
      expect(findRiskContract(contract.type)).toBe(contract);
    }
    expect(RISK_REGISTER_CONTRACTS.map((c) => c.type)).toEqual(['serviceledger.risk.risk.assessed.v1', 'serviceledger.risk.response.overdue.v1', 'serviceledger.risk.review.overdue.v1']);
    for (const contract of RISK_REGISTER_CONTRACTS) expect(contract.topic).toBe(RISK_REGISTER_TOPIC);
    expect(findRiskContract('serviceledger.risk.risk.closed.v1')).toBeUndefined();
  });

  it.each(register)('%s has a closed draft 2020-12 schema without free text', (_, contract) => {
    const { schema } = contract;
    expect(schema).toMatchObject({ $schema: JSON_SCHEMA_DIALECT, $id: `urn:serviceledger:risk:${contract.event}:v${contract.version}`, type: 'object', additionalProperties: false });
    const required = schema.required as string[];
    expect(required).toEqual(expect.arrayContaining(['riskId', 'occurredAt']));
    expect(Object.keys(schema.properties as object)).toEqual(expect.arrayContaining(required));
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(schemaPropertyNames(schema).filter((n) => TEXT_FIELDS.includes(n))).toEqual([]);
  });

  it.each(register)('%s accepts its example, and refuses it without the risk id or with an undeclared field', (type, contract) => {
    const { valid, errors } = validate(contract, EXAMPLES[type]);
    expect(errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const { riskId: _, ...withoutRisk } = EXAMPLES[type];
    expect(validate(contract, withoutRisk).valid).toBe(false);
    expect(validate(contract, { ...EXAMPLES[type], title: 'Single database server' }).valid).toBe(false);
  });

  it('keeps a first assessment (no previous band) and one outside a review valid', () => {
    const { previousBand: _, reviewNumber: __, ...first } = EXAMPLES[RISK_ASSESSED_V1.type];
    expect(validate(RISK_ASSESSED_V1, first).valid).toBe(true);
    expect(validate(RISK_ASSESSED_V1, { ...first, band: 'severe' }).valid).toBe(false);
  });
});
