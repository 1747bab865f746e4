import { JSON_SCHEMA_DIALECT } from '@serviceledger/platform/core';
import {
  COMPLAINT_REGISTERED_V1,
  COMPLAINT_REGISTERED_V2,
  COMPLAINT_REGISTERED_V3,
  COMPLAINT_RESOLVED_V1,
  COMPLAINT_RESOLVED_V2,
  CUSTOMER_ERASED_V1,
  DEMAND_ASSIGNED_V1,
  DEMAND_ASSIGNED_V2,
  DEMAND_CLOSED_V1,
  DEMAND_CLOSED_V2,
  DEMAND_COORDINATION_AGREED_V1,
  DEMAND_COORDINATION_AGREED_V2,
  DEMAND_RECLASSIFIED_V1,
  DEMAND_RECLASSIFIED_V2,
  DEMAND_REGISTERED_V1,
  DEMAND_REGISTERED_V2,
  DEMAND_RELEASED_TO_DELIVERY_V1,
  DEMAND_RELEASED_TO_DELIVERY_V2,
  DEMAND_RELEASED_TO_DELIVERY_V3,
  DEMAND_REPLY_SENT_V1,
  DEMAND_RESOLVED_V1,
  DEMAND_RESUMED_V1,
  DEMAND_TRIAGED_V1,
  DEMAND_WAITING_ON_CUSTOMER_V1,
  DEMAND_WAITING_ON_THIRD_PARTY_V1,
  DEMAND_WITHDRAWN_V1,
  DEMAND_WITHDRAWN_V2,
  INTAKE_CONTRACTS,
  INTAKE_CUSTOMER_TOPIC,
  INTAKE_DEMAND_TOPIC,
  INTAKE_TOPICS,
  IntakeContract,
  IntakeContractData,
  IntakeContractType,
  RETIRED_INTAKE_CONTRACTS,
  ReleasedDemand,
  findIntakeContract,
  isIntakeEvent,
} from './index';
import { createJsonSchemaValidator, schemaPropertyNames } from '@serviceledger/platform/testing';

const AT = '2026-03-02T09:00:00.000Z';
const LATER = '2026-03-02T11:30:00.000Z';
const DEMAND = '0b6f8f2e-5d0c-4c8e-9a55-3f1e0b0f7a11';
/** The responsibilities agreed in the example demand's coordination. */
const AGREED = [
  { departmentId: 'software-development', responsibility: 'Fix the print driver' },
  { departmentId: 'tech-support', responsibility: 'Roll the fix out on site' },
];
/** The example demand as every version of its release to delivery carries it. */
const RELEASED: ReleasedDemand = {
  demandId: DEMAND,
  reference: 'SR-2026-000123',
  customerId: 'c-1',
  departmentId: 'software-development',
  ownerId: 'wang',
  complexity: 'complex',
  occurredAt: AT,
};

/** One complete payload per contract, optional fields included: the compiler checks them against the types. */
const EXAMPLES: { [Type in IntakeContractType]: IntakeContractData[Type] } = {
  [DEMAND_REGISTERED_V1.type]: {
    demandId: DEMAND,
    reference: 'SR-2026-000123',
    customerId: 'c-1',
    customerTier: 'gold',
    channel: 'web',
    subChannel: 'portal',
    kind: 'complaint',
    subject: 'Invoices do not print',
    businessCategory: 'technical-support',
    impact: 1,
    urgency: 2,
    priority: 'P2',
    registeredAt: AT,
    registeringDepartmentId: 'customer-service',
    occurredAt: AT,
  },
  [DEMAND_REGISTERED_V2.type]: {
    demandId: DEMAND,
    reference: 'SR-2026-000123',
    customerId: 'c-1',
    customerTier: 'gold',
    channel: 'web',
    subChannel: 'portal',
    kind: 'complaint',
    businessCategory: 'technical-support',
    impact: 1,
    urgency: 2,
    priority: 'P2',
    registeredAt: AT,
    receivedAt: '2026-03-02T08:50:00.000Z',
    registeringDepartmentId: 'customer-service',
    occurredAt: AT,
  },
  [COMPLAINT_REGISTERED_V1.type]: {
    demandId: DEMAND,
    priority: 'P2',
    promisedHandlingHours: 24,
    dueAt: '2026-03-03T09:00:00.000Z',
    occurredAt: AT,
  },
  [COMPLAINT_REGISTERED_V2.type]: {
    demandId: DEMAND,
    priority: 'P2',
    promisedHandlingHours: 24,
    promisedResult: 'A working print driver and the call-out fee refunded',
    dueAt: '2026-03-03T09:00:00.000Z',
    occurredAt: AT,
  },
  [COMPLAINT_REGISTERED_V3.type]: {
    demandId: DEMAND,
    priority: 'P2',
    promisedHandlingHours: 24,
    resultPromised: true,
    dueAt: '2026-03-03T09:00:00.000Z',
    occurredAt: AT,
  },
  [DEMAND_TRIAGED_V1.type]: {
    demandId: DEMAND,
    complexity: 'complex',
    priority: 'P1',
    businessCategory: 'software-development',
    overridden: ['priority', 'businessCategory'],
    decidedBy: 'agent-1',
    occurredAt: AT,
  },
  [DEMAND_RECLASSIFIED_V1.type]: {
    demandId: DEMAND,
    kind: 'complaint',
    previousKind: 'enquiry',
    reason: 'The mail complains that the repair was promised twice and never came',
    reclassifiedBy: 'agent-1',
    reclassifiedAt: LATER,
    occurredAt: LATER,
  },
  [DEMAND_RECLASSIFIED_V2.type]: {
    demandId: DEMAND,
    kind: 'complaint',
    previousKind: 'enquiry',
    reclassifiedBy: 'agent-1',
    reclassifiedAt: LATER,
    occurredAt: LATER,
  },
  [DEMAND_ASSIGNED_V1.type]: {
    demandId: DEMAND,
    departmentId: 'software-development',
    ownerId: 'wang',
    assignedBy: 'agent-1',
    reassignment: { previousDepartmentId: 'tech-support', previousOwnerId: 'zhang', reason: 'Needs a code change' },
    occurredAt: AT,
  },
  [DEMAND_ASSIGNED_V2.type]: {
    demandId: DEMAND,
    departmentId: 'software-development',
    ownerId: 'wang',
    assignedBy: 'agent-1',
    reassignment: { previousDepartmentId: 'tech-support', previousOwnerId: 'zhang' },
    occurredAt: AT,
  },
  [DEMAND_COORDINATION_AGREED_V1.type]: {
    demandId: DEMAND,
    meetingId: 'm-1',
    leadDepartmentId: 'software-development',
    responsibilities: AGREED,
    cooperation: 'Daily call until the roll-out',
    jointSolution: 'Patch release 4.2.1, installed on site',
    occurredAt: AT,
  },
  [DEMAND_COORDINATION_AGREED_V2.type]: {
    demandId: DEMAND,
    meetingId: 'm-1',
    leadDepartmentId: 'software-development',
    responsibleDepartmentIds: ['software-development', 'tech-support'],
    occurredAt: AT,
  },
  [DEMAND_RELEASED_TO_DELIVERY_V1.type]: {
    ...RELEASED,
    leadDepartmentId: 'software-development',
    responsibilities: [{ departmentId: 'software-development', responsibility: 'Fix the print driver' }],
  },
  [DEMAND_RELEASED_TO_DELIVERY_V2.type]: {
    ...RELEASED,
    departmentIds: ['software-development', 'tech-support'],
    leadDepartmentId: 'software-development',
    responsibilities: AGREED,
  },
  [DEMAND_RELEASED_TO_DELIVERY_V3.type]: {
    ...RELEASED,
    departmentIds: ['software-development', 'tech-support'],
    leadDepartmentId: 'software-development',
    responsibleDepartmentIds: ['software-development', 'tech-support'],
  },
  [DEMAND_REPLY_SENT_V1.type]: {
    demandId: DEMAND,
    channel: 'email',
    firstResponse: true,
    sentAt: AT,
    sentBy: 'agent-1',
    occurredAt: AT,
  },
  [DEMAND_WAITING_ON_CUSTOMER_V1.type]: { demandId: DEMAND, since: AT, occurredAt: AT },
  [DEMAND_WAITING_ON_THIRD_PARTY_V1.type]: { demandId: DEMAND, party: 'HP support', since: AT, occurredAt: AT },
  [DEMAND_RESUMED_V1.type]: {
    demandId: DEMAND,
    waitingSince: AT,
    resumedAt: LATER,
    trigger: 'customer-message',
    waitedOn: 'customer',
    occurredAt: LATER,
  },
  [DEMAND_RESOLVED_V1.type]: { demandId: DEMAND, resolvedAt: LATER, occurredAt: LATER },
  [COMPLAINT_RESOLVED_V1.type]: {
    demandId: DEMAND,
    dueAt: '2026-03-03T09:00:00.000Z',
    resolvedAt: LATER,
    withinPromise: true,
    occurredAt: LATER,
  },
  [COMPLAINT_RESOLVED_V2.type]: {
    demandId: DEMAND,
    dueAt: '2026-03-03T09:00:00.000Z',
    resolvedAt: LATER,
    withinPromise: true,
    promisedResultDelivered: false,
    occurredAt: LATER,
  },
  [DEMAND_CLOSED_V1.type]: { demandId: DEMAND, reason: 'Customer confirmed the fix', occurredAt: LATER },
  [DEMAND_CLOSED_V2.type]: { demandId: DEMAND, occurredAt: LATER },
  [DEMAND_WITHDRAWN_V1.type]: {
    demandId: DEMAND,
    reason: 'Customer solved it themselves',
    previousStatus: 'in-delivery',
    occurredAt: LATER,
  },
  [DEMAND_WITHDRAWN_V2.type]: { demandId: DEMAND, previousStatus: 'in-delivery', occurredAt: LATER },
  [CUSTOMER_ERASED_V1.type]: { customerId: 'c-1', erasedAt: LATER, occurredAt: LATER },
};

/** What each topic's events are keyed by, and so what each of its contracts requires. */
const KEY_ON = { [INTAKE_DEMAND_TOPIC]: 'demandId', [INTAKE_CUSTOMER_TOPIC]: 'customerId' } as const;

/** Property names that would carry personal data or free-text bodies out of intake. */
const PERSONAL_OR_BODY_FIELDS = [
  'contact',
  'name',
  'phone',
  'email',
  'from',
  'body',
  'description',
  'note',
  'resolution',
];

describe('intake contract catalogue', () => {
  let ajv: ReturnType<typeof createJsonSchemaValidator>;
  beforeAll(async () => {
    ajv = createJsonSchemaValidator();
  });

  const validate = (contract: IntakeContract, data: unknown) => {
    // ajv caches a compiled schema by the schema object, so compiling again is cheap.
    const check = ajv.compile(contract.schema);
    return { valid: check(data), errors: check.errors };
  };
  const accepts = (contract: IntakeContract, data: unknown) => validate(contract, data).valid;
  /** The payload without the fields named: one that leaves them out. */
  const without = <Data extends object, Field extends keyof Data>(data: Data, ...fields: Field[]): Omit<Data, Field> =>
    Object.fromEntries(Object.entries(data).filter(([name]) => !(fields as PropertyKey[]).includes(name))) as Omit<Data, Field>;

  it('lists each public event once, named serviceledger.intake.<event>.v<version>', () => {
    const types = INTAKE_CONTRACTS.map((c) => c.type);
    expect(new Set(types).size).toBe(types.length);
    for (const contract of INTAKE_CONTRACTS) {
      expect(contract.type).toBe(`serviceledger.intake.${contract.event}.v${contract.version}`);
      expect(contract.event).toMatch(/^(demand|complaint|customer)\.[a-z]+(-[a-z]+)*$/);
      expect(Number.isInteger(contract.version) && contract.version >= 1).toBe(true);
      expect(contract.description.length).toBeGreaterThan(20);
      expect(findIntakeContract(contract.type)).toBe(contract);
    }
    expect(findIntakeContract('serviceledger.intake.customer.registered.v1')).toBeUndefined();
  });

  it('covers the events that later services consume', () => {
    expect(INTAKE_CONTRACTS.map((c) => c.event).sort()).toEqual([
      'complaint.registered',
      'complaint.registered',
      'complaint.registered',
      'complaint.resolved',
      'complaint.resolved',
      'customer.erased',
      'demand.assigned',
      'demand.assigned',
      'demand.closed',
      'demand.closed',
      'demand.coordination-agreed',
      'demand.coordination-agreed',
      'demand.reclassified',
      'demand.reclassified',
      'demand.registered',
      'demand.registered',
      'demand.released-to-delivery',
      'demand.released-to-delivery',
      'demand.released-to-delivery',
      'demand.reply-sent',
      'demand.resolved',
      'demand.resumed',
      'demand.triaged',
      'demand.waiting-on-customer',
      'demand.waiting-on-third-party',
      'demand.withdrawn',
      'demand.withdrawn',
    ]);
  });

  it('puts every demand and complaint event on the versioned demand topic, so a demand’s events stay in order, and a customer’s erasure on the customer topic', () => {
    expect(INTAKE_DEMAND_TOPIC).toBe('serviceledger.intake.demand.v1');
    expect(INTAKE_CUSTOMER_TOPIC).toBe('serviceledger.intake.customer.v1');
    expect(Object.values(INTAKE_TOPICS)).toEqual([INTAKE_DEMAND_TOPIC, INTAKE_CUSTOMER_TOPIC]);
    for (const contract of INTAKE_CONTRACTS) {
      expect(contract.topic).toBe(contract.event.startsWith('customer.') ? INTAKE_CUSTOMER_TOPIC : INTAKE_DEMAND_TOPIC);
    }
  });

  it.each(INTAKE_CONTRACTS.map((c) => [c.type, c] as const))('%s has a closed draft 2020-12 schema', (_, contract) => {
    const { schema } = contract;
    expect(schema).toMatchObject({
      $schema: JSON_SCHEMA_DIALECT,
      $id: `urn:serviceledger:intake:${contract.event}:v${contract.version}`,
      type: 'object',
      additionalProperties: false,
    });
    const required = schema.required as string[];
    const properties = Object.keys(schema.properties as object);
    expect(required).toEqual(expect.arrayContaining([KEY_ON[contract.topic], 'occurredAt']));
    expect(properties).toEqual(expect.arrayContaining(required));
    // Plain data: it survives JSON unchanged, so it can be written out for documentation.
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it.each(INTAKE_CONTRACTS.map((c) => [c.type, c] as const))('%s accepts its example', (type, contract) => {
    const { valid, errors } = validate(contract, EXAMPLES[type]);
    expect(errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(INTAKE_CONTRACTS.map((c) => [c.type, c] as const))(
    '%s refuses a payload without its key (the demand’s or customer’s id) or with fields it does not declare',
    (type, contract) => {
      const keyless = Object.fromEntries(Object.entries(EXAMPLES[type]).filter(([name]) => name !== KEY_ON[contract.topic]));
      expect(accepts(contract, keyless)).toBe(false);
      expect(accepts(contract, { ...EXAMPLES[type], contact: { name: 'Li Wei', phone: '+861012345678' } })).toBe(false);
    },
  );

  it('declares no field for personal data or message bodies (R-3.1)', () => {
    for (const contract of INTAKE_CONTRACTS) {
      const names = schemaPropertyNames(contract.schema);
      expect(names).toContain(KEY_ON[contract.topic]);
      expect(names.filter((n) => PERSONAL_OR_BODY_FIELDS.includes(n))).toEqual([]);
    }
  });

  it('asks a web demand for its sub-channel, and no other', () => {
    const web = EXAMPLES[DEMAND_REGISTERED_V1.type];
    expect(accepts(DEMAND_REGISTERED_V1, without(web, 'subChannel'))).toBe(false);
    expect(accepts(DEMAND_REGISTERED_V1, { ...web, channel: 'phone' })).toBe(false);
    expect(accepts(DEMAND_REGISTERED_V1, { ...without(web, 'subChannel'), channel: 'phone' })).toBe(true);
    expect(accepts(DEMAND_REGISTERED_V1, { ...web, reference: 'SR-26-1' })).toBe(false);
  });

  it('says when a demand was received before its registration and who registered it, and still takes one published before it said so (二(一)2 及時記錄)', () => {
    const phone = { ...without(EXAMPLES[DEMAND_REGISTERED_V1.type], 'subChannel'), channel: 'phone' };
    expect(accepts(DEMAND_REGISTERED_V1, { ...phone, receivedAt: '2026-03-02T08:20:00.000Z' })).toBe(true);
    expect(accepts(DEMAND_REGISTERED_V1, { ...phone, receivedAt: 'this morning' })).toBe(false);
    expect(accepts(DEMAND_REGISTERED_V1, { ...phone, registeringDepartmentId: '' })).toBe(false);
    expect(accepts(DEMAND_REGISTERED_V1, without(phone, 'registeringDepartmentId'))).toBe(true);
  });

  it('registers a demand in version 2 without its subject, the customer’s free text, and retires the versions that carried it (R-3.1)', () => {
    const v2 = EXAMPLES[DEMAND_REGISTERED_V2.type];
    expect(accepts(DEMAND_REGISTERED_V2, { ...v2, subject: 'Invoices do not print' })).toBe(false);
    expect(accepts(DEMAND_REGISTERED_V2, without(v2, 'subChannel'))).toBe(false);
    expect(accepts(DEMAND_REGISTERED_V2, { ...without(v2, 'subChannel', 'receivedAt', 'registeringDepartmentId'), channel: 'phone' })).toBe(true);
    expect(accepts(DEMAND_REGISTERED_V1, v2)).toBe(false);
    const v3 = EXAMPLES[COMPLAINT_REGISTERED_V3.type];
    expect(accepts(COMPLAINT_REGISTERED_V3, { ...v3, resultPromised: false })).toBe(true);
    expect(accepts(COMPLAINT_REGISTERED_V3, { ...v3, promisedResult: 'A working print driver' })).toBe(false);
    expect(accepts(COMPLAINT_REGISTERED_V3, without(v3, 'resultPromised'))).toBe(false);
    expect(RETIRED_INTAKE_CONTRACTS.map((c) => c.type)).toEqual(expect.arrayContaining([DEMAND_REGISTERED_V1.type, COMPLAINT_REGISTERED_V2.type]));
    const published = INTAKE_CONTRACTS.filter((c) => !RETIRED_INTAKE_CONTRACTS.includes(c));
    expect(published.flatMap((c) => schemaPropertyNames(c.schema)).filter((n) => n === 'subject' || n === 'promisedResult')).toEqual([]);
  });

  it('publishes no text staff wrote on a customer’s demand: each version that carried a reason or the coordination agreed is retired for one without it (R-3.1)', () => {
    expect(RETIRED_INTAKE_CONTRACTS.map((c) => c.type)).toEqual([
      DEMAND_REGISTERED_V1.type,
      COMPLAINT_REGISTERED_V2.type,
      DEMAND_RECLASSIFIED_V1.type,
      DEMAND_ASSIGNED_V1.type,
      DEMAND_COORDINATION_AGREED_V1.type,
      DEMAND_RELEASED_TO_DELIVERY_V1.type,
      DEMAND_RELEASED_TO_DELIVERY_V2.type,
      DEMAND_CLOSED_V1.type,
      DEMAND_WITHDRAWN_V1.type,
    ]);
    const published = INTAKE_CONTRACTS.filter((c) => !RETIRED_INTAKE_CONTRACTS.includes(c));
    const staffText = ['reason', 'responsibilities', 'responsibility', 'cooperation', 'jointSolution'];
    expect(published.flatMap((c) => schemaPropertyNames(c.schema).filter((n) => staffText.includes(n)).map((n) => `${c.type}: ${n}`))).toEqual([]);
    expect(accepts(DEMAND_RECLASSIFIED_V2, { ...EXAMPLES[DEMAND_RECLASSIFIED_V2.type], reason: 'Li Wei says it is a complaint' })).toBe(false);
    const reassigned = EXAMPLES[DEMAND_ASSIGNED_V2.type];
    expect(accepts(DEMAND_ASSIGNED_V2, { ...reassigned, reassignment: { ...reassigned.reassignment, reason: 'Needs a code change' } })).toBe(false);
    expect(accepts(DEMAND_COORDINATION_AGREED_V2, { ...EXAMPLES[DEMAND_COORDINATION_AGREED_V2.type], cooperation: 'Daily call' })).toBe(false);
    expect(accepts(DEMAND_CLOSED_V2, { ...EXAMPLES[DEMAND_CLOSED_V2.type], reason: 'Customer confirmed the fix' })).toBe(false);
    expect(accepts(DEMAND_WITHDRAWN_V2, { ...EXAMPLES[DEMAND_WITHDRAWN_V2.type], reason: 'Customer solved it themselves' })).toBe(false);
    // Each successor carries what its consumers act on: the kinds, the departments and owners, the status it had.
    expect(accepts(DEMAND_WITHDRAWN_V2, without(EXAMPLES[DEMAND_WITHDRAWN_V2.type], 'previousStatus'))).toBe(false);
    expect(accepts(DEMAND_COORDINATION_AGREED_V2, { ...EXAMPLES[DEMAND_COORDINATION_AGREED_V2.type], responsibleDepartmentIds: [] })).toBe(false);
  });

  it('gives release v3 the departments that took on responsibilities, together with the lead, and a complex one of several departments both (P-2.2)', () => {
    const coordinated = EXAMPLES[DEMAND_RELEASED_TO_DELIVERY_V3.type];
    const uncoordinated = without(coordinated, 'leadDepartmentId', 'responsibleDepartmentIds');
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V3, uncoordinated)).toBe(false);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V3, { ...uncoordinated, departmentIds: ['software-development'] })).toBe(true);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V3, { ...uncoordinated, complexity: 'routine' })).toBe(true);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V3, { ...without(coordinated, 'responsibleDepartmentIds'), complexity: 'routine' })).toBe(false);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V3, { ...coordinated, responsibilities: AGREED })).toBe(false);
  });

  it('names a reclassification’s kinds from the vocabulary and needs its reason', () => {
    const reclassified = EXAMPLES[DEMAND_RECLASSIFIED_V1.type];
    expect(accepts(DEMAND_RECLASSIFIED_V1, { ...reclassified, kind: 'incident' })).toBe(false);
    expect(accepts(DEMAND_RECLASSIFIED_V1, { ...reclassified, reason: '' })).toBe(false);
    expect(accepts(DEMAND_RECLASSIFIED_V1, without(reclassified, 'previousKind'))).toBe(false);
  });

  it('gives a complex release its lead department and responsibilities, and a routine one neither', () => {
    const complex = EXAMPLES[DEMAND_RELEASED_TO_DELIVERY_V1.type];
    const routine = { ...without(complex, 'leadDepartmentId', 'responsibilities'), complexity: 'routine' };
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V1, routine)).toBe(true);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V1, { ...routine, complexity: 'complex' })).toBe(false);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V1, { ...routine, leadDepartmentId: 'tech-support' })).toBe(false);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V1, without(complex, 'responsibilities'))).toBe(false);
  });

  it('gives release v2 the departments involved; a complex one of several departments its coordination, and no other release needs one (P-2.2)', () => {
    const coordinated = EXAMPLES[DEMAND_RELEASED_TO_DELIVERY_V2.type];
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V2, coordinated)).toBe(true);
    const uncoordinated = without(coordinated, 'leadDepartmentId', 'responsibilities');
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V2, uncoordinated)).toBe(false);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V2, { ...uncoordinated, departmentIds: ['software-development'] })).toBe(true);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V2, { ...uncoordinated, complexity: 'routine' })).toBe(true);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V2, { ...coordinated, complexity: 'routine' })).toBe(true);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V2, { ...without(coordinated, 'responsibilities'), complexity: 'routine' })).toBe(false);
    expect(accepts(DEMAND_RELEASED_TO_DELIVERY_V2, without(coordinated, 'departmentIds'))).toBe(false);
  });

  it('gives complaint v2 the result promised and whether it was delivered, which v1 does not carry (C-2.3)', () => {
    const registered = EXAMPLES[COMPLAINT_REGISTERED_V2.type];
    expect(accepts(COMPLAINT_REGISTERED_V2, { ...registered, promisedResult: '' })).toBe(false);
    expect(accepts(COMPLAINT_REGISTERED_V2, without(registered, 'promisedResult'))).toBe(false);
    expect(accepts(COMPLAINT_REGISTERED_V1, registered)).toBe(false);
    const resolvedWithoutDelivery = without(EXAMPLES[COMPLAINT_RESOLVED_V2.type], 'promisedResultDelivered');
    expect(accepts(COMPLAINT_RESOLVED_V2, resolvedWithoutDelivery)).toBe(false);
    expect(accepts(COMPLAINT_RESOLVED_V1, resolvedWithoutDelivery)).toBe(true);
  });

  it('names who a demand waits on, and keeps the reason in intake', () => {
    const waiting = EXAMPLES[DEMAND_WAITING_ON_THIRD_PARTY_V1.type];
    expect(accepts(DEMAND_WAITING_ON_THIRD_PARTY_V1, { ...waiting, party: '' })).toBe(false);
    expect(accepts(DEMAND_WAITING_ON_THIRD_PARTY_V1, without(waiting, 'party'))).toBe(false);
    expect(accepts(DEMAND_WAITING_ON_THIRD_PARTY_V1, { ...waiting, reason: 'Board on order' })).toBe(false);
  });

  it('names the partner a demand waits on by its id when it is one (C-3.1), optional: older waits name none', () => {
    const waiting = EXAMPLES[DEMAND_WAITING_ON_THIRD_PARTY_V1.type];
    expect(accepts(DEMAND_WAITING_ON_THIRD_PARTY_V1, { ...waiting, partnerId: '0ce38d12-8c2d-555c-a362-0b7e655b99a0' })).toBe(true);
    expect(accepts(DEMAND_WAITING_ON_THIRD_PARTY_V1, { ...waiting, partnerId: '' })).toBe(false);
  });

  it('says which wait a resumption ended, and still takes one published before it said so (a wait on the customer)', () => {
    const resumed = EXAMPLES[DEMAND_RESUMED_V1.type];
    expect(accepts(DEMAND_RESUMED_V1, { ...resumed, trigger: 'agent', waitedOn: 'third-party' })).toBe(true);
    expect(accepts(DEMAND_RESUMED_V1, { ...resumed, waitedOn: 'vendor' })).toBe(false);
    expect(accepts(DEMAND_RESUMED_V1, without(resumed, 'waitedOn'))).toBe(true);
  });

  it('names the process stage an after-sales demand points back to, and still takes a resolution without one (P-6.3)', () => {
    const resolved = EXAMPLES[DEMAND_RESOLVED_V1.type];
    expect(accepts(DEMAND_RESOLVED_V1, { ...resolved, processStage: 'implementation' })).toBe(true);
    expect(accepts(DEMAND_RESOLVED_V1, { ...resolved, processStage: 'billing' })).toBe(false);
    expect(accepts(DEMAND_RESOLVED_V1, resolved)).toBe(true);
  });

  it('says which customer was erased and when, and keeps who erased them and why in intake (R-3.1)', () => {
    const erased = EXAMPLES[CUSTOMER_ERASED_V1.type];
    expect(accepts(CUSTOMER_ERASED_V1, { ...erased, reason: 'The customer asked to be forgotten' })).toBe(false);
    expect(accepts(CUSTOMER_ERASED_V1, { ...erased, erasedBy: 'dpo-wu' })).toBe(false);
    expect(accepts(CUSTOMER_ERASED_V1, without(erased, 'erasedAt'))).toBe(false);
  });

  it('narrows a received message to its contract’s payload', () => {
    const message: { type: string; data: unknown } = {
      type: DEMAND_RELEASED_TO_DELIVERY_V1.type,
      data: EXAMPLES[DEMAND_RELEASED_TO_DELIVERY_V1.type],
    };
    expect(isIntakeEvent(message, DEMAND_ASSIGNED_V1)).toBe(false);
    if (!isIntakeEvent(message, DEMAND_RELEASED_TO_DELIVERY_V1)) throw new Error('expected a release');
    expect(message.data.ownerId).toBe('wang');
  });
});
