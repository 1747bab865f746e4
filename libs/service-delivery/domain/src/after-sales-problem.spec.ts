import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import {
  AfterSalesProblemCommand,
  AfterSalesProblemEvent,
  RaiseAfterSalesProblem,
  afterSalesProblem,
  afterSalesProblemStream,
} from './after-sales-problem';
import { ProcessStage } from './process-stage';

const AT = '2026-04-10T09:00:00.000Z';
const agent = actor('agent-1', ['agent'], ['customer-service']);
const command = commandsOf<AfterSalesProblemCommand>({ at: AT, actor: agent });
const { when, stateAfter, refusal } = deciderSpec(afterSalesProblem);

const acceptedCase = {
  caseId: 'case-1',
  reference: 'SR-2026-000123',
  customerId: 'c-1',
  departmentId: 'software-development',
  acceptedAt: '2026-03-25T09:00:00.000Z',
};
const raise = (overrides: Partial<RaiseAfterSalesProblem['data']> = {}) =>
  command('RaiseAfterSalesProblem', {
    problemId: 'p-1',
    serviceCase: acceptedCase,
    source: 'customer',
    description: ' Invoices print blank since Monday ',
    ...overrides,
  });
const assign = (handlerId = 'li', reason?: string) =>
  command('AssignProblemHandler', { problemId: 'p-1', handlerId, ...(reason !== undefined ? { reason } : {}) });
const measure = (text = 'Reinstalled the driver') => command('RecordProblemMeasure', { problemId: 'p-1', measure: text });
const resolve = (stage: ProcessStage = 'implementation', resolution = 'Driver pinned to the tested version') =>
  command('ResolveAfterSalesProblem', { problemId: 'p-1', resolution, stage });
const reopen = (reason = 'Blank again on Friday') => command('ReopenAfterSalesProblem', { problemId: 'p-1', reason });
const close = (note?: string) =>
  command('CloseAfterSalesProblem', { problemId: 'p-1', ...(note !== undefined ? { note } : {}) });

const RAISED: AfterSalesProblemEvent[] = [
  {
    type: 'AfterSalesProblemRaised',
    data: {
      problemId: 'p-1',
      caseId: 'case-1',
      reference: 'SR-2026-000123',
      customerId: 'c-1',
      departmentId: 'software-development',
      source: 'customer',
      description: 'Invoices print blank since Monday',
      raisedBy: 'agent-1',
      raisedAt: AT,
    },
  },
];
const HANDLED = [...RAISED, ...when(RAISED, assign())];
const MEASURED = [...HANDLED, ...when(HANDLED, measure())];
const RESOLVED = [...MEASURED, ...when(MEASURED, resolve())];
const REOPENED = [...RESOLVED, ...when(RESOLVED, reopen())];
const CLOSED = [...RESOLVED, ...when(RESOLVED, close())];

describe('after-sales problem (P-6.2, P-6.3)', () => {
  it('names its stream after the problem', () => {
    expect(afterSalesProblemStream('p-1')).toBe('service-delivery.problem-p-1');
  });

  it.each<AfterSalesProblemCommand>([assign(), measure(), resolve(), reopen(), close()])(
    'refuses $type for a problem never raised',
    (cmd) => {
      expect(refusal([], cmd)).toMatchObject({ name: 'NotFoundError', what: 'After-sales problem', id: 'p-1' });
    },
  );

  describe('RaiseAfterSalesProblem', () => {
    it('raises a problem on an accepted case', () => {
      expect(when([], raise())).toEqual(RAISED);
      expect(stateAfter(RAISED)).toMatchObject({ status: 'raised', measures: 0 });
    });

    it('raises a problem found on a follow-up visit, naming the visit', () => {
      const [event] = when([], raise({ source: 'follow-up-visit', visitId: 'case-1-visit-1' }));
      expect(event.data).toMatchObject({ source: 'follow-up-visit', visitId: 'case-1-visit-1' });
    });

    it('refuses a problem on a case not yet accepted', () => {
      const { acceptedAt: _acceptedAt, ...notAccepted } = acceptedCase;
      expect(refusal([], raise({ serviceCase: notAccepted }))).toMatchObject({
        ...refused('case-not-accepted'),
        message: expect.stringContaining('(P-6.2)'),
      });
    });

    it.each<[string, Partial<RaiseAfterSalesProblem['data']>]>([
      ['visit-source-mismatch', { source: 'follow-up-visit' }],
      ['visit-source-mismatch', { source: 'customer', visitId: 'case-1-visit-1' }],
      ['description-required', { description: ' ' }],
    ])('refuses with %s', (code, overrides) => {
      expect(refusal([], raise(overrides))).toMatchObject(refused(code));
    });

    it('refuses to raise the same problem twice', () => {
      expect(refusal(RAISED, raise())).toMatchObject(refused('problem-already-raised'));
    });
  });

  describe('AssignProblemHandler', () => {
    it('names a handler: the problem is being handled', () => {
      expect(HANDLED[1]).toEqual({
        type: 'ProblemHandlerAssigned',
        data: { problemId: 'p-1', caseId: 'case-1', handlerId: 'li', assignedBy: 'agent-1', assignedAt: AT },
      });
      expect(stateAfter(HANDLED)).toMatchObject({ status: 'handling', handlerId: 'li' });
    });

    it('hands the problem over to another handler with a reason', () => {
      const [event] = when(HANDLED, assign('zhao', ' Needs a developer '));
      expect(event.data).toMatchObject({ handlerId: 'zhao', previousHandlerId: 'li', reason: 'Needs a developer' });
    });

    it.each([
      ['reason-required', HANDLED, assign('zhao')],
      ['handler-unchanged', HANDLED, assign('li')],
      ['problem-closed', CLOSED, assign('zhao', 'Late')],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('RecordProblemMeasure', () => {
    it('records the handler’s measures, numbered', () => {
      expect(MEASURED[2]).toEqual({
        type: 'ProblemMeasureRecorded',
        data: {
          problemId: 'p-1',
          measureNumber: 1,
          measure: 'Reinstalled the driver',
          recordedBy: 'agent-1',
          recordedAt: AT,
        },
      });
      expect(when(MEASURED, measure('Pinned the version'))[0].data).toMatchObject({ measureNumber: 2 });
    });

    it.each([
      ['handler-required', RAISED, measure()],
      ['measure-required', HANDLED, measure(' ')],
      ['problem-resolved', RESOLVED, measure()],
      ['problem-closed', CLOSED, measure()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('ResolveAfterSalesProblem', () => {
    it('resolves the problem, tagged with the process stage it points back to', () => {
      expect(RESOLVED[3]).toEqual({
        type: 'AfterSalesProblemResolved',
        data: {
          problemId: 'p-1',
          caseId: 'case-1',
          resolution: 'Driver pinned to the tested version',
          stage: 'implementation',
          handlerId: 'li',
          resolvedBy: 'agent-1',
          resolvedAt: AT,
        },
      });
      expect(stateAfter(RESOLVED)?.status).toBe('resolved');
    });

    it.each([
      ['measures-required', HANDLED, resolve()],
      ['measures-required', REOPENED, resolve()],
      ['handler-required', RAISED, resolve()],
      ['resolution-required', MEASURED, resolve('implementation', '')],
      ['unknown-process-stage', MEASURED, resolve('billing' as ProcessStage)],
      ['problem-resolved', RESOLVED, resolve()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });

    it('resolves a reopened problem after a new measure', () => {
      const again = [...REOPENED, ...when(REOPENED, measure('Replaced the printer'))];
      expect(when(again, resolve('planning'))[0].data).toMatchObject({ stage: 'planning' });
    });
  });

  describe('ReopenAfterSalesProblem and CloseAfterSalesProblem', () => {
    it('reopens a resolved problem with a reason', () => {
      expect(REOPENED[4]).toEqual({
        type: 'AfterSalesProblemReopened',
        data: { problemId: 'p-1', caseId: 'case-1', reason: 'Blank again on Friday', reopenedBy: 'agent-1', reopenedAt: AT },
      });
      expect(stateAfter(REOPENED)).toMatchObject({ status: 'handling', measuresSinceOpened: 0 });
    });

    it('closes a resolved problem', () => {
      expect(when(RESOLVED, close(' Customer confirmed '))).toEqual([
        {
          type: 'AfterSalesProblemClosed',
          data: { problemId: 'p-1', caseId: 'case-1', note: 'Customer confirmed', closedBy: 'agent-1', closedAt: AT },
        },
      ]);
      expect(stateAfter(CLOSED)?.status).toBe('closed');
    });

    it.each([
      ['reason-required', RESOLVED, reopen(' ')],
      ['problem-not-resolved', MEASURED, reopen()],
      ['problem-not-resolved', MEASURED, close()],
      ['problem-closed', CLOSED, reopen()],
      ['problem-closed', CLOSED, close()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });
});
