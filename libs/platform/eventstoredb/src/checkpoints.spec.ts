import fc from 'fast-check';
import { comparePositions, eventStoreDbCheckpoints, formatCheckpoint, isAfter, parseCheckpoint } from './checkpoints';

const { compare, distance } = eventStoreDbCheckpoints;
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

describe('EventStoreDB checkpoints', () => {
  it('are "<commit>:<prepare>" and parse back to the same position, up to 64 bits', () => {
    fc.assert(
      fc.property(u64, u64, (commit, prepare) => {
        const checkpoint = formatCheckpoint({ commit, prepare });
        expect(checkpoint).toBe(`${commit}:${prepare}`);
        expect(parseCheckpoint(checkpoint)).toEqual({ commit, prepare });
      }),
    );
  });

  it.each(['', '12', '1:2:3', '-1:0', '1:-1', 'a:b', ' 1:2', '1:2 ', '0x1:2', '1.5:2', '18446744073709551616:0', '123456789012345678901:0'])(
    'refuses %j',
    (bad) => {
      expect(() => parseCheckpoint(bad)).toThrow(/Not an EventStoreDB checkpoint/);
      expect(() => compare(bad, '1:1')).toThrow(/Not an EventStoreDB checkpoint/);
    },
  );

  it('orders by commit position first, then by prepare position, as numbers rather than text', () => {
    expect(compare('9:9', '10:0')).toBeLessThan(0);
    expect(compare('10:0', '9:9')).toBeGreaterThan(0);
    expect(compare('10:2', '10:11')).toBeLessThan(0);
    expect(compare('10:11', '10:11')).toBe(0);
    expect(compare('18446744073709551615:0', '18446744073709551614:18446744073709551615')).toBeGreaterThan(0);
  });

  it('puts the start of the log (undefined) before every position, the first included', () => {
    expect(compare(undefined, undefined)).toBe(0);
    expect(compare(undefined, '0:0')).toBeLessThan(0);
    expect(compare('0:0', undefined)).toBeGreaterThan(0);
    expect(isAfter({ commit: 0n, prepare: 0n }, undefined)).toBe(true);
  });

  it('compares like the tuple (commit, prepare), antisymmetric and transitive', () => {
    const position = fc.record({ commit: fc.bigInt({ min: 0n, max: 50n }), prepare: fc.bigInt({ min: 0n, max: 50n }) });
    fc.assert(
      fc.property(position, position, position, (a, b, c) => {
        const [fa, fb, fc_] = [a, b, c].map(formatCheckpoint);
        const expected = a.commit !== b.commit ? Math.sign(Number(a.commit - b.commit)) : Math.sign(Number(a.prepare - b.prepare));
        expect(Math.sign(compare(fa, fb))).toBe(expected);
        expect(Math.sign(compare(fb, fa))).toBe(expected === 0 ? 0 : -expected);
        if (compare(fa, fb) <= 0 && compare(fb, fc_) <= 0) expect(compare(fa, fc_)).toBeLessThanOrEqual(0);
        expect(Math.sign(comparePositions(a, b))).toBe(expected);
      }),
    );
  });

  it('measures distance in bytes of commit position, never negative', () => {
    expect(distance('100:100', '1100:1100')).toBe(1000);
    expect(distance(undefined, '4096:4096')).toBe(4096);
    expect(distance('5000:5000', '4000:4000')).toBe(0);
    expect(distance('5000:5000', undefined)).toBe(0);
    // Events of one append can share a commit position: no distance between them.
    expect(distance('700:700', '700:900')).toBe(0);
  });
});
