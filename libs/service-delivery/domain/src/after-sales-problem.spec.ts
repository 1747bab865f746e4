import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import {
  AfterSalesProblemCommand,
  AfterSalesProblemEvent,
  RaiseAfterSalesProblem,
  afterSalesProblem,
  afterSalesProblemStream,
} from './after-sales-problem';
import { DEFAULT_MEASURE_RULES, MeasureKind, MeasureRule, ProblemComplexity, ProblemNature } from './after-sales-measures';
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
const RULES_V1 = { version: 1, byNature: DEFAULT_MEASURE_RULES };
const classify = (nature: ProblemNature = 'defect', complexity: ProblemComplexity = 'simple') =>
  command('ClassifyAfterSalesProblem', { problemId: 'p-1', nature, complexity, rules: RULES_V1 });
const measure = (text = 'Reinstalled the driver', kind: MeasureKind = 'fix') =>
  command('RecordProblemMeasure', { problemId: 'p-1', kind, measure: text });
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
const then = (given: AfterSalesProblemEvent[], ...commands: AfterSalesProblemCommand[]) =>
  commands.reduce((events, cmd) => [...events, ...when(events, cmd)], given);
const HANDLED = then(RAISED, assign());
const CLASSIFIED = then(HANDLED, classify());
const MEASURED = then(CLASSIFIED, measure());
const RESOLVED = then(MEASURED, resolve());
const REOPENED = then(RESOLVED, reopen());
/** A simple defect with the fix and the root cause, resolved, then verified with the customer. */
const VERIFIED = then(MEASURED, measure('Blank pages came from a driver update', 'root-cause'), resolve(), measure('Printed a week of invoices together', 'customer-verification'));
const CLOSED = then(VERIFIED, close());
/** Measured and resolved before problems were classified: the measure has no kind. */
const LEGACY_RESOLVED: AfterSalesProblemEvent[] = [
  ...HANDLED,
  { type: 'ProblemMeasureRecorded', data: { problemId: 'p-1', measureNumber: 1, measure: 'Reinstalled the driver', recordedBy: 'li', recordedAt: AT } },
  {
    type: 'AfterSalesProblemResolved',
    data: { problemId: 'p-1', caseId: 'case-1', resolution: 'Works', stage: 'implementation', handlerId: 'li', resolvedBy: 'li', resolvedAt: AT },
  },
];

describe('after-sales problem (P-6.2, P-6.3)', () => {
  it('names its stream after the problem', () => {
    expect(afterSalesProblemStream('p-1')).toBe('service-delivery.problem-p-1');
  });

  it.each<AfterSalesProblemCommand>([assign(), classify(), measure(), resolve(), reopen(), close()])(
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

  describe('二(六)2 根據問題的性質和復雜程度，採取相應的解決措施', () => {
    it('classifies the problem by nature and complexity, with the measures its class is offered and requires under the rules version', () => {
      expect(CLASSIFIED[2]).toEqual({
        type: 'AfterSalesProblemClassified',
        data: {
          problemId: 'p-1',
          caseId: 'case-1',
          nature: 'defect',
          complexity: 'simple',
          rulesVersion: 1,
          offeredMeasures: ['root-cause', 'workaround', 'fix', 'customer-verification', 'preventive-action', 'other'],
          requiredMeasures: ['root-cause', 'fix', 'customer-verification'],
          classifiedBy: 'agent-1',
          classifiedAt: AT,
        },
      });
      expect(stateAfter(CLASSIFIED)?.classification).toMatchObject({ nature: 'defect', complexity: 'simple', rulesVersion: 1 });
    });

    it('refuses to close a defect without a root cause and a fix verified with the customer, naming what is missing', () => {
      expect(refusal(RESOLVED, close())).toMatchObject({
        ...refused('required-measures-missing'),
        message:
          'After-sales problem p-1, a simple defect problem, closes only with the measures its class requires under rules version 1: missing a root cause, the fix verified with the customer (P-6.2)',
      });
      const rootCauseOnly = then(MEASURED, measure('Driver update', 'root-cause'), resolve());
      expect(refusal(rootCauseOnly, close())).toMatchObject({ message: expect.stringContaining('missing the fix verified with the customer (P-6.2)') });
    });

    it('lets the customer verify the fix once it is resolved, but no other measure', () => {
      expect(when(RESOLVED, measure('Customer printed a week of invoices', 'customer-verification'))[0].data).toMatchObject({
        kind: 'customer-verification',
        measureNumber: 2,
      });
      expect(refusal(RESOLVED, measure('Another fix'))).toMatchObject(refused('problem-resolved'));
    });

    it('closes a usage problem with a guidance record', () => {
      const usage = then(HANDLED, classify('usage'), measure('Walked the clerk through the batch print screen', 'guidance'), resolve('acceptance'));
      expect(stateAfter(usage)?.classification?.requiredMeasures).toEqual(['guidance']);
      expect(when(usage, close())[0].type).toBe('AfterSalesProblemClosed');
    });

    it('asks more of a complex problem than of a simple one of the same nature', () => {
      const complexDefect = (...extra: AfterSalesProblemCommand[]) =>
        then(
          HANDLED,
          classify('defect', 'complex'),
          measure('Race in the spooler', 'root-cause'),
          measure('Patched the spooler'),
          ...extra,
          resolve(),
          measure('Verified with the customer', 'customer-verification'),
        );
      expect(refusal(complexDefect(), close())).toMatchObject({ message: expect.stringContaining('missing a preventive action') });
      expect(when(complexDefect(measure('Spooler added to the regression suite', 'preventive-action')), close())[0].type).toBe('AfterSalesProblemClosed');
    });

    it('counts the measures of the current round only: a reopened problem owes them again', () => {
      const reopened = then(VERIFIED, reopen(), measure('Replaced the printer'), resolve());
      expect(refusal(reopened, close())).toMatchObject({ message: expect.stringContaining('missing a root cause, the fix verified with the customer') });
    });

    it('binds the problem to the rules version current when it is classified: a later version changes nothing it owes', () => {
      const usage: MeasureRule = { offered: ['guidance', 'training'], required: { simple: ['guidance', 'training'], complex: ['guidance', 'training'] } };
      const underV2 = command('ClassifyAfterSalesProblem', { problemId: 'p-1', nature: 'usage', complexity: 'simple', rules: { version: 2, byNature: { ...DEFAULT_MEASURE_RULES, usage } } });
      expect(when(HANDLED, underV2)[0].data).toMatchObject({ rulesVersion: 2, requiredMeasures: ['guidance', 'training'] });
      expect(when(HANDLED, classify('usage'))[0].data).toMatchObject({ rulesVersion: 1, requiredMeasures: ['guidance'] });
    });

    it('reclassifies an open problem under the current rules, and refuses the same class again', () => {
      expect(when(CLASSIFIED, classify('usage', 'complex'))[0].data).toMatchObject({ nature: 'usage', requiredMeasures: ['guidance', 'training'] });
      expect(refusal(CLASSIFIED, classify())).toMatchObject(refused('classification-unchanged'));
      expect(refusal(CLASSIFIED, classify('billing' as ProblemNature))).toMatchObject(refused('unknown-problem-nature'));
      expect(refusal(CLOSED, classify('usage'))).toMatchObject(refused('problem-closed'));
    });

    it('has a problem resolved before classification classified before it closes; its measure counts as other', () => {
      expect(stateAfter(LEGACY_RESOLVED)?.measuresSinceOpened).toEqual(['other']);
      const classified = then(LEGACY_RESOLVED, classify('other'));
      expect(refusal(classified, close())).toMatchObject({ message: expect.stringContaining('missing the fix verified with the customer') });
    });
  });

  describe('RecordProblemMeasure', () => {
    it('records the handler’s measures, numbered, each of a kind its class is offered', () => {
      expect(MEASURED[3]).toEqual({
        type: 'ProblemMeasureRecorded',
        data: {
          problemId: 'p-1',
          measureNumber: 1,
          kind: 'fix',
          measure: 'Reinstalled the driver',
          recordedBy: 'agent-1',
          recordedAt: AT,
        },
      });
      expect(when(MEASURED, measure('Pinned the version'))[0].data).toMatchObject({ measureNumber: 2 });
    });

    it.each([
      ['handler-required', RAISED, measure()],
      ['classification-required', HANDLED, measure()],
      ['measure-not-offered', CLASSIFIED, measure('Showed the user the menu', 'guidance')],
      ['unknown-problem-measure', CLASSIFIED, measure('Prayed', 'luck' as MeasureKind)],
      ['measure-required', CLASSIFIED, measure(' ')],
      ['problem-resolved', RESOLVED, measure()],
      ['problem-closed', CLOSED, measure()],
      ['problem-closed', CLOSED, measure('Asked again', 'customer-verification')],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('ResolveAfterSalesProblem', () => {
    it('resolves the problem, tagged with the process stage it points back to', () => {
      expect(RESOLVED[4]).toEqual({
        type: 'AfterSalesProblemResolved',
        data: {
          problemId: 'p-1',
          caseId: 'case-1',
          resolution: 'Driver pinned to the tested version',
          stage: 'implementation',
          nature: 'defect',
          complexity: 'simple',
          handlerId: 'li',
          resolvedBy: 'agent-1',
          resolvedAt: AT,
        },
      });
      expect(stateAfter(RESOLVED)?.status).toBe('resolved');
    });

    it.each([
      ['measures-required', CLASSIFIED, resolve()],
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
      expect(REOPENED[5]).toEqual({
        type: 'AfterSalesProblemReopened',
        data: { problemId: 'p-1', caseId: 'case-1', reason: 'Blank again on Friday', reopenedBy: 'agent-1', reopenedAt: AT },
      });
      expect(stateAfter(REOPENED)).toMatchObject({ status: 'handling', measuresSinceOpened: [] });
    });

    it('closes a resolved problem with the measures its class requires', () => {
      expect(when(VERIFIED, close(' Customer confirmed '))).toEqual([
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
      ['classification-required', LEGACY_RESOLVED, close()],
      ['problem-not-resolved', MEASURED, close()],
      ['problem-closed', CLOSED, reopen()],
      ['problem-closed', CLOSED, close()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });
});
