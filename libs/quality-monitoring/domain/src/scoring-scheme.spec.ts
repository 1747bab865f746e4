import { CommandMetadata } from '@serviceledger/platform/core';
import { INDICATORS, IndicatorValues } from './period-evaluation';
import {
  MAX_REFERENCE_MINUTES,
  MAX_WEIGHT,
  ScoringSchemeVersion,
  normalise,
  rank,
  satisfactionWeightPercent,
  schemeVersion,
  scoringScheme,
  weightedScore,
} from './scoring-scheme';

const meta: CommandMetadata = { commandId: 'c', at: '2026-11-30T03:00:00Z', actor: { userId: 'qm-zhao', roles: [], departments: [] }, correlationId: 'c' };
const none = Object.fromEntries(INDICATORS.map((i) => [i, null])) as IndicatorValues;

/** The tech-support November figures of period-evaluation.spec.ts. */
const tech: IndicatorValues = {
  ...none,
  responseCompliance: 0.8,
  resolutionRate: 0.75,
  frtAverage: 92,
  satisfaction: 3.5,
  nps: 0,
  spotCheckScore: 79.25,
  complaintRate: 0.5,
  rectificationRate: 0.5,
};

/** How a score is computed, whatever a scheme may weigh: customer satisfaction is 2 of 9 here, below the floor a scheme is held to. */
const v1 = {
  weights: { responseCompliance: 3, resolutionRate: 2, satisfaction: 1, frtAverage: 1, spotCheckScore: 1, nps: 1 },
  referenceMinutes: { frtAverage: 240 },
} satisfies Pick<ScoringSchemeVersion, 'weights' | 'referenceMinutes'>;

/** A scheme as one may be defined: customer satisfaction 4 of 10, above the 30 % floor. */
const customerFirst = {
  weights: { satisfaction: 3, nps: 1, responseCompliance: 3, resolutionRate: 2, frtAverage: 1 },
  referenceMinutes: { frtAverage: 240 },
} satisfies Pick<ScoringSchemeVersion, 'weights' | 'referenceMinutes'>;
const floor = { satisfactionFloorPercent: 30 };

describe('scoring schemes and ranking (Q-2.2)', () => {
  it('normalises each indicator to 0…1, higher is better', () => {
    const references = { referenceMinutes: { frtAverage: 240, ttrP90: 1800 } };
    expect(normalise('responseCompliance', 0.8, references)).toBe(0.8);
    expect(normalise('resolutionRate', 1.25, references)).toBe(1);
    expect(normalise('rectificationRate', 0.25, references)).toBe(0.75);
    expect(normalise('complaintRate', 0.5, references)).toBe(0.5);
    expect(normalise('satisfaction', 3.5, references)).toBe(0.7);
    expect(normalise('nps', -20, references)).toBe(0.4);
    expect(normalise('spotCheckScore', 79.25, references)).toBe(0.7925);
    expect(normalise('frtAverage', 60, references)).toBe(0.75);
    expect(normalise('ttrP90', 2000, references)).toBe(0);
    expect(normalise('frtP90', 60, references)).toBeNull(); // no reference
    expect(normalise('nps', null, references)).toBeNull();
  });

  it('scores 100 × Σ weight × normalised ÷ Σ weight: (3×0.8 + 2×0.75 + 0.7 + (1 − 92/240) + 0.7925 + 0.5) ÷ 9 = 72.3241', () => {
    expect(weightedScore(tech, v1)).toBe(72.3241);
    // A second scheme that weighs only the spot checks and the complaint rate: (0.7925 + 0.5) ÷ 2 = 64.625.
    expect(weightedScore(tech, { weights: { spotCheckScore: 1, complaintRate: 1 }, referenceMinutes: {} })).toBe(64.625);
    // An indicator with nothing to count leaves the others' weights: only responseCompliance counts here.
    expect(weightedScore({ ...none, responseCompliance: 0.5 }, v1)).toBe(50);
    expect(weightedScore(none, v1)).toBeNull();
  });

  it('ranks by score, best first, ties sharing a rank, a department without a score last', () => {
    expect(
      rank([
        { departmentId: 'a', score: 80 },
        { departmentId: 'd', score: null },
        { departmentId: 'b', score: 90 },
        { departmentId: 'c', score: 80 },
        { departmentId: 'e', score: 10 },
      ]),
    ).toEqual([
      { departmentId: 'b', score: 90, rank: 1 },
      { departmentId: 'a', score: 80, rank: 2 },
      { departmentId: 'c', score: 80, rank: 2 },
      { departmentId: 'e', score: 10, rank: 4 },
      { departmentId: 'd', score: null, rank: null },
    ]);
  });

  it('versions a scheme on each revision, not on a repeat, and checks its weights', () => {
    const define = { type: 'DefineScoringScheme', data: { schemeId: 'standard', name: 'Standard', ...customerFirst, ...floor }, metadata: meta } as const;
    const [defined] = scoringScheme.decide(define, null);
    expect(defined).toEqual({
      type: 'ScoringSchemeDefined',
      data: { schemeId: 'standard', name: 'Standard', version: 1, ...customerFirst, definedAt: meta.at, definedBy: 'qm-zhao' },
    });
    const state = scoringScheme.evolve(null, defined);
    expect(() => scoringScheme.decide(define, state)).toThrow(expect.objectContaining({ code: 'scheme-exists' }));
    const revise = (weights: object, referenceMinutes: object = {}) =>
      ({ type: 'ReviseScoringScheme', data: { schemeId: 'standard', name: 'Standard', weights, referenceMinutes, ...floor }, metadata: meta }) as const;
    expect(scoringScheme.decide(revise(customerFirst.weights, customerFirst.referenceMinutes), state)).toEqual([]);
    const [revised] = scoringScheme.decide(revise({ satisfaction: 1, spotCheckScore: 1, complaintRate: 1, rectificationRate: 0 }), state);
    expect(revised).toMatchObject({ type: 'ScoringSchemeRevised', data: { version: 2, weights: { satisfaction: 1, spotCheckScore: 1, complaintRate: 1 } } });
    const both = scoringScheme.evolve(state, revised)!;
    expect(schemeVersion(both).version).toBe(2);
    expect(schemeVersion(both, 1).weights).toEqual(customerFirst.weights);
    expect(() => schemeVersion(both, 3)).toThrow();
    expect(() => scoringScheme.decide(revise({ speed: 1 }), state)).toThrow(expect.objectContaining({ code: 'unknown-indicator' }));
    expect(() => scoringScheme.decide(revise({ nps: -1 }), state)).toThrow(expect.objectContaining({ code: 'invalid-weight' }));
    expect(() => scoringScheme.decide(revise({ nps: 0 }), state)).toThrow(expect.objectContaining({ code: 'no-weights' }));
    expect(() => scoringScheme.decide(revise({ ttrP90: 1 }), state)).toThrow(expect.objectContaining({ code: 'reference-required' }));
    expect(() => scoringScheme.decide({ ...revise({ nps: 1 }), data: { ...revise({ nps: 1 }).data, schemeId: 'x' } }, null)).toThrow();
  });

  describe('customer first (G-1, 一(三)1): 以客戶滿意度為衡量服務質量的核心標準', () => {
    const define = (weights: object, satisfactionFloorPercent = 30) =>
      ({ type: 'DefineScoringScheme', data: { schemeId: 'core', name: 'Core', weights, referenceMinutes: {}, satisfactionFloorPercent }, metadata: meta }) as const;

    it('counts satisfaction, the share satisfied and NPS as customer satisfaction, in percent of the weight', () => {
      expect(satisfactionWeightPercent({ satisfaction: 1, responseCompliance: 9 })).toBe(10);
      expect(satisfactionWeightPercent({ satisfaction: 2, satisfiedShare: 1, nps: 1, responseCompliance: 6 })).toBe(40);
      expect(satisfactionWeightPercent({ spotCheckScore: 1 })).toBe(0);
    });

    it('refuses a scheme in which customer satisfaction weighs 10 %, below the 30 % floor, naming G-1', () => {
      const refusal = (() => {
        try {
          scoringScheme.decide(define({ satisfaction: 1, responseCompliance: 5, resolutionRate: 4 }), null);
        } catch (error) {
          return error as Error & { code: string };
        }
        throw new Error('not refused');
      })();
      expect(refusal.code).toBe('satisfaction-below-floor');
      expect(refusal.message).toContain('G-1');
      expect(refusal.message).toContain('10 %');
      expect(refusal.message).toContain('at least 30 %');
    });

    it('refuses a revision that takes customer satisfaction below the floor, and a scheme without it', () => {
      const [defined] = scoringScheme.decide(define({ satisfaction: 3, responseCompliance: 7 }), null);
      const state = scoringScheme.evolve(null, defined);
      const revise = { ...define({ satisfaction: 2, responseCompliance: 7 }), type: 'ReviseScoringScheme' } as const;
      expect(() => scoringScheme.decide(revise, state)).toThrow(expect.objectContaining({ code: 'satisfaction-below-floor' }));
      expect(() => scoringScheme.decide(define({ responseCompliance: 1, spotCheckScore: 1 }), null)).toThrow(expect.objectContaining({ code: 'satisfaction-below-floor' }));
    });

    it('lets a scheme weigh the accuracy measures (G-1, 一(三)2 準確性) as shares, higher is better, only within the satisfaction floor', () => {
      expect(normalise('recordAccuracy', 0.75, { referenceMinutes: {} })).toBe(0.75);
      expect(normalise('firstTimeRight', 0.6667, { referenceMinutes: {} })).toBe(0.6667);
      // Satisfaction 2 of 4 (50 %): (2 × 3.5/5 + 0.75 + 0.6667) ÷ 4 = 70.4175.
      const accuracy = { satisfaction: 2, recordAccuracy: 1, firstTimeRight: 1 };
      expect(scoringScheme.decide(define(accuracy), null)).toHaveLength(1);
      expect(weightedScore({ ...tech, recordAccuracy: 0.75, firstTimeRight: 0.6667 }, { weights: accuracy, referenceMinutes: {} })).toBe(70.4175);
      // Satisfaction 1 of 5 (20 %): below the floor.
      expect(() => scoringScheme.decide(define({ satisfaction: 1, recordAccuracy: 2, firstTimeRight: 2 }), null)).toThrow(expect.objectContaining({ code: 'satisfaction-below-floor' }));
    });

    it('accepts customer satisfaction at the floor exactly, and holds a scheme to the floor the installation configures', () => {
      expect(scoringScheme.decide(define({ satisfaction: 2, nps: 1, responseCompliance: 7 }), null)).toHaveLength(1);
      expect(() => scoringScheme.decide(define({ satisfaction: 2, nps: 1, responseCompliance: 7 }, 50), null)).toThrow(
        expect.objectContaining({ code: 'satisfaction-below-floor' }),
      );
      expect(scoringScheme.decide(define({ satisfaction: 1, responseCompliance: 9 }, 10), null)).toHaveLength(1);
    });
  });

  it(`bounds weights to 0…${MAX_WEIGHT} and reference times to ${MAX_REFERENCE_MINUTES} minutes, so no score overflows to null`, () => {
    const define = (weights: object, referenceMinutes: object = {}) =>
      ({ type: 'DefineScoringScheme', data: { schemeId: 'bounded', name: 'Bounded', weights, referenceMinutes, ...floor }, metadata: meta }) as const;
    const [heaviest] = scoringScheme.decide(define({ satisfaction: MAX_WEIGHT, frtAverage: 1 }, { frtAverage: MAX_REFERENCE_MINUTES }), null);
    expect(weightedScore(tech, heaviest.data)).not.toBeNull();
    for (const weight of [MAX_WEIGHT + 1, 1e308, Infinity, NaN]) {
      expect(() => scoringScheme.decide(define({ satisfaction: weight }), null)).toThrow(expect.objectContaining({ code: 'invalid-weight' }));
    }
    for (const minutes of [0, MAX_REFERENCE_MINUTES + 1, Infinity, NaN]) {
      expect(() => scoringScheme.decide(define({ frtAverage: 1 }, { frtAverage: minutes }), null)).toThrow(expect.objectContaining({ code: 'invalid-reference' }));
    }
  });
});
