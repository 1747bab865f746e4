import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { MAX_ATTACHMENTS_PER_MESSAGE } from './attachments';
import { DemandKind } from './classification';
import { MAX_PROMISED_HANDLING_HOURS } from './complaint-promise';
import {
  ConfirmTriage,
  CoordinationMeetingConvened,
  CoordinationRecorded,
  DemandCommand,
  DemandEvent,
  DemandTriaged,
  DepartmentInvolvement,
  RegisterDemand,
  demand,
  demandStream,
  isComplaintOverdue,
} from './demand';
import { AT, registered, registration } from './testing/demand-fixtures';
import { TriageSuggestion } from './triage-rules';

const agent = actor('agent-1', ['agent'], ['customer-service']);
const technician = actor('zhang', ['technician'], ['tech-support']);

/** A command to demand d-1 unless its data names another. */
const command = commandsOf<DemandCommand, { demandId: string }>({ at: AT, actor: agent, data: { demandId: 'd-1' } });

const { when, stateAfter, refusal } = deciderSpec(demand);

// Histories

const suggestion = (overrides: Partial<TriageSuggestion> = {}): TriageSuggestion => ({
  complexity: 'routine',
  priority: 'P3',
  businessCategory: 'technical-support',
  matchedRuleIds: [],
  ruleSetVersion: 1,
  ...overrides,
});

/** P-2.2: software development is involved besides technical support, where the demand is assigned. */
const WITH_SOFTWARE: DepartmentInvolvement = { departmentIds: ['software-development'], namedBy: 'agent' };

const triaged = (
  complexity: 'routine' | 'complex',
  priority: 'P1' | 'P2' | 'P3' | 'P4' = 'P3',
  involvement?: DepartmentInvolvement,
): DemandTriaged => ({
  type: 'DemandTriaged',
  data: {
    demandId: 'd-1',
    complexity,
    priority,
    businessCategory: 'technical-support',
    suggestion: suggestion({
      complexity,
      priority,
      ...(involvement?.namedBy === 'triage-rules' ? { departmentIds: involvement.departmentIds } : {}),
    }),
    overridden: [],
    ...(involvement ? { involvement } : {}),
    decidedBy: 'agent-1',
  },
});

const assigned: DemandEvent = {
  type: 'DemandAssigned',
  data: { demandId: 'd-1', departmentId: 'tech-support', ownerId: 'zhang', assignedBy: 'agent-1' },
};

const convened = (meetingId = 'm-1'): CoordinationMeetingConvened => ({
  type: 'CoordinationMeetingConvened',
  data: {
    demandId: 'd-1',
    meetingId,
    scheduledAt: '2026-03-03T10:00:00.000Z',
    participants: [
      { departmentId: 'tech-support', people: ['zhang'] },
      { departmentId: 'software-development', people: ['zhao', 'qian'] },
    ],
    convenedBy: 'agent-1',
  },
});

const coordination: CoordinationRecorded['data'] = {
  demandId: 'd-1',
  meetingId: 'm-1',
  responsibilities: [
    { departmentId: 'tech-support', responsibility: 'Diagnose the printers on site' },
    { departmentId: 'software-development', responsibility: 'Patch the invoice module' },
  ],
  cooperation: 'Daily stand-up until the patch is deployed',
  leadDepartmentId: 'software-development',
  jointSolution: 'Roll back the print driver, then ship the patched module',
};
const coordinated: CoordinationRecorded = { type: 'CoordinationRecorded', data: coordination };

const released = (
  complexity: 'routine' | 'complex',
  { departments = ['tech-support'], coordinated: wasCoordinated = false } = {},
): DemandEvent => ({
  type: 'DemandReleasedToDelivery',
  data: {
    demandId: 'd-1',
    reference: 'SR-2026-000123',
    customerId: 'c-1',
    departmentId: 'tech-support',
    ownerId: 'zhang',
    complexity,
    departmentIds: departments,
    ...(wasCoordinated ? { leadDepartmentId: 'software-development', responsibilities: coordination.responsibilities } : {}),
  },
});
const releasedCoordinated = (complexity: 'routine' | 'complex') =>
  released(complexity, { departments: ['tech-support', 'software-development'], coordinated: true });
const resolvedEvent: DemandEvent = {
  type: 'DemandResolved',
  data: { demandId: 'd-1', resolution: 'Driver rolled back', resolvedAt: AT },
};
const waiting = (since = AT): DemandEvent => ({
  type: 'DemandWaitingOnCustomer',
  data: { demandId: 'd-1', reason: 'Asked for the printer model', since },
});
const waitingOnThirdParty = (since = AT): DemandEvent => ({
  type: 'DemandWaitingOnThirdParty',
  data: { demandId: 'd-1', party: 'HP support', reason: 'A replacement board is on order', since },
});
const resumedFrom = (waitedOn: 'customer' | 'third-party', waitingSince: string, resumedAt = AT): DemandEvent => ({
  type: 'DemandResumed',
  data: { demandId: 'd-1', trigger: 'agent', waitedOn, waitingSince, resumedAt },
});

const confirm = (decision: Partial<ConfirmTriage['data']> = {}) =>
  command('ConfirmTriage', {
    complexity: 'routine',
    priority: 'P3',
    businessCategory: 'technical-support',
    suggestion: suggestion(),
    ...decision,
  });

const REGISTERED = [registered()];
const TRIAGED = [...REGISTERED, triaged('routine')];
const ASSIGNED = [...TRIAGED, assigned];
const IN_DELIVERY = [...ASSIGNED, released('routine')];
const RESOLVED = [...ASSIGNED, resolvedEvent];
const closedEvent: DemandEvent = { type: 'DemandClosed', data: { demandId: 'd-1', reason: 'Customer confirmed' } };
const CLOSED = [...RESOLVED, closedEvent];
const WITHDRAWN = [
  ...TRIAGED,
  { type: 'DemandWithdrawn', data: { demandId: 'd-1', reason: 'Duplicate', previousStatus: 'triaged' } } as DemandEvent,
];
/** P-2.2: complex and across departments, so coordinated before delivery. */
const COMPLEX_TRIAGED = [...REGISTERED, triaged('complex', 'P3', WITH_SOFTWARE)];
const COMPLEX_ASSIGNED = [...COMPLEX_TRIAGED, assigned];
const COORDINATING = [...COMPLEX_ASSIGNED, convened()];
const COORDINATED = [...COORDINATING, coordinated];
const COMPLEX_IN_DELIVERY = [...COORDINATED, releasedCoordinated('complex')];
/** Complex, but within technical support alone. */
const COMPLEX_ONE_DEPARTMENT = [...REGISTERED, triaged('complex'), assigned];
/** Routine, across departments. */
const ROUTINE_ACROSS = [...REGISTERED, triaged('routine', 'P3', WITH_SOFTWARE), assigned];
const PROMISED_RESULT = 'The call-out fee refunded';

const complaintRegistered = (hours = 4): DemandEvent[] => [
  registered({ kind: 'complaint', priority: 'P3' }),
  {
    type: 'ComplaintRegistered',
    data: {
      demandId: 'd-1',
      priority: 'P3',
      promisedHandlingHours: hours,
      promisedResult: PROMISED_RESULT,
      dueAt: new Date(Date.parse(AT) + hours * 3_600_000).toISOString(),
    },
  },
];
const COMPLAINT_ASSIGNED = [...complaintRegistered(), triaged('routine'), assigned];
const resultCommunicated: DemandEvent[] = [
  {
    type: 'CustomerReplySent',
    data: {
      demandId: 'd-1',
      channel: 'phone',
      body: 'We refunded the fee',
      attachments: [],
      firstResponse: true,
      sentBy: 'agent-1',
      sentAt: AT,
    },
  },
  { type: 'ComplaintResultCommunicated', data: { demandId: 'd-1', channel: 'phone', result: 'We refunded the fee' } },
];

describe('demand', () => {
  it('names its stream after the demand id', () => {
    expect(demandStream('d-1')).toBe('intake.demand-d-1');
  });

  it.each<DemandCommand>([
    command('ConfirmTriage', { complexity: 'routine', priority: 'P3', businessCategory: 'x', suggestion: suggestion() }),
    command('AssignDemand', { departmentId: 'tech-support', ownerId: 'zhang' }),
    command('SendReply', { channel: 'phone', body: 'Hello' }),
    command('RecordCustomerMessage', { channel: 'email', from: 'a@b.cn', body: 'Hi' }),
    command('AddInternalNote', { body: 'Note' }),
    command('WaitOnThirdParty', { party: 'HP support', reason: 'Board on order' }),
    command('ReclassifyDemand', { kind: 'complaint', reason: 'Complains about the delay', promisedResult: PROMISED_RESULT }),
    command('ResolveDemand', { resolution: 'Done' }),
    command('WithdrawDemand', { reason: 'Duplicate' }),
  ])('refuses $type on a demand that was never registered', (cmd) => {
    expect(refusal([], cmd)).toMatchObject({ name: 'NotFoundError', what: 'Demand', id: 'd-1' });
  });

  describe('RegisterDemand (P-1.1, P-1.2)', () => {
    it('registers a phone demand with its contact normalised and its priority from the matrix', () => {
      expect(when([], command('RegisterDemand', registration))).toEqual([registered()]);
      expect(stateAfter([registered()])).toMatchObject({ status: 'registered', priority: 'P3', firstResponseSent: false });
    });

    it('registers a web demand with its sub-channel', () => {
      const [event] = when([], command('RegisterDemand', { ...registration, channel: 'web', subChannel: 'chat' }));
      expect(event).toEqual(registered({ channel: 'web', subChannel: 'chat' }));
    });

    it('registers an e-mail demand with its Message-ID and attachments', () => {
      const attachments = [{ name: '截圖.png', contentType: 'image/png', size: 20_480 }];
      const [event] = when(
        [],
        command('RegisterDemand', { ...registration, channel: 'email', emailMessageId: '<a1@acme.cn>', attachments }),
      );
      expect(event).toEqual(registered({ channel: 'email', emailMessageId: '<a1@acme.cn>', attachments }));
    });

    it('keeps an e-mail demand whose sender is not verified apart, flagged in its event and state', () => {
      const byEmail = { ...registration, channel: 'email' as const, emailMessageId: '<a1@acme.cn>' };
      const [event] = when([], command('RegisterDemand', { ...byEmail, senderNotVerified: true }));
      expect(event).toEqual(registered({ channel: 'email', emailMessageId: '<a1@acme.cn>', senderNotVerified: true }));
      expect(stateAfter([event])).toMatchObject({ senderNotVerified: true });
      expect(stateAfter([registered()])).not.toHaveProperty('senderNotVerified');
    });

    it('records the subject on one line and each attachment under its base name, whoever sent them', () => {
      const attachments = [{ name: '..\\..\\windows\\截圖\r\n.png', contentType: 'image/png', size: 20_480 }];
      const [event] = when([], command('RegisterDemand', { ...registration, subject: 'Invoices\r\nBcc: all\u0000 \u001b[2Jdo not print', attachments }));
      expect(event.data).toMatchObject({
        subject: 'Invoices Bcc: all do not print',
        attachments: [{ name: '截圖 .png', contentType: 'image/png', size: 20_480 }],
      });
    });

    it('registers a complaint with the handling time, from registration, and the result promised (C-2.3 向客戶承諾處理時間和結果)', () => {
      const complaint = command('RegisterDemand', {
        ...registration,
        kind: 'complaint',
        promisedHandlingHours: 24,
        promisedResult: ` ${PROMISED_RESULT} `,
      });
      const events = when([], complaint);
      expect(events).toEqual([
        registered({ kind: 'complaint' }),
        {
          type: 'ComplaintRegistered',
          data: {
            demandId: 'd-1',
            priority: 'P3',
            promisedHandlingHours: 24,
            promisedResult: PROMISED_RESULT,
            dueAt: '2026-03-03T09:00:00.000Z',
          },
        },
      ]);
      expect(stateAfter(events)?.complaint?.promise).toEqual({
        promisedHandlingHours: 24,
        promisedResult: PROMISED_RESULT,
        dueAt: '2026-03-03T09:00:00.000Z',
      });
    });

    it.each<[string, Partial<RegisterDemand['data']>]>([
      ['invalid-reference', { reference: 'REQ-1' }],
      ['sub-channel-required', { channel: 'web' }],
      ['sub-channel-not-web', { channel: 'phone', subChannel: 'portal' }],
      ['message-id-required', { channel: 'email' }],
      ['message-id-not-email', { channel: 'web', subChannel: 'portal', emailMessageId: '<a1@acme.cn>' }],
      ['sender-verification-not-email', { senderNotVerified: true }],
      ['subject-required', { subject: ' \r\n\u0000\u001b[0m ' }],
      ['contact-unreachable', { contact: { name: 'Li Wei' } }],
      [
        'too-many-attachments',
        {
          attachments: Array.from({ length: MAX_ATTACHMENTS_PER_MESSAGE + 1 }, (_, i) => ({
            name: `f${i}.txt`,
            contentType: 'text/plain',
            size: 1,
          })),
        },
      ],
      ['promise-required', { kind: 'complaint', promisedResult: PROMISED_RESULT }],
      ['promised-result-required', { kind: 'complaint', promisedHandlingHours: 24 }],
      ['promised-result-required', { kind: 'complaint', promisedHandlingHours: 24, promisedResult: ' \n ' }],
      ['promise-for-non-complaint', { kind: 'feedback', promisedHandlingHours: 24 }],
      ['promise-for-non-complaint', { kind: 'enquiry', promisedResult: PROMISED_RESULT }],
      ['promise-not-positive', { kind: 'complaint', promisedHandlingHours: 0, promisedResult: PROMISED_RESULT }],
      [
        'promise-too-long',
        { kind: 'complaint', promisedHandlingHours: MAX_PROMISED_HANDLING_HOURS + 1, promisedResult: PROMISED_RESULT },
      ],
      ['promise-too-long', { kind: 'complaint', promisedHandlingHours: Infinity, promisedResult: PROMISED_RESULT }],
    ])('refuses with %s', (code, overrides) => {
      expect(refusal([], command('RegisterDemand', { ...registration, ...overrides }))).toMatchObject(refused(code));
    });

    it('refuses to register the same demand twice', () => {
      expect(refusal(REGISTERED, command('RegisterDemand', registration))).toMatchObject(
        refused('demand-already-registered'),
      );
    });
  });

  describe('ConfirmTriage (P-1.3)', () => {
    it('confirms the suggestion as it stands, recording who decided', () => {
      const events = when(REGISTERED, confirm());
      expect(events).toEqual([triaged('routine')]);
      expect(stateAfter([...REGISTERED, ...events])).toMatchObject({
        status: 'triaged',
        complexity: 'routine',
        priority: 'P3',
      });
    });

    it('records an override of the suggestion with its reason', () => {
      expect(
        when(
          REGISTERED,
          command('ConfirmTriage', {
            complexity: 'complex',
            priority: 'P2',
            businessCategory: 'software-development',
            suggestion: suggestion(),
            reason: ' Needs a code change and a site visit ',
          }),
        ),
      ).toEqual([
        {
          type: 'DemandTriaged',
          data: {
            demandId: 'd-1',
            complexity: 'complex',
            priority: 'P2',
            businessCategory: 'software-development',
            suggestion: suggestion(),
            overridden: ['complexity', 'priority', 'businessCategory'],
            reason: 'Needs a code change and a site visit',
            decidedBy: 'agent-1',
          },
        },
      ]);
    });

    it('refuses an override without a reason', () => {
      expect(
        refusal(REGISTERED, confirm({ priority: 'P1', reason: ' ' })),
      ).toMatchObject({ ...refused('override-reason-required'), message: expect.stringContaining('priority') });
    });

    it('takes a category as a decision, not an override, when the suggestion has none', () => {
      const [event] = when(
        REGISTERED,
        command('ConfirmTriage', {
          complexity: 'routine',
          priority: 'P3',
          businessCategory: 'hardware',
          suggestion: suggestion({ businessCategory: undefined }),
        }),
      );
      expect(event.data).toMatchObject({ overridden: [], businessCategory: 'hardware' });
    });

    it('records the departments the agent names as involved besides the assignee (P-2.2)', () => {
      const [event] = when(REGISTERED, confirm({ departmentIds: ['software-development', 'software-development'] }));
      expect(event).toEqual(triaged('routine', 'P3', WITH_SOFTWARE));
      expect(stateAfter([...REGISTERED, event, assigned])).toMatchObject({ involvement: WITH_SOFTWARE });
    });

    it('records that the triage rules named the departments when the agent keeps their suggestion (P-2.2)', () => {
      const fromRules = suggestion({ departmentIds: ['software-development'] });
      const [event] = when(REGISTERED, confirm({ suggestion: fromRules, departmentIds: ['software-development'] }));
      expect(event.data).toMatchObject({ involvement: { departmentIds: ['software-development'], namedBy: 'triage-rules' } });
    });

    it('drops the departments a revision no longer names', () => {
      const [event] = when([...ROUTINE_ACROSS], confirm());
      expect(event.data).not.toHaveProperty('involvement');
      expect(stateAfter([...ROUTINE_ACROSS, event])).not.toHaveProperty('involvement');
    });

    it.each([
      ['coordinating', COORDINATING],
      ['in delivery', COMPLEX_IN_DELIVERY],
    ])('refuses to change the departments once %s', (_status, given) => {
      expect(refusal(given, confirm({ complexity: 'complex', departmentIds: ['system-maintenance'] }))).toMatchObject(
        refused('departments-fixed'),
      );
    });

    it('revises the triage of an assigned demand without moving it back', () => {
      const events = when(ASSIGNED, confirm({ complexity: 'complex', suggestion: suggestion({ complexity: 'complex' }) }));
      expect(stateAfter([...ASSIGNED, ...events])).toMatchObject({ status: 'assigned', complexity: 'complex' });
    });

    it('revises the priority while coordinating', () => {
      const [event] = when(
        COORDINATING,
        command('ConfirmTriage', {
          complexity: 'complex',
          priority: 'P1',
          businessCategory: 'technical-support',
          suggestion: suggestion({ complexity: 'complex', priority: 'P1' }),
          departmentIds: ['software-development'],
        }),
      );
      expect(event.data).toMatchObject({ priority: 'P1', overridden: [] });
    });

    it.each([
      ['coordinating', COORDINATING],
      ['coordinated', COORDINATED],
      ['in delivery', COMPLEX_IN_DELIVERY],
    ])('refuses to change the complexity once %s', (_status, given) => {
      expect(refusal(given, confirm())).toMatchObject(refused('complexity-fixed'));
    });

    it.each([
      ['demand-resolved', RESOLVED],
      ['demand-closed', CLOSED],
      ['demand-withdrawn', WITHDRAWN],
    ])('refuses with %s', (code, given) => {
      expect(refusal(given, confirm())).toMatchObject(refused(code));
    });
  });

  describe('ReclassifyDemand (P-1.1, C-2.3)', () => {
    const LATER = '2026-03-02T15:00:00.000Z';
    const reclassify = (kind: DemandKind, extra: { reason?: string; promisedHandlingHours?: number; promisedResult?: string } = {}) =>
      command(
        'ReclassifyDemand',
        {
          kind,
          reason: 'The customer complains about the delay',
          ...(kind === 'complaint' ? { promisedResult: PROMISED_RESULT } : {}),
          ...extra,
        },
        { at: LATER },
      );
    const reclassified = (kind: DemandKind, previousKind: DemandKind = 'enquiry'): DemandEvent => ({
      type: 'DemandReclassified',
      data: {
        demandId: 'd-1',
        previousKind,
        kind,
        reason: 'The customer complains about the delay',
        reclassifiedBy: 'agent-1',
        reclassifiedAt: LATER,
      },
    });
    const EMAIL_ENQUIRY = [registered({ channel: 'email', emailMessageId: '<a1@acme.cn>', impact: 3, urgency: 3, priority: 'P4' })];

    it('changes the kind of an open demand, recording what it was, who changed it and why', () => {
      const events = when(ASSIGNED, reclassify('feedback'));
      expect(events).toEqual([reclassified('feedback')]);
      const state = stateAfter([...ASSIGNED, ...events]);
      expect(state).toMatchObject({ kind: 'feedback', status: 'assigned' });
      expect(state).not.toHaveProperty('complaint');
    });

    it('registers an e-mail enquiry that turns out a complaint, promised the default for its priority from now', () => {
      const events = when(EMAIL_ENQUIRY, reclassify('complaint'));
      expect(events).toEqual([
        reclassified('complaint'),
        {
          type: 'ComplaintRegistered',
          // P4: 72 hours, from the reclassification, not from the mail's arrival.
          data: {
            demandId: 'd-1',
            priority: 'P4',
            promisedHandlingHours: 72,
            promisedResult: PROMISED_RESULT,
            dueAt: '2026-03-05T15:00:00.000Z',
          },
        },
      ]);
      expect(stateAfter([...EMAIL_ENQUIRY, ...events])).toMatchObject({
        kind: 'complaint',
        status: 'registered',
        complaint: { promise: { promisedHandlingHours: 72, dueAt: '2026-03-05T15:00:00.000Z' }, handlingSteps: 0 },
      });
    });

    it('keeps the agent’s promise, on the priority triage gave, and sends the complaint through its process', () => {
      const given = [...REGISTERED, triaged('routine', 'P1'), assigned];
      const events = when(given, reclassify('complaint', { promisedHandlingHours: 8 }));
      expect(events[1]).toEqual({
        type: 'ComplaintRegistered',
        data: {
          demandId: 'd-1',
          priority: 'P1',
          promisedHandlingHours: 8,
          promisedResult: PROMISED_RESULT,
          dueAt: '2026-03-02T23:00:00.000Z',
        },
      });
      const complaint = [...given, ...events];
      expect(when(complaint, command('RecordComplaintHandlingStep', { description: 'Apologised' }))[0].data).toMatchObject({ step: 1 });
      expect(isComplaintOverdue(stateAfter(complaint), '2026-03-02T23:00:01.000Z')).toBe(true);
      expect(refusal(complaint, command('ResolveDemand', { resolution: 'Done' }))).toMatchObject(
        refused('complaint-result-not-communicated'),
      );
    });

    const RECLASSIFIED_COMPLAINT = [...ASSIGNED, ...when(ASSIGNED, reclassify('complaint'))];

    it.each([
      ['demand-resolved', RESOLVED, reclassify('complaint')],
      ['demand-closed', CLOSED, reclassify('complaint')],
      ['demand-withdrawn', WITHDRAWN, reclassify('complaint')],
      ['reason-required', ASSIGNED, reclassify('complaint', { reason: '  ' })],
      ['kind-unchanged', ASSIGNED, reclassify('enquiry')],
      ['complaint-kind-fixed', complaintRegistered(), reclassify('enquiry')],
      ['complaint-kind-fixed', RECLASSIFIED_COMPLAINT, reclassify('feedback')],
      ['complaint-while-waiting', [...ASSIGNED, waiting()], reclassify('complaint')],
      ['promise-for-non-complaint', ASSIGNED, reclassify('feedback', { promisedHandlingHours: 24 })],
      ['promise-for-non-complaint', ASSIGNED, reclassify('feedback', { promisedResult: PROMISED_RESULT })],
      ['promised-result-required', ASSIGNED, reclassify('complaint', { promisedResult: undefined })],
      ['promised-result-required', ASSIGNED, reclassify('complaint', { promisedResult: '  ' })],
      ['promise-not-positive', ASSIGNED, reclassify('complaint', { promisedHandlingHours: 0 })],
      ['promise-too-long', ASSIGNED, reclassify('complaint', { promisedHandlingHours: MAX_PROMISED_HANDLING_HOURS + 1 })],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });

    it('lets a demand that is not a complaint change its kind while it waits on the customer', () => {
      expect(when([...ASSIGNED, waiting()], reclassify('after-sales'))).toEqual([reclassified('after-sales')]);
    });

    it('makes a complaint of a demand waiting on a third party, which pauses no promise: it runs from now', () => {
      const given = [...ASSIGNED, waitingOnThirdParty()];
      const events = when(given, reclassify('complaint'));
      expect(events[1]).toMatchObject({ type: 'ComplaintRegistered', data: { dueAt: '2026-03-04T15:00:00.000Z' } });
      expect(stateAfter([...given, ...events])).toMatchObject({ waitingOnThirdParty: { party: 'HP support', since: AT } });
    });
  });

  describe('AssignDemand (P-2.1)', () => {
    const assign = command('AssignDemand', { departmentId: 'tech-support', ownerId: 'zhang' });

    it('assigns a triaged demand to a department and an owner in it', () => {
      expect(when(TRIAGED, assign)).toEqual([assigned]);
      expect(stateAfter(ASSIGNED)).toMatchObject({
        status: 'assigned',
        assignment: { departmentId: 'tech-support', ownerId: 'zhang' },
      });
    });

    it.each([
      ['triage-required', REGISTERED],
      ['already-assigned', ASSIGNED],
      ['already-assigned', COORDINATING],
      ['demand-resolved', RESOLVED],
      ['demand-withdrawn', WITHDRAWN],
    ])('refuses with %s', (code, given) => {
      expect(refusal(given, assign)).toMatchObject(refused(code));
    });
  });

  describe('ReassignDemand (P-2.1)', () => {
    const reassign = (reason = 'Zhang is on leave', ownerId = 'li') =>
      command('ReassignDemand', { departmentId: 'tech-support', ownerId, reason });

    it.each([
      ['assigned', ASSIGNED],
      ['coordinating', COORDINATING],
      ['in delivery', IN_DELIVERY],
    ])('reassigns a demand that is %s, recording from, to and why', (_status, given) => {
      const events = when(given, reassign());
      expect(events).toEqual([
        {
          type: 'DemandReassigned',
          data: {
            demandId: 'd-1',
            from: { departmentId: 'tech-support', ownerId: 'zhang' },
            to: { departmentId: 'tech-support', ownerId: 'li' },
            reason: 'Zhang is on leave',
            reassignedBy: 'agent-1',
          },
        },
      ]);
      expect(stateAfter([...given, ...events])?.assignment).toEqual({ departmentId: 'tech-support', ownerId: 'li' });
    });

    it.each([
      ['reason-required', ASSIGNED, reassign('  ')],
      ['assignment-unchanged', ASSIGNED, reassign('Again', 'zhang')],
      ['not-assigned', TRIAGED, reassign()],
      ['demand-resolved', RESOLVED, reassign()],
      ['demand-closed', CLOSED, reassign()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('ConveneCoordinationMeeting (P-2.2)', () => {
    const convene = (participants = convened().data.participants, actor = agent, meetingId = 'm-1') =>
      command('ConveneCoordinationMeeting', { meetingId, scheduledAt: '2026-03-03T10:00:00.000Z', participants }, { actor });

    it('convenes a meeting of the departments for a complex demand that involves several (P-2.2 對於涉及多個部門的復雜需求)', () => {
      expect(when(COMPLEX_ASSIGNED, convene())).toEqual([convened()]);
      expect(stateAfter(COORDINATING)).toMatchObject({
        status: 'coordinating',
        meeting: { meetingId: 'm-1', departmentIds: ['tech-support', 'software-development'] },
      });
    });

    it('convenes a meeting for a routine demand that involves several departments, as they wish', () => {
      expect(when(ROUTINE_ACROSS, convene())).toEqual([convened()]);
    });

    it('refuses a meeting for a complex demand of one department, which goes to that department', () => {
      expect(refusal(COMPLEX_ONE_DEPARTMENT, convene())).toMatchObject({
        ...refused('coordination-not-needed'),
        message: expect.stringContaining('對於涉及多個部門的復雜需求'),
      });
    });

    it('convenes a further meeting while coordinating, which the record must then refer to', () => {
      const events = when(COORDINATING, convene(undefined, agent, 'm-2'));
      expect(events).toEqual([convened('m-2')]);
      expect(refusal([...COORDINATING, ...events], command('RecordCoordination', coordination))).toMatchObject(
        refused('unknown-meeting'),
      );
    });

    it.each([
      ['coordination-not-needed', ASSIGNED, convene()],
      ['not-assigned', COMPLEX_TRIAGED, convene()],
      ['coordination-already-recorded', COORDINATED, convene()],
      ['coordination-already-recorded', COMPLEX_IN_DELIVERY, convene()],
      ['convener-not-customer-service', COMPLEX_ASSIGNED, convene(undefined, technician)],
      ['coordination-needs-departments', COMPLEX_ASSIGNED, convene([{ departmentId: 'tech-support', people: ['zhang'] }])],
      [
        'duplicate-participant-department',
        COMPLEX_ASSIGNED,
        convene([
          { departmentId: 'tech-support', people: ['zhang'] },
          { departmentId: 'tech-support', people: ['li'] },
        ]),
      ],
      [
        'department-without-participant',
        COMPLEX_ASSIGNED,
        convene([
          { departmentId: 'tech-support', people: ['zhang'] },
          { departmentId: 'software-development', people: [] },
        ]),
      ],
      [
        'assigned-department-absent',
        COMPLEX_ASSIGNED,
        convene([
          { departmentId: 'system-maintenance', people: ['sun'] },
          { departmentId: 'software-development', people: ['zhao'] },
        ]),
      ],
      [
        'involved-department-absent',
        COMPLEX_ASSIGNED,
        convene([
          { departmentId: 'tech-support', people: ['zhang'] },
          { departmentId: 'system-maintenance', people: ['sun'] },
        ]),
      ],
      ['demand-withdrawn', [...COMPLEX_TRIAGED, WITHDRAWN[WITHDRAWN.length - 1]], convene()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('RecordCoordination (P-2.2)', () => {
    const record = (overrides: Partial<CoordinationRecorded['data']> = {}) =>
      command('RecordCoordination', { ...coordination, ...overrides });

    it("records each department's responsibilities, the cooperation, the lead and the joint solution", () => {
      expect(when(COORDINATING, record())).toEqual([coordinated]);
      expect(stateAfter(COORDINATED)).toMatchObject({ status: 'coordinated', leadDepartmentId: 'software-development' });
    });

    it.each([
      ['meeting-not-convened', ASSIGNED, record()],
      ['meeting-not-convened', COMPLEX_ASSIGNED, record()],
      ['coordination-already-recorded', COORDINATED, record()],
      ['unknown-meeting', COORDINATING, record({ meetingId: 'm-9' })],
      [
        'department-not-at-meeting',
        COORDINATING,
        record({
          responsibilities: [...coordination.responsibilities, { departmentId: 'legal', responsibility: 'Review' }],
        }),
      ],
      ['responsibility-missing', COORDINATING, record({ responsibilities: [coordination.responsibilities[0]] })],
      ['lead-not-at-meeting', COORDINATING, record({ leadDepartmentId: 'legal' })],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('ReleaseToDelivery', () => {
    const release = command('ReleaseToDelivery', {});

    it('releases a routine, assigned demand to delivery', () => {
      expect(when(ASSIGNED, release)).toEqual([released('routine')]);
      expect(stateAfter(IN_DELIVERY)?.status).toBe('in-delivery');
    });

    it('releases a complex demand once its coordination is recorded, naming the departments, the lead and the responsibilities', () => {
      expect(when(COORDINATED, release)).toEqual([releasedCoordinated('complex')]);
    });

    it('releases a complex demand of one department to that department without a meeting (P-2.2 對於涉及多個部門的復雜需求)', () => {
      expect(when(COMPLEX_ONE_DEPARTMENT, release)).toEqual([released('complex')]);
    });

    it('releases a routine demand of several departments without a meeting, naming them', () => {
      expect(when(ROUTINE_ACROSS, release)).toEqual([released('routine', { departments: ['tech-support', 'software-development'] })]);
    });

    it('releases a routine demand of several departments once the meeting it was given is recorded', () => {
      const given = [...ROUTINE_ACROSS, convened()];
      expect(refusal(given, release)).toMatchObject(refused('coordination-required'));
      expect(when([...given, coordinated], release)).toEqual([releasedCoordinated('routine')]);
    });

    it.each([
      ['not-assigned', TRIAGED],
      ['coordination-required', COMPLEX_ASSIGNED],
      ['coordination-required', COORDINATING],
      ['already-in-delivery', IN_DELIVERY],
      ['demand-resolved', RESOLVED],
      ['demand-closed', CLOSED],
    ])('refuses with %s', (code, given) => {
      expect(refusal(given, release)).toMatchObject(refused(code));
    });

    it('names the rule and the departments when coordination is missing', () => {
      expect(refusal(COMPLEX_ASSIGNED, release)).toMatchObject({
        message: expect.stringMatching(/tech-support, software-development.*each department’s responsibilities \(P-2\.2/),
      });
    });

    it('goes to delivery when triage takes back the second department, before any meeting', () => {
      const revised = [...COMPLEX_ASSIGNED, triaged('complex')];
      expect(when(revised, release)).toEqual([released('complex')]);
    });
  });

  describe('conversation', () => {
    const replyCommand = (body = 'We are looking into it', messageId?: string) =>
      command('SendReply', { channel: 'email', body, ...(messageId ? { messageId } : {}) });
    const firstReply: DemandEvent = {
      type: 'CustomerReplySent',
      data: {
        demandId: 'd-1',
        channel: 'email',
        body: 'We are looking into it',
        messageId: '<r1@serviceledger>',
        attachments: [],
        firstResponse: true,
        sentBy: 'agent-1',
        sentAt: AT,
      },
    };
    const customerMessage = (messageId = '<c2@acme.cn>') =>
      command('RecordCustomerMessage', {
        channel: 'email',
        from: 'li.wei@acme.cn',
        subject: 'Re: [SR-2026-000123] 發票無法列印',
        body: '型號是 HP 4200',
        messageId,
      });
    const messageReceived: DemandEvent = {
      type: 'CustomerMessageReceived',
      data: {
        demandId: 'd-1',
        channel: 'email',
        from: 'li.wei@acme.cn',
        subject: 'Re: [SR-2026-000123] 發票無法列印',
        body: '型號是 HP 4200',
        messageId: '<c2@acme.cn>',
        attachments: [],
        receivedAt: AT,
      },
    };

    it('marks the first customer-visible reply as the first response', () => {
      expect(when(REGISTERED, replyCommand(undefined, '<r1@serviceledger>'))).toEqual([firstReply]);
    });

    it('does not mark later replies as the first response', () => {
      const [event] = when([...REGISTERED, firstReply], replyCommand('Update: patch ready'));
      expect(event.data).toMatchObject({ firstResponse: false, body: 'Update: patch ready' });
    });

    it('replies on a resolved demand', () => {
      expect(when(RESOLVED, replyCommand())).toHaveLength(1);
    });

    it.each([
      ['demand-closed', CLOSED, replyCommand()],
      ['demand-withdrawn', WITHDRAWN, replyCommand()],
      [
        'too-many-attachments',
        REGISTERED,
        command('SendReply', {
          channel: 'portal',
          body: 'Files',
          attachments: Array.from({ length: MAX_ATTACHMENTS_PER_MESSAGE + 1 }, () => ({
            name: 'a.txt',
            contentType: 'text/plain',
            size: 1,
          })),
        }),
      ],
    ])('refuses a reply with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });

    it('adds an inbound customer message to the timeline', () => {
      expect(when(ASSIGNED, customerMessage())).toEqual([messageReceived]);
    });

    it('adds a customer message to a resolved demand', () => {
      expect(when(RESOLVED, customerMessage())).toEqual([messageReceived]);
    });

    it('records a customer message and a reply with a one-line subject and attachments under their base names', () => {
      const attachments = [{ name: '../../etc/passwd\u0000', contentType: 'text/plain', size: 1 }];
      const [received] = when(ASSIGNED, command('RecordCustomerMessage', { channel: 'email', from: 'li.wei@acme.cn', subject: 'Re:\r\n\u001b[31mpaid', body: 'b', attachments }));
      expect(received.data).toMatchObject({ subject: 'Re: paid', attachments: [{ name: 'passwd' }] });
      const [blank] = when(ASSIGNED, command('RecordCustomerMessage', { channel: 'email', from: 'li.wei@acme.cn', subject: '\r\n', body: 'b' }));
      expect(blank.data).not.toHaveProperty('subject');
      const [sent] = when(ASSIGNED, command('SendReply', { channel: 'email', body: 'See attached', attachments }));
      expect(sent.data).toMatchObject({ attachments: [{ name: 'passwd' }] });
    });

    it('does not add a message that is already in the timeline', () => {
      expect(when([...ASSIGNED, messageReceived], customerMessage())).toEqual([]);
      const byEmail = registered({ channel: 'email', emailMessageId: '<a1@acme.cn>' });
      expect(when([byEmail], customerMessage('<a1@acme.cn>'))).toEqual([]);
      expect(when([...REGISTERED, firstReply], customerMessage('<r1@serviceledger>'))).toEqual([]);
    });

    it('ends the wait when the customer answers', () => {
      expect(when([...ASSIGNED, waiting('2026-03-02T08:00:00.000Z')], customerMessage())).toEqual([
        messageReceived,
        {
          type: 'DemandResumed',
          data: {
            demandId: 'd-1',
            trigger: 'customer-message',
            waitedOn: 'customer',
            waitingSince: '2026-03-02T08:00:00.000Z',
            resumedAt: AT,
          },
        },
      ]);
    });

    it.each([
      ['demand-closed', CLOSED],
      ['demand-withdrawn', WITHDRAWN],
    ])('refuses a customer message with %s, so the service opens a new demand', (code, given) => {
      expect(refusal(given, customerMessage())).toMatchObject(refused(code));
    });

    it('adds internal notes at any stage, even after closure', () => {
      const note = command('AddInternalNote', { body: 'Customer called to thank us' }, { actor: technician });
      expect(when(CLOSED, note)).toEqual([
        { type: 'InternalNoteAdded', data: { demandId: 'd-1', body: 'Customer called to thank us', author: 'zhang' } },
      ]);
    });
  });

  describe('waiting on the customer', () => {
    const wait = (reason = 'Asked for the printer model') => command('WaitForCustomer', { reason });
    const resume = command('ResumeDemand', {});

    it.each([
      ['registered', REGISTERED],
      ['assigned', ASSIGNED],
      ['coordinating', COORDINATING],
      ['in delivery', IN_DELIVERY],
    ])('pauses a demand that is %s without changing its status', (_status, given) => {
      const events = when(given, wait());
      expect(events).toEqual([waiting()]);
      expect(stateAfter([...given, ...events])).toMatchObject({
        status: stateAfter(given)?.status,
        waitingOnCustomerSince: AT,
      });
    });

    it('resumes a waiting demand', () => {
      const events = when([...ASSIGNED, waiting('2026-03-02T08:00:00.000Z')], resume);
      expect(events).toEqual([resumedFrom('customer', '2026-03-02T08:00:00.000Z')]);
      expect(stateAfter([...ASSIGNED, waiting(), ...events])).not.toHaveProperty('waitingOnCustomerSince');
    });

    it.each([
      ['already-waiting', [...ASSIGNED, waiting()], wait()],
      ['already-waiting', [...ASSIGNED, waitingOnThirdParty()], wait()],
      ['reason-required', ASSIGNED, wait('')],
      ['demand-resolved', RESOLVED, wait()],
      ['demand-closed', CLOSED, wait()],
      ['not-waiting', ASSIGNED, resume],
      ['not-waiting', [...ASSIGNED, waiting(), resolvedEvent], resume],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('waiting on a third party', () => {
    const wait = (party = 'HP support', reason = 'A replacement board is on order') =>
      command('WaitOnThirdParty', { party, reason });
    const resume = command('ResumeDemand', {});
    const customerMessage = command('RecordCustomerMessage', { channel: 'phone', from: 'Li Wei', body: 'Any news?' });

    it.each([
      ['registered', REGISTERED],
      ['assigned', ASSIGNED],
      ['coordinating', COORDINATING],
      ['in delivery', IN_DELIVERY],
    ])('pauses a demand that is %s without changing its status, naming who it waits on', (_status, given) => {
      const events = when(given, wait('  HP support '));
      expect(events).toEqual([waitingOnThirdParty()]);
      expect(stateAfter([...given, ...events])).toMatchObject({
        status: stateAfter(given)?.status,
        waitingOnThirdParty: { party: 'HP support', since: AT },
      });
    });

    it('names the partner it waits on by its id (C-3.1), the party staying as a note', () => {
      const events = when(ASSIGNED, command('WaitOnThirdParty', { party: 'Acme printing', reason: 'A board is on order', partnerId: ' partner-acme ' }));
      expect(events).toEqual([{ type: 'DemandWaitingOnThirdParty', data: { demandId: expect.any(String), party: 'Acme printing', reason: 'A board is on order', since: AT, partnerId: 'partner-acme' } }]);
      expect(stateAfter([...ASSIGNED, ...events])).toMatchObject({ waitingOnThirdParty: { party: 'Acme printing', partnerId: 'partner-acme' } });
    });

    it('resumes it, recording that the wait on the third party ended', () => {
      const events = when([...ASSIGNED, waitingOnThirdParty('2026-03-02T08:00:00.000Z')], resume);
      expect(events).toEqual([resumedFrom('third-party', '2026-03-02T08:00:00.000Z')]);
      expect(stateAfter([...ASSIGNED, waitingOnThirdParty(), ...events])).not.toHaveProperty('waitingOnThirdParty');
    });

    it('goes on waiting when the customer writes: the customer is not who it waits on', () => {
      const given = [...ASSIGNED, waitingOnThirdParty()];
      const events = when(given, customerMessage);
      expect(events.map((e) => e.type)).toEqual(['CustomerMessageReceived']);
      expect(stateAfter([...given, ...events])).toMatchObject({ waitingOnThirdParty: { party: 'HP support' } });
    });

    it('waits on the customer once the wait on the third party is resumed', () => {
      const given = [...ASSIGNED, waitingOnThirdParty(), resumedFrom('third-party', AT)];
      expect(when(given, command('WaitForCustomer', { reason: 'Asked for a delivery slot' }))).toEqual([
        { type: 'DemandWaitingOnCustomer', data: { demandId: 'd-1', reason: 'Asked for a delivery slot', since: AT } },
      ]);
    });

    it('ends with the resolution or the withdrawal of the demand', () => {
      expect(stateAfter([...ASSIGNED, waitingOnThirdParty(), resolvedEvent])).not.toHaveProperty('waitingOnThirdParty');
      const withdrawn: DemandEvent = {
        type: 'DemandWithdrawn',
        data: { demandId: 'd-1', reason: 'Duplicate', previousStatus: 'assigned' },
      };
      expect(stateAfter([...ASSIGNED, waitingOnThirdParty(), withdrawn])).not.toHaveProperty('waitingOnThirdParty');
    });

    it('does not pause a complaint’s promise: a vendor of ours being slow is our delay (C-2.3)', () => {
      const given = [...COMPLAINT_ASSIGNED, waitingOnThirdParty('2026-03-02T10:00:00.000Z')];
      expect(isComplaintOverdue(stateAfter(given), '2026-03-02T13:00:01.000Z')).toBe(true);
      const resumed = [...given, resumedFrom('third-party', '2026-03-02T10:00:00.000Z', '2026-03-02T12:00:00.000Z')];
      const [, complaintResolved] = when(
        [...resumed, ...resultCommunicated],
        command('ResolveDemand', { resolution: 'Board replaced', promisedResultDelivered: true }, { at: '2026-03-02T14:00:00.000Z' }),
      );
      expect(complaintResolved.data).toMatchObject({ dueAt: '2026-03-02T13:00:00.000Z', withinPromise: false });
    });

    it.each([
      ['already-waiting', [...ASSIGNED, waitingOnThirdParty()], wait('Lenovo support')],
      ['already-waiting', [...ASSIGNED, waiting()], wait()],
      ['party-required', ASSIGNED, wait('  ')],
      ['reason-required', ASSIGNED, wait('HP support', ' ')],
      ['demand-resolved', RESOLVED, wait()],
      ['demand-closed', CLOSED, wait()],
      ['demand-withdrawn', WITHDRAWN, wait()],
      ['not-waiting', [...ASSIGNED, waitingOnThirdParty(), resolvedEvent], resume],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });

    it('says who the demand already waits on', () => {
      expect(refusal([...ASSIGNED, waitingOnThirdParty()], wait('Lenovo support'))).toMatchObject({
        message: `Demand SR-2026-000123 has been waiting on HP support since ${AT}: resume it first`,
      });
    });
  });

  describe('complaints (C-2.3)', () => {
    const step = (description = 'Called the customer back') => command('RecordComplaintHandlingStep', { description });
    const communicate = command('CommunicateComplaintResult', { channel: 'phone', result: 'We refunded the fee' });
    const resolve = (at = AT, delivery: { promisedResultDelivered?: boolean; promisedResultNote?: string } = { promisedResultDelivered: true }) =>
      command('ResolveDemand', { resolution: 'Fee refunded', ...delivery }, { at });
    const COMMUNICATED = [...COMPLAINT_ASSIGNED, ...resultCommunicated];

    it('numbers the handling steps in order', () => {
      const first = when(COMPLAINT_ASSIGNED, step());
      expect(first).toEqual([
        {
          type: 'ComplaintHandlingStepRecorded',
          data: { demandId: 'd-1', step: 1, description: 'Called the customer back', handledBy: 'agent-1' },
        },
      ]);
      const [second] = when([...COMPLAINT_ASSIGNED, ...first], step('Checked the billing log'));
      expect(second.data).toMatchObject({ step: 2 });
    });

    it('communicates the result as a customer-visible reply', () => {
      expect(when(COMPLAINT_ASSIGNED, communicate)).toEqual(resultCommunicated);
    });

    it('resolves a complaint within its promise', () => {
      expect(when([...COMPLAINT_ASSIGNED, ...resultCommunicated], resolve('2026-03-02T12:00:00.000Z'))).toEqual([
        {
          type: 'DemandResolved',
          data: { demandId: 'd-1', resolution: 'Fee refunded', resolvedAt: '2026-03-02T12:00:00.000Z' },
        },
        {
          type: 'ComplaintResolved',
          data: {
            demandId: 'd-1',
            dueAt: '2026-03-02T13:00:00.000Z',
            resolvedAt: '2026-03-02T12:00:00.000Z',
            withinPromise: true,
            promisedResultDelivered: true,
          },
        },
      ]);
    });

    it('resolves a complaint whose promised result was not delivered, saying why (C-2.3 向客戶承諾處理時間和結果)', () => {
      const [, complaintResolved] = when(
        COMMUNICATED,
        resolve(AT, { promisedResultDelivered: false, promisedResultNote: ' Finance refused the refund ' }),
      );
      expect(complaintResolved.data).toMatchObject({
        withinPromise: true,
        promisedResultDelivered: false,
        promisedResultNote: 'Finance refused the refund',
      });
    });

    it('resolves a complaint registered before results were promised without saying whether one was delivered', () => {
      const [registration, complaint] = complaintRegistered();
      const { promisedResult: _, ...before } = (complaint as Extract<DemandEvent, { type: 'ComplaintRegistered' }>).data;
      const given = [registration, { ...complaint, data: before } as DemandEvent, triaged('routine'), assigned, ...resultCommunicated];
      const [, complaintResolved] = when(given, resolve(AT, {}));
      expect(complaintResolved.data).not.toHaveProperty('promisedResultDelivered');
    });

    it('resolves a complaint after its promise as broken', () => {
      const given = [...COMPLAINT_ASSIGNED, ...resultCommunicated];
      const [, complaintResolved] = when(given, resolve('2026-03-02T13:00:01.000Z'));
      expect(complaintResolved.data).toMatchObject({ withinPromise: false });
    });

    it('moves the due time on by the time spent waiting on the customer', () => {
      const given = [
        ...COMPLAINT_ASSIGNED,
        waiting('2026-03-02T10:00:00.000Z'),
        resumedFrom('customer', '2026-03-02T10:00:00.000Z', '2026-03-02T12:00:00.000Z'),
        ...resultCommunicated,
      ];
      const [, complaintResolved] = when(given, resolve('2026-03-02T14:30:00.000Z'));
      expect(complaintResolved.data).toMatchObject({ dueAt: '2026-03-02T15:00:00.000Z', withinPromise: true });
    });

    it.each([
      ['not-a-complaint', ASSIGNED, step()],
      ['not-a-complaint', ASSIGNED, communicate],
      ['demand-resolved', [...COMPLAINT_ASSIGNED, ...resultCommunicated, resolvedEvent], step()],
      ['demand-resolved', [...COMPLAINT_ASSIGNED, ...resultCommunicated, resolvedEvent], communicate],
      ['complaint-result-not-communicated', COMPLAINT_ASSIGNED, resolve()],
      ['promised-result-delivery-required', COMMUNICATED, resolve(AT, {})],
      ['promised-result-note-required', COMMUNICATED, resolve(AT, { promisedResultDelivered: false })],
      ['promised-result-note-required', COMMUNICATED, resolve(AT, { promisedResultDelivered: false, promisedResultNote: ' ' })],
      ['not-a-complaint', ASSIGNED, resolve(AT)],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });

    describe('isComplaintOverdue', () => {
      it('is false before the due time and true after it', () => {
        const state = stateAfter(COMPLAINT_ASSIGNED);
        expect(isComplaintOverdue(state, '2026-03-02T13:00:00.000Z')).toBe(false);
        expect(isComplaintOverdue(state, '2026-03-02T13:00:01.000Z')).toBe(true);
      });

      it('does not run while waiting on the customer', () => {
        const state = stateAfter([...COMPLAINT_ASSIGNED, waiting('2026-03-02T10:00:00.000Z')]);
        expect(isComplaintOverdue(state, '2026-03-09T00:00:00.000Z')).toBe(false);
      });

      it('stays overdue when the wait began after the due time', () => {
        const state = stateAfter([...COMPLAINT_ASSIGNED, waiting('2026-03-02T14:00:00.000Z')]);
        expect(isComplaintOverdue(state, '2026-03-02T15:00:00.000Z')).toBe(true);
      });

      it('is false once the complaint is resolved or withdrawn', () => {
        const late = '2026-03-09T00:00:00.000Z';
        const resolvedComplaint = stateAfter([...COMPLAINT_ASSIGNED, ...resultCommunicated, resolvedEvent]);
        expect(isComplaintOverdue(resolvedComplaint, late)).toBe(false);
        expect(
          isComplaintOverdue(
            stateAfter([
              ...COMPLAINT_ASSIGNED,
              { type: 'DemandWithdrawn', data: { demandId: 'd-1', reason: 'Settled by phone', previousStatus: 'assigned' } },
            ]),
            late,
          ),
        ).toBe(false);
      });

      it('is false for other demands and for no demand', () => {
        expect(isComplaintOverdue(stateAfter(ASSIGNED), '2026-03-09T00:00:00.000Z')).toBe(false);
        expect(isComplaintOverdue(null, '2026-03-09T00:00:00.000Z')).toBe(false);
      });
    });
  });

  describe('ResolveDemand', () => {
    const resolve = (resolution = 'Driver rolled back') => command('ResolveDemand', { resolution });

    it.each([
      ['a routine, assigned demand', ASSIGNED],
      ['a complex demand once coordinated', COORDINATED],
      ['a complex demand of one department, which needs no meeting', COMPLEX_ONE_DEPARTMENT],
    ])('resolves %s', (_what, given) => {
      expect(when(given, resolve())).toEqual([resolvedEvent]);
      expect(stateAfter([...given, resolvedEvent])?.status).toBe('resolved');
    });

    it('ends a wait on the customer', () => {
      expect(stateAfter([...ASSIGNED, waiting(), resolvedEvent])).not.toHaveProperty('waitingOnCustomerSince');
    });

    it('resolves a demand waiting on a third party', () => {
      expect(when([...ASSIGNED, waitingOnThirdParty()], resolve())).toEqual([resolvedEvent]);
    });

    it.each([
      ['not-assigned', REGISTERED, resolve()],
      ['not-assigned', TRIAGED, resolve()],
      ['coordination-required', COMPLEX_ASSIGNED, resolve()],
      ['coordination-required', COORDINATING, resolve()],
      ['resolution-required', ASSIGNED, resolve('  ')],
      // P-5.1: a demand in delivery is resolved by its case's acceptance, not by hand.
      ['resolved-by-acceptance', IN_DELIVERY, resolve()],
      ['resolved-by-acceptance', COMPLEX_IN_DELIVERY, resolve()],
      ['demand-resolved', RESOLVED, resolve()],
      ['demand-closed', CLOSED, resolve()],
      ['demand-withdrawn', WITHDRAWN, resolve()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('CloseDemand', () => {
    const close = (reason = 'Customer confirmed') => command('CloseDemand', { reason });

    it('closes a resolved demand with a reason', () => {
      expect(when(RESOLVED, close())).toEqual([closedEvent]);
      expect(stateAfter(CLOSED)?.status).toBe('closed');
    });

    it.each([
      ['not-resolved', ASSIGNED, close()],
      ['not-resolved', IN_DELIVERY, close()],
      ['reason-required', RESOLVED, close('')],
      ['demand-closed', CLOSED, close()],
      ['demand-withdrawn', WITHDRAWN, close()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('WithdrawDemand', () => {
    const withdraw = (reason = 'Customer solved it') => command('WithdrawDemand', { reason });

    it.each([
      ['registered', REGISTERED],
      ['assigned', ASSIGNED],
      ['coordinating', COORDINATING],
      ['in-delivery', IN_DELIVERY],
    ] as const)('withdraws a demand that is %s, with a reason', (status, given) => {
      const events = when([...given, waiting()], withdraw());
      expect(events).toEqual([
        { type: 'DemandWithdrawn', data: { demandId: 'd-1', reason: 'Customer solved it', previousStatus: status } },
      ]);
      const state = stateAfter([...given, waiting(), ...events]);
      expect(state?.status).toBe('withdrawn');
      expect(state).not.toHaveProperty('waitingOnCustomerSince');
    });

    it.each([
      ['reason-required', ASSIGNED, withdraw(' ')],
      ['demand-resolved', RESOLVED, withdraw()],
      ['demand-closed', CLOSED, withdraw()],
      ['demand-withdrawn', WITHDRAWN, withdraw()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });
  /** P-5 服務驗收: what becomes of a demand released to delivery is its case's to say. */
  describe('delivery outcome (P-5.1, P-5.2)', () => {
    const CASE = 'case-1';
    const accept = (at = '2026-03-09T09:00:00.000Z') =>
      command('ResolveOnAcceptance', { caseId: CASE, round: 2, acceptedAt: at }, { actor: actor('intake', [], []) });
    const giveBack = () => command('ReturnFromDelivery', { caseId: CASE }, { actor: actor('intake', [], []) });

    it('resolves a demand in delivery when its case’s acceptance passes, at the acceptance', () => {
      const events = when([...IN_DELIVERY, waiting()], accept());
      expect(events).toEqual([
        {
          type: 'DemandResolved',
          data: {
            demandId: 'd-1',
            resolution: 'The customer accepted the service in acceptance round 2 (P-5.1)',
            resolvedAt: '2026-03-09T09:00:00.000Z',
            acceptance: { caseId: CASE, round: 2 },
          },
        },
      ]);
      const state = stateAfter([...IN_DELIVERY, waiting(), ...events]);
      expect(state?.status).toBe('resolved');
      expect(state).not.toHaveProperty('waitingOnCustomerSince');
    });

    it('resolves a complaint in delivery too, saying whether it was within the promise', () => {
      const inDelivery = [...COMPLAINT_ASSIGNED, released('routine')];
      expect(when(inDelivery, accept('2026-03-02T12:00:00.000Z'))[1]).toEqual({
        type: 'ComplaintResolved',
        data: { demandId: 'd-1', dueAt: '2026-03-02T13:00:00.000Z', resolvedAt: '2026-03-02T12:00:00.000Z', withinPromise: true },
      });
    });

    it.each([
      ['routine', IN_DELIVERY, 'assigned'],
      ['coordinated', COMPLEX_IN_DELIVERY, 'coordinated'],
    ] as const)('hands a %s demand back to intake when its case is cancelled, workable as before its release', (_what, given, status) => {
      const events = when(given, giveBack());
      expect(events).toEqual([{ type: 'DemandReturnedFromDelivery', data: { demandId: 'd-1', caseId: CASE, status, returnedAt: AT } }]);
      const back = [...given, ...events];
      expect(stateAfter(back)?.status).toBe(status);
      expect(when(back, command('ResolveDemand', { resolution: 'Solved without delivery' }))).toEqual([
        { type: 'DemandResolved', data: { demandId: 'd-1', resolution: 'Solved without delivery', resolvedAt: AT } },
      ]);
      // Service delivery keeps one case a demand: it is not released again.
      expect(refusal(back, command('ReleaseToDelivery', {}))).toMatchObject(refused('delivery-case-cancelled'));
    });

    it.each([
      ['not-in-delivery', ASSIGNED, accept()],
      ['not-in-delivery', WITHDRAWN, giveBack()],
      ['demand-resolved', RESOLVED, command('ReleaseToDelivery', {})],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  /** C-2.3 向客戶承諾處理時間和結果: the company promises, not the customer. */
  describe('a customer’s complaint, promised by staff (C-2.3)', () => {
    const customer = actor('wang', ['customer'], []);
    const portal = { ...registration, kind: 'complaint' as const, channel: 'web' as const, subChannel: 'portal' as const };
    const register = (data: Partial<RegisterDemand['data']> = {}) => command('RegisterDemand', { ...portal, ...data }, { actor: customer });
    const UNPROMISED = [registered({ kind: 'complaint', channel: 'web', subChannel: 'portal' })];
    const promise = (data: { promisedResult?: string; promisedHandlingHours?: number } = {}, at = '2026-03-02T11:00:00.000Z') =>
      command('PromiseComplaintHandling', { promisedResult: PROMISED_RESULT, ...data } as { promisedResult: string }, { at });

    it('registers a customer’s complaint without a promise', () => {
      const events = when([], register());
      expect(events.map((e) => e.type)).toEqual(['DemandRegistered']);
      expect(stateAfter(events)).toMatchObject({ kind: 'complaint' });
      expect(stateAfter(events)).not.toHaveProperty('complaint');
    });

    it('refuses a promise the customer makes themselves', () => {
      expect(refusal([], register({ promisedResult: 'A full refund' }))).toMatchObject(refused('promise-by-customer'));
      expect(refusal([], register({ promisedHandlingHours: 2 }))).toMatchObject(refused('promise-by-customer'));
    });

    it('still registers a staff member’s complaint with the promise they gave', () => {
      const events = when([], command('RegisterDemand', { ...registration, kind: 'complaint', promisedHandlingHours: 24, promisedResult: PROMISED_RESULT }));
      expect(events.map((e) => e.type)).toEqual(['DemandRegistered', 'ComplaintRegistered']);
    });

    it('registers the complaint when staff promise it, its handling time running from then', () => {
      expect(when(UNPROMISED, promise({ promisedHandlingHours: 24 }))).toEqual([
        {
          type: 'ComplaintRegistered',
          data: { demandId: 'd-1', priority: 'P3', promisedHandlingHours: 24, promisedResult: PROMISED_RESULT, dueAt: '2026-03-03T11:00:00.000Z' },
        },
      ]);
    });

    it('promises the company’s default handling time for the priority when staff give none', () => {
      const [event] = when(UNPROMISED, promise());
      expect(event.data).toMatchObject({ promisedHandlingHours: 48, dueAt: '2026-03-04T11:00:00.000Z' });
    });

    it('handles and resolves the complaint only once it is promised, and keeps it a complaint', () => {
      const assignedUnpromised = [...UNPROMISED, triaged('routine'), assigned];
      expect(refusal(assignedUnpromised, command('ResolveDemand', { resolution: 'Done' }))).toMatchObject(refused('complaint-promise-required'));
      expect(refusal(assignedUnpromised, command('RecordComplaintHandlingStep', { description: 'Called' }))).toMatchObject(
        refused('complaint-promise-required'),
      );
      expect(refusal(UNPROMISED, command('ReclassifyDemand', { kind: 'enquiry', reason: 'Not a complaint' }))).toMatchObject(
        refused('complaint-kind-fixed'),
      );
    });

    it.each([
      ['not-a-complaint', REGISTERED, promise()],
      ['complaint-already-promised', complaintRegistered(), promise()],
      ['complaint-while-waiting', [...UNPROMISED, waiting()], promise()],
      ['promised-result-required', UNPROMISED, promise({ promisedResult: '  ' })],
      ['promise-not-positive', UNPROMISED, promise({ promisedHandlingHours: 0 })],
      ['demand-withdrawn', [...UNPROMISED, { type: 'DemandWithdrawn', data: { demandId: 'd-1', reason: 'Duplicate', previousStatus: 'registered' } } as DemandEvent], promise()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });
});
