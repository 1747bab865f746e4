import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { createTransport, type Transporter } from 'nodemailer';
import type { Attachment } from 'nodemailer/lib/mailer';
import type { InboundEmail } from './inbound-email';
import { findDemandReference } from '@serviceledger/intake/domain';
import { threadKeys } from './thread-keys';
import { MalformedEmailError } from './malformed-email-error';
import { SmtpListener } from './smtp-listener';

const RECEIVED_AT = '2026-03-02T08:30:00.000Z';
const MAX_MESSAGE_BYTES = 64 * 1024;
const CUSTOMER = 'zhang.san@example.cn';
const SUPPORT = 'support@serviceledger.test';

/** The error nodemailer rejects with carries the server's reply. */
interface SmtpFailure {
  responseCode: number;
  response: string;
}

function failureOf(sending: Promise<unknown>): Promise<SmtpFailure> {
  return sending.then(
    () => Promise.reject(new Error('the server accepted the message')),
    (error: SmtpFailure) => error,
  );
}

/**
 * nodemailer writes every text part as UTF-8; a part given as raw bytes is sent as it is. Typed as
 * an attachment because nodemailer's types know `raw` only there, though it reads it on text too.
 */
function gbkTextPart(text: string): Attachment {
  return {
    raw: [
      'Content-Type: text/plain; charset=GBK',
      'Content-Transfer-Encoding: base64',
      '',
      iconv.encode(text, 'gbk').toString('base64'),
    ].join('\r\n'),
  };
}

/** nodemailer encodes headers as UTF-8; a prepared header is sent as given. */
function gbkEncodedWord(text: string): string {
  return `=?GBK?B?${iconv.encode(text, 'gbk').toString('base64')}?=`;
}

describe('SmtpListener', () => {
  const received: InboundEmail[] = [];
  let storeFails: Error | undefined;
  let listener: SmtpListener;
  let transport: Transporter;

  beforeAll(async () => {
    listener = new SmtpListener({
      port: 0,
      maxMessageBytes: MAX_MESSAGE_BYTES,
      now: () => RECEIVED_AT,
      onMessage: async (email) => {
        if (storeFails) throw storeFails;
        received.push(email);
      },
    });
    const port = await listener.start();
    transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  });

  afterAll(async () => {
    transport.close();
    await listener.stop();
  });

  beforeEach(() => {
    received.length = 0;
    storeFails = undefined;
  });

  it('receives a plain UTF-8 demand and a GBK reply with an attachment that threads to it', async () => {
    const firstText = '您好，三楼的打印機無法列印，顯示「卡紙」。';
    const first = await transport.sendMail({
      from: { name: '张三', address: CUSTOMER },
      to: SUPPORT,
      subject: '打印機故障',
      text: firstText,
    });

    // A reply as a GBK mail client writes it: GBK text part, GBK encoded-word subject.
    const replyText = '補充：錯誤碼 E-203，日誌見附件。';
    const replySubject = 'Re: [SR-2026-000123] 打印機故障';
    const logBytes = Buffer.from('2026-03-02 08:00 E-203 paper jam tray 2\n');
    await transport.sendMail({
      from: CUSTOMER,
      to: SUPPORT,
      headers: { Subject: { prepared: true, value: gbkEncodedWord(replySubject) } },
      inReplyTo: first.messageId,
      references: [first.messageId],
      text: gbkTextPart(replyText),
      attachments: [{ filename: '打印機日誌.txt', content: logBytes }],
    });

    expect(received).toHaveLength(2);
    const [demand, reply] = received;
    expect(demand).toMatchObject({
      messageId: first.messageId,
      from: { address: CUSTOMER, name: '张三' },
      to: [SUPPORT],
      subject: '打印機故障',
      receivedAt: RECEIVED_AT,
      attachments: [],
    });
    expect(demand.text).toBe(firstText);
    expect(threadKeys(demand)).toEqual([]);

    expect(reply.subject).toBe(replySubject);
    expect(reply.text).toBe(replyText);
    expect(threadKeys(reply)).toEqual([demand.messageId]);
    expect(findDemandReference(reply.subject)).toBe('SR-2026-000123');
    expect(reply.attachments).toEqual([
      {
        filename: '打印機日誌.txt',
        contentType: 'text/plain',
        size: logBytes.length,
        sha256: createHash('sha256').update(logBytes).digest('hex'),
      },
    ]);
  });

  it('refuses a message over the size limit with 552', async () => {
    const failure = await failureOf(
      transport.sendMail({ from: CUSTOMER, to: SUPPORT, subject: 'big', text: 'x'.repeat(MAX_MESSAGE_BYTES) }),
    );

    expect(failure.responseCode).toBe(552);
    expect(failure.response).toContain(`exceeds the limit of ${MAX_MESSAGE_BYTES} bytes`);
    expect(received).toEqual([]);
  });

  it('refuses a malformed message with 550 and the reason', async () => {
    const failure = await failureOf(
      transport.sendMail({
        envelope: { from: CUSTOMER, to: SUPPORT },
        raw: 'Subject: who am I\r\n\r\nno sender here\r\n',
      }),
    );

    expect(failure.responseCode).toBe(550);
    expect(failure.response).toContain('no sender: the From header is missing or has no valid address');
    expect(received).toEqual([]);
  });

  it('refuses with 550 a message that onMessage finds malformed', async () => {
    storeFails = new MalformedEmailError('attachment larger than 5 MiB');

    const failure = await failureOf(transport.sendMail({ from: CUSTOMER, to: SUPPORT, subject: 'hi', text: 'hi' }));

    expect(failure.responseCode).toBe(550);
    expect(failure.response).toContain('attachment larger than 5 MiB');
  });

  it('asks the sender to retry with 451 when storing fails, and accepts the retry', async () => {
    storeFails = new Error('database is locked');
    const message = { from: CUSTOMER, to: SUPPORT, subject: 'retry me', text: '重試', messageId: '<retry-1@example.cn>' };

    const failure = await failureOf(transport.sendMail(message));
    expect(failure.responseCode).toBe(451);
    expect(failure.response).not.toContain('database');

    storeFails = undefined;
    await transport.sendMail(message);
    expect(received.map(({ messageId }) => messageId)).toEqual(['<retry-1@example.cn>']);
  });
});
