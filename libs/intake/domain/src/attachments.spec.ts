import {
  AttachmentMetadata,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_ATTACHMENT_BYTES,
  MAX_TOTAL_ATTACHMENT_BYTES,
  ensureAttachmentsWithinLimits,
  normaliseAttachments,
} from './attachments';

const file = (size: number, name = 'report.pdf'): AttachmentMetadata => ({ name, contentType: 'application/pdf', size });

function refusal(attachments: AttachmentMetadata[]): unknown {
  try {
    ensureAttachmentsWithinLimits(attachments);
  } catch (error) {
    return error;
  }
  throw new Error('expected the attachments to be refused');
}

describe('attachment limits', () => {
  it('accepts attachments exactly at every limit', () => {
    const atLimit = Array.from({ length: MAX_ATTACHMENTS_PER_MESSAGE }, (_, i) =>
      file(Math.floor(MAX_TOTAL_ATTACHMENT_BYTES / MAX_ATTACHMENTS_PER_MESSAGE), `f${i}`),
    );
    expect(() => ensureAttachmentsWithinLimits(atLimit)).not.toThrow();
    expect(() => ensureAttachmentsWithinLimits([file(MAX_ATTACHMENT_BYTES)])).not.toThrow();
    expect(() => ensureAttachmentsWithinLimits([])).not.toThrow();
  });

  it('refuses more attachments than one message may carry', () => {
    const many = Array.from({ length: MAX_ATTACHMENTS_PER_MESSAGE + 1 }, () => file(1));
    expect(refusal(many)).toMatchObject({ name: 'RuleViolation', code: 'too-many-attachments' });
  });

  it('refuses an attachment above the size limit', () => {
    expect(refusal([file(MAX_ATTACHMENT_BYTES + 1, 'big.iso')])).toMatchObject({
      name: 'RuleViolation',
      code: 'attachment-too-large',
      message: expect.stringContaining('big.iso'),
    });
  });

  it('refuses attachments whose total is above the limit', () => {
    const rest = MAX_TOTAL_ATTACHMENT_BYTES - 2 * MAX_ATTACHMENT_BYTES + 1;
    const three = [file(MAX_ATTACHMENT_BYTES), file(MAX_ATTACHMENT_BYTES), file(rest)];
    expect(refusal(three)).toMatchObject({ name: 'RuleViolation', code: 'attachments-too-large' });
  });

  it.each([-1, 1.5, Number.NaN])('refuses a size of %p bytes', (size) => {
    expect(refusal([file(size)])).toMatchObject({ name: 'RuleViolation', code: 'attachment-size-invalid' });
  });
});

describe('attachment names', () => {
  const names = (...given: string[]) => normaliseAttachments(given.map((name) => file(1, name))).map((a) => a.name);

  it('keeps an ordinary name, Chinese included, and everything but the name', () => {
    expect(normaliseAttachments([{ ...file(7, '打印機日誌.txt'), sha256: 'ab' }])).toEqual([
      { name: '打印機日誌.txt', contentType: 'application/pdf', size: 7, sha256: 'ab' },
    ]);
  });

  it('keeps only the base name: no directories, whichever separator or drive', () => {
    expect(names('../../etc/passwd', '..\\..\\boot.ini', 'C:\\Users\\li\\報價.xlsx', 'D:evil.bat', '/abs/path/log.txt')).toEqual([
      'passwd',
      'boot.ini',
      '報價.xlsx',
      'evil.bat',
      'log.txt',
    ]);
  });

  it('strips control characters, so a name cannot break a line, hide a NUL or carry an escape code', () => {
    expect(names('report\r\n.pdf', 'invoice.pdf\u0000.exe', '\u001b[31mred.txt', 'a\u202Efdp.exe')).toEqual([
      'report .pdf',
      'invoice.pdf.exe',
      'red.txt',
      'afdp.exe',
    ]);
  });

  it('names an attachment whose name leaves nothing by its place in the message', () => {
    expect(names('ok.txt', '../', '\u0000', '..')).toEqual(['ok.txt', 'attachment-2', 'attachment-3', 'attachment-4']);
  });
});
