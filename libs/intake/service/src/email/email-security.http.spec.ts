import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { RequestHeaders, SelfSignedCertificate, TestApp, selfSignedCertificate, startTestApp } from '@serviceledger/platform/testing';
import { demandStream } from '@serviceledger/intake/domain';
import { createTransport, type Transporter } from 'nodemailer';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { SUPPORT, TRUSTED_RELAY, relayVerdict, relayVerdictHeader, useMailEnvironment } from '../testing/relayed-mail';
import { SmtpChannel } from './smtp-channel';
import { UNVERIFIED_SENDERS } from './unverified-senders';

const CONTACT = 'li.wei@acme.cn';
const ATTACKER = 'attacker@evil.example';
const LOGIN = { user: 'relay', pass: 'correct horse battery' };

/** Header lines and a body as raw bytes, CRLF as on the wire. */
function rawMail(headers: string[], body: string): Buffer {
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`, 'utf8');
}

/** A header value with any characters at all in it, as a MIME encoded word carries them. */
const encodedWord = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

interface Detail {
  demandId: string;
  reference: string;
  customerId: string;
  subject: string;
  senderNotVerified: boolean;
  timeline: { entry: string; details: Record<string, unknown> }[];
}

/**
 * Issue 14, items 1 and 4, on the app as `npm start` runs it (SQLite) with its SMTP listener: a mail is
 * believed only when the trusted relay's Authentication-Results or an SMTP login prove its sender, over
 * SMTP and HTTP alike; subjects and attachment names are recorded on one line and by their base names.
 */
describe('e-mail from senders who prove themselves, and from those who do not', () => {
  const clock = new ManualClock(new Date('2026-03-02T08:30:00.000Z'));
  let t: TestApp;
  let store: EventStore;
  let agent: RequestHeaders;
  let mta: RequestHeaders;
  let portal: RequestHeaders;
  let port: number;
  let acme: string;
  /** Acme's demand, taken by phone with Li Wei as its contact. */
  let demand: { id: string; reference: string };
  let restoreEnvironment: () => void;
  let tlsDir: string;
  let certificate: SelfSignedCertificate;
  const transports: Transporter[] = [];

  /** A login goes only over STARTTLS, verifying the listener's certificate; anonymous mail may come in clear. */
  const smtp = (auth?: typeof LOGIN) => {
    const security = auth ? { auth, requireTLS: true, tls: { ca: certificate.ca } } : { ignoreTLS: true };
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ...security });
    transports.push(transport);
    return transport;
  };
  const head = async () => (await store.headCheckpoint()) ?? '';
  const get = async (url: string, headers: RequestHeaders = agent) =>
    t.app.inject({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}after=${await head()}`, headers });
  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: agent });
  const postMail = (raw: Buffer) => t.app.inject({ method: 'POST', url: '/intake/email/inbound', payload: raw, headers: { ...mta, 'content-type': 'message/rfc822' } });
  const detail = async (demandId: string): Promise<Detail> => (await get(`/intake/demands/${demandId}`)).json();
  const eventTypes = async (demandId: string) => (await store.readStream(demandStream(demandId))).map((e) => e.type);
  const portalDemands = async () => ((await get('/intake/demands', portal)).json().items as { demandId: string }[]).map((d) => d.demandId);
  /** The demand a mail with this subject opened, found as an agent would: by its subject among all demands. */
  const demandTitled = async (subject: string): Promise<Detail> => {
    const items = (await get('/intake/demands?pageSize=100')).json().items as { demandId: string; subject: string }[];
    const found = items.filter((d) => d.subject === subject);
    expect(found).toHaveLength(1);
    return detail(found[0].demandId);
  };
  const noteOf = (d: Detail) => d.timeline.find((e) => e.entry === 'InternalNoteAdded')?.details.body;

  /** What every mail that failed to prove its sender must show: a new demand, flagged, filed apart, out of the portal. */
  const expectFiledApart = async (d: Detail) => {
    expect(d).toMatchObject({ senderNotVerified: true, customerId: UNVERIFIED_SENDERS.customerId });
    expect(d.timeline.map((e) => e.entry)).toEqual(['DemandRegistered', 'InternalNoteAdded']);
    expect(await eventTypes(demand.id)).toEqual(['DemandRegistered']);
    expect(await portalDemands()).not.toContain(d.demandId);
  };

  beforeAll(async () => {
    tlsDir = mkdtempSync(join(tmpdir(), 'sl-smtp-tls-'));
    certificate = selfSignedCertificate(tlsDir);
    restoreEnvironment = useMailEnvironment({
      INTAKE_EMAIL_ADDRESSES: SUPPORT,
      INTAKE_EMAIL_TRUSTED_AUTHSERV_IDS: TRUSTED_RELAY,
      INTAKE_SMTP_AUTH_USER: LOGIN.user,
      INTAKE_SMTP_AUTH_PASSWORD: LOGIN.pass,
      INTAKE_SMTP_TLS_CERT_FILE: certificate.certFile,
      INTAKE_SMTP_TLS_KEY_FILE: certificate.keyFile,
    });
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock, env: { EVENT_STORE: 'sqlite', INTAKE_SMTP_PORT: '0' } });
    store = t.app.get<EventStore>(EVENT_STORE);
    port = t.app.get(SmtpChannel).port!;
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    mta = await t.headersFor({ userId: 'svc-mta', roles: ['agent'], departments: ['customer-service'] });
    acme = (await post('/intake/customers', { organisation: 'Acme 智能科技', contactPerson: '李偉', email: CONTACT, tier: 'gold' })).json().id;
    portal = await t.headersFor({ userId: 'li@acme', roles: ['customer'], customerId: acme });
    const phoned = await post('/intake/demands', {
      customerId: acme,
      contact: { name: '李偉', email: CONTACT },
      channel: 'phone',
      kind: 'enquiry',
      subject: '發票打印機離線',
      description: '財務室的發票打印機離線。',
      impact: 2,
      urgency: 2,
    });
    demand = { id: phoned.json().id, reference: (await detail(phoned.json().id)).reference };
  });
  afterAll(async () => {
    transports.forEach((transport) => transport.close());
    await t.close();
    restoreEnvironment();
    rmSync(tlsDir, { recursive: true, force: true });
  });

  describe('a sender is trusted only when the mail proves it (item 1)', () => {
    it('opens a flagged demand for a stranger quoting a demand’s reference over HTTP, noting the demand, and adds nothing to it or the portal', async () => {
      const forged = await postMail(
        rawMail([`From: ${ATTACKER}`, `To: ${SUPPORT}`, `Subject: Re: [${demand.reference}] 請改收款賬戶`, 'Message-ID: <forged-1@evil.example>'], '請把貨款改匯到新賬戶。'),
      );

      expect(forged.statusCode).toBe(201);
      expect(forged.json()).toMatchObject({ outcome: 'new-demand', senderNotVerified: true });
      expect(forged.json().demandId).not.toBe(demand.id);
      const opened = await detail(forged.json().demandId);
      await expectFiledApart(opened);
      expect(noteOf(opened)).toBe(
        `Sender not verified: the mail carries no authentication results from a trusted relay. The mail claims to answer demand ${demand.reference}; nothing was added to that demand.`,
      );
    });

    it('files apart a mail sent over SMTP with the customer’s address in From:, any envelope sender and results under another authserv-id, noting the customer', async () => {
      await smtp().sendMail({
        envelope: { from: ATTACKER, to: SUPPORT },
        from: CONTACT,
        to: SUPPORT,
        subject: '新訂單：100 台打印機',
        text: '請按附件地址發貨。',
        headers: { 'Authentication-Results': relayVerdict(CONTACT, 'mx.evil.example') },
      });

      const opened = await demandTitled('新訂單：100 台打印機');
      await expectFiledApart(opened);
      expect(noteOf(opened)).toBe(
        'Sender not verified: the mail carries no authentication results from a trusted relay. ' +
          `Its From address is that of customer ${acme} (Acme 智能科技); the demand is not filed under that customer, whose portal does not show it.`,
      );
      expect((await get(`/intake/customers?email=${CONTACT}&reason=${encodeURIComponent('核對寄件人')}`)).json()).toMatchObject({ total: 1, items: [{ customerId: acme }] });
    });

    it('takes no envelope sender that disagrees with From: as proof, even when the relay found SPF passing for it, over HTTP and SMTP', async () => {
      const spfForTheAttacker = `${TRUSTED_RELAY}; spf=pass smtp.mailfrom=${ATTACKER}; dkim=none; dmarc=fail header.from=acme.cn`;
      const overHttp = await postMail(
        rawMail([`Return-Path: <${ATTACKER}>`, `Authentication-Results: ${spfForTheAttacker}`, `From: ${CONTACT}`, 'Subject: 賬戶變更通知', 'Message-ID: <spf-1@evil.example>'], '新賬戶見下。'),
      );
      await smtp().sendMail({
        envelope: { from: ATTACKER, to: SUPPORT },
        from: CONTACT,
        to: SUPPORT,
        subject: '賬戶變更通知（二）',
        text: '新賬戶見下。',
        headers: { 'Authentication-Results': spfForTheAttacker },
      });

      expect(overHttp.json()).toMatchObject({ outcome: 'new-demand', senderNotVerified: true });
      for (const opened of [await detail(overHttp.json().demandId), await demandTitled('賬戶變更通知（二）')]) {
        await expectFiledApart(opened);
        expect(noteOf(opened)).toContain('the trusted relay reports no DMARC pass, no DKIM pass for the From domain and no SPF pass for an envelope sender in it');
        expect(noteOf(opened)).toContain(`customer ${acme}`);
      }
    });

    it('opens a flagged demand for a proven sender who is neither the demand’s contact nor its customer’s address', async () => {
      const outsider = 'wang@partner.example';
      const reply = await postMail(
        rawMail([relayVerdictHeader(outsider), `From: ${outsider}`, `Subject: Re: [${demand.reference}] 發票打印機離線`, 'Message-ID: <outsider-1@partner.example>'], '我們也遇到了。'),
      );

      const opened = await detail(reply.json().demandId);
      await expectFiledApart(opened);
      expect(noteOf(opened)).toBe(
        `Sender not verified: the sender is proven (dmarc), but is neither the contact of demand ${demand.reference} nor the address of its customer. ` +
          `The mail claims to answer demand ${demand.reference}; nothing was added to that demand.`,
      );
    });

    it('threads the proven customer onto their demand over SMTP, and files their new mail under their customer over HTTP', async () => {
      await smtp().sendMail({
        from: CONTACT,
        to: SUPPORT,
        subject: `Re: [${demand.reference}] 發票打印機離線`,
        text: '型號是 HP M404。',
        headers: { 'Authentication-Results': relayVerdict(CONTACT) },
      });
      const fresh = await postMail(rawMail([relayVerdictHeader(CONTACT), `From: ${CONTACT}`, 'Subject: 續約報價', 'Message-ID: <renewal-1@acme.cn>'], '請報續約價。'));

      expect(await eventTypes(demand.id)).toEqual(['DemandRegistered', 'CustomerMessageReceived']);
      expect(fresh.json()).toEqual(expect.not.objectContaining({ senderNotVerified: expect.anything() }));
      expect(await detail(fresh.json().demandId)).toMatchObject({ customerId: acme, senderNotVerified: false });
      expect(await portalDemands()).toEqual(expect.arrayContaining([demand.id, fresh.json().demandId]));
    });

    it('takes an SMTP login as proof only of the From address that is also the envelope sender', async () => {
      const loggedIn = smtp(LOGIN);
      await loggedIn.sendMail({ from: CONTACT, to: SUPPORT, subject: '登入後寄出', text: '經內部郵件系統寄出。' });
      await loggedIn.sendMail({ envelope: { from: 'someone@acme.cn', to: SUPPORT }, from: CONTACT, to: SUPPORT, subject: '登入後代寄', text: '代寄。' });

      expect(await demandTitled('登入後寄出')).toMatchObject({ customerId: acme, senderNotVerified: false });
      const forwarded = await demandTitled('登入後代寄');
      expect(forwarded).toMatchObject({ customerId: UNVERIFIED_SENDERS.customerId, senderNotVerified: true });
      expect(noteOf(forwarded)).toContain('the SMTP session logged in, but its envelope sender is not the From address');
    });
  });

  describe('subjects and attachment names recorded normalised (item 4)', () => {
    const subject = `打印機\r\nBcc: all@acme.cn\u0000 \u001b[31m紅字\u001b[0m`;
    /** A proven mail from the customer whose subject and attachment names carry line breaks, NUL, escape codes and directories. */
    const hostileMail = (messageId: string, extra: string[] = []) =>
      [
        relayVerdictHeader(CONTACT),
        `From: ${CONTACT}`,
        `To: ${SUPPORT}`,
        `Subject: ${encodedWord(subject)}`,
        `Message-ID: <${messageId}@acme.cn>`,
        ...extra,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        '附件是日誌。',
        '--b',
        'Content-Type: text/plain; name="passwd"',
        'Content-Disposition: attachment; filename="../../etc/passwd"',
        '',
        'root:x:0:0',
        '--b',
        'Content-Type: application/pdf',
        `Content-Disposition: attachment; filename="${encodedWord('C:\\Users\\li\\\u001b]0;pwned\u0007報告\r\n.pdf')}"`,
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4').toString('base64'),
        '--b--',
        '',
      ].join('\r\n');
    const recorded = (entry: { details: Record<string, unknown> }) => ({
      subject: entry.details.subject,
      names: (entry.details.attachments as { name: string }[]).map((a) => a.name),
    });
    const clean = { subject: '打印機 Bcc: all@acme.cn 紅字', names: ['passwd', '報告 .pdf'] };

    it('over SMTP, as the demand a mail opens', async () => {
      await smtp().sendMail({ envelope: { from: CONTACT, to: SUPPORT }, raw: hostileMail('hostile-1') });

      const opened = await demandTitled(clean.subject);
      expect(recorded(opened.timeline[0])).toEqual(clean);
    });

    it('over HTTP, as a message on the conversation, and on a registration and a reply by staff', async () => {
      const opened = await demandTitled(clean.subject);
      const reply = await postMail(Buffer.from(hostileMail('hostile-2', ['In-Reply-To: <hostile-1@acme.cn>']), 'utf8'));
      expect(reply.json()).toMatchObject({ demandId: opened.demandId, outcome: 'added-to-conversation' });
      expect(recorded((await detail(opened.demandId)).timeline[1])).toEqual(clean);

      const registration = (subject: string, name: string) => ({
        customerId: acme,
        contact: { name: '李偉', email: CONTACT },
        channel: 'phone',
        kind: 'enquiry',
        subject,
        description: '會議室斷網。',
        impact: 2,
        urgency: 2,
        attachments: [{ name, contentType: 'text/plain', size: 1 }],
      });
      // Control characters other than tab, CR and LF are refused over HTTP (issue 15, item 3); what remains is normalised.
      const controlled = await post('/intake/demands', registration('網絡\r\n斷線\u001b[2J', '..\\..\\windows\\win.ini\u0000'));
      expect(controlled.statusCode).toBe(400);
      expect(controlled.json().errors.map((e: { field: string }) => e.field)).toEqual(['subject', 'attachments.0.name']);
      const attachments = [{ name: '..\\..\\windows\\win.ini', contentType: 'text/plain', size: 1 }];
      const phoned = await post('/intake/demands', registration('網絡\r\n斷線', attachments[0].name));
      expect(phoned.statusCode).toBe(201);
      const answered = await post(`/intake/demands/${phoned.json().id}/replies`, { channel: 'email', body: '見附件。', attachments });
      expect(answered.statusCode).toBe(201);
      const { subject: registeredSubject, timeline } = await detail(phoned.json().id);
      expect(registeredSubject).toBe('網絡 斷線');
      expect(timeline.map((e) => (e.details.attachments as { name: string }[]).map((a) => a.name))).toEqual([['win.ini'], ['win.ini']]);
    });
  });
});
