import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { createTransport, type SentMessageInfo, type Transporter } from 'nodemailer';
import type { Attachment } from 'nodemailer/lib/mailer';
import type { InboundEmail } from './inbound-email';
import { findDemandReference } from '@serviceledger/intake/domain';
import { threadKeys } from './thread-keys';
import { MalformedEmailError } from './malformed-email-error';
import { SmtpEnvelope, SmtpLimits, SmtpListener, SmtpListenerOptions } from './smtp-listener';
import { SelfSignedCertificate, selfSignedCertificate } from '@serviceledger/platform/testing';
import { greeting } from '../testing/smtp-greeting';
import { smtpDialogue } from '../testing/smtp-dialogue';
import { failureOf } from '../testing/smtp-failure';

const RECEIVED_AT = '2026-03-02T08:30:00.000Z';
const MAX_MESSAGE_BYTES = 64 * 1024;
const CUSTOMER = 'zhang.san@example.cn';
const SUPPORT = 'support@serviceledger.test';
const INTAKE_ADDRESSES = [SUPPORT, 'complaints@serviceledger.test', 'billing@serviceledger.test', 'sales@serviceledger.test'];
const ROOMY: SmtpLimits = { maxConnections: 20, maxRecipients: 10, perClientPerMinute: 1000, perSenderPerMinute: 1000 };
const LOGIN = { user: 'relay', password: 'correct horse battery' };

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
  const envelopes: SmtpEnvelope[] = [];
  const listeners: SmtpListener[] = [];
  let storeFails: Error | undefined;
  let transport: Transporter;

  /** A listener on a free port, stopped after the suite, and a transport to it. */
  async function start(options: Partial<SmtpListenerOptions> = {}) {
    const listener = new SmtpListener({
      port: 0,
      maxMessageBytes: MAX_MESSAGE_BYTES,
      recipients: INTAKE_ADDRESSES,
      limits: ROOMY,
      now: () => RECEIVED_AT,
      onMessage: async (email, envelope) => {
        if (storeFails) throw storeFails;
        received.push(email);
        envelopes.push(envelope);
      },
      ...options,
    });
    listeners.push(listener);
    const port = await listener.start();
    return { port, transport: (auth?: { user: string; pass: string }) => createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...(auth ? { auth } : {}) }) };
  }

  beforeAll(async () => {
    transport = (await start()).transport();
  });

  afterAll(async () => {
    transport.close();
    await Promise.all(listeners.map((listener) => listener.stop()));
  });

  beforeEach(() => {
    received.length = 0;
    envelopes.length = 0;
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

  it('hands on the envelope: MAIL FROM, the recipients, and no login where none was offered', async () => {
    await transport.sendMail({ envelope: { from: 'bounce@example.cn', to: [SUPPORT] }, from: CUSTOMER, to: SUPPORT, subject: 'hi', text: 'hi' });

    expect(envelopes).toEqual([{ mailFrom: 'bounce@example.cn', recipients: [SUPPORT], authenticated: false }]);
  });

  describe('limits (issue 14, item 3)', () => {
    it('refuses with 550 a recipient that is not an intake address, and takes the mail for the intake addresses only', async () => {
      const stranger = await failureOf(transport.sendMail({ from: CUSTOMER, to: 'ceo@serviceledger.test', subject: 'hi', text: 'hi' }));
      expect(stranger.responseCode).toBe(550);
      expect(stranger.response).toContain('not an intake address');

      const info: SentMessageInfo = await transport.sendMail({ from: CUSTOMER, to: ['SUPPORT@serviceledger.test', 'someone@elsewhere.example'], subject: 'hi', text: 'hi' });
      expect(info.accepted).toEqual(['SUPPORT@serviceledger.test']);
      expect(info.rejected).toEqual(['someone@elsewhere.example']);
      expect(envelopes.map((e) => e.recipients)).toEqual([['SUPPORT@serviceledger.test']]);
    });

    it('refuses with 452 every recipient past the cap on one message', async () => {
      const capped = (await start({ limits: { ...ROOMY, maxRecipients: 3 } })).transport();
      const info: SentMessageInfo = await capped.sendMail({ from: CUSTOMER, to: INTAKE_ADDRESSES, subject: 'hi', text: 'hi' });
      capped.close();

      expect(info.accepted).toEqual(INTAKE_ADDRESSES.slice(0, 3));
      expect(info.rejectedErrors).toEqual([expect.objectContaining({ recipient: INTAKE_ADDRESSES[3], responseCode: 452 })]);
      expect(received).toHaveLength(1);
    });

    it('answers 421 to a connection past the cap, and greets again once one closes', async () => {
      const { port } = await start({ limits: { ...ROOMY, maxConnections: 2 } });
      const open = [await greeting(port), await greeting(port)];
      const third = await greeting(port);
      expect(open.map((c) => c.line.slice(0, 4))).toEqual(['220 ', '220 ']);
      expect(third.line).toMatch(/^421 .*Too many connected clients/);
      third.close();

      open[0].close();
      let next = await greeting(port);
      for (let tries = 0; next.line.startsWith('421') && tries < 50; tries++) {
        next.close();
        await new Promise((resolve) => setTimeout(resolve, 20));
        next = await greeting(port);
      }
      expect(next.line.slice(0, 4)).toBe('220 ');
      [open[1], next].forEach((c) => c.close());
    });

    it('defers with 451 a sender over its rate, and a client over its rate, before the message is sent', async () => {
      const limited = (await start({ limits: { ...ROOMY, perClientPerMinute: 5, perSenderPerMinute: 2 } })).transport();
      const from = (sender: string, n: number) =>
        limited.sendMail({ envelope: { from: sender, to: SUPPORT }, from: sender, to: SUPPORT, subject: `${sender} ${n}`, text: 'flood' });

      await from('a@example.cn', 1);
      await from('a@example.cn', 2);
      const sender = await failureOf(from('A@example.cn', 3));
      expect(sender).toMatchObject({ responseCode: 451, response: expect.stringContaining('Too many messages from this sender') });
      await from('b@example.cn', 1);
      await from('b@example.cn', 2);
      await from('c@example.cn', 1);
      const client = await failureOf(from('d@example.cn', 1));
      expect(client).toMatchObject({ responseCode: 451, response: expect.stringContaining('Too many messages from this client') });
      limited.close();

      expect(received.map((email) => email.subject)).toEqual(['a@example.cn 1', 'a@example.cn 2', 'b@example.cn 1', 'b@example.cn 2', 'c@example.cn 1']);
    });
  });

  /**
   * Issue 14, item 1, and issue 18, item 5 (R-3.3, 五(三)3 「采取有效的安全防護措施,如防火墻、加密技術、訪問控制等」):
   * a login proves a sender, and travels only inside TLS.
   */
  describe('SMTP AUTH, over STARTTLS only', () => {
    let dir: string;
    let certificate: SelfSignedCertificate;
    const PLAIN = `AUTH PLAIN ${Buffer.from(`\0${LOGIN.user}\0${LOGIN.password}`).toString('base64')}`;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'sl-smtp-tls-'));
      certificate = selfSignedCertificate(dir);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** A listener with the login and the certificate, and a client that upgrades before anything else and verifies it. */
    async function startWithTls() {
      const { port } = await start({ login: LOGIN, tls: { cert: readFileSync(certificate.certFile), key: readFileSync(certificate.keyFile) } });
      const overTls = (auth?: { user: string; pass: string }) =>
        createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true, tls: { ca: certificate.ca }, ...(auth ? { auth } : {}) });
      return { port, overTls };
    }

    it('advertises STARTTLS and answers AUTH before it with 538', async () => {
      const { port } = await startWithTls();
      const session = await smtpDialogue(port);
      const ehlo = await session.say('EHLO client.example');
      const auth = await session.say(PLAIN);
      session.close();

      expect(ehlo).toMatch(/^250[- ]STARTTLS\r$/m);
      expect(auth).toMatch(/^538 .*Must issue a STARTTLS command first/);
    });

    it('takes the login after STARTTLS from a client that verifies the certificate, and tells onMessage the session logged in', async () => {
      const { overTls } = await startWithTls();
      const loggedIn = overTls({ user: LOGIN.user, pass: LOGIN.password });
      await loggedIn.sendMail({ from: CUSTOMER, to: SUPPORT, subject: 'signed in', text: 'hi' });
      const anonymous = overTls();
      await anonymous.sendMail({ from: CUSTOMER, to: SUPPORT, subject: 'anonymous', text: 'hi' });
      [loggedIn, anonymous].forEach((t) => t.close());

      expect(envelopes).toEqual([
        { mailFrom: CUSTOMER, recipients: [SUPPORT], authenticated: true },
        { mailFrom: CUSTOMER, recipients: [SUPPORT], authenticated: false },
      ]);
    });

    it('refuses a wrong login with 535 and takes nothing', async () => {
      const wrong = (await startWithTls()).overTls({ user: LOGIN.user, pass: 'correct horse battery staple' });
      const failure = await failureOf(wrong.sendMail({ from: CUSTOMER, to: SUPPORT, subject: 'hi', text: 'hi' }));
      wrong.close();

      expect(failure.responseCode).toBe(535);
      expect(received).toEqual([]);
    });

    it('without a certificate offers no AUTH at all, unless local development allows the login in clear', async () => {
      const session = await smtpDialogue((await start({ login: LOGIN })).port);
      const ehlo = await session.say('EHLO client.example');
      const auth = await session.say(PLAIN);
      session.close();
      expect(ehlo).not.toMatch(/AUTH|STARTTLS/);
      expect(auth).toMatch(/^500 /);

      const inClear = (await start({ login: LOGIN, allowInsecureAuth: true })).transport({ user: LOGIN.user, pass: LOGIN.password });
      await inClear.sendMail({ from: CUSTOMER, to: SUPPORT, subject: 'signed in', text: 'hi' });
      inClear.close();
      expect(envelopes).toEqual([{ mailFrom: CUSTOMER, recipients: [SUPPORT], authenticated: true }]);
    });
  });
});
