import { findDemandReference, threadKeys } from './demand-reference';

describe('findDemandReference', () => {
  it.each([
    ['Re: [SR-2026-000123] 打印機故障', 'SR-2026-000123'],
    ['回复：【SR-2026-000123】打印机故障', 'SR-2026-000123'],
    ['答复: sr-2026-000042 follow-up', 'SR-2026-000042'],
    ['Fwd: SR-2026-000001 and SR-2026-000002', 'SR-2026-000001'],
  ])('finds the reference in %j', (subject, reference) => {
    expect(findDemandReference(subject)).toBe(reference);
  });

  it.each([['打印機故障'], ['SR-2026-12345'], ['SR-2026-0001234'], ['XSR-2026-000123'], ['SR-26-000123']])(
    'finds none in %j',
    (subject) => {
      expect(findDemandReference(subject)).toBeUndefined();
    },
  );
});

describe('threadKeys', () => {
  it('puts the direct parent first, then the references newest first, each once', () => {
    const keys = threadKeys({
      inReplyTo: '<second@example.cn>',
      references: ['<root@serviceledger.test>', '<first@example.cn>', '<second@example.cn>'],
    });

    expect(keys).toEqual(['<second@example.cn>', '<first@example.cn>', '<root@serviceledger.test>']);
  });

  it('has nothing to look up for a message that starts a conversation', () => {
    expect(threadKeys({ references: [] })).toEqual([]);
  });
});
