import { JSON_SCHEMA_DIALECT } from '@serviceledger/platform/core';
import { createJsonSchemaValidator, schemaPropertyNames } from '@serviceledger/platform/testing';
import {
  EMPLOYEE_LEFT_V1,
  HR_PERFORMANCE_CONTRACTS,
  HR_PERFORMANCE_TOPICS,
  HR_STAFF_CONTRACTS,
  HR_STAFF_TOPIC,
  HrContract,
  HrStaffContractData,
  ONBOARDING_OVERDUE_V1,
  TRAINING_COMPLETED_V1,
  findHrPerformanceContract,
} from './index';

const AT = '2026-12-07T02:00:00.000Z';

type StaffType = (typeof HR_STAFF_CONTRACTS)[number]['type'];

/** One complete payload per contract, optional fields included: the compiler checks them against the types. */
const EXAMPLES: { [Type in StaffType]: HrStaffContractData[Type] } = {
  [TRAINING_COMPLETED_V1.type]: {
    employeeId: 'tech-wang',
    departmentId: 'tech-support',
    sessionId: '5b0c9a8e-52a4-4a5e-9f3e-1b2c3d4e5f60',
    kind: 'professional-skills',
    topic: 'Network diagnostics',
    planItem: { departmentId: 'tech-support', year: 2026, itemId: 'network-diagnostics' },
    completedOn: '2026-12-04',
    score: 86,
    occurredAt: AT,
  },
  [ONBOARDING_OVERDUE_V1.type]: {
    employeeId: 'tech-wang',
    departmentId: 'tech-support',
    postId: 'support-engineer',
    dueOn: '2026-12-06',
    missingTopics: ['culture', 'communication-skills'],
    occurredAt: AT,
  },
  [EMPLOYEE_LEFT_V1.type]: { employeeId: 'tech-wang', departmentId: 'tech-support', postId: 'support-engineer', leftOn: '2026-12-31', reason: 'resigned', occurredAt: AT },
};

/** Property names that would carry personal data or free text about a person out of HR. */
const PERSONAL_FIELDS = ['name', 'phone', 'email', 'interests', 'strengths', 'goals', 'notes', 'comment', 'details'];

describe('hr-performance staff contracts', () => {
  const ajv = createJsonSchemaValidator();
  const accepts = (contract: HrContract, data: unknown) => ajv.compile(contract.schema)(data);

  it('lists each staff event once in the catalogue, named serviceledger.hr-performance.<event>.v<version>, on the staff topic', () => {
    expect(HR_STAFF_TOPIC).toBe('serviceledger.hr-performance.staff.v1');
    expect(Object.values(HR_PERFORMANCE_TOPICS)).toContain(HR_STAFF_TOPIC);
    expect(HR_STAFF_CONTRACTS.map((c) => c.event)).toEqual(['training.completed', 'onboarding.overdue', 'employee.left']);
    for (const contract of HR_STAFF_CONTRACTS) {
      expect(contract.type).toBe(`serviceledger.hr-performance.${contract.event}.v${contract.version}`);
      expect(contract.topic).toBe(HR_STAFF_TOPIC);
      expect(HR_PERFORMANCE_CONTRACTS).toContain(contract);
      expect(findHrPerformanceContract(contract.type)).toBe(contract);
    }
    expect(findHrPerformanceContract('serviceledger.hr-performance.employee.hired.v1')).toBeUndefined();
  });

  it.each(HR_STAFF_CONTRACTS.map((c) => [c.type, c] as const))('%s has a closed draft 2020-12 schema keyed by the employee, and accepts its example', (type, contract) => {
    expect(contract.schema).toMatchObject({ $schema: JSON_SCHEMA_DIALECT, $id: `urn:serviceledger:hr-performance:${contract.event}:v${contract.version}`, additionalProperties: false });
    expect(contract.schema.required).toEqual(expect.arrayContaining(['employeeId', 'occurredAt']));
    expect(ajv.validateSchema(contract.schema)).toBe(true);
    const check = ajv.compile(contract.schema);
    expect(check(EXAMPLES[type]) ? [] : check.errors).toEqual([]);
  });

  it.each(HR_STAFF_CONTRACTS.map((c) => [c.type, c] as const))('%s refuses a payload without its employee, or with a field it does not declare', (type, contract) => {
    const { employeeId, ...keyless } = EXAMPLES[type];
    expect(employeeId).toBe('tech-wang');
    expect(accepts(contract, keyless)).toBe(false);
    expect(accepts(contract, { ...EXAMPLES[type], name: 'Wang Fang' })).toBe(false);
  });

  it('declares no field for a person’s name or free text about them (R-3.1)', () => {
    for (const contract of HR_STAFF_CONTRACTS) expect(schemaPropertyNames(contract.schema).filter((n) => PERSONAL_FIELDS.includes(n))).toEqual([]);
  });

  it('holds scores to 0–100, overdue onboarding to at least one known topic, and leaving to its kinds', () => {
    const completed = EXAMPLES[TRAINING_COMPLETED_V1.type];
    expect(accepts(TRAINING_COMPLETED_V1, { ...completed, score: null })).toBe(true);
    expect(accepts(TRAINING_COMPLETED_V1, { ...completed, score: 101 })).toBe(false);
    expect(accepts(TRAINING_COMPLETED_V1, { ...completed, kind: 'fire-drill' })).toBe(false);
    const overdue = EXAMPLES[ONBOARDING_OVERDUE_V1.type];
    expect(accepts(ONBOARDING_OVERDUE_V1, { ...overdue, missingTopics: [] })).toBe(false);
    expect(accepts(ONBOARDING_OVERDUE_V1, { ...overdue, missingTopics: ['golf'] })).toBe(false);
    expect(accepts(EMPLOYEE_LEFT_V1, { ...EXAMPLES[EMPLOYEE_LEFT_V1.type], reason: 'Found a better job at a rival' })).toBe(false);
    expect(accepts(EMPLOYEE_LEFT_V1, { ...EXAMPLES[EMPLOYEE_LEFT_V1.type], leftOn: '31 December' })).toBe(false);
  });
});
