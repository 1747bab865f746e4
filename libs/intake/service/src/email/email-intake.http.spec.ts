import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { createTransport, type Transporter } from 'nodemailer';
import type { Attachment } from 'nodemailer/lib/mailer';
import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { demandStream } from '@serviceledger/intake/domain';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { SUPPORT, TRUSTED_RELAY, relayVerdict, relayVerdictHeader, useMailEnvironment } from '../testing/relayed-mail';
import { EmailIntake, SMTP_ACTOR } from './email-intake';
import { parseEmail } from './parse-email';
import { SmtpChannel } from './smtp-channel';

/**
 * Header lines and a body as raw bytes, CRLF as on the wire. The mails these tests hand in are proven,
 * as the trusted relay vouches for them (relayVerdictHeader): email-security.http.spec.ts has the others.
 */
function rawMail(headers: string[], body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)]);
}

/** As a GBK mail client writes a header value; nodemailer itself writes UTF-8 only. */
function gbkEncodedWord(text: string): string {
  return `=?GBK?B?${iconv.encode(text, 'gbk').toString('base64')}?=`;
}

/** A GBK text part, sent as given (nodemailer's types know `raw` on attachments only). */
function gbkTextPart(text: string): Attachment {
  return {
    raw: ['Content-Type: text/plain; charset=GBK', 'Content-Transfer-Encoding: base64', '', iconv.encode(text, 'gbk').toString('base64')].join(
      '\r\n',
    ),
  };
}

/** An attachment whose Chinese file name is a GBK encoded word, as Foxmail and Outlook in China write it. */
function gbkNamedAttachment(filename: string, content: Buffer): Attachment {
  const name = gbkEncodedWord(filename);
  return {
    raw: [
      `Content-Type: text/plain; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      content.toString('base64'),
    ].join('\r\n'),
  };
}

interface TimelineEntry {
  entry: string;
  actorId: string;
  details: Record<string, unknown>;
}

describe('the e-mail channel over SMTP and HTTP', () => {
  const clock = new ManualClock(new Date('2026-03-02T08:30:00.000Z'));
  let t: TestApp;
  let store: EventStore;
  let agent: Record<string, string>;
  let mta: Record<string, string>;
  let transport: Transporter;
  let restoreEnvironment: () => void;

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: agent });
  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: agent });
  const postMail = (raw: Buffer | string, headers: Record<string, string> = mta) =>
    t.app.inject({
      method: 'POST',
      url: '/intake/email/inbound',
      payload: raw,
      headers: { ...headers, 'content-type': 'message/rfc822' },
    });
  /** Over SMTP the sender learns only "stored" (250); everything it appended is behind the store's head. */
  const head = async () => (await store.headCheckpoint()) ?? '';
  const detail = async (demandId: string, after: string) => {
    const response = await get(`/intake/demands/${demandId}?after=${after}`);
    expect(response.statusCode).toBe(200);
    return response.json() as { reference: string; channel: string; status: string; customerId: string; timeline: TimelineEntry[] };
  };
  const eventTypes = async (demandId: string) => (await store.readStream(demandStream(demandId))).map((e) => e.type);

  beforeAll(async () => {
    restoreEnvironment = useMailEnvironment({ INTAKE_EMAIL_ADDRESSES: SUPPORT, INTAKE_EMAIL_TRUSTED_AUTHSERV_IDS: TRUSTED_RELAY });
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock, env: { INTAKE_SMTP_PORT: '0' } });
    store = t.app.get<EventStore>(EVENT_STORE);
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    // The mail server's service account.
    mta = await t.headersFor({ userId: 'svc-mta', roles: ['agent'], departments: ['customer-service'] });
    const port = t.app.get(SmtpChannel).port;
    expect(port).toEqual(expect.any(Number));
    transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    transport.close();
    await t.close();
    restoreEnvironment();
  });

  it('threads a GBK reply with an attachment, sent over SMTP, onto the demand a stranger opened by mail', async () => {
    const stranger = 'zhang.san@example.cn';
    const firstText = '您好，三楼的打印機無法列印，顯示「卡紙」。\n麻煩儘快派人處理，謝謝！';
    const first = await transport.sendMail({
      from: { name: '张三', address: stranger },
      to: SUPPORT,
      headers: { 'Authentication-Results': relayVerdict(stranger) },
      subject: '打印機故障',
      text: firstText,
    });

    // A GBK mail client's reply: encoded-word subject, GBK body, an attachment with a Chinese name.
    const replySubject = 'Re: 打印機故障（補充資料）';
    const replyText = '補充：錯誤碼 E-203，日誌見附件。打印機型號：惠普 M404。';
    const logBytes = Buffer.from('2026-03-02 08:00 E-203 paper jam tray 2\n'.repeat(20));
    const reply = await transport.sendMail({
      from: stranger,
      to: SUPPORT,
      headers: { Subject: { prepared: true, value: gbkEncodedWord(replySubject) }, 'Authentication-Results': relayVerdict(stranger) },
      inReplyTo: first.messageId,
      references: [first.messageId],
      text: gbkTextPart(replyText),
      attachments: [gbkNamedAttachment('打印機日誌.txt', logBytes)],
    });
    const after = await head();

    const customers = await get(`/intake/customers?flaggedForReview=true&email=${encodeURIComponent(stranger)}&reason=${encodeURIComponent('核對寄件人')}&after=${after}`);
    expect(customers.json()).toMatchObject({ total: 1, items: [{ flaggedForReview: true, source: 'email', organisation: 'example.cn', tier: 'standard' }] });
    const { customerId } = customers.json().items[0];

    const demands = await get(`/intake/demands?customer=${customerId}&after=${after}&count=exact`);
    expect(demands.json().total).toBe(1);
    const { demandId } = demands.json().items[0];
    const demand = await detail(demandId, after);
    expect(demand).toMatchObject({ channel: 'email', kind: 'enquiry', status: 'registered', customerId, impact: 3, urgency: 3 });
    expect(demand.reference).toMatch(/^SR-2026-\d{6}$/);
    expect(demand.timeline.map((e) => e.entry)).toEqual(['DemandRegistered', 'CustomerMessageReceived']);

    const [registered, message] = demand.timeline;
    expect(registered.actorId).toBe('system:smtp');
    expect(registered.details).toMatchObject({ channel: 'email', emailMessageId: first.messageId, subject: '打印機故障', description: firstText, attachments: [] });
    expect(message.details).toEqual({
      channel: 'email',
      // The sender's address is personal data: masked (z***@example.cn) unless revealed with a reason.
      from: expect.stringMatching(/^z.*@example\.cn$/),
      subject: replySubject,
      body: replyText,
      messageId: reply.messageId,
      attachments: [{ name: '打印機日誌.txt', contentType: 'text/plain', size: logBytes.length, sha256: createHash('sha256').update(logBytes).digest('hex') }],
      receivedAt: '2026-03-02T08:30:00.000Z',
    });
  });

  it('appends a mail delivered twice only once, whether it opened a demand or answered one', async () => {
    const first = rawMail(
      [relayVerdictHeader('li.si@example.cn'), 'From: "李四" <li.si@example.cn>', `To: ${SUPPORT}`, 'Subject: 發票抬頭更改', 'Message-ID: <invoice-1@example.cn>', 'Content-Type: text/plain; charset=UTF-8'],
      '請把發票抬頭改為「深圳某某科技有限公司」。',
    );
    const opened = await postMail(first);
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ outcome: 'new-demand', reference: expect.stringMatching(/^SR-2026-\d{6}$/), checkpoint: expect.any(String) });
    const { demandId, reference } = opened.json();

    const again = await postMail(first);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ demandId, reference, outcome: 'duplicate' });

    const reply = rawMail(
      [relayVerdictHeader('li.si@example.cn'), 'From: li.si@example.cn', 'Subject: Re: 發票抬頭更改', 'Message-ID: <invoice-2@example.cn>', 'In-Reply-To: <invoice-1@example.cn>'],
      '補充：稅號 91440300XXXXXXXXXX',
    );
    expect((await postMail(reply)).json()).toMatchObject({ demandId, outcome: 'added-to-conversation' });
    // The mail server retries it, with LF line endings this time.
    expect((await postMail(reply.toString('latin1').replace(/\r\n/g, '\n'))).json()).toMatchObject({ demandId, outcome: 'duplicate' });

    expect(await eventTypes(demandId)).toEqual(['DemandRegistered', 'CustomerMessageReceived']);
  });

  it('threads a reply handed in while the mail it answers is still being taken', async () => {
    const intake = t.app.get(EmailIntake);
    const at = clock.now().toISOString();
    const sun = relayVerdictHeader('sun@example.cn');
    const first = await parseEmail(rawMail([sun, 'From: sun@example.cn', 'Subject: 門禁卡失效', 'Message-ID: <badge-1@example.cn>'], '門禁卡刷不開。'), at);
    const reply = await parseEmail(
      rawMail([sun, 'From: sun@example.cn', 'Subject: Re: 門禁卡失效', 'Message-ID: <badge-2@example.cn>', 'References: <badge-1@example.cn>'], '是二號門。'),
      at,
    );

    // As two SMTP connections would: the reply arrives before the first mail is stored.
    const relayed = { envelopeSender: 'sun@example.cn', smtpAuthenticated: false };
    const [opened, answered] = await Promise.all([intake.accept(first, relayed, SMTP_ACTOR), intake.accept(reply, relayed, SMTP_ACTOR)]);

    expect(opened.outcome).toBe('new-demand');
    expect(answered).toMatchObject({ demandId: opened.demandId, outcome: 'added-to-conversation' });
  });

  it('threads a reply that quotes only the reference in its subject', async () => {
    const opened = await postMail(
      rawMail([relayVerdictHeader('wang@example.cn'), 'From: wang@example.cn', 'Subject: 網絡時斷時續', 'Message-ID: <network-1@example.cn>'], '會議室的無線網絡經常斷線。'),
    );
    const { demandId, reference } = opened.json();

    // Written afresh rather than answered: no In-Reply-To, no References, the reference retyped in lower case.
    const followUp = await postMail(
      rawMail(
        [relayVerdictHeader('wang@example.cn'), 'From: Wang <wang@example.cn>', `Subject: ${gbkEncodedWord(`回复：【${reference.toLowerCase()}】网络问题`)}`, 'Message-ID: <network-2@example.cn>'],
        '今天又斷了兩次。',
      ),
    );
    expect(followUp.statusCode).toBe(201);
    expect(followUp.json()).toMatchObject({ demandId, reference, outcome: 'added-to-conversation' });

    const demand = await detail(demandId, followUp.json().checkpoint);
    expect(demand.timeline.map((e) => e.entry)).toEqual(['DemandRegistered', 'CustomerMessageReceived']);
    expect(demand.timeline[1].details).toMatchObject({ subject: `回复：【${reference.toLowerCase()}】网络问题`, body: '今天又斷了兩次。' });
  });

  it('makes one customer of a stranger who writes twice, and files a known sender under their customer', async () => {
    const mail = (id: string, subject: string) =>
      rawMail([relayVerdictHeader('Chan.TaiMan@Example.HK'), `From: 陳大文 <Chan.TaiMan@Example.HK>`, `Subject: ${subject}`, `Message-ID: <${id}@example.hk>`], `${subject}。`);
    const one = (await postMail(mail('stranger-1', '打印機卡紙'))).json();
    const two = (await postMail(mail('stranger-2', '投影機無法開機'))).json();
    expect(two.demandId).not.toBe(one.demandId);

    const customers = await get(`/intake/customers?email=chan.taiman@example.hk&reason=${encodeURIComponent('核對寄件人')}&after=${two.checkpoint}`);
    expect(customers.json()).toMatchObject({ total: 1, items: [{ flaggedForReview: true }] });
    const { customerId } = customers.json().items[0];
    expect((await detail(one.demandId, two.checkpoint)).customerId).toBe(customerId);
    expect((await detail(two.demandId, two.checkpoint)).customerId).toBe(customerId);

    const registered = await post('/intake/customers', {
      organisation: '廣州某某貿易有限公司',
      contactPerson: '黃小姐',
      email: 'huang@example.com',
      tier: 'gold',
    });
    const known = (await postMail(rawMail([relayVerdictHeader('HUANG@example.com'), 'From: HUANG@example.com', 'Subject: 報價', 'Message-ID: <quote-1@example.com>'], '請報價。'))).json();
    const demand = await detail(known.demandId, known.checkpoint);
    expect(demand.customerId).toBe(registered.json().id);
  });

  it('rejects a malformed message with 400 and the reason, appending nothing', async () => {
    const before = await head();
    const response = await postMail('Subject: who am I\r\nMessage-ID: <nobody@example.cn>\r\n\r\nno sender here\r\n');

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 400,
      detail: 'Malformed e-mail: no sender: the From header is missing or has no valid address',
    });
    expect(await head()).toBe(before);
  });

  it('rejects a body that is not a raw message (415), one over the SMTP size limit (413), and a customer, who lacks email:ingest, handing in mail (403)', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/intake/email/inbound', payload: { from: 'a@example.cn' }, headers: mta });
    expect(json.statusCode).toBe(415);
    const tooLarge = await postMail(rawMail(['From: a@example.cn', 'Subject: big'], Buffer.alloc(10 * 1024 * 1024, 'x')));
    expect(tooLarge.statusCode).toBe(413);

    const customer = await t.headersFor({ userId: 'portal-user', roles: ['customer'], customerId: 'c-1' });
    const before = await head();
    const forged = await postMail(rawMail(['From: someone.else@example.cn', 'Subject: hi'], 'hi'), customer);
    expect(forged.statusCode).toBe(403);
    expect(await head()).toBe(before);
  });

  it('opens a new demand for a reply to a closed one, and says which it answered', async () => {
    const opened = await postMail(
      rawMail([relayVerdictHeader('zhao@example.cn'), 'From: zhao@example.cn', 'Subject: 郵箱無法登入', 'Message-ID: <mailbox-1@example.cn>'], '密碼正確但無法登入郵箱。'),
    );
    const closed = opened.json();
    const id = closed.demandId;
    expect((await post(`/intake/demands/${id}/triage`, { businessCategory: 'technical-support' })).statusCode).toBe(200);
    expect((await post(`/intake/demands/${id}/assignment`, {})).statusCode).toBe(200);
    expect((await post(`/intake/demands/${id}/resolution`, { text: '已重設密碼。' })).statusCode).toBe(200);
    expect((await post(`/intake/demands/${id}/closure`, { text: '客戶確認可以登入。' })).statusCode).toBe(200);

    const reply = rawMail(
      [relayVerdictHeader('zhao@example.cn'), 'From: zhao@example.cn', `Subject: Re: [${closed.reference}] 郵箱無法登入`, 'Message-ID: <mailbox-2@example.cn>', 'In-Reply-To: <mailbox-1@example.cn>'],
      '又無法登入了。',
    );
    const reopened = await postMail(reply);
    expect(reopened.statusCode).toBe(201);
    expect(reopened.json()).toMatchObject({
      outcome: 'new-demand',
      repliedTo: { demandId: id, reference: closed.reference, status: 'closed' },
    });
    const { demandId, reference } = reopened.json();
    expect(demandId).not.toBe(id);
    expect(reference).not.toBe(closed.reference);

    const fresh = await detail(demandId, reopened.json().checkpoint);
    expect(fresh.timeline.map((e) => e.entry)).toEqual(['DemandRegistered', 'InternalNoteAdded']);
    expect(fresh.timeline[1].details).toMatchObject({ body: `Opened by an e-mail reply to demand ${closed.reference}, which is closed.` });
    expect(await eventTypes(id)).not.toContain('CustomerMessageReceived');

    // The reply now belongs to the new demand: delivered again, it is recognised there.
    expect((await postMail(reply)).json()).toMatchObject({ demandId, outcome: 'duplicate' });
  });

  it('makes a complaint of a mail taken as an enquiry, with its promise from then on, and refuses what would be wrong, saying why', async () => {
    clock.set('2026-03-03T01:00:00.000Z');
    const opened = await postMail(
      rawMail([relayVerdictHeader('qian@example.cn'), 'From: qian@example.cn', 'Subject: 投訴：維修一再延誤', 'Message-ID: <complaint-1@example.cn>'], '工程師三次爽約，要求說明並補償。'),
    );
    const { demandId } = opened.json();
    expect(await detail(demandId, opened.json().checkpoint)).toMatchObject({ kind: 'enquiry', priority: 'P4', complaintDueAt: null });
    const reclassify = (payload: object) => post(`/intake/demands/${demandId}/reclassification`, payload);
    const reason = '來信投訴維修一再延誤';
    const promisedResult = '說明爽約原因並補償一次上門費';

    const noReason = await reclassify({ kind: 'complaint' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toContainEqual({ field: 'reason', message: 'reason must be a string' });
    const blankReason = await reclassify({ kind: 'complaint', reason: '   ', promisedResult });
    expect(blankReason.statusCode).toBe(400);
    expect(blankReason.json().errors).toEqual([{ field: 'reason', message: 'reason must not be blank' }]);
    const sameKind = await reclassify({ kind: 'enquiry', reason });
    expect(sameKind.statusCode).toBe(409);
    expect(sameKind.json()).toMatchObject({ code: 'kind-unchanged', detail: expect.stringContaining('already of kind enquiry') });
    expect(await eventTypes(demandId)).toEqual(['DemandRegistered']);

    // A day after the mail came, an agent reads it as the complaint it is: P4 is promised 72 hours from now.
    clock.set('2026-03-04T01:00:00.000Z');
    const reclassified = await reclassify({ kind: 'complaint', reason, promisedResult });
    expect(reclassified.statusCode).toBe(200);
    const complaint = await get(`/intake/demands/${demandId}?after=${reclassified.json().checkpoint}`);
    expect(complaint.json()).toMatchObject({ kind: 'complaint', status: 'registered', complaintDueAt: '2026-03-07T01:00:00.000Z' });
    const history = (complaint.json().timeline as (TimelineEntry & { visibility: string })[]).slice(1);
    expect(history).toEqual([
      expect.objectContaining({
        entry: 'DemandReclassified',
        visibility: 'internal',
        actorId: 'agent-li',
        details: { previousKind: 'enquiry', kind: 'complaint', reason, reclassifiedBy: 'agent-li', reclassifiedAt: '2026-03-04T01:00:00.000Z' },
      }),
      expect.objectContaining({
        entry: 'ComplaintRegistered',
        details: { priority: 'P4', promisedHandlingHours: 72, promisedResult, dueAt: '2026-03-07T01:00:00.000Z' },
      }),
    ]);
    const overdueIds = async () => ((await get('/intake/complaints/overdue')).json() as { demandId: string }[]).map((d) => d.demandId);
    expect(await overdueIds()).not.toContain(demandId);
    clock.set('2026-03-07T01:00:01.000Z');
    expect(await overdueIds()).toContain(demandId);

    const back = await reclassify({ kind: 'enquiry', reason: '其實只是詢問' });
    expect(back.statusCode).toBe(409);
    expect(back.json().code).toBe('complaint-kind-fixed');

    const other = (await postMail(rawMail([relayVerdictHeader('qian@example.cn'), 'From: qian@example.cn', 'Subject: 發票', 'Message-ID: <invoice-9@example.cn>'], '請補開發票。'))).json();
    await post(`/intake/demands/${other.demandId}/triage`, { businessCategory: 'technical-support' });
    await post(`/intake/demands/${other.demandId}/assignment`, {});
    await post(`/intake/demands/${other.demandId}/resolution`, { text: '已補開發票。' });
    expect((await post(`/intake/demands/${other.demandId}/closure`, { text: '客戶已收到。' })).statusCode).toBe(200);
    const before = await eventTypes(other.demandId);
    const closed = await post(`/intake/demands/${other.demandId}/reclassification`, { kind: 'complaint', reason, promisedResult });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ code: 'demand-closed', detail: expect.stringContaining('can no longer be reclassified') });
    expect(await eventTypes(other.demandId)).toEqual(before);
  });
});
