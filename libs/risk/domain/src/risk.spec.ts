import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { RiskCommand, RiskEvent, risk } from './risk';
import { DEFAULT_CADENCES, DEFAULT_MATRIX, DEFAULT_RESPONSE_RULES, ResponseRuleBook, RiskMatrix } from './risk-policy';

const { when, stateAfter, aggregateAfter, refusal } = deciderSpec(risk);
const officer = actor('officer-li', ['risk-officer'], ['risk-office']);
const command = commandsOf<RiskCommand, { riskId: string }>({ at: '2026-10-10T02:00:00.000Z', actor: officer, data: { riskId: 'r-1' } });

const matrix: RiskMatrix = { ...DEFAULT_MATRIX, version: 1, publishedAt: '2026-01-01T00:00:00.000Z', publishedBy: 'risk-service' };
const rules: ResponseRuleBook = { version: 1, rules: DEFAULT_RESPONSE_RULES, publishedAt: '2026-01-01T00:00:00.000Z', publishedBy: 'risk-service' };
const policy = { matrix, reviewCadences: DEFAULT_CADENCES.review };

const identified: RiskEvent = {
  type: 'RiskIdentified',
  data: {
    riskId: 'r-1',
    category: 'technical',
    title: 'Single database server',
    ownerId: 'ops-wang',
    departmentId: 'operations',
    causes: ['No replica'],
    consequences: ['Outage of every service'],
    links: [{ kind: 'equipment', id: 'db-01' }],
    identifiedAt: '2026-10-01T02:00:00.000Z',
    identifiedBy: 'officer-li',
  },
};

/** Decides and returns the history with the new events: the next step's "given". */
const then = (given: RiskEvent[], c: RiskCommand): RiskEvent[] => [...given, ...when(given, c)];

describe('a risk of the register (K-1.1)', () => {
  it('is identified in one of the five categories, with owner, department, causes, consequences and links', () => {
    const [event] = when([], command('IdentifyRisk', { ...identified.data, causes: [' No replica ', ''], links: [...identified.data.links, ...identified.data.links] }, { at: '2026-10-01T02:00:00.000Z' }));
    expect(event).toEqual(identified);
    expect(aggregateAfter([identified])).toMatchObject({ state: 'identified', changedAt: '2026-10-01T02:00:00.000Z', assessments: [] });
    expect(refusal([], command('IdentifyRisk', { ...identified.data, category: 'weather' }))).toMatchObject(refused('unknown-category'));
    expect(refusal([identified], command('IdentifyRisk', identified.data))).toMatchObject(refused('risk-exists'));
  });

  it('is revised field by field, and a revision that changes nothing appends nothing', () => {
    expect(when([identified], command('ReviseRisk', { ownerId: 'ops-zhou', title: 'Single database server' }))).toEqual([
      { type: 'RiskRevised', data: { riskId: 'r-1', ownerId: 'ops-zhou', revisedAt: '2026-10-10T02:00:00.000Z', revisedBy: 'officer-li' } },
    ]);
    expect(when([identified], command('ReviseRisk', { title: 'Single database server' }))).toEqual([]);
  });
});

describe('assessment on the versioned matrix (K-1.2)', () => {
  it('gives the level of the cell, keeps every assessment and sets the next review by band', () => {
    const first = then([identified], command('AssessRisk', { likelihood: 2, impact: 2, controllable: true, ...policy }));
    expect(first.at(-1)).toEqual({
      type: 'RiskAssessed',
      data: {
        riskId: 'r-1',
        category: 'technical',
        departmentId: 'operations',
        ownerId: 'ops-wang',
        assessmentNumber: 1,
        likelihood: 2,
        impact: 2,
        level: 'low',
        band: 'low',
        matrixVersion: 1,
        controllable: true,
        assessedAt: '2026-10-10T02:00:00.000Z',
        assessedBy: 'officer-li',
        nextReviewDue: '2027-10-10T02:00:00.000Z',
      },
    });
    const second = then(first, command('AssessRisk', { likelihood: 4, impact: 5, controllable: true, rationale: 'Disk errors', ...policy }, { at: '2026-11-01T02:00:00.000Z' }));
    expect(second.at(-1)).toMatchObject({ data: { assessmentNumber: 2, level: 'high', band: 'high', previousBand: 'low', nextReviewDue: '2026-12-01T02:00:00.000Z', previousReviewDue: '2027-10-10T02:00:00.000Z' } });
    expect(aggregateAfter(second)).toMatchObject({ state: 'assessed', assessments: [{ level: 'low' }, { level: 'high', rationale: 'Disk errors' }] });
  });

  it('levels on an organisation\'s own 4 × 4 scale with its labels, and the assessment keeps that version', () => {
    const own: RiskMatrix = {
      version: 2,
      likelihoodSteps: 4,
      impactSteps: 4,
      levels: [
        { label: 'green', band: 'low' },
        { label: 'amber', band: 'medium' },
        { label: 'red', band: 'high' },
      ],
      cells: [1, 2, 3, 4].map((l) => [1, 2, 3, 4].map((i) => (l * i <= 3 ? 'green' : l * i <= 8 ? 'amber' : 'red'))),
      publishedAt: '2026-10-05T00:00:00.000Z',
      publishedBy: 'officer-li',
    };
    expect(when([identified], command('AssessRisk', { likelihood: 3, impact: 4, controllable: true, matrix: own, reviewCadences: DEFAULT_CADENCES.review }))[0]).toMatchObject({
      data: { level: 'red', band: 'high', matrixVersion: 2 },
    });
    expect(refusal([identified], command('AssessRisk', { likelihood: 5, impact: 1, controllable: true, matrix: own, reviewCadences: DEFAULT_CADENCES.review }))).toMatchObject(refused('off-the-scale'));
  });
});

describe('responses checked by the versioned rules (K-2.1)', () => {
  const high = then([identified], command('AssessRisk', { likelihood: 5, impact: 4, controllable: true, ...policy }));
  const low = then([identified], command('AssessRisk', { likelihood: 1, impact: 2, controllable: true, ...policy }));
  const accept = command('ChooseResponse', { strategy: 'accept', description: 'Watch it', actions: [], rules });

  it('refuses to accept a high risk, naming the rule', () => {
    const error = refusal(high, accept);
    expect(error).toMatchObject(refused('response-rule'));
    expect((error as Error).message).toContain('Rule "accept-only-low-risks" (response rules v1)');
  });

  it('accepts a high risk under an exception a manager approved with its reason, and records the state it applied to', () => {
    const head = actor('head-chen', ['department-head'], ['operations']);
    const approved = then(high, command('ApproveResponseException', { exceptionId: 'x-1', strategy: 'accept', reason: 'Replacement ordered', rules }, { actor: head }));
    expect(approved.at(-1)).toMatchObject({ type: 'ResponseExceptionApproved', data: { exceptionId: 'x-1', rule: 'accept-only-low-risks', approvedBy: 'head-chen', assessmentNumber: 1, level: 'high' } });
    const [chosen] = when(approved, accept);
    expect(chosen).toMatchObject({ type: 'RiskResponseChosen', data: { strategy: 'accept', exceptionId: 'x-1', appliesTo: { assessmentNumber: 1, level: 'high', band: 'high', warnings: 0 } } });
    expect(aggregateAfter([...approved, chosen])).toMatchObject({ state: 'monitoring', responses: [{ status: 'in-force' }] });
    expect(refusal(low, command('ApproveResponseException', { exceptionId: 'x-2', strategy: 'accept', reason: 'x', rules }))).toMatchObject(refused('exception-not-needed'));
  });

  it('avoids only high risks that cannot be controlled; transfers and reduces at any level', () => {
    const avoid = command('ChooseResponse', { strategy: 'avoid', description: 'End the contract', actions: [], rules });
    expect((refusal(high, avoid) as Error).message).toContain('"avoid-only-high-uncontrollable-risks"');
    const uncontrollable = then([identified], command('AssessRisk', { likelihood: 5, impact: 4, controllable: false, ...policy }));
    expect(when(uncontrollable, avoid)).toHaveLength(1);
    for (const given of [low, high]) expect(when(given, command('ChooseResponse', { strategy: 'transfer', description: 'Insurance', actions: [], rules }))).toHaveLength(1);
    expect(refusal([identified], accept)).toMatchObject(refused('not-assessed'));
  });

  it('tracks actions with owners and due dates: overdue once, monitoring when all are done', () => {
    const reduce = then(high, command('ChooseResponse', { strategy: 'reduce', description: 'Add a replica', actions: [{ description: 'Order a server', ownerId: 'ops-wang', dueAt: '2026-10-20T10:00:00+08:00' }], rules }));
    expect(aggregateAfter(reduce)).toMatchObject({ state: 'responding', responses: [{ actions: [{ actionNumber: 1, dueAt: '2026-10-20T02:00:00.000Z', done: false }] }] });
    const due = command('MarkResponseActionOverdue', { responseNumber: 1, actionNumber: 1, dueAt: '2026-10-20T02:00:00.000Z' }, { at: '2026-10-20T02:00:00.000Z' });
    const overdue = then(reduce, due);
    expect(overdue.at(-1)).toEqual({
      type: 'ResponseActionOverdue',
      data: { riskId: 'r-1', responseNumber: 1, actionNumber: 1, strategy: 'reduce', description: 'Order a server', ownerId: 'ops-wang', departmentId: 'operations', dueAt: '2026-10-20T02:00:00.000Z', overdueAt: '2026-10-20T02:00:00.000Z' },
    });
    expect(when(overdue, due)).toEqual([]);
    const done = then(overdue, command('CompleteResponseAction', { responseNumber: 1, actionNumber: 1, outcome: 'Replica running' }, { at: '2026-10-22T02:00:00.000Z' }));
    expect(done.at(-1)).toMatchObject({ data: { late: true } });
    expect(aggregateAfter(done)).toMatchObject({ state: 'monitoring' });
  });
});

describe('material changes send an acceptance back for re-approval (K-2.1)', () => {
  const low = then([identified], command('AssessRisk', { likelihood: 1, impact: 2, controllable: true, ...policy }));
  const accepted = then(low, command('ChooseResponse', { strategy: 'accept', description: 'Watch it', actions: [], expiresOn: '2027-01-01T00:00:00+08:00', rules }));

  it('a reassessment to a higher band', () => {
    const raised = when(accepted, command('AssessRisk', { likelihood: 3, impact: 3, controllable: true, ...policy }));
    expect(raised.map((e) => e.type)).toEqual(['RiskAssessed', 'ResponseReapprovalRequired']);
    expect(raised[1]).toMatchObject({ data: { responseNumber: 1, reason: 'level-raised' } });
    expect(when(accepted, command('AssessRisk', { likelihood: 2, impact: 1, controllable: true, ...policy })).map((e) => e.type)).toEqual(['RiskAssessed']);
    const pending = [...accepted, ...raised];
    expect(aggregateAfter(pending).responses[0]).toMatchObject({ status: 'awaiting-reapproval' });
    expect(refusal(pending, command('ReapproveResponse', { reason: 'Still fine', rules }))).toMatchObject(refused('response-rule'));
  });

  it('a new linked warning, linked once', () => {
    const link = command('LinkWarning', { warningId: 'w-1', indicatorId: 'k-1', severity: 'red', raisedAt: '2026-10-11T00:00:00.000Z' });
    const linked = when(accepted, link);
    expect(linked.map((e) => e.type)).toEqual(['WarningLinked', 'ResponseReapprovalRequired']);
    const after = [...accepted, ...linked];
    expect(when(after, link)).toEqual([]);
    const reapproved = when(after, command('ReapproveResponse', { reason: 'The warning was a false alarm', rules }));
    expect(reapproved).toMatchObject([{ type: 'ResponseReapproved', data: { responseNumber: 1, appliesTo: { warnings: 1, level: 'low' } } }]);
    expect(aggregateAfter([...after, ...reapproved]).responses[0]).toMatchObject({ status: 'in-force', appliesTo: { warnings: 1 } });
  });

  it('an acceptance expiring', () => {
    const expire = command('ExpireAcceptance', { responseNumber: 1, expiresOn: '2026-12-31T16:00:00.000Z' }, { at: '2026-12-31T16:00:00.000Z' });
    expect(when(accepted, expire)).toMatchObject([{ type: 'ResponseReapprovalRequired', data: { reason: 'acceptance-expired' } }]);
    expect(when(accepted, command('ExpireAcceptance', { responseNumber: 1, expiresOn: '2026-12-01T00:00:00.000Z' }))).toEqual([]);
  });
});

describe('reviews on a cadence by level (K-3.1)', () => {
  const medium = then([identified], command('AssessRisk', { likelihood: 2, impact: 3, controllable: true, ...policy }));

  it('record the reassessment and whether the response works', () => {
    const reviewed = when(medium, command('RecordReview', { likelihood: 2, impact: 2, controllable: true, responseEffective: true, notes: 'Replica in place', ...policy }, { at: '2027-01-05T02:00:00.000Z' }));
    expect(reviewed.map((e) => e.type)).toEqual(['RiskAssessed', 'RiskReviewed']);
    expect(reviewed[0]).toMatchObject({ data: { assessmentNumber: 2, reviewNumber: 1, level: 'low', nextReviewDue: '2028-01-05T02:00:00.000Z' } });
    expect(reviewed[1]).toEqual({
      type: 'RiskReviewed',
      data: { riskId: 'r-1', reviewNumber: 1, assessmentNumber: 2, responseEffective: true, notes: 'Replica in place', reviewedAt: '2027-01-05T02:00:00.000Z', reviewedBy: 'officer-li', dueAt: '2027-01-10T02:00:00.000Z', late: false },
    });
    expect(refusal([identified], command('RecordReview', { likelihood: 2, impact: 2, controllable: true, responseEffective: true, notes: 'x', ...policy }))).toMatchObject(refused('not-assessed'));
  });

  it('fall overdue at the due time they were planned for, once', () => {
    const due = command('MarkReviewOverdue', { dueAt: '2027-01-10T02:00:00.000Z' }, { at: '2027-01-10T02:00:00.000Z' });
    const overdue = when(medium, due);
    expect(overdue).toEqual([
      {
        type: 'RiskReviewOverdue',
        data: { riskId: 'r-1', title: 'Single database server', category: 'technical', ownerId: 'ops-wang', departmentId: 'operations', level: 'medium', band: 'medium', dueAt: '2027-01-10T02:00:00.000Z', overdueAt: '2027-01-10T02:00:00.000Z' },
      },
    ]);
    expect(when([...medium, ...overdue], due)).toEqual([]);
    expect(when(medium, command('MarkReviewOverdue', { dueAt: '2026-12-01T00:00:00.000Z' }))).toEqual([]);
  });

  it('stop when the risk is closed, which refuses further work', () => {
    const closed = then(medium, command('CloseRisk', { reason: 'Server replaced' }));
    expect(closed.at(-1)).toMatchObject({ type: 'RiskClosed', data: { pendingReviewDue: '2027-01-10T02:00:00.000Z' } });
    expect(stateAfter(closed)).toMatchObject({ state: 'closed', closeReason: 'Server replaced' });
    expect(when(closed, command('MarkReviewOverdue', { dueAt: '2027-01-10T02:00:00.000Z' }))).toEqual([]);
    expect(refusal(closed, command('LinkWarning', { warningId: 'w-9', raisedAt: '2027-01-01T00:00:00Z' }))).toMatchObject(refused('risk-closed'));
  });
});
