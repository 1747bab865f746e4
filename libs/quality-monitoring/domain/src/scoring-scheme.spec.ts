import { CommandMetadata } from '@serviceledger/platform/core';
import { INDICATORS, IndicatorValues } from './period-evaluation';
import { MAX_REFERENCE_MINUTES, MAX_WEIGHT, ScoringSchemeVersion, normalise, rank, schemeVersion, scoringScheme, weightedScore } from './scoring-scheme';

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

const v1 = {
  weights: { responseCompliance: 3, resolutionRate: 2, satisfaction: 1, frtAverage: 1, spotCheckScore: 1, nps: 1 },
  referenceMinutes: { frtAverage: 240 },
} satisfies Pick<ScoringSchemeVersion, 'weights' | 'referenceMinutes'>;

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
    const define = { type: 'DefineScoringScheme', data: { schemeId: 'standard', name: 'Standard', ...v1 }, metadata: meta } as const;
    const [defined] = scoringScheme.decide(define, null);
    expect(defined).toEqual({
      type: 'ScoringSchemeDefined',
      data: { schemeId: 'standard', name: 'Standard', version: 1, ...v1, definedAt: meta.at, definedBy: 'qm-zhao' },
    });
    const state = scoringScheme.evolve(null, defined);
    expect(() => scoringScheme.decide(define, state)).toThrow(expect.objectContaining({ code: 'scheme-exists' }));
    const revise = (weights: object, referenceMinutes: object = {}) =>
      ({ type: 'ReviseScoringScheme', data: { schemeId: 'standard', name: 'Standard', weights, referenceMinutes }, metadata: meta }) as const;
    expect(scoringScheme.decide(revise(v1.weights, v1.referenceMinutes), state)).toEqual([]);
    const [revised] = scoringScheme.decide(revise({ spotCheckScore: 1, complaintRate: 1, nps: 0 }), state);
    expect(revised).toMatchObject({ type: 'ScoringSchemeRevised', data: { version: 2, weights: { spotCheckScore: 1, complaintRate: 1 } } });
    const both = scoringScheme.evolve(state, revised)!;
    expect(schemeVersion(both).version).toBe(2);
    expect(schemeVersion(both, 1).weights).toEqual(v1.weights);
    expect(() => schemeVersion(both, 3)).toThrow();
    expect(() => scoringScheme.decide(revise({ speed: 1 }), state)).toThrow(expect.objectContaining({ code: 'unknown-indicator' }));
    expect(() => scoringScheme.decide(revise({ nps: -1 }), state)).toThrow(expect.objectContaining({ code: 'invalid-weight' }));
    expect(() => scoringScheme.decide(revise({ nps: 0 }), state)).toThrow(expect.objectContaining({ code: 'no-weights' }));
    expect(() => scoringScheme.decide(revise({ ttrP90: 1 }), state)).toThrow(expect.objectContaining({ code: 'reference-required' }));
    expect(() => scoringScheme.decide({ ...revise({ nps: 1 }), data: { ...revise({ nps: 1 }).data, schemeId: 'x' } }, null)).toThrow();
  });

  it(`bounds weights to 0…${MAX_WEIGHT} and reference times to ${MAX_REFERENCE_MINUTES} minutes, so no score overflows to null`, () => {
    const define = (weights: object, referenceMinutes: object = {}) =>
      ({ type: 'DefineScoringScheme', data: { schemeId: 'bounded', name: 'Bounded', weights, referenceMinutes }, metadata: meta }) as const;
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
