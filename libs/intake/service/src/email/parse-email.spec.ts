import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { MalformedEmailError } from './malformed-email-error';
import { parseEmail } from './parse-email';

const RECEIVED_AT = '2026-03-02T08:30:00.000Z';

/** Joins header lines and a body into raw bytes, CRLF as on the wire. */
function rawMessage(headers: string[], body: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)]);
}

function encodedWordB(text: string, charset: string): string {
  return `=?${charset}?B?${iconv.encode(text, charset).toString('base64')}?=`;
}

/** Quoted-printable with every byte escaped: valid, and exact whatever the bytes are. */
function quotedPrintable(bytes: Buffer): string {
  const escaped = [...bytes].map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return escaped.replace(/(.{72})/g, '$1=\r\n');
}

async function rejectionReason(raw: Buffer | string): Promise<string> {
  const error = await parseEmail(raw, RECEIVED_AT).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(MalformedEmailError);
  return (error as MalformedEmailError).reason;
}

describe('parseEmail', () => {
  it('decodes a GB2312 body in base64 with a GBK encoded-word subject and sender name', async () => {
    const body = '您好，三楼的打印机卡纸了，请派人来看看。\n谢谢！';
    const raw = rawMessage(
      [
        `From: ${encodedWordB('王小明', 'GBK')} <wang@example.cn>`,
        'To: support@serviceledger.test',
        `Subject: ${encodedWordB('打印机卡纸', 'GBK')}`,
        'Message-ID: <gb2312-1@example.cn>',
        'Content-Type: text/plain; charset=gb2312',
        'Content-Transfer-Encoding: base64',
      ],
      iconv.encode(body, 'gb2312').toString('base64'),
    );

    const email = await parseEmail(raw, RECEIVED_AT);

    expect(email).toEqual({
      messageId: '<gb2312-1@example.cn>',
      references: [],
      from: { address: 'wang@example.cn', name: '王小明' },
      to: ['support@serviceledger.test'],
      subject: '打印机卡纸',
      text: body,
      receivedAt: RECEIVED_AT,
      attachments: [],
      authenticationResults: [],
    });
  });

  it('dates its delivery by the topmost Received field, else by its Date header (二(一)2 及時記錄)', async () => {
    const headers = ['From: li@example.cn', 'Subject: hi', 'Date: Mon, 7 Dec 2026 08:50:00 +0800'];
    const relayed = rawMessage(
      [
        'Received: from mail.example.cn by mx.serviceledger.test; Mon, 7 Dec 2026 09:05:00 +0800 (CST)',
        'Received: from laptop by mail.example.cn; Mon, 7 Dec 2026 08:51:00 +0800',
        ...headers,
      ],
      'hi',
    );
    expect(await parseEmail(relayed, RECEIVED_AT)).toMatchObject({ deliveredAt: '2026-12-07T01:05:00.000Z', receivedAt: RECEIVED_AT });
    expect(await parseEmail(rawMessage(headers, 'hi'), RECEIVED_AT)).toMatchObject({ deliveredAt: '2026-12-07T00:50:00.000Z' });
    expect(await parseEmail(rawMessage(['Received: from a by b', 'From: li@example.cn', 'Subject: hi'], 'hi'), RECEIVED_AT)).not.toHaveProperty('deliveredAt');
  });

  it('keeps the Authentication-Results values, topmost first and unfolded, and the envelope sender from Return-Path', async () => {
    const raw = rawMessage(
      [
        'Return-Path: <bounce+li=example.cn@example.cn>',
        'Authentication-Results: mx.serviceledger.test;',
        '\tdkim=pass header.d=example.cn;',
        '\tdmarc=pass header.from=example.cn',
        'Received: from mail.example.cn by mx.serviceledger.test',
        'Authentication-Results: mail.example.cn; dmarc=pass header.from=victim.cn',
        'From: li@example.cn',
        'Subject: hi',
      ],
      'hi',
    );

    expect(await parseEmail(raw, RECEIVED_AT)).toMatchObject({
      authenticationResults: ['mx.serviceledger.test;\tdkim=pass header.d=example.cn;\tdmarc=pass header.from=example.cn', 'mail.example.cn; dmarc=pass header.from=victim.cn'],
      returnPath: 'bounce+li=example.cn@example.cn',
    });
    expect(await parseEmail(rawMessage(['Return-Path: <>', 'From: li@example.cn', 'Subject: bounce'], 'x'), RECEIVED_AT)).toMatchObject({ returnPath: '' });
  });

  it('reads a GB2312-labelled body as GBK, since clients put GBK-only characters in such mail', async () => {
    // 機, 請, 儘 and 處 are traditional forms, outside GB2312's character set.
    const body = '打印機故障，請儘快處理';
    const raw = rawMessage(
      [
        'From: chan@example.hk',
        'Subject: printer',
        'Content-Type: text/plain; charset="GB2312"',
        'Content-Transfer-Encoding: base64',
      ],
      iconv.encode(body, 'gbk').toString('base64'),
    );

    expect((await parseEmail(raw, RECEIVED_AT)).text).toBe(body);
  });

  it('decodes a GBK body in quoted-printable with a UTF-8 Q encoded-word subject', async () => {
    const body = '打印機故障：紙張卡住，顯示錯誤碼 E-203';
    const raw = rawMessage(
      [
        'From: li@example.cn',
        'Subject: =?UTF-8?Q?Re:_=E6=89=93=E5=8D=B0=E6=A9=9F_=E6=95=85=E9=9A=9C?=',
        'Content-Type: text/plain; charset=GBK',
        'Content-Transfer-Encoding: quoted-printable',
      ],
      quotedPrintable(iconv.encode(body, 'gbk')),
    );

    const email = await parseEmail(raw, RECEIVED_AT);

    expect(email.subject).toBe('Re: 打印機 故障');
    expect(email.text).toBe(body);
  });

  it('decodes GB18030 characters outside GBK, which take four bytes', async () => {
    const text = '𠀀𪚥 生僻字用户：龘';
    const bytes = iconv.encode(text, 'gb18030');
    expect(iconv.decode(bytes, 'gbk')).not.toBe(text);
    const raw = rawMessage(
      [
        'From: zhao@example.cn',
        `Subject: ${encodedWordB('𠀀 姓名', 'GB18030')}`,
        'Content-Type: text/plain; charset=GB18030',
        'Content-Transfer-Encoding: 8bit',
      ],
      bytes,
    );

    const email = await parseEmail(raw, RECEIVED_AT);

    expect(email.subject).toBe('𠀀 姓名');
    expect(email.text).toBe(text);
  });

  it('keeps attachment metadata and hash, not contents, and reads the threading headers', async () => {
    const logBytes = Buffer.from('2026-03-01 ERROR paper jam tray 2\n'.repeat(40));
    const raw = rawMessage(
      [
        'From: "Zhang San" <zhang@example.cn>',
        'To: support@serviceledger.test, Team: ops@serviceledger.test, it@serviceledger.test;',
        'Subject: Re: [SR-2026-000123] printer log',
        'Message-ID: < reply-1@example.cn >',
        'In-Reply-To: <first@example.cn> (message from Support)',
        'References: <root@serviceledger.test>',
        ' <first@example.cn>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
      ],
      [
        '--b1',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        '日志见附件',
        '--b1',
        `Content-Type: text/plain; name="${encodedWordB('打印机日志.txt', 'GBK')}"`,
        'Content-Disposition: attachment',
        'Content-Transfer-Encoding: base64',
        '',
        logBytes.toString('base64'),
        '--b1--',
        '',
      ].join('\r\n'),
    );

    const email = await parseEmail(raw, RECEIVED_AT);

    expect(email.messageId).toBe('<reply-1@example.cn>');
    expect(email.inReplyTo).toBe('<first@example.cn>');
    expect(email.references).toEqual(['<root@serviceledger.test>', '<first@example.cn>']);
    expect(email.to).toEqual(['support@serviceledger.test', 'ops@serviceledger.test', 'it@serviceledger.test']);
    expect(email.text.trim()).toBe('日志见附件');
    expect(email.attachments).toEqual([
      {
        filename: '打印机日志.txt',
        contentType: 'text/plain',
        size: logBytes.length,
        sha256: createHash('sha256').update(logBytes).digest('hex'),
      },
    ]);
  });

  it('derives the text from an HTML-only body', async () => {
    const raw = rawMessage(
      [
        'From: web@example.cn',
        'Subject: html',
        'Content-Type: text/html; charset=GBK',
        'Content-Transfer-Encoding: 8bit',
      ],
      iconv.encode('<html><body><p>您好，</p><p>打印機<b>無法</b>開機。</p></body></html>', 'gbk'),
    );

    expect((await parseEmail(raw, RECEIVED_AT)).text).toBe('您好，\n\n打印機無法開機。');
  });

  describe('without a Message-ID', () => {
    const withoutId = (body: string, lineEnd: string) =>
      ['From: a@example.cn', 'Subject: no id', '', body].join(lineEnd);

    it('derives the same id from the same message, whatever its line endings', async () => {
      const overSmtp = await parseEmail(withoutId('same body', '\r\n'), RECEIVED_AT);
      const overHttp = await parseEmail(withoutId('same body', '\n'), '2026-03-02T09:00:00.000Z');

      expect(overSmtp.messageId).toMatch(/^<[0-9a-f]{64}@intake\.serviceledger\.invalid>$/);
      expect(overHttp.messageId).toBe(overSmtp.messageId);
    });

    it('derives different ids from different messages', async () => {
      const first = await parseEmail(withoutId('first body', '\r\n'), RECEIVED_AT);
      const second = await parseEmail(withoutId('second body', '\r\n'), RECEIVED_AT);

      expect(second.messageId).not.toBe(first.messageId);
    });
  });

  describe('rejects a message that cannot become a demand, with the reason', () => {
    it.each([
      ['garbage without headers', 'this is not an e-mail\n\njust text', /no header fields/],
      ['no From header', 'Subject: hello\r\n\r\nbody', /no sender/],
      ['a From header without an address', 'From: Customer Service\r\nSubject: hello\r\n\r\nbody', /no sender/],
      ['neither subject nor body', 'From: a@example.cn\r\nSubject:  \r\n\r\n  \r\n', /neither a subject nor a body/],
      [
        'a header block past the parser limit',
        `From: a@example.cn\r\nX-Padding: ${'x'.repeat(1_100_000)}\r\n\r\nbody`,
        /unreadable MIME/,
      ],
    ])('%s', async (_case, raw, reason) => {
      expect(await rejectionReason(raw)).toMatch(reason);
    });
  });
});
