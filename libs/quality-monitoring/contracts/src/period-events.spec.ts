import { createJsonSchemaValidator } from '@serviceledger/platform/testing';
import { OPTIONAL_PERIOD_INDICATORS, PERIOD_CLOSED_V1, PERIOD_INDICATORS, PeriodClosedV1, PeriodIndicatorValues, findQualityPeriodContract } from './period-events';

const AT = '2026-12-01T01:00:00.000Z';

/** Every indicator present in every message since v1 was first published. */
const REQUIRED: PeriodIndicatorValues = Object.fromEntries(PERIOD_INDICATORS.map((indicator) => [indicator, null])) as PeriodIndicatorValues;

const closed = (indicators: PeriodIndicatorValues, weights: PeriodClosedV1['scheme']['weights'] = { satisfaction: 1 }): PeriodClosedV1 => ({
  period: '2026-11',
  kind: 'month',
  from: '2026-11-01',
  to: '2026-11-30',
  scheme: { schemeId: 'standard', version: 1, weights, referenceMinutes: {} },
  scorecards: [{ departmentId: 'tech-support', indicators, counts: { recordReviews: 4, recordReviewsCompliant: 3 }, score: 80, rank: 1 }],
  persons: [{ personId: 'ts-li', indicators, counts: {} }],
  closedAt: AT,
  closedBy: 'analyst-1',
  occurredAt: AT,
});

describe('period.closed v1: indicators added within the version (ADR 0012)', () => {
  const ajv = createJsonSchemaValidator();
  const valid = (data: unknown) => ajv.validate(PERIOD_CLOSED_V1.schema, data);

  it('lists the accuracy measures (G-1) beside promised-result compliance as optional', () => {
    expect(OPTIONAL_PERIOD_INDICATORS).toEqual(['promisedResultCompliance', 'recordAccuracy', 'firstTimeRight']);
    expect(findQualityPeriodContract('serviceledger.quality-monitoring.period.closed.v1')).toBe(PERIOD_CLOSED_V1);
  });

  it('accepts a message published before them, without them', () => {
    expect(valid(closed(REQUIRED))).toBe(true);
  });

  it('accepts a message with them, as figures, as null (nothing to count), and weighted by the scheme', () => {
    expect(valid(closed({ ...REQUIRED, promisedResultCompliance: 1, recordAccuracy: 0.75, firstTimeRight: 0.3333 }, { satisfaction: 2, recordAccuracy: 1, firstTimeRight: 1 }))).toBe(true);
    expect(valid(closed({ ...REQUIRED, recordAccuracy: null, firstTimeRight: null }))).toBe(true);
  });

  it('refuses a figure that is not a number or null, an indicator it does not know, and a required one missing', () => {
    expect(valid(closed({ ...REQUIRED, recordAccuracy: '75%' as unknown as number }))).toBe(false);
    expect(valid(closed({ ...REQUIRED, accuracy: 0.75 } as PeriodIndicatorValues))).toBe(false);
    const { spotCheckScore: _left, ...withoutOne } = REQUIRED;
    expect(valid(closed(withoutOne as PeriodIndicatorValues))).toBe(false);
  });
});
