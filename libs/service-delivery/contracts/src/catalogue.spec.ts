import { JSON_SCHEMA_DIALECT } from '@serviceledger/platform/core';
import { createJsonSchemaValidator, schemaPropertyNames } from '@serviceledger/platform/testing';
import {
  CASE_ACCEPTANCE_PASSED_V1,
  CASE_ACCEPTANCE_ORGANISED_V1,
  CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1,
  CASE_AFTER_SALES_PROBLEM_REOPENED_V1,
  CASE_ACCEPTANCE_REJECTED_V1,
  CASE_AFTER_SALES_PROBLEM_OPENED_V1,
  CASE_AFTER_SALES_PROBLEM_RESOLVED_V1,
  CASE_CANCELLED_V1,
  CASE_CLOSED_V1,
  CASE_DELIVERY_STARTED_V1,
  CASE_FOLLOW_UP_VISIT_COMPLETED_V1,
  CASE_MILESTONE_COMPLETED_V1,
  CASE_OPENED_V1,
  CASE_PLAN_APPROVED_V1,
  CASE_PROGRESS_REPORT_MISSED_V1,
  CASE_PROGRESS_REPORT_SENT_V1,
  CASE_RECTIFICATION_ITEM_FIXED_V1,
  SERVICE_DELIVERY_CASE_TOPIC,
  SERVICE_DELIVERY_CONTRACTS,
  ServiceDeliveryContract,
  ServiceDeliveryContractData,
  ServiceDeliveryContractType,
  findServiceDeliveryContract,
  isServiceDeliveryEvent,
} from './index';

const AT = '2026-03-02T09:00:00.000Z';
const LATER = '2026-03-05T09:00:00.000Z';
const CASE = '3a0c2c1e-7f39-5d1e-8b55-0c7d9f3e2a10';

/** One complete payload per contract, optional fields included: the compiler checks them against the types. */
const EXAMPLES: { [Type in ServiceDeliveryContractType]: ServiceDeliveryContractData[Type] } = {
  [CASE_OPENED_V1.type]: {
    caseId: CASE,
    demandId: '0b6f8f2e-5d0c-4c8e-9a55-3f1e0b0f7a11',
    reference: 'SR-2026-000123',
    customerId: 'c-1',
    responsibleDepartmentId: 'software-development',
    departments: ['software-development', 'tech-support'],
    complexity: 'complex',
    planDueAt: LATER,
    occurredAt: AT,
  },
  [CASE_PLAN_APPROVED_V1.type]: {
    caseId: CASE,
    version: 2,
    supersedesVersion: 1,
    milestoneCount: 3,
    approvedBy: 'head-1',
    approvedAt: AT,
    occurredAt: AT,
  },
  [CASE_DELIVERY_STARTED_V1.type]: {
    caseId: CASE,
    planVersion: 2,
    projectManagerId: 'pm-1',
    startedAt: AT,
    nextReportDueAt: LATER,
    occurredAt: AT,
  },
  [CASE_MILESTONE_COMPLETED_V1.type]: {
    caseId: CASE,
    milestoneId: 'm1',
    planVersion: 2,
    dueAt: AT,
    completedAt: LATER,
    late: true,
    occurredAt: LATER,
  },
  [CASE_PROGRESS_REPORT_SENT_V1.type]: {
    caseId: CASE,
    reportNumber: 1,
    dueAt: LATER,
    onTime: true,
    problemCount: 2,
    sentAt: AT,
    nextReportDueAt: LATER,
    occurredAt: AT,
  },
  [CASE_PROGRESS_REPORT_MISSED_V1.type]: { caseId: CASE, dueAt: AT, nextReportDueAt: LATER, occurredAt: AT },
  [CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1.type]: { caseId: CASE, problemId: 'p-1', handlerId: 'li', assignedAt: AT, occurredAt: AT },
  [CASE_AFTER_SALES_PROBLEM_REOPENED_V1.type]: { caseId: CASE, problemId: 'p-1', reopenedAt: AT, occurredAt: AT },
  [CASE_ACCEPTANCE_ORGANISED_V1.type]: { caseId: CASE, round: 1, planVersion: 2, criteriaCount: 3, criteriaVersion: 1, organisedAt: AT, occurredAt: AT },
  [CASE_ACCEPTANCE_REJECTED_V1.type]: {
    caseId: CASE,
    round: 1,
    criteriaCount: 3,
    criteriaMet: 1,
    rectificationItemCount: 2,
    rectificationItems: [{ itemId: '1.1', dueAt: LATER }, { itemId: '1.2' }],
    reportForm: 'portal',
    rejectedAt: AT,
    occurredAt: AT,
  },
  [CASE_RECTIFICATION_ITEM_FIXED_V1.type]: { caseId: CASE, itemId: '1.1', round: 1, fixedAt: AT, occurredAt: AT },
  [CASE_ACCEPTANCE_PASSED_V1.type]: {
    caseId: CASE,
    round: 2,
    criteriaCount: 3,
    criteriaMet: 3,
    conditionCount: 1,
    conditions: [{ itemId: '2.1', dueAt: LATER }],
    reportForm: 'paper',
    acceptedAt: AT,
    followUpVisitsDueAt: ['2026-03-09T09:00:00.000Z', '2026-04-01T09:00:00.000Z'],
    occurredAt: AT,
  },
  [CASE_FOLLOW_UP_VISIT_COMPLETED_V1.type]: {
    caseId: CASE,
    visitId: `${CASE}-visit-1`,
    visitNumber: 1,
    channel: 'phone',
    survey: { surveyId: 'follow-up', version: 2, scale: { lowest: 0, highest: 10 } },
    satisfaction: 8,
    recommendation: 9,
    findingStages: ['implementation', 'acceptance'],
    dueAt: AT,
    visitedAt: LATER,
    occurredAt: LATER,
  },
  [CASE_AFTER_SALES_PROBLEM_OPENED_V1.type]: {
    caseId: CASE,
    problemId: 'p-1',
    customerId: 'c-1',
    departmentId: 'software-development',
    source: 'follow-up-visit',
    visitId: `${CASE}-visit-1`,
    raisedAt: AT,
    occurredAt: AT,
  },
  [CASE_AFTER_SALES_PROBLEM_RESOLVED_V1.type]: {
    caseId: CASE,
    problemId: 'p-1',
    stage: 'implementation',
    nature: 'defect',
    complexity: 'simple',
    handlerId: 'tech-1',
    resolvedAt: AT,
    occurredAt: AT,
  },
  [CASE_CLOSED_V1.type]: { caseId: CASE, closedAt: AT, occurredAt: AT },
  [CASE_CANCELLED_V1.type]: { caseId: CASE, previousStatus: 'in-delivery', cancelledAt: AT, occurredAt: AT },
};

/** Names that would carry personal data or free text out of the service. */
const PERSONAL_OR_TEXT_FIELDS = [
  'signatory',
  'name',
  'phone',
  'email',
  'contact',
  'description',
  'comments',
  'evidence',
  'progress',
  'resolution',
  'reason',
  'summary',
  'note',
  'opinion',
  'content',
];

describe('service-delivery contract catalogue', () => {
  const ajv = createJsonSchemaValidator();
  const validate = (contract: ServiceDeliveryContract, data: unknown) => {
    const check = ajv.compile(contract.schema);
    return { valid: check(data), errors: check.errors };
  };
  const all = SERVICE_DELIVERY_CONTRACTS.map((c) => [c.type, c] as const);

  it('lists each public event once, named serviceledger.service-delivery.<event>.v<version>, on the case topic', () => {
    const types = SERVICE_DELIVERY_CONTRACTS.map((c) => c.type);
    expect(new Set(types).size).toBe(types.length);
    expect(SERVICE_DELIVERY_CASE_TOPIC).toBe('serviceledger.service-delivery.case.v1');
    for (const contract of SERVICE_DELIVERY_CONTRACTS) {
      expect(contract.type).toBe(`serviceledger.service-delivery.${contract.event}.v${contract.version}`);
      expect(contract.event).toMatch(/^case\.[a-z]+(-[a-z]+)*$/);
      expect(contract.topic).toBe(SERVICE_DELIVERY_CASE_TOPIC);
      expect(findServiceDeliveryContract(contract.type)).toBe(contract);
    }
    expect(findServiceDeliveryContract('serviceledger.service-delivery.case.reopened.v1')).toBeUndefined();
  });

  it.each(all)('%s has a closed draft 2020-12 schema', (_, contract) => {
    const { schema } = contract;
    expect(schema).toMatchObject({
      $schema: JSON_SCHEMA_DIALECT,
      $id: `urn:serviceledger:service-delivery:${contract.event}:v${contract.version}`,
      type: 'object',
      additionalProperties: false,
    });
    const required = schema.required as string[];
    expect(required).toEqual(expect.arrayContaining(['caseId', 'occurredAt']));
    expect(Object.keys(schema.properties as object)).toEqual(expect.arrayContaining(required));
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it.each(all)('%s accepts its example', (type, contract) => {
    const { valid, errors } = validate(contract, EXAMPLES[type]);
    expect(errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(all)('%s refuses a payload without its case id or with an undeclared field', (type, contract) => {
    const { caseId: _, ...withoutCase } = EXAMPLES[type];
    expect(validate(contract, withoutCase).valid).toBe(false);
    expect(validate(contract, { ...EXAMPLES[type], signatory: { name: 'Li Wei' } }).valid).toBe(false);
  });

  it('declares no field for personal data or free text', () => {
    for (const contract of SERVICE_DELIVERY_CONTRACTS) {
      expect(schemaPropertyNames(contract.schema).filter((n) => PERSONAL_OR_TEXT_FIELDS.includes(n))).toEqual([]);
    }
  });

  it('bounds the visit scores and tags every finding with a process stage', () => {
    const visit = EXAMPLES[CASE_FOLLOW_UP_VISIT_COMPLETED_V1.type];
    expect(validate(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, { ...visit, satisfaction: 11 }).valid).toBe(false);
    expect(validate(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, { ...visit, recommendation: 11 }).valid).toBe(false);
    expect(validate(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, { ...visit, findingStages: ['billing'] }).valid).toBe(false);
    const { recommendation: _, ...withoutRecommendation } = visit;
    expect(validate(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, withoutRecommendation).valid).toBe(true);
  });

  it('adds the survey version answered to v1, so a message of before keeps its meaning: 1–5 without a survey', () => {
    const { survey, ...before } = { ...EXAMPLES[CASE_FOLLOW_UP_VISIT_COMPLETED_V1.type], satisfaction: 4 };
    expect(validate(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, before).valid).toBe(true);
    expect(validate(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, { ...before, satisfaction: 6 }).valid).toBe(false);
    expect(validate(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, { ...before, satisfaction: 0 }).valid).toBe(false);
    expect(validate(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, { ...before, survey, satisfaction: 0 }).valid).toBe(true);
    expect(CASE_FOLLOW_UP_VISIT_COMPLETED_V1.schema.required).not.toContain('survey');
    const { scale: _, ...withoutScale } = survey!;
    expect(validate(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, { ...before, survey: withoutScale }).valid).toBe(false);
    expect(validate(CASE_FOLLOW_UP_VISIT_COMPLETED_V1, { ...before, survey: { ...survey, scale: { lowest: 1, highest: 11 } } }).valid).toBe(false);
  });

  it('names the visit of a problem found on a visit, and only then', () => {
    const opened = EXAMPLES[CASE_AFTER_SALES_PROBLEM_OPENED_V1.type];
    const { visitId: _, ...withoutVisit } = opened;
    expect(validate(CASE_AFTER_SALES_PROBLEM_OPENED_V1, withoutVisit).valid).toBe(false);
    expect(validate(CASE_AFTER_SALES_PROBLEM_OPENED_V1, { ...withoutVisit, source: 'customer' }).valid).toBe(true);
    expect(validate(CASE_AFTER_SALES_PROBLEM_OPENED_V1, { ...opened, source: 'customer' }).valid).toBe(false);
  });

  it('adds the problem’s class to a resolution in v1, so a message of before (no class) stays valid (P-6.2)', () => {
    const resolved = EXAMPLES[CASE_AFTER_SALES_PROBLEM_RESOLVED_V1.type];
    const { nature: _, complexity: __, ...before } = resolved;
    expect(validate(CASE_AFTER_SALES_PROBLEM_RESOLVED_V1, before).valid).toBe(true);
    expect(validate(CASE_AFTER_SALES_PROBLEM_RESOLVED_V1, { ...resolved, nature: 'billing' }).valid).toBe(false);
  });

  it('adds the rectification items with their agreed fix dates to v1, so a message of before (count only) stays valid (P-5.2)', () => {
    const rejected = EXAMPLES[CASE_ACCEPTANCE_REJECTED_V1.type];
    const { rectificationItems: _, ...before } = rejected;
    expect(validate(CASE_ACCEPTANCE_REJECTED_V1, before).valid).toBe(true);
    expect(CASE_ACCEPTANCE_REJECTED_V1.schema.required).not.toContain('rectificationItems');
    expect(validate(CASE_ACCEPTANCE_REJECTED_V1, { ...rejected, rectificationItems: [{ itemId: '1.1', dueAt: 'next week' }] }).valid).toBe(false);
    expect(validate(CASE_ACCEPTANCE_REJECTED_V1, { ...rejected, rectificationItems: [{ dueAt: LATER }] }).valid).toBe(false);
    expect(validate(CASE_ACCEPTANCE_REJECTED_V1, { ...rejected, rectificationItems: [{ itemId: '1.1', description: 'the printer' }] }).valid).toBe(false);
    const passed = EXAMPLES[CASE_ACCEPTANCE_PASSED_V1.type];
    const { conditions: __, ...passedBefore } = passed;
    expect(validate(CASE_ACCEPTANCE_PASSED_V1, passedBefore).valid).toBe(true);
    expect(CASE_ACCEPTANCE_PASSED_V1.schema.required).not.toContain('conditions');
    expect(validate(CASE_ACCEPTANCE_PASSED_V1, { ...passed, conditions: [{ itemId: '2.1', note: 'SECRET' }] }).valid).toBe(false);
  });

  it('narrows a received message to its contract’s payload', () => {
    const message: { type: string; data: unknown } = {
      type: CASE_ACCEPTANCE_REJECTED_V1.type,
      data: EXAMPLES[CASE_ACCEPTANCE_REJECTED_V1.type],
    };
    expect(isServiceDeliveryEvent(message, CASE_ACCEPTANCE_PASSED_V1)).toBe(false);
    if (!isServiceDeliveryEvent(message, CASE_ACCEPTANCE_REJECTED_V1)) throw new Error('expected a rejection');
    expect(message.data.rectificationItemCount).toBe(2);
  });
});
