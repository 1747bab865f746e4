import {
  Actor,
  CommandMetadata,
  EventEnvelope,
  InMemoryEventStore,
  commandIdFrom,
  deterministicUuid,
  handle,
} from '@serviceledger/platform/core';
import { IntegrationMessage } from '@serviceledger/platform/messaging';
import { contractMapperSpec } from '@serviceledger/platform/testing';
import {
  COMPLAINT_REGISTERED_V3,
  COMPLAINT_RESOLVED_V2,
  CUSTOMER_ERASED_V1,
  DEMAND_ASSIGNED_V2,
  DEMAND_CLOSED_V2,
  DEMAND_COORDINATION_AGREED_V2,
  DEMAND_RECLASSIFIED_V2,
  DEMAND_RELEASED_TO_DELIVERY_V3,
  DEMAND_TRIAGED_V1,
  DEMAND_WITHDRAWN_V2,
  INTAKE_CONTRACTS,
  INTAKE_CUSTOMER_TOPIC,
  INTAKE_DEMAND_TOPIC,
  RETIRED_INTAKE_CONTRACTS,
} from '@serviceledger/intake/contracts';
import {
  DEPARTMENT_REGISTRY_STREAM,
  DemandCommand,
  TRIAGE_RULES_STREAM,
  TriageSuggestion,
  customer,
  customerStream,
  demand,
  demandStream,
  departmentRegistry,
  triageRuleBook,
} from '@serviceledger/intake/domain';
import { intakeRelay, mapIntakeEvent } from './intake-contract-mapper';

const COMPLAINT = '7d2c1b0a-3e4f-4a5b-8c6d-0e1f2a3b4c5d';
const ENQUIRY = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e';
const EMAILED = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const CUSTOMER = 'c-acme';
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

const agent: Actor = { userId: 'agent-1', roles: ['agent'], departments: ['customer-service'] };
const zhang: Actor = { userId: 'zhang', roles: ['technician'], departments: ['tech-support'] };
const wang: Actor = { userId: 'wang', roles: ['developer'], departments: ['software-development'] };

// What the customer and the agents wrote, and how to reach the customer: none of it may leave intake.
const CONTACT = { name: 'Li Wei', phone: '+86 (10) 8888-1234', email: 'Li.Wei@Acme-Printing.cn' };
const PRIVATE_TEXT = {
  description: 'Printer in room 4 of the Haidian office shows error 42 since Tuesday',
  reply: 'Dear Ms Li, we are looking into the printer error',
  note: 'Customer sounded upset; possibly escalates to their CEO',
  waitReason: 'Waiting for the spooler log from her laptop',
  thirdPartyWaitReason: 'The licence server vendor has to reissue her key',
  customerMessage: 'Here is the spooler log you asked for',
  handlingStep: 'Called the customer back about the broken promise',
  complaintResult: 'We replaced the print driver and refunded the call-out fee',
  resolution: 'Driver 4.2.1 installed; invoices print again',
  promisedResultNote: 'The call-out fee was not refunded: finance refused',
  triageReason: 'Finance cannot invoice: raise to P1',
  subject: 'Invoices do not print',
  promisedResult: 'Invoices print again, and the call-out fee refunded',
  // Staff text on the customer's demand that the retired contract versions carried (R-3.1, ADR 0016).
  reassignReason: 'The fix needs a driver change Li Wei approved',
  softwareResponsibility: 'Fix the print driver on Li Wei’s laptop',
  techResponsibility: 'Install the fix at 8 Haidian Road',
  cooperation: 'Daily stand-up until the fix is installed',
  jointSolution: 'Driver patch 4.2.1, installed by technical support',
  closeReason: 'Customer confirmed invoices print',
  withdrawReason: 'Customer renewed through a reseller',
  reclassifyReason: 'The same fault was reported fixed twice',
};
const RESPONSIBILITIES = [
  { departmentId: 'software-development', responsibility: PRIVATE_TEXT.softwareResponsibility },
  { departmentId: 'tech-support', responsibility: PRIVATE_TEXT.techResponsibility },
];

/** Ids, times and trace context as the HTTP layer would put them on a command. */
let clock = Date.parse('2026-03-02T09:00:00.000Z');
let commandCount = 0;
function metadata(actor: Actor, options: { traceparent?: boolean } = {}): CommandMetadata {
  clock += 15 * 60 * 1000;
  commandCount += 1;
  return {
    commandId: commandIdFrom('mapper-spec', String(commandCount)),
    at: new Date(clock).toISOString(),
    actor,
    correlationId: `corr-${commandCount}`,
    ...(options.traceparent ? { traceparent: TRACEPARENT } : {}),
  };
}

/** What the mapper publishes for one event, as a list: a contract's versions side by side, or nothing. */
function messagesOf(envelope: EventEnvelope): IntegrationMessage[] {
  const mapped = mapIntakeEvent(envelope);
  return mapped === undefined ? [] : 'type' in mapped ? [mapped] : [...mapped];
}

async function run(
  store: InMemoryEventStore,
  demandId: string,
  type: DemandCommand['type'],
  data: Record<string, unknown>,
  actor: Actor = agent,
): Promise<void> {
  const command = { type, data: { demandId, ...data }, metadata: metadata(actor, { traceparent: true }) };
  await handle(store, demandStream(demandId), demand, command as DemandCommand);
}

/** A realistic history through the domain's own deciders: configuration, a customer, three demands, and the customer's erasure. */
async function history(): Promise<EventEnvelope[]> {
  const store = new InMemoryEventStore();
  await handle(store, DEPARTMENT_REGISTRY_STREAM, departmentRegistry, {
    type: 'SeedDepartmentRegistry',
    data: {
      departments: [
        { departmentId: 'customer-service', name: 'Customer service', members: ['agent-1'] },
        { departmentId: 'tech-support', name: 'Technical support', members: ['zhang'] },
        { departmentId: 'software-development', name: 'Software development', members: ['wang'] },
      ],
      routes: [{ businessCategory: 'technical-support', departmentId: 'tech-support', defaultOwnerId: 'zhang' }],
      fallback: { departmentId: 'customer-service', defaultOwnerId: 'agent-1' },
    },
    metadata: metadata(agent),
  });
  await handle(store, TRIAGE_RULES_STREAM, triageRuleBook, {
    type: 'SeedTriageRules',
    data: {
      rules: [
        { ruleId: 'r-invoice', name: 'Invoicing', when: { keywords: ['invoice'] }, suggest: { complexity: 'complex' } },
      ],
    },
    metadata: metadata(agent),
  });
  await handle(store, customerStream(CUSTOMER), customer, {
    type: 'RegisterCustomer',
    data: {
      customerId: CUSTOMER,
      organisation: 'Acme Printing',
      contactPerson: CONTACT.name,
      phone: CONTACT.phone,
      email: CONTACT.email,
      tier: 'gold',
    },
    metadata: metadata(agent),
  });

  // A complex complaint from the portal, through coordination, delivery and resolution to closure.
  const suggestion: TriageSuggestion = {
    complexity: 'complex',
    priority: 'P2',
    businessCategory: 'technical-support',
    matchedRuleIds: ['r-invoice'],
    ruleSetVersion: 1,
  };
  await run(store, COMPLAINT, 'RegisterDemand', {
    reference: 'SR-2026-000123',
    customerId: CUSTOMER,
    customerTier: 'gold',
    contact: CONTACT,
    channel: 'web',
    subChannel: 'portal',
    kind: 'complaint',
    subject: PRIVATE_TEXT.subject,
    description: PRIVATE_TEXT.description,
    businessCategory: 'technical-support',
    impact: 1,
    urgency: 2,
    attachments: [{ name: 'error-42.png', contentType: 'image/png', size: 48_213 }],
    promisedHandlingHours: 24,
    promisedResult: PRIVATE_TEXT.promisedResult,
  });
  await run(store, COMPLAINT, 'ConfirmTriage', {
    complexity: 'complex',
    priority: 'P1',
    businessCategory: 'software-development',
    suggestion,
    departmentIds: ['tech-support'],
    reason: PRIVATE_TEXT.triageReason,
  });
  await run(store, COMPLAINT, 'AssignDemand', { departmentId: 'tech-support', ownerId: 'zhang' });
  await run(store, COMPLAINT, 'ReassignDemand', {
    departmentId: 'software-development',
    ownerId: 'wang',
    reason: PRIVATE_TEXT.reassignReason,
  });
  await run(store, COMPLAINT, 'SendReply', {
    channel: 'email',
    body: PRIVATE_TEXT.reply,
    messageId: '<r1@serviceledger>',
  });
  await run(store, COMPLAINT, 'AddInternalNote', { body: PRIVATE_TEXT.note });
  await run(store, COMPLAINT, 'WaitForCustomer', { reason: PRIVATE_TEXT.waitReason });
  await run(store, COMPLAINT, 'RecordCustomerMessage', {
    channel: 'email',
    from: CONTACT.email.toLowerCase(),
    subject: 'Re: [SR-2026-000123] Invoices do not print',
    body: PRIVATE_TEXT.customerMessage,
    messageId: '<m2@acme-printing.cn>',
  });
  await run(store, COMPLAINT, 'ConveneCoordinationMeeting', {
    meetingId: 'meeting-1',
    scheduledAt: '2026-03-03T10:00:00.000Z',
    participants: [
      { departmentId: 'software-development', people: ['wang'] },
      { departmentId: 'tech-support', people: ['zhang'] },
    ],
  });
  await run(store, COMPLAINT, 'RecordCoordination', {
    meetingId: 'meeting-1',
    responsibilities: RESPONSIBILITIES,
    cooperation: PRIVATE_TEXT.cooperation,
    leadDepartmentId: 'software-development',
    jointSolution: PRIVATE_TEXT.jointSolution,
  });
  await run(store, COMPLAINT, 'ReleaseToDelivery', {}, wang);
  // Its case cancelled in delivery hands it back (not published: delivery said so itself), to be resolved here.
  await run(store, COMPLAINT, 'ReturnFromDelivery', { caseId: 'case-1' });
  await run(store, COMPLAINT, 'RecordComplaintHandlingStep', { description: PRIVATE_TEXT.handlingStep });
  await run(store, COMPLAINT, 'CommunicateComplaintResult', { channel: 'phone', result: PRIVATE_TEXT.complaintResult });
  await run(
    store,
    COMPLAINT,
    'ResolveDemand',
    { resolution: PRIVATE_TEXT.resolution, promisedResultDelivered: false, promisedResultNote: PRIVATE_TEXT.promisedResultNote },
    wang,
  );
  await run(store, COMPLAINT, 'CloseDemand', { reason: PRIVATE_TEXT.closeReason });

  // A routine enquiry by phone, released to delivery, paused on the customer and on a vendor, resumed by an
  // agent each time, then withdrawn.
  await run(store, ENQUIRY, 'RegisterDemand', {
    reference: 'SR-2026-000124',
    customerId: CUSTOMER,
    customerTier: 'gold',
    contact: { name: CONTACT.name, phone: CONTACT.phone },
    channel: 'phone',
    // The call was taken at 09:00, before the agent registered it (二(一)2).
    receivedAt: '2026-03-02T09:00:00.000Z',
    kind: 'enquiry',
    subject: 'Licence renewal',
    description: PRIVATE_TEXT.description,
    impact: 3,
    urgency: 3,
  });
  await run(store, ENQUIRY, 'ConfirmTriage', {
    complexity: 'routine',
    priority: 'P4',
    businessCategory: 'technical-support',
    suggestion: { complexity: 'routine', priority: 'P4', matchedRuleIds: [], ruleSetVersion: 1 },
  });
  await run(store, ENQUIRY, 'AssignDemand', { departmentId: 'tech-support', ownerId: 'zhang' });
  await run(store, ENQUIRY, 'ReleaseToDelivery', {}, zhang);
  await run(store, ENQUIRY, 'WaitForCustomer', { reason: PRIVATE_TEXT.waitReason }, zhang);
  await run(store, ENQUIRY, 'ResumeDemand', {}, zhang);
  await run(store, ENQUIRY, 'WaitOnThirdParty', { party: 'Autodesk support', reason: PRIVATE_TEXT.thirdPartyWaitReason, partnerId: 'partner-autodesk' }, zhang);
  await run(store, ENQUIRY, 'ResumeDemand', {}, zhang);
  await run(store, ENQUIRY, 'WithdrawDemand', { reason: PRIVATE_TEXT.withdrawReason });

  // A demand opened by e-mail (its Message-ID names the customer's mail domain), then found to be a complaint.
  await run(store, EMAILED, 'RegisterDemand', {
    reference: 'SR-2026-000125',
    customerId: CUSTOMER,
    customerTier: 'gold',
    contact: { name: CONTACT.name, email: CONTACT.email },
    channel: 'email',
    emailMessageId: '<CAF+q1@mail.acme-printing.cn>',
    kind: 'after-sales',
    subject: '打印机报错 42',
    description: PRIVATE_TEXT.description,
    impact: 2,
    urgency: 1,
  });
  await run(store, EMAILED, 'ReclassifyDemand', {
    kind: 'complaint',
    reason: PRIVATE_TEXT.reclassifyReason,
    promisedResult: 'The fault fixed for good within the week',
  });

  await handle(store, customerStream(CUSTOMER), customer, {
    type: 'EraseCustomer',
    data: { customerId: CUSTOMER, reason: 'Li Wei asked for her data to be erased' },
    metadata: metadata(agent, { traceparent: true }),
  });

  return (await store.readAll()).events;
}

const INTERNAL_EVENT_TYPES = [
  'CoordinationMeetingConvened',
  'CustomerMessageReceived',
  'InternalNoteAdded',
  'ComplaintHandlingStepRecorded',
  'ComplaintResultCommunicated',
  'DemandReturnedFromDelivery',
  'CustomerRegistered',
  'TriageRulesPublished',
  'DepartmentDefined',
  'RoutingRuleSet',
  'FallbackRouteSet',
];

describe('intake contract mapper', () => {
  let events: EventEnvelope[];
  let published: { envelope: EventEnvelope; message: IntegrationMessage }[];
  const { contractOf, schemaErrors, internalTypes } = contractMapperSpec({ contracts: INTAKE_CONTRACTS, map: mapIntakeEvent });

  beforeAll(async () => {
    events = await history();
    published = events.flatMap((envelope) => messagesOf(envelope).map((message) => ({ envelope, message })));
  });

  it('publishes each demand’s lifecycle as contract events, in order', () => {
    const typesFor = (demandId: string) =>
      published.filter(({ message }) => message.key === demandId).map(({ message }) => message.type);
    expect(typesFor(COMPLAINT)).toEqual([
      'serviceledger.intake.demand.registered.v2',
      'serviceledger.intake.complaint.registered.v1',
      'serviceledger.intake.complaint.registered.v3',
      'serviceledger.intake.demand.triaged.v1',
      'serviceledger.intake.demand.assigned.v2',
      'serviceledger.intake.demand.assigned.v2',
      'serviceledger.intake.demand.reply-sent.v1',
      'serviceledger.intake.demand.waiting-on-customer.v1',
      'serviceledger.intake.demand.resumed.v1',
      'serviceledger.intake.demand.coordination-agreed.v2',
      'serviceledger.intake.demand.released-to-delivery.v3',
      'serviceledger.intake.demand.reply-sent.v1',
      'serviceledger.intake.demand.resolved.v1',
      'serviceledger.intake.complaint.resolved.v1',
      'serviceledger.intake.complaint.resolved.v2',
      'serviceledger.intake.demand.closed.v2',
    ]);
    expect(typesFor(ENQUIRY)).toEqual([
      'serviceledger.intake.demand.registered.v2',
      'serviceledger.intake.demand.triaged.v1',
      'serviceledger.intake.demand.assigned.v2',
      'serviceledger.intake.demand.released-to-delivery.v3',
      'serviceledger.intake.demand.waiting-on-customer.v1',
      'serviceledger.intake.demand.resumed.v1',
      'serviceledger.intake.demand.waiting-on-third-party.v1',
      'serviceledger.intake.demand.resumed.v1',
      'serviceledger.intake.demand.withdrawn.v2',
    ]);
    expect(typesFor(EMAILED)).toEqual([
      'serviceledger.intake.demand.registered.v2',
      'serviceledger.intake.demand.reclassified.v2',
      'serviceledger.intake.complaint.registered.v1',
      'serviceledger.intake.complaint.registered.v3',
    ]);
  });

  it('publishes a reclassification into a complaint, then the complaint, promised from the reclassification', () => {
    const of = (type: string) => published.find(({ message }) => message.type === type && message.key === EMAILED)!.message.data;
    const reclassified = of(DEMAND_RECLASSIFIED_V2.type) as { reclassifiedAt: string };
    // Why stays in intake, with the customer's demand.
    expect(reclassified).toEqual({
      demandId: EMAILED,
      kind: 'complaint',
      previousKind: 'after-sales',
      reclassifiedBy: 'agent-1',
      reclassifiedAt: expect.any(String),
      occurredAt: reclassified.reclassifiedAt,
    });
    // Impact 2 × urgency 1 is P2: 24 hours, counted from the reclassification.
    const due = new Date(Date.parse(reclassified.reclassifiedAt) + 24 * 3_600_000).toISOString();
    expect(of('serviceledger.intake.complaint.registered.v1')).toEqual({
      demandId: EMAILED,
      priority: 'P2',
      promisedHandlingHours: 24,
      dueAt: due,
      occurredAt: reclassified.reclassifiedAt,
    });
    expect(of(COMPLAINT_REGISTERED_V3.type)).toEqual({
      demandId: EMAILED,
      priority: 'P2',
      promisedHandlingHours: 24,
      resultPromised: true,
      dueAt: due,
      occurredAt: reclassified.reclassifiedAt,
    });
  });

  it('publishes beside complaint v1 that a result was promised (not its text, R-3.1) and whether it was delivered, leaving why not in intake (C-2.3)', () => {
    const of = (type: string) => published.find(({ message }) => message.type === type && message.key === COMPLAINT)!.message.data;
    expect(of(COMPLAINT_REGISTERED_V3.type)).toEqual(expect.objectContaining({ resultPromised: true }));
    expect(of(COMPLAINT_REGISTERED_V3.type)).not.toHaveProperty('promisedResult');
    expect(of(COMPLAINT_RESOLVED_V2.type)).toMatchObject({ withinPromise: true, promisedResultDelivered: false });
    expect(of('serviceledger.intake.complaint.resolved.v1')).not.toHaveProperty('promisedResultDelivered');
  });

  it('publishes a complaint registered before results were promised as version 1, and version 3 saying no result was promised', () => {
    const registered = events.find((e) => e.type === 'ComplaintRegistered' && e.stream === demandStream(COMPLAINT))!;
    const { promisedResult: _, ...before } = registered.data as { promisedResult: string };
    const messages = messagesOf({ ...registered, data: before });
    expect(messages.map((m) => m.type)).toEqual(['serviceledger.intake.complaint.registered.v1', COMPLAINT_REGISTERED_V3.type]);
    expect(messages[1].data).toMatchObject({ resultPromised: false });
  });

  it('no longer publishes the retired versions that carried the subject and the promised result (R-3.1, ADR 0016)', () => {
    const types = published.map(({ message }) => message.type);
    for (const retired of RETIRED_INTAKE_CONTRACTS) expect(types).not.toContain(retired.type);
  });

  it.each(INTAKE_CONTRACTS.filter((c) => !RETIRED_INTAKE_CONTRACTS.includes(c)).map((c) => [c.type, c] as const))(
    '%s: what the mapper publishes validates against the contract’s schema',
    (type) => {
      const samples = published.filter(({ message }) => message.type === type);
      expect(samples.length).toBeGreaterThan(0);
      for (const { message } of samples) expect(schemaErrors(message)).toEqual([]);
    },
  );

  it('publishes when a demand was received, where it was before its registration (二(一)2 及時記錄)', () => {
    const registrations = published.filter(({ message }) => message.type === 'serviceledger.intake.demand.registered.v2').map((p) => p.message.data);
    expect(registrations.find((d) => (d as { demandId: string }).demandId === ENQUIRY)).toMatchObject({ channel: 'phone', receivedAt: '2026-03-02T09:00:00.000Z' });
    expect(registrations.find((d) => (d as { demandId: string }).demandId === COMPLAINT)).not.toHaveProperty('receivedAt');
  });

  it('publishes the department that registered a demand, from the registering actor: it answers for recording it (二(一)2)', () => {
    const registeredBy = (actor: Actor) => {
      const event = events.find((e) => e.type === 'DemandRegistered' && e.stream === demandStream(ENQUIRY))!;
      return (messagesOf({ ...event, metadata: { ...event.metadata, actor } })[0].data as { registeringDepartmentId: string }).registeringDepartmentId;
    };
    expect(registeredBy(agent)).toBe('customer-service');
    expect(registeredBy({ ...zhang, departments: ['tech-support', 'customer-service'] })).toBe('customer-service');
    expect(registeredBy(zhang)).toBe('tech-support');
    expect(registeredBy({ userId: 'portal-user', roles: ['customer'], departments: [], customerId: CUSTOMER })).toBe('customer-service');
  });

  it('publishes the meaning, not the domain’s shape: reassignment, coordination and withdrawal', () => {
    const data = (type: string) => published.filter(({ message }) => message.type === type).map((p) => p.message.data);
    expect(data('serviceledger.intake.demand.registered.v2')[0]).toEqual({
      demandId: COMPLAINT,
      reference: 'SR-2026-000123',
      customerId: CUSTOMER,
      customerTier: 'gold',
      channel: 'web',
      subChannel: 'portal',
      kind: 'complaint',
      businessCategory: 'technical-support',
      impact: 1,
      urgency: 2,
      priority: 'P2',
      registeredAt: '2026-03-02T10:00:00.000Z',
      registeringDepartmentId: 'customer-service',
      occurredAt: '2026-03-02T10:00:00.000Z',
    });
    expect(data('serviceledger.intake.demand.triaged.v1')[0]).toMatchObject({
      complexity: 'complex',
      priority: 'P1',
      businessCategory: 'software-development',
      overridden: ['priority', 'businessCategory'],
      decidedBy: 'agent-1',
    });
    // Who moved the demand where, not why.
    expect(data(DEMAND_ASSIGNED_V2.type).slice(0, 2)).toEqual([
      expect.not.objectContaining({ reassignment: expect.anything() }),
      expect.objectContaining({
        departmentId: 'software-development',
        ownerId: 'wang',
        assignedBy: 'agent-1',
        reassignment: { previousDepartmentId: 'tech-support', previousOwnerId: 'zhang' },
      }),
    ]);
    // The departments that took on responsibilities, not what each took on, nor how they cooperate.
    expect(data(DEMAND_COORDINATION_AGREED_V2.type)).toEqual([
      {
        demandId: COMPLAINT,
        meetingId: 'meeting-1',
        leadDepartmentId: 'software-development',
        responsibleDepartmentIds: ['software-development', 'tech-support'],
        occurredAt: expect.any(String),
      },
    ]);
    expect(data(DEMAND_RELEASED_TO_DELIVERY_V3.type)).toEqual([
      {
        demandId: COMPLAINT,
        reference: 'SR-2026-000123',
        customerId: CUSTOMER,
        departmentId: 'software-development',
        ownerId: 'wang',
        complexity: 'complex',
        departmentIds: ['software-development', 'tech-support'],
        leadDepartmentId: 'software-development',
        responsibleDepartmentIds: ['software-development', 'tech-support'],
        occurredAt: expect.any(String),
      },
      {
        demandId: ENQUIRY,
        reference: 'SR-2026-000124',
        customerId: CUSTOMER,
        departmentId: 'tech-support',
        ownerId: 'zhang',
        complexity: 'routine',
        departmentIds: ['tech-support'],
        occurredAt: expect.any(String),
      },
    ]);
    const replies = data('serviceledger.intake.demand.reply-sent.v1') as { firstResponse: boolean }[];
    expect(replies.map((d) => d.firstResponse)).toEqual([true, false]);
    const resumptions = data('serviceledger.intake.demand.resumed.v1') as { trigger: string; waitedOn: string; waitingSince: string }[];
    expect(resumptions.map((d) => [d.trigger, d.waitedOn])).toEqual([
      ['customer-message', 'customer'],
      ['agent', 'customer'],
      ['agent', 'third-party'],
    ]);
    const [thirdPartyWait] = data('serviceledger.intake.demand.waiting-on-third-party.v1') as { since: string }[];
    expect(thirdPartyWait).toEqual({
      demandId: ENQUIRY,
      party: 'Autodesk support',
      since: thirdPartyWait.since,
      partnerId: 'partner-autodesk',
      occurredAt: thirdPartyWait.since,
    });
    expect(resumptions[2].waitingSince).toBe(thirdPartyWait.since);
    expect(data('serviceledger.intake.complaint.resolved.v1')[0]).toMatchObject({ withinPromise: true });
    expect(data(DEMAND_WITHDRAWN_V2.type)).toEqual([{ demandId: ENQUIRY, previousStatus: 'in-delivery', occurredAt: expect.any(String) }]);
    expect(data(DEMAND_CLOSED_V2.type)).toEqual([{ demandId: COMPLAINT, occurredAt: expect.any(String) }]);
  });

  it('publishes a complex release of one department, which had no meeting, without a lead department (P-2.2)', () => {
    const release = published.find(({ message }) => message.type === DEMAND_RELEASED_TO_DELIVERY_V3.type && message.key === ENQUIRY)!.envelope;
    const messages = messagesOf({ ...release, data: { ...(release.data as object), complexity: 'complex' } });
    expect(messages.map((m) => [m.type, m.id])).toEqual([
      [DEMAND_RELEASED_TO_DELIVERY_V3.type, deterministicUuid(`${release.id}:${DEMAND_RELEASED_TO_DELIVERY_V3.type}`)],
    ]);
    expect(messages[0].data).toMatchObject({ complexity: 'complex', departmentIds: ['tech-support'] });
    expect(messages[0].data).not.toHaveProperty('leadDepartmentId');
    expect(schemaErrors(messages[0])).toEqual([]);
  });

  it('gives a release recorded before its departments were the holding department and those that took on responsibilities', () => {
    const release = published.find(({ message }) => message.type === DEMAND_RELEASED_TO_DELIVERY_V3.type && message.key === COMPLAINT)!.envelope;
    const { departmentIds: _, ...before } = release.data as { departmentIds: string[] };
    const [v3] = messagesOf({ ...release, data: before });
    expect(v3.data).toMatchObject({ departmentIds: ['software-development', 'tech-support'] });
  });

  it('publishes an SLA escalation’s raise as the triage revised, by the service actor, and keeps the other escalation steps inside', () => {
    const triaged = published.find(({ message }) => message.type === DEMAND_TRIAGED_V1.type && message.key === ENQUIRY)!.envelope;
    const intake: Actor = { userId: 'intake', roles: [], departments: [] };
    const source = { clockId: `${ENQUIRY}.resolution.1`, metric: 'resolution', offsetMinutes: 0, dueAt: triaged.occurredAt };
    const raised = {
      ...triaged,
      type: 'DemandPriorityEscalated',
      data: {
        demandId: ENQUIRY,
        previousPriority: 'P3',
        priority: 'P2',
        levels: 1,
        complexity: 'routine',
        businessCategory: 'technical-support',
        source,
        note: 'Escalation (resolution clock at its deadline): priority raised by 1 from P3 to P2.',
        escalatedAt: triaged.occurredAt,
      },
      metadata: { ...triaged.metadata, actor: intake },
    };
    const messages = messagesOf(raised);
    expect(messages.map((m) => m.type)).toEqual([DEMAND_TRIAGED_V1.type]);
    expect(messages[0].data).toEqual({
      demandId: ENQUIRY,
      complexity: 'routine',
      priority: 'P2',
      businessCategory: 'technical-support',
      overridden: ['priority'],
      decidedBy: 'intake',
      occurredAt: triaged.occurredAt,
    });
    expect(schemaErrors(messages[0])).toEqual([]);
    const recorded = { ...raised, type: 'DemandEscalationRecorded', data: { demandId: ENQUIRY, action: 'add-observer', observerId: 'qm-zhao', source, note: 'n', recordedAt: triaged.occurredAt } };
    expect(messagesOf(recorded)).toEqual([]);
  });

  it('publishes nothing for internal events', () => {
    expect(internalTypes(events)).toEqual([...INTERNAL_EVENT_TYPES].sort());
    const unknown = { ...events[0], type: 'SomethingNew', stream: demandStream(COMPLAINT) };
    expect(mapIntakeEvent(unknown)).toBeUndefined();
  });

  it('reads only the demand and customer streams', async () => {
    expect(intakeRelay.map).toBe(mapIntakeEvent);
    const matching = events.filter((event) =>
      intakeRelay.filter.streamPrefixes.some((prefix) => event.stream.startsWith(prefix)),
    );
    expect(new Set(matching.map((e) => e.stream))).toEqual(
      new Set([customerStream(CUSTOMER), demandStream(COMPLAINT), demandStream(ENQUIRY), demandStream(EMAILED)]),
    );
    // Every event the relay skips by stream is one the mapper would not publish anyway.
    for (const event of events.filter((e) => !matching.includes(e))) expect(mapIntakeEvent(event)).toBeUndefined();
  });

  it('sets the CloudEvents attributes, key and trace headers from the domain event', () => {
    for (const { envelope, message } of published.filter((p) => p.message.topic === INTAKE_DEMAND_TOPIC)) {
      const demandId = envelope.stream.slice('intake.demand-'.length);
      // A later version, published beside the first or in its place, has an id of its own, derived from the event's.
      const beside = !message.type.endsWith('.v1');
      expect(message).toEqual({
        id: beside ? deterministicUuid(`${envelope.id}:${message.type}`) : envelope.id,
        source: '/serviceledger/intake',
        type: contractOf(message).type,
        subject: demandId,
        time: envelope.occurredAt,
        topic: INTAKE_DEMAND_TOPIC,
        key: demandId,
        data: expect.objectContaining({ demandId, occurredAt: envelope.occurredAt }),
        extensions: {
          correlationid: envelope.metadata.correlationId,
          causationid: envelope.metadata.causationId,
          traceparent: TRACEPARENT,
        },
      });
    }
    const ids = published.map(({ message }) => message.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('publishes a customer’s erasure under the customer’s id, with when and nothing of who, why or whose data (R-3.1)', () => {
    const erased = published.filter(({ message }) => message.topic === INTAKE_CUSTOMER_TOPIC);
    expect(erased).toHaveLength(1);
    const [{ envelope, message }] = erased;
    expect(envelope.type).toBe('CustomerErased');
    expect(message).toEqual({
      id: envelope.id,
      source: '/serviceledger/intake',
      type: CUSTOMER_ERASED_V1.type,
      subject: CUSTOMER,
      time: envelope.occurredAt,
      topic: INTAKE_CUSTOMER_TOPIC,
      key: CUSTOMER,
      data: { customerId: CUSTOMER, erasedAt: envelope.occurredAt, occurredAt: envelope.occurredAt },
      extensions: { correlationid: envelope.metadata.correlationId, causationid: envelope.metadata.causationId, traceparent: TRACEPARENT },
    });
  });

  it('leaves the traceparent out when the command had none', () => {
    const { envelope } = published[0];
    const { traceparent: _, ...untraced } = envelope.metadata;
    const [message] = messagesOf({ ...envelope, metadata: untraced });
    expect(message.extensions).toEqual({
      correlationid: envelope.metadata.correlationId,
      causationid: envelope.metadata.causationId,
    });
  });

  it('carries no contact data nor anything the customer or agents wrote (R-3.1)', () => {
    const serialised = JSON.stringify(published.map(({ message }) => message));
    const stored = JSON.stringify(events);
    // As the store keeps them (phone and e-mail normalised), so each is known to be in the domain events.
    const kept = [CONTACT.name, '+861088881234', 'li.wei@acme-printing.cn', 'acme-printing.cn', 'Acme Printing'];
    for (const secret of [...kept, ...Object.values(PRIVATE_TEXT)]) {
      expect({ secret, stored: stored.includes(secret) }).toEqual({ secret, stored: true });
      expect({ secret, published: serialised.includes(secret) }).toEqual({ secret, published: false });
    }
    // And as they were typed in.
    for (const secret of [CONTACT.phone, CONTACT.email]) expect(serialised).not.toContain(secret);
    for (const { message } of published) {
      const personal = Object.keys(message.data as object).filter((key) =>
        /^(contact|name|phone|email|from|body|description|attachments|messageId|emailMessageId)$/.test(key),
      );
      expect(personal).toEqual([]);
    }
  });
});
