import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { RecordDailyCheck, dailyCheck } from './daily-check';
import {
  DeliveryStandardVersion,
  RecordDeliveryStandardVersion,
  checklistOfStandard,
  deliveryStandard,
  deliveryStandardStream,
  deliveryStandardVersion,
} from './delivery-standard';

const AT = '2026-12-03T03:00:00.000Z';
const command = commandsOf<RecordDeliveryStandardVersion>({ at: AT, actor: actor('system:quality-monitoring', [], []) });
const { when, stateAfter } = deciderSpec(deliveryStandard);

const v1: DeliveryStandardVersion = { standardId: 'printer-repair', version: 1, businessCategory: 'technical-support', checkIds: ['power-isolated', 'parts-genuine'] };
const v2: DeliveryStandardVersion = { ...v1, version: 2, checkIds: [...v1.checkIds, 'test-page'] };
const KNOWN = [...when([], command('RecordDeliveryStandardVersion', v1)), ...when([], command('RecordDeliveryStandardVersion', v2))];

describe('delivery standards as quality monitoring scores against them (P-4.2 嚴格遵守相關技術標準、操作規範和質量要求)', () => {
  it('keeps each published version once, on the standard’s stream', () => {
    expect(deliveryStandardStream('printer-repair')).toBe('quality-monitoring.delivery-standard-printer-repair');
    expect(KNOWN).toEqual([
      { type: 'DeliveryStandardVersionRecorded', data: v1 },
      { type: 'DeliveryStandardVersionRecorded', data: v2 },
    ]);
    expect(when(KNOWN, command('RecordDeliveryStandardVersion', v1))).toEqual([]);
  });

  it('finds the version a spot check names, and refuses one never published', () => {
    const standard = stateAfter(KNOWN);
    expect(deliveryStandardVersion(standard, 'printer-repair', 2)).toEqual(v2);
    expect(() => deliveryStandardVersion(standard, 'printer-repair', 3)).toThrow(expect.objectContaining(refused('unknown-standard-version')));
    expect(() => deliveryStandardVersion(null, 'printer-repair', 1)).toThrow(expect.objectContaining({ name: 'NotFoundError' }));
  });

  it('makes each check of the version an item of equal weight, scored 0 … 1', () => {
    expect(checklistOfStandard(v2).items).toEqual([
      { itemId: 'power-isolated', text: 'power-isolated', weight: 1, maxScore: 1 },
      { itemId: 'parts-genuine', text: 'parts-genuine', weight: 1, maxScore: 1 },
      { itemId: 'test-page', text: 'test-page', weight: 1, maxScore: 1 },
    ]);
  });

  describe('a spot check against a standard', () => {
    const spotCheck = (scores: Array<{ itemId: string; score: number }>): RecordDailyCheck => ({
      type: 'RecordDailyCheck',
      data: { checkId: 'k1', caseId: 'case-1', departmentId: 'tech-support', answering: { caseId: 'case-1', known: true, departmentIds: ['tech-support'] }, kind: 'spot-check', standard: v2, scores },
      metadata: { commandId: 'c', at: AT, actor: actor('qm-zhao', ['quality-monitor'], []), correlationId: 'c' },
    });

    it('scores the share of the standard’s checks the work meets, and records the standard’s version', () => {
      const [event] = dailyCheck.decide(
        spotCheck([
          { itemId: 'power-isolated', score: 1 },
          { itemId: 'parts-genuine', score: 1 },
          { itemId: 'test-page', score: 0 },
        ]),
        null,
      );
      expect(event.data).toMatchObject({ kind: 'spot-check', standard: { standardId: 'printer-repair', version: 2 }, score: 66.67 });
      expect(event.data).not.toHaveProperty('checklist');
    });

    it.each([
      ['item-not-scored', [{ itemId: 'power-isolated', score: 1 }]],
      ['unknown-item', [{ itemId: 'greeting', score: 1 }]],
      ['score-out-of-range', [{ itemId: 'power-isolated', score: 2 }, { itemId: 'parts-genuine', score: 1 }, { itemId: 'test-page', score: 1 }]],
    ])('refuses with %s: every check of the version is scored once, 0 … 1', (code, scores) => {
      expect(() => dailyCheck.decide(spotCheck(scores), null)).toThrow(expect.objectContaining(refused(code)));
    });
  });
});
