import { DEMAND_REFERENCE_PATTERN, findDemandReference, formatDemandReference } from './demand-reference';

describe('demand references', () => {
  it('are formatted with a six-digit sequence, growing past it when needed', () => {
    expect(formatDemandReference(2026, 123)).toBe('SR-2026-000123');
    expect(formatDemandReference(2026, 1234567)).toBe('SR-2026-1234567');
  });

  it('match the pattern the demand decider enforces', () => {
    expect(DEMAND_REFERENCE_PATTERN.test(formatDemandReference(2026, 1))).toBe(true);
    expect(DEMAND_REFERENCE_PATTERN.test('SR-26-000001')).toBe(false);
    expect(DEMAND_REFERENCE_PATTERN.test('SR-2026-00001')).toBe(false);
  });

  it('are found in a reply subject, in any case, including Chinese subjects', () => {
    expect(findDemandReference('Re: [SR-2026-000123] Printer offline')).toBe('SR-2026-000123');
    expect(findDemandReference('回覆：sr-2026-000042 系統無法登入')).toBe('SR-2026-000042');
  });

  it('are not found inside longer tokens or where there is none', () => {
    expect(findDemandReference('XSR-2026-000123')).toBeUndefined();
    expect(findDemandReference('SR-2026-0001234x')).toBeUndefined();
    expect(findDemandReference('Re: your invoice')).toBeUndefined();
  });
});

describe('findDemandReference in reply subjects', () => {
  it.each([
    ['Re: [SR-2026-000123] 打印機故障', 'SR-2026-000123'],
    ['回复：【SR-2026-000123】打印机故障', 'SR-2026-000123'],
    ['答复: sr-2026-000042 follow-up', 'SR-2026-000042'],
    ['Fwd: SR-2026-000001 and SR-2026-000002', 'SR-2026-000001'],
  ])('finds the reference in %j', (subject, reference) => {
    expect(findDemandReference(subject)).toBe(reference);
  });

  it.each([['打印機故障'], ['SR-2026-12345'], ['XSR-2026-000123'], ['SR-26-000123']])(
    'finds none in %j',
    (subject) => {
      expect(findDemandReference(subject)).toBeUndefined();
    },
  );
});
