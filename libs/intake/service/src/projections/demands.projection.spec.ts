import { DemandEvent, DemandRegistered, DemandTriaged, demandStream } from '@serviceledger/intake/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { DemandDepartmentRow, DemandMessageRow, DemandRow, TimelineEntryRow } from './demand-rows';
import { demandsProjection } from './demands.projection';

const registered = (overrides: Partial<DemandRegistered['data']> = {}): DemandRegistered => ({
  type: 'DemandRegistered',
  data: {
    demandId: 'd-1',
    reference: 'SR-2026-000001',
    customerId: 'c-1',
    customerTier: 'standard',
    contact: { name: 'Li Wei', phone: '+8613800000000', email: 'li.wei@example.com' },
    channel: 'email',
    emailMessageId: '<first@example.com>',
    kind: 'enquiry',
    subject: 'Printer offline',
    description: 'The printer on floor 3 is offline',
    impact: 2,
    urgency: 2,
    priority: 'P3',
    attachments: [],
    registeredAt: '2026-03-02T09:00:00.000Z',
    ...overrides,
  },
});

const triaged = (priority: DemandTriaged['data']['priority'], complexity: DemandTriaged['data']['complexity'] = 'routine'): DemandTriaged => ({
  type: 'DemandTriaged',
  data: {
    demandId: 'd-1',
    complexity,
    priority,
    businessCategory: 'hardware',
    suggestion: { complexity, priority, matchedRuleIds: [], ruleSetVersion: 1 },
    overridden: [],
    decidedBy: 'agent-1',
  },
});

const assigned: DemandEvent = { type: 'DemandAssigned', data: { demandId: 'd-1', departmentId: 'it', ownerId: 'tech-1', assignedBy: 'agent-1' } };

describe('demands projection', () => {
  const projection = projectionSpec(demandsProjection);
  const demand = () => projection.rows<DemandRow>('demand').then(([row]) => row);
  const departments = () => projection.rows<DemandDepartmentRow>('department');

  it('lists a registered demand with its contact, threads its mail, and starts its timeline', async () => {
    const d1 = eventStream<DemandEvent>(demandStream('d-1'));
    await projection.apply([d1(registered(), { by: 'email-channel' })]);

    expect(await projection.rows('demand')).toEqual([
      {
        demandId: 'd-1',
        reference: 'SR-2026-000001',
        customerId: 'c-1',
        channel: 'email',
        subChannel: null,
        kind: 'enquiry',
        subject: 'Printer offline',
        description: 'The printer on floor 3 is offline',
        businessCategory: null,
        impact: 2,
        urgency: 2,
        priority: 'P3',
        complexity: null,
        status: 'registered',
        departmentId: null,
        departmentsNamedBy: null,
        ownerId: null,
        leadDepartmentId: null,
        contactName: 'Li Wei',
        contactPhone: '+8613800000000',
        contactEmail: 'li.wei@example.com',
        emailMessageId: '<first@example.com>',
        senderNotVerified: false,
        waitingSince: null,
        waitingOnThirdPartySince: null,
        waitingOnThirdParty: null,
        receivedAt: '2026-03-02T09:00:00.000Z',
        registeredAt: '2026-03-02T09:00:00.000Z',
        firstResponseAt: null,
        resolvedAt: null,
        closedAt: null,
        complaintDueAt: null,
        complaintResolvedAt: null,
        complaintWithinPromise: null,
        complaintPromisedResult: null,
        complaintPromisedResultDelivered: null,
        complaintPromisedResultNote: null,
        updatedAt: '2026-03-02T09:00:00.000Z',
      },
    ]);
    expect(await projection.rows<DemandMessageRow>('message')).toEqual([{ messageId: '<first@example.com>', demandId: 'd-1' }]);
    const [entry] = await projection.rows<TimelineEntryRow>('timeline');
    expect(entry).toMatchObject({ demandId: 'd-1', position: 0, entry: 'DemandRegistered', visibility: 'customer', actorId: 'email-channel' });
    expect(JSON.parse(entry.details)).not.toHaveProperty('contact');
  });

  it('shows when a demand was received, before its registration, and as registered when it said no earlier time (二(一)2 及時記錄)', async () => {
    const d1 = eventStream<DemandEvent>(demandStream('d-1'));
    const d2 = eventStream<DemandEvent>(demandStream('d-2'));
    await projection.apply([
      d1(registered({ channel: 'phone', receivedAt: '2026-03-02T08:20:00.000Z' })),
      d2(registered({ demandId: 'd-2', reference: 'SR-2026-000002', emailMessageId: '<second@example.com>' })),
    ]);

    const rows = await projection.rows<DemandRow>('demand');
    expect(rows.map(({ demandId, receivedAt, registeredAt }) => ({ demandId, receivedAt, registeredAt }))).toEqual([
      { demandId: 'd-1', receivedAt: '2026-03-02T08:20:00.000Z', registeredAt: '2026-03-02T09:00:00.000Z' },
      { demandId: 'd-2', receivedAt: '2026-03-02T09:00:00.000Z', registeredAt: '2026-03-02T09:00:00.000Z' },
    ]);
  });

  it('flags a demand opened by a mail that did not prove its sender', async () => {
    const d1 = eventStream<DemandEvent>(demandStream('d-1'));
    await projection.apply([d1(registered({ senderNotVerified: true })), d1(assigned)]);

    expect(await demand()).toMatchObject({ demandId: 'd-1', senderNotVerified: true, status: 'assigned' });
  });

  it('keeps an assigned demand assigned when it is triaged again, with the new priority', async () => {
    const d1 = eventStream<DemandEvent>(demandStream('d-1'));
    await projection.apply([d1(registered()), d1(triaged('P3')), d1(assigned), d1(triaged('P1'))]);

    expect(await demand()).toMatchObject({ status: 'assigned', priority: 'P1', complexity: 'routine', departmentId: 'it', ownerId: 'tech-1' });
    expect(await projection.rows('demand', { status: 'assigned' })).toHaveLength(1);
    expect(await departments()).toEqual([{ demandId: 'd-1', departmentId: 'it', assigned: true, coordinating: false, involved: false }]);
  });

  it('changes nothing when events are delivered again, whether in one batch or several', async () => {
    const d1 = eventStream<DemandEvent>(demandStream('d-1'));
    const events = [
      d1(registered()),
      d1(triaged('P3')),
      d1(assigned),
      d1({ type: 'CustomerReplySent', data: { demandId: 'd-1', channel: 'email', body: 'On it', messageId: '<reply@example.com>', attachments: [], firstResponse: true, sentBy: 'agent-1', sentAt: '2026-03-02T09:30:00.000Z' } }),
    ];
    await projection.apply(events.slice(0, 2));
    await projection.apply(events.slice(1));
    const once = { demands: await projection.rows('demand'), timeline: await projection.rows('timeline'), messages: await projection.rows('message') };

    await projection.apply(events);

    expect({ demands: await projection.rows('demand'), timeline: await projection.rows('timeline'), messages: await projection.rows('message') }).toEqual(once);
    expect(once.timeline).toHaveLength(4);
    expect(once.messages).toHaveLength(2);
    expect(once.demands).toEqual([expect.objectContaining({ status: 'assigned', firstResponseAt: '2026-03-02T09:30:00.000Z' })]);
  });

  it('involves the departments triage names, those at the last coordination meeting and the one the demand is reassigned to', async () => {
    const d1 = eventStream<DemandEvent>(demandStream('d-1'));
    const meeting = (meetingId: string, departmentIds: string[]): DemandEvent => ({
      type: 'CoordinationMeetingConvened',
      data: { demandId: 'd-1', meetingId, scheduledAt: '2026-03-03T09:00:00.000Z', participants: departmentIds.map((departmentId) => ({ departmentId, people: ['p-1'] })), convenedBy: 'agent-1' },
    });
    const involvingNetwork: DemandEvent = {
      ...triaged('P2', 'complex'),
      data: { ...triaged('P2', 'complex').data, involvement: { departmentIds: ['network'], namedBy: 'agent' } },
    };
    await projection.apply([d1(registered()), d1(involvingNetwork), d1(assigned)]);
    expect(await demand()).toMatchObject({ departmentsNamedBy: 'agent' });
    expect(await departments()).toEqual([
      { demandId: 'd-1', departmentId: 'it', assigned: true, coordinating: false, involved: false },
      { demandId: 'd-1', departmentId: 'network', assigned: false, coordinating: false, involved: true },
    ]);
    await projection.apply([d1(meeting('m-1', ['it', 'network']))]);
    expect(await demand()).toMatchObject({ status: 'coordinating' });

    await projection.apply([
      d1({ type: 'DemandReassigned', data: { demandId: 'd-1', from: { departmentId: 'it', ownerId: 'tech-1' }, to: { departmentId: 'field', ownerId: 'tech-2' }, reason: 'On site', reassignedBy: 'agent-1' } }),
      d1(meeting('m-2', ['field', 'facilities'])),
      d1({
        type: 'CoordinationRecorded',
        data: { demandId: 'd-1', meetingId: 'm-2', responsibilities: [{ departmentId: 'field', responsibility: 'Fix' }, { departmentId: 'facilities', responsibility: 'Access' }], cooperation: 'Together', leadDepartmentId: 'field', jointSolution: 'Replace' },
      }),
    ]);

    expect(await demand()).toMatchObject({ status: 'coordinated', departmentId: 'field', ownerId: 'tech-2', leadDepartmentId: 'field' });
    expect(await departments()).toEqual([
      { demandId: 'd-1', departmentId: 'facilities', assigned: false, coordinating: true, involved: false },
      { demandId: 'd-1', departmentId: 'field', assigned: true, coordinating: true, involved: false },
      { demandId: 'd-1', departmentId: 'network', assigned: false, coordinating: false, involved: true },
    ]);
  });

  it('moves a complaint’s promised time on by a wait on the customer, once however often it is delivered, and records how it ended', async () => {
    const d1 = eventStream<DemandEvent>(demandStream('d-1'));
    await projection.apply([
      d1(registered({ kind: 'complaint' })),
      d1({ type: 'ComplaintRegistered', data: { demandId: 'd-1', priority: 'P3', promisedHandlingHours: 24, promisedResult: 'A working printer', dueAt: '2026-03-03T09:00:00.000Z' } }),
      d1(triaged('P3')),
      d1(assigned),
      d1({ type: 'DemandWaitingOnCustomer', data: { demandId: 'd-1', reason: 'Needs the serial number', since: '2026-03-02T10:00:00.000Z' } }),
    ]);
    expect(await demand()).toMatchObject({
      waitingSince: '2026-03-02T10:00:00.000Z',
      complaintDueAt: '2026-03-03T09:00:00.000Z',
      complaintPromisedResult: 'A working printer',
    });

    const resumedThenWaiting = [
      d1({ type: 'DemandResumed', data: { demandId: 'd-1', trigger: 'customer-message', waitedOn: 'customer', waitingSince: '2026-03-02T10:00:00.000Z', resumedAt: '2026-03-02T12:00:00.000Z' } }),
      d1({ type: 'DemandWaitingOnThirdParty', data: { demandId: 'd-1', party: 'HP support', reason: 'Spare part', since: '2026-03-02T13:00:00.000Z' } }),
    ];
    await projection.apply(resumedThenWaiting);
    await projection.apply(resumedThenWaiting);
    expect(await demand()).toMatchObject({
      waitingSince: null,
      waitingOnThirdPartySince: '2026-03-02T13:00:00.000Z',
      waitingOnThirdParty: 'HP support',
      complaintDueAt: '2026-03-03T11:00:00.000Z',
    });

    await projection.apply([
      d1({ type: 'DemandResolved', data: { demandId: 'd-1', resolution: 'Replaced', resolvedAt: '2026-03-03T10:00:00.000Z' } }),
      d1({
        type: 'ComplaintResolved',
        data: { demandId: 'd-1', dueAt: '2026-03-03T11:00:00.000Z', resolvedAt: '2026-03-03T10:00:00.000Z', withinPromise: true, promisedResultDelivered: false, promisedResultNote: 'Loan printer only' },
      }),
      d1({ type: 'DemandClosed', data: { demandId: 'd-1', reason: 'Confirmed' } }, { at: '2026-03-04T09:00:00.000Z' }),
    ]);
    expect(await demand()).toMatchObject({
      status: 'closed',
      waitingOnThirdPartySince: null,
      waitingOnThirdParty: null,
      resolvedAt: '2026-03-03T10:00:00.000Z',
      complaintResolvedAt: '2026-03-03T10:00:00.000Z',
      complaintWithinPromise: true,
      complaintPromisedResultDelivered: false,
      complaintPromisedResultNote: 'Loan printer only',
      closedAt: '2026-03-04T09:00:00.000Z',
      updatedAt: '2026-03-04T09:00:00.000Z',
    });
  });

  it('keeps the status of a reclassified demand and records a withdrawal', async () => {
    const d1 = eventStream<DemandEvent>(demandStream('d-1'));
    await projection.apply([
      d1(registered()),
      d1(triaged('P3')),
      d1({ type: 'DemandReclassified', data: { demandId: 'd-1', previousKind: 'enquiry', kind: 'feedback', reason: 'Praise', reclassifiedBy: 'agent-1', reclassifiedAt: '2026-03-02T09:10:00.000Z' } }),
    ]);
    expect(await demand()).toMatchObject({ kind: 'feedback', status: 'triaged' });

    await projection.apply([d1({ type: 'DemandWithdrawn', data: { demandId: 'd-1', reason: 'Duplicate', previousStatus: 'triaged' } }, { at: '2026-03-02T11:00:00.000Z' })]);
    expect(await demand()).toMatchObject({ status: 'withdrawn', closedAt: '2026-03-02T11:00:00.000Z' });
  });

  it('raises the priority an SLA escalation raised, and puts each escalation step on the internal timeline only', async () => {
    const d1 = eventStream<DemandEvent>(demandStream('d-1'));
    const source = { clockId: 'd-1.resolution.1', metric: 'resolution', offsetMinutes: 0, dueAt: '2026-03-02T12:00:00.000Z' };
    await projection.apply([
      d1(registered()),
      d1(triaged('P3')),
      d1(assigned),
      d1({
        type: 'DemandPriorityEscalated',
        data: {
          demandId: 'd-1',
          previousPriority: 'P3',
          priority: 'P2',
          levels: 1,
          complexity: 'routine',
          businessCategory: 'hardware',
          source,
          note: 'Escalation (resolution clock at its deadline): priority raised by 1 from P3 to P2.',
          escalatedAt: '2026-03-02T12:00:00.000Z',
        },
      }),
      d1({
        type: 'DemandEscalationRecorded',
        data: {
          demandId: 'd-1',
          action: 'notify-department-head',
          notify: { role: 'department-head', departmentId: 'it' },
          source,
          note: 'Escalation (resolution clock at its deadline): notify the department head of it. ServiceLedger has no messaging system: no notice was sent; tell them yourself.',
          recordedAt: '2026-03-02T12:00:00.000Z',
        },
      }),
    ]);
    expect(await demand()).toMatchObject({ priority: 'P2', status: 'assigned', departmentId: 'it' });
    const entries = await projection.rows<TimelineEntryRow>('timeline');
    const escalations = entries.filter((e) => e.entry === 'DemandPriorityEscalated' || e.entry === 'DemandEscalationRecorded');
    expect(escalations.map((e) => [e.entry, e.visibility])).toEqual([
      ['DemandPriorityEscalated', 'internal'],
      ['DemandEscalationRecorded', 'internal'],
    ]);
    expect(JSON.parse(escalations[1].details)).toMatchObject({ notify: { role: 'department-head', departmentId: 'it' } });
  });
});
