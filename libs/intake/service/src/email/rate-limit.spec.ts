import { RateLimit } from './rate-limit';

describe('RateLimit', () => {
  let now = 0;
  const limit = () => new RateLimit(3, () => now);
  const send = (rate: RateLimit, key: string) => {
    if (!rate.allows(key)) return false;
    rate.take(key);
    return true;
  };
  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets a burst of the rate through, then holds each key to it', () => {
    const rate = limit();
    expect([1, 2, 3, 4].map(() => send(rate, 'li@example.cn'))).toEqual([true, true, true, false]);
    expect(send(rate, 'wang@example.cn')).toBe(true);
  });

  it('gives one message back for each share of the minute that passes', () => {
    const rate = limit();
    [1, 2, 3].forEach(() => send(rate, 'a'));
    now += 19_000;
    expect(rate.allows('a')).toBe(false);
    now += 1_000;
    expect(send(rate, 'a')).toBe(true);
    expect(rate.allows('a')).toBe(false);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => send(rate, 'a'))).toEqual([true, true, true, false]);
  });

  it('does not count what it only asked about', () => {
    const rate = limit();
    [1, 2, 3, 4, 5].forEach(() => rate.allows('a'));
    expect(send(rate, 'a')).toBe(true);
  });
});
