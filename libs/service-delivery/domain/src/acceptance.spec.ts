import { Actor } from '@serviceledger/platform/core';
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
  caseOpened,
  command,
  contractCriteria,
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
const report = (overrides: Partial<RecordAcceptanceReport['data']> = {}, at = ACCEPTED_AT, by: Actor = people.customer) =>
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
    { actor: by, at },
  );
const SCAN_SHA256 = 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778';
const paperReport = (signedDocument?: RecordAcceptanceReport['data']['signedDocument'], by = people.agent) =>
  report(signedDocument ? { signedDocument } : {}, ACCEPTED_AT, by);
const agree = (version: number, overrides: object = {}, by = people.agent) =>
  command(
    'RecordContractAcceptanceCriteria',
    {
      caseId: 'case-1',
      contractReference: 'SC-2026-017',
      version,
      criteria: contractCriteria().data.criteria,
      ...overrides,
    },
    { actor: by, at: '2026-03-03T09:00:00.000Z' },
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
const M2_OPEN: ServiceCaseEvent[] = WORK_DONE.slice(0, -3);
/** Every milestone done, but no criteria recorded from the contract. */
const NO_CONTRACT_CRITERIA: ServiceCaseEvent[] = WORK_DONE.filter((e) => e.type !== 'ContractAcceptanceCriteriaRecorded');
const M1_WAIVED_REST_DONE: ServiceCaseEvent[] = [
  ...IN_DELIVERY,
  milestoneWaived('m-1', 'Cause known from the vendor'),
  ...WORK_DONE.slice(-3),
];

describe('acceptance and rectification (P-5.1, P-5.2)', () => {
  describe('RecordContractAcceptanceCriteria: "按照服務合同或協議約定的驗收標準"', () => {
    it('records the contract’s criteria on the case, with the contract reference and version', () => {
      expect(when([caseOpened()], agree(1))).toEqual([contractCriteria()]);
      expect(aggregateAfter([caseOpened(), contractCriteria()]).contractCriteria).toEqual({
        contractReference: 'SC-2026-017',
        version: 1,
        criteria: contractCriteria().data.criteria,
      });
    });

    it('replaces them with a newer version agreed between rounds, which the next round is held to', () => {
      const amended = [{ criterionId: 'c-3', text: 'Every printer prints the new invoice layout' }];
      const events = when(RECTIFIED, agree(2, { contractReference: 'SC-2026-017/A1', criteria: amended }));
      expect(events).toEqual([
        { ...contractCriteria(2, amended), data: { ...contractCriteria(2, amended).data, contractReference: 'SC-2026-017/A1' } },
      ]);
      const [round2] = when([...RECTIFIED, ...events], organise('2026-03-24T09:00:00.000Z'));
      expect(round2.data).toMatchObject({ round: 2, criteria: amended, contract: { contractReference: 'SC-2026-017/A1', version: 2 } });
    });

    it.each<[string, ServiceCaseEvent[], ReturnType<typeof agree>]>([
      ['stale-criteria-version', READY, agree(1)],
      ['recorder-not-customer-service', PLANNING, agree(1, {}, people.manager)],
      ['contract-reference-required', PLANNING, agree(1, { contractReference: ' ' })],
      ['acceptance-criteria-required', PLANNING, agree(1, { criteria: [] })],
      ['criterion-text-required', PLANNING, agree(1, { criteria: [{ criterionId: 'c-1', text: ' ' }] })],
      ['duplicate-criterion-id', PLANNING, agree(1, { criteria: [{ criterionId: 'c-1', text: 'A' }, { criterionId: 'c-1', text: 'B' }] })],
      ['criteria-change-too-late', AWAITING_ACCEPTANCE, agree(2)],
      ['criteria-change-too-late', AFTER_SALES, agree(2)],
      ['case-closed', CLOSED, agree(2)],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });

  describe('OrganiseAcceptance', () => {
    it('organises the first round against the contract’s criteria once every milestone is done', () => {
      expect(when(WORK_DONE, organise())).toEqual([acceptanceOrganised(1)]);
      expect(aggregateAfter(AWAITING_ACCEPTANCE)).toMatchObject({
        status: 'awaiting-acceptance',
        rounds: [
          {
            round: 1,
            planVersion: 1,
            contract: { contractReference: 'SC-2026-017', version: 1 },
            criteria: [{ criterionId: 'c-1' }, { criterionId: 'c-2' }],
          },
        ],
      });
    });

    it('refuses a round before the contract’s criteria are recorded: the plan’s own criteria are not the measure', () => {
      expect(NO_CONTRACT_CRITERIA).toHaveLength(WORK_DONE.length - 1);
      expect(refusal(NO_CONTRACT_CRITERIA, organise())).toMatchObject({
        ...refused('contract-criteria-missing'),
        message: expect.stringContaining('(P-5.1)'),
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

  describe('RecordAcceptanceReport: "客戶…進行驗收，填寫驗收報告"', () => {
    it('takes the report the customer fills in through the portal, the portal user as signatory', () => {
      const [accepted] = when(AWAITING_ACCEPTANCE, report());
      expect(accepted.data).toMatchObject({
        form: 'portal',
        signatory: { name: 'Li Wei', title: 'IT manager', userId: 'li.wei@customer' },
        recordedBy: 'li.wei@customer',
      });
      expect(accepted.data).not.toHaveProperty('signedDocument');
    });

    it('refuses a report from another customer’s user', () => {
      const stranger = { ...people.customer, userId: 'wong@beta', customerId: 'c-2' };
      expect(refusal(AWAITING_ACCEPTANCE, report({}, ACCEPTED_AT, stranger))).toMatchObject({
        ...refused('not-the-customer'),
        message: expect.stringContaining('(P-5.1)'),
      });
    });

    it('takes a paper report from customer service only with the signed document’s hash', () => {
      expect(refusal(AWAITING_ACCEPTANCE, paperReport())).toMatchObject(refused('signed-document-required'));
      expect(refusal(AWAITING_ACCEPTANCE, paperReport({ sha256: 'not-a-hash' }))).toMatchObject(
        refused('signed-document-required'),
      );
      const [accepted] = when(AWAITING_ACCEPTANCE, paperReport({ sha256: SCAN_SHA256.toUpperCase(), fileName: ' report.pdf ' }));
      expect(accepted.data).toMatchObject({
        form: 'paper',
        signatory: { name: 'Li Wei', title: 'IT manager' },
        signedDocument: { sha256: SCAN_SHA256, fileName: 'report.pdf' },
        recordedBy: 'agent-1',
      });
      expect(accepted.data).not.toHaveProperty('signatory.userId');
    });

    it('refuses a paper report recorded outside customer service', () => {
      expect(refusal(AWAITING_ACCEPTANCE, paperReport({ sha256: SCAN_SHA256 }, people.manager))).toMatchObject(
        refused('recorder-not-customer-service'),
      );
    });

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
