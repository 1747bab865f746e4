import { threadKeys } from './thread-keys';

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
