import { CommandMetadata, RuleViolation } from '@serviceledger/platform/core';
import { Checklist, ChecklistItem, MAX_ITEM_SCORE, MAX_ITEM_WEIGHT, PublishChecklist, checklistRegistry, dailyCheck, scoreSpotCheck } from './daily-check';
import { CaseAnswering } from './tracked-case';

/** Demand d1 as quality monitoring knows it: registered by customer service, assigned to tech-support. */
const d1: CaseAnswering = { caseId: 'd1', known: true, departmentIds: ['tech-support', 'customer-service'] };

const meta: CommandMetadata = { commandId: 'c', at: '2026-11-30T03:00:00Z', actor: { userId: 'qm-zhao', roles: [], departments: [] }, correlationId: 'c' };

const checklist: Checklist = {
  checklistId: 'phone-handling',
  version: 2,
  name: 'Phone handling',
  items: [
    { itemId: 'greeting', text: 'Standard greeting', weight: 1, maxScore: 5 },
    { itemId: 'diagnosis', text: 'Problem diagnosed', weight: 3, maxScore: 10 },
  ],
};

describe('daily checks (Q-2.1)', () => {
  it('versions a checklist on each change, not on a repeat', () => {
    const publish = (items = checklist.items) =>
      ({ type: 'PublishChecklist', data: { checklistId: 'phone-handling', name: 'Phone handling', items }, metadata: meta }) as const;
    const [v1] = checklistRegistry.decide(publish(), checklistRegistry.initialState());
    expect(v1.data.version).toBe(1);
    const state = checklistRegistry.evolve(checklistRegistry.initialState(), v1);
    expect(checklistRegistry.decide(publish(), state)).toEqual([]);
    expect(checklistRegistry.decide(publish([checklist.items[0]]), state)[0].data.version).toBe(2);
    expect(() => checklistRegistry.decide(publish([{ ...checklist.items[0], weight: 0 }]), state)).toThrow(RuleViolation);
  });

  it(`bounds an item's weight to ${MAX_ITEM_WEIGHT} and its top score to ${MAX_ITEM_SCORE}, so a spot check always scores`, () => {
    const publish = (item: Partial<ChecklistItem>): PublishChecklist => ({
      type: 'PublishChecklist',
      data: { checklistId: 'bounded', name: 'Bounded', items: [{ ...checklist.items[0], ...item }] },
      metadata: meta,
    });
    const [heaviest] = checklistRegistry.decide(publish({ weight: MAX_ITEM_WEIGHT, maxScore: MAX_ITEM_SCORE }), checklistRegistry.initialState());
    expect(scoreSpotCheck(heaviest.data, [{ itemId: 'greeting', score: MAX_ITEM_SCORE }])).toBe(100);
    for (const weight of [MAX_ITEM_WEIGHT + 1, 1e308, Infinity, NaN]) {
      expect(() => checklistRegistry.decide(publish({ weight }), checklistRegistry.initialState())).toThrow(expect.objectContaining({ code: 'invalid-weight' }));
    }
    for (const maxScore of [MAX_ITEM_SCORE + 1, Infinity]) {
      expect(() => checklistRegistry.decide(publish({ maxScore }), checklistRegistry.initialState())).toThrow(expect.objectContaining({ code: 'invalid-max-score' }));
    }
  });

  it('scores a spot check as the weighted share of points: (1 × 4/5 + 3 × 7/10) ÷ 4 = 72.5', () => {
    expect(scoreSpotCheck(checklist, [{ itemId: 'greeting', score: 4 }, { itemId: 'diagnosis', score: 7 }])).toBe(72.5);
    expect(() => scoreSpotCheck(checklist, [{ itemId: 'greeting', score: 4 }])).toThrow(expect.objectContaining({ code: 'item-not-scored' }));
    expect(() => scoreSpotCheck(checklist, [{ itemId: 'greeting', score: 6 }, { itemId: 'diagnosis', score: 7 }])).toThrow(
      expect.objectContaining({ code: 'score-out-of-range' }),
    );
  });

  it('records a spot check bound to its checklist version, a review, and a revisit', () => {
    const [spot] = dailyCheck.decide(
      {
        type: 'RecordDailyCheck',
        data: { checkId: 'k1', caseId: 'd1', departmentId: 'tech-support', answering: d1, personId: 'ts-lead', kind: 'spot-check', checklist, scores: [{ itemId: 'greeting', score: 5 }, { itemId: 'diagnosis', score: 10 }] },
        metadata: meta,
      },
      null,
    );
    expect(spot.data).toMatchObject({ kind: 'spot-check', checklist: { checklistId: 'phone-handling', version: 2 }, score: 100, checkedBy: 'qm-zhao' });
    expect(() =>
      dailyCheck.decide({ type: 'RecordDailyCheck', data: { checkId: 'k2', caseId: 'd1', departmentId: 'tech-support', answering: d1, kind: 'record-review', compliant: false }, metadata: meta }, null),
    ).toThrow(expect.objectContaining({ code: 'notes-required' }));
    const [revisit] = dailyCheck.decide(
      { type: 'RecordDailyCheck', data: { checkId: 'k3', caseId: 'd1', departmentId: 'tech-support', answering: d1, kind: 'revisit', satisfied: true, customerScore: 5 }, metadata: meta },
      null,
    );
    expect(revisit.data).toMatchObject({ kind: 'revisit', satisfied: true, customerScore: 5 });
    expect(() => dailyCheck.decide({ type: 'RecordDailyCheck', data: { checkId: 'k3', caseId: 'd1', departmentId: 'x', answering: d1, kind: 'revisit', satisfied: true }, metadata: meta }, revisit.data)).toThrow(
      expect.objectContaining({ code: 'check-exists' }),
    );
  });

  describe('credits a check to a department answering for a case quality monitoring knows (Q-2.1, Q-2.2)', () => {
    const review = (departmentId: string, answering: CaseAnswering, caseId = answering.caseId) =>
      dailyCheck.decide({ type: 'RecordDailyCheck', data: { checkId: 'k9', caseId, departmentId, answering, kind: 'record-review', compliant: true }, metadata: meta }, null);

    it('to the department the demand is assigned to, or the one that registered it', () => {
      expect(review('tech-support', d1)[0].data).toMatchObject({ caseId: 'd1', departmentId: 'tech-support', compliant: true });
      expect(review('customer-service', d1)[0].data).toMatchObject({ departmentId: 'customer-service' });
      expect(review('tech-support', d1)[0].data).not.toHaveProperty('answering');
    });

    it('refuses a case no service told it of (404), and a department that does not answer for the case (409)', () => {
      expect(() => review('marketing', { caseId: 'no-such-demand', known: false, departmentIds: [] })).toThrow(
        expect.objectContaining({ name: 'NotFoundError', message: 'Case no-such-demand was not found' }),
      );
      expect(() => review('software-development', d1)).toThrow(
        expect.objectContaining({ code: 'department-not-answerable', message: 'Department software-development does not answer for case d1: tech-support and customer-service do' }),
      );
      expect(() => review('marketing', d1)).toThrow(expect.objectContaining({ code: 'department-not-answerable' }));
    });

    it('refuses a case no department answers for yet, and a command whose answering is of another case', () => {
      expect(() => review('tech-support', { caseId: 'd2', known: true, departmentIds: [] })).toThrow(expect.objectContaining({ code: 'case-not-assigned' }));
      expect(() => review('tech-support', d1, 'd2')).toThrow(expect.objectContaining({ code: 'answering-required' }));
    });
  });
});
