import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { RecordAcceptanceReport } from './acceptance';
import { ServiceCaseEvent, serviceCase } from './service-case';
import {
  ACCEPTED_AT,
  ACCEPTED_WITH_CONDITIONS,
  AFTER_SALES,
  AWAITING_ACCEPTANCE,
  AWAITING_ROUND_2,
  CANCELLED,
  CLOSED,
  CONDITION,
  IN_DELIVERY,
  PLANNING,
  READY,
  RECTIFIED,
  RECTIFYING,
  REJECTED_AT,
  WORK_DONE,
  WORK_DONE_AT,
  acceptanceOrganised,
  afterSalesStarted,
  command,
  itemFixed,
  milestoneWaived,
  passed,
  people,
  rejected,
} from './testing/service-case-fixtures';

const { when, aggregateAfter, refusal } = deciderSpec(serviceCase);

const organise = (at = WORK_DONE_AT, by = people.agent) =>
  command('OrganiseAcceptance', { caseId: 'case-1' }, { actor: by, at });

const allMet = [
  { criterionId: 'c-1', met: true },
  { criterionId: 'c-2', met: true },
];
const report = (overrides: Partial<RecordAcceptanceReport['data']> = {}, at = ACCEPTED_AT) =>
  command(
    'RecordAcceptanceReport',
    {
      caseId: 'case-1',
      round: 1,
      results: allMet,
      signatory: { name: 'Li Wei', title: 'IT manager' },
      verdict: 'accepted',
      rectificationItems: [],
      ...overrides,
    },
    { actor: people.agent, at },
  );
const rejection = () =>
  report(
    {
      verdict: 'rejected',
      results: rejected.data.results,
      rectificationItems: [
        { description: 'Fix the second floor printer', criterionId: 'c-1' },
        { description: 'Translate the error messages' },
      ],
    },
    REJECTED_AT,
  );
const fix = (itemId: string, note = 'Fixed') =>
  command(
    'FixRectificationItem',
    { caseId: 'case-1', itemId, note },
    { actor: people.technician, at: '2026-03-23T09:00:00.000Z' },
  );

/** Milestone m-1 reached, m-2 still open. */
const M2_OPEN: ServiceCaseEvent[] = WORK_DONE.slice(0, 5);
const M1_WAIVED_REST_DONE: ServiceCaseEvent[] = [
  ...IN_DELIVERY,
  milestoneWaived('m-1', 'Cause known from the vendor'),
  ...WORK_DONE.slice(-3),
];

describe('acceptance and rectification (P-5.1, P-5.2)', () => {
  describe('OrganiseAcceptance', () => {
    it('organises the first round against the approved plan’s criteria once every milestone is done', () => {
      expect(when(WORK_DONE, organise())).toEqual([acceptanceOrganised(1)]);
      expect(aggregateAfter(AWAITING_ACCEPTANCE)).toMatchObject({
        status: 'awaiting-acceptance',
        rounds: [{ round: 1, planVersion: 1, criteria: [{ criterionId: 'c-1' }, { criterionId: 'c-2' }] }],
      });
    });

    it('counts a milestone waived with a reason as settled', () => {
      expect(when(M1_WAIVED_REST_DONE, organise())).toEqual([acceptanceOrganised(1)]);
    });

    it('refuses acceptance before every milestone is done or waived', () => {
      expect(refusal(IN_DELIVERY, organise())).toMatchObject({
        ...refused('milestones-outstanding'),
        message: expect.stringContaining('m-1, m-2 are not (P-4.2, P-5.1)'),
      });
      expect(refusal(M2_OPEN, organise())).toMatchObject({
        ...refused('milestones-outstanding'),
        message: expect.stringContaining('reason; m-2 are not'),
      });
    });

    it('refuses an organiser outside customer service', () => {
      expect(refusal(WORK_DONE, organise(WORK_DONE_AT, people.manager))).toMatchObject({
        ...refused('organiser-not-customer-service'),
        message: expect.stringContaining('(P-5.1)'),
      });
    });

    it('organises the next round once every rectification item is fixed', () => {
      expect(when(RECTIFIED, organise('2026-03-24T09:00:00.000Z'))).toEqual([
        acceptanceOrganised(2, '2026-03-24T09:00:00.000Z'),
      ]);
    });

    it('refuses to resubmit while rectification items are open', () => {
      expect(refusal([...RECTIFYING, itemFixed('1.1')], organise())).toMatchObject({
        ...refused('open-rectification-items'),
        message: expect.stringContaining('1.2 are not (P-5.2)'),
      });
    });

    it.each([
      ['not-ready-for-acceptance', PLANNING],
      ['not-ready-for-acceptance', READY],
      ['not-ready-for-acceptance', AWAITING_ACCEPTANCE],
      ['not-ready-for-acceptance', ACCEPTED_WITH_CONDITIONS],
      ['not-ready-for-acceptance', AFTER_SALES],
      ['case-closed', CLOSED],
      ['case-cancelled', CANCELLED],
    ])('refuses with %s', (code, given) => {
      expect(refusal(given, organise())).toMatchObject(refused(code));
    });
  });

  describe('RecordAcceptanceReport', () => {
    it('records a rejection with the customer’s rectification items, numbered by round; reports are owed again', () => {
      expect(when(AWAITING_ACCEPTANCE, rejection())).toEqual([rejected]);
      expect(aggregateAfter(RECTIFYING)).toMatchObject({
        status: 'rectifying',
        reportDueAt: '2026-03-24T09:00:00.000Z',
        rectificationItems: [
          { itemId: '1.1', round: 1, fixed: false },
          { itemId: '1.2', round: 1, fixed: false },
        ],
        rounds: [{ round: 1, verdict: 'rejected' }],
      });
    });

    it('records an outright acceptance: after-sales starts and the follow-up visits are scheduled', () => {
      expect(when(AWAITING_ACCEPTANCE, report())).toEqual([passed(1), afterSalesStarted()]);
      expect(aggregateAfter(AFTER_SALES)).toMatchObject({ status: 'after-sales', acceptedAt: ACCEPTED_AT, followUpVisits: 2 });
    });

    it('records an acceptance with conditions: the case stays accepted until they are fixed', () => {
      expect(when(AWAITING_ACCEPTANCE, report({ rectificationItems: [{ description: ' Label the printers ' }] }))).toEqual([
        passed(1, [CONDITION]),
      ]);
      expect(aggregateAfter(ACCEPTED_WITH_CONDITIONS)).toMatchObject({
        status: 'accepted',
        rectificationItems: [{ itemId: '1.1', fixed: false }],
      });
    });

    it('accepts a criterion not met when a condition answers it', () => {
      const events = when(
        AWAITING_ACCEPTANCE,
        report({
          results: [allMet[0], { criterionId: 'c-2', met: false, note: 'Only five days observed' }],
          rectificationItems: [
            { description: 'Observe two more days', criterionId: 'c-2', dueAt: '2026-03-27T09:00:00.000Z' },
          ],
        }),
      );
      expect(events).toHaveLength(1);
      expect(events[0].data).toMatchObject({
        conditions: [{ itemId: '1.1', criterionId: 'c-2', dueAt: '2026-03-27T09:00:00.000Z' }],
      });
    });

    it('repeats the cycle until accepted, keeping every round', () => {
      const events = when(AWAITING_ROUND_2, report({ round: 2 }));
      expect(events).toEqual([passed(2), afterSalesStarted()]);
      expect(aggregateAfter([...AWAITING_ROUND_2, ...events]).rounds).toMatchObject([
        { round: 1, verdict: 'rejected' },
        { round: 2, verdict: 'accepted' },
      ]);
    });

    it.each<[string, Partial<RecordAcceptanceReport['data']>]>([
      ['stale-round', { round: 2 }],
      ['unknown-criterion', { results: [...allMet, { criterionId: 'c-9', met: true }] }],
      ['duplicate-criterion-result', { results: [...allMet, allMet[0]] }],
      ['criterion-not-assessed', { results: [allMet[0]] }],
      ['signatory-required', { signatory: { name: ' ' } }],
      ['item-description-required', { rectificationItems: [{ description: '' }] }],
      ['unknown-criterion', { rectificationItems: [{ description: 'Fix', criterionId: 'c-9' }] }],
      ['invalid-instant', { rectificationItems: [{ description: 'Fix', dueAt: 'Friday' }] }],
      [
        'unmet-criterion-without-item',
        { results: [allMet[0], { criterionId: 'c-2', met: false }], rectificationItems: [{ description: 'Unrelated' }] },
      ],
      ['unmet-criterion-without-item', { verdict: 'rejected', results: [allMet[0], { criterionId: 'c-2', met: false }] }],
      ['rejection-needs-items', { verdict: 'rejected' }],
    ])('refuses with %s', (code, overrides) => {
      expect(refusal(AWAITING_ACCEPTANCE, report(overrides))).toMatchObject(refused(code));
    });

    it.each([
      ['in delivery', WORK_DONE],
      ['rectifying', RECTIFYING],
      ['in after-sales', AFTER_SALES],
    ])('refuses a report when no acceptance is organised (%s)', (_status, given) => {
      expect(refusal(given, report())).toMatchObject(refused('acceptance-not-organised'));
    });
  });

  describe('FixRectificationItem', () => {
    it('marks an item fixed with a note of what was done', () => {
      const events = when(RECTIFYING, fix('1.1', ' Fixed '));
      expect(events).toEqual([itemFixed('1.1')]);
      expect(aggregateAfter([...RECTIFYING, ...events]).rectificationItems[0]).toMatchObject({ itemId: '1.1', fixed: true });
    });

    it('starts after-sales when the last condition of an acceptance is fixed', () => {
      expect(when(ACCEPTED_WITH_CONDITIONS, fix('1.1'))).toEqual([
        itemFixed('1.1'),
        afterSalesStarted('2026-03-23T09:00:00.000Z'),
      ]);
    });

    it('stays accepted while other conditions are open', () => {
      const twoConditions = [
        ...AWAITING_ACCEPTANCE,
        passed(1, [CONDITION, { itemId: '1.2', description: 'Hand over the manuals' }]),
      ];
      expect(when(twoConditions, fix('1.2'))).toEqual([itemFixed('1.2')]);
    });

    it.each([
      ['unknown-rectification-item', RECTIFYING, fix('2.1')],
      ['item-already-fixed', RECTIFIED, fix('1.1')],
      ['fix-note-required', RECTIFYING, fix('1.1', ' ')],
      ['case-cancelled', [...RECTIFYING, { ...CANCELLED[CANCELLED.length - 1] }], fix('1.1')],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });
});
