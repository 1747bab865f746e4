import { singleLineText } from './single-line-text';

describe('single-line text', () => {
  it('keeps ordinary text, Chinese and characters outside the BMP included', () => {
    expect(singleLineText('Re: [SR-2026-000123] 打印機故障 𠀀')).toBe('Re: [SR-2026-000123] 打印機故障 𠀀');
  });

  it('turns line breaks and tabs into a space, so no line can be forged', () => {
    expect(singleLineText('Invoice\r\nBcc: all@example.cn')).toBe('Invoice Bcc: all@example.cn');
    expect(singleLineText('a\tb\u2028c\u0085d')).toBe('a b c d');
  });

  it('strips NUL, DEL, the other controls and whole escape sequences', () => {
    expect(singleLineText('pay\u0000ment\u007f')).toBe('payment');
    expect(singleLineText('\u001b[31;1mURGENT\u001b[0m now')).toBe('URGENT now');
    expect(singleLineText('title\u001b]0;pwned\u0007 here')).toBe('title here');
    expect(singleLineText('bell\u0007 and\u009b escape\u001b')).toBe('bell and escape');
  });

  it('strips the bidirectional overrides that disguise a file name', () => {
    expect(singleLineText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('leaves nothing of a text that is only controls and blanks', () => {
    expect(singleLineText(' \r\n\u0000\u001b[2J ')).toBe('');
  });
});
