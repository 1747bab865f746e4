import { EventStore } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { createTransport, type SentMessageInfo, type Transporter } from 'nodemailer';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { SUPPORT, useMailEnvironment } from '../testing/relayed-mail';
import { SmtpChannel } from './smtp-channel';
import { greeting } from '../testing/smtp-greeting';
import { failureOf } from '../testing/smtp-failure';

const INTAKE_ADDRESSES = [SUPPORT, 'complaints@serviceledger.test', 'billing@serviceledger.test'];

/**
 * Issue 14, item 3: the SMTP listener of the app as `npm start` runs it (SQLite) takes its limits and its
 * intake addresses from the environment, and holds a flood to them: 500 mails from invented senders,
 * or one mail to 1,000 recipients, no longer get through.
 */
describe('the SMTP listener’s limits, configured through the environment', () => {
  let t: TestApp;
  let store: EventStore;
  let port: number;
  let restoreEnvironment: () => void;
  const transports: Transporter[] = [];
  const head = async () => (await store.headCheckpoint()) ?? '';
  const smtp = () => {
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    transports.push(transport);
    return transport;
  };

  beforeAll(async () => {
    restoreEnvironment = useMailEnvironment({
      INTAKE_EMAIL_ADDRESSES: INTAKE_ADDRESSES.join(','),
      INTAKE_SMTP_MAX_CONNECTIONS: '2',
      INTAKE_SMTP_MAX_RECIPIENTS: '2',
      INTAKE_SMTP_RATE_PER_CLIENT: '5',
      INTAKE_SMTP_RATE_PER_SENDER: '2',
    });
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], env: { EVENT_STORE: 'sqlite', INTAKE_SMTP_PORT: '0' } });
    store = t.app.get<EventStore>(EVENT_STORE);
    port = t.app.get(SmtpChannel).port!;
  });
  afterAll(async () => {
    transports.forEach((transport) => transport.close());
    await t.close();
    restoreEnvironment();
  });

  it('refuses with 550 every recipient but the intake addresses, appending nothing', async () => {
    const before = await head();
    const failure = await failureOf(smtp().sendMail({ from: 'li@example.cn', to: 'postmaster@serviceledger.test', subject: 'hi', text: 'hi' }));

    expect(failure.responseCode).toBe(550);
    expect(await head()).toBe(before);
  });

  it('refuses with 452 the recipients past the cap, taking the mail once for those within it', async () => {
    const info: SentMessageInfo = await smtp().sendMail({ from: 'li@example.cn', to: INTAKE_ADDRESSES, subject: '三個收件人', text: 'hi' });

    expect(info.accepted).toEqual(INTAKE_ADDRESSES.slice(0, 2));
    expect(info.rejectedErrors).toEqual([expect.objectContaining({ recipient: INTAKE_ADDRESSES[2], responseCode: 452 })]);
  });

  it('defers with 451 a sender past its rate, then the client past its rate, so invented senders cannot flood intake', async () => {
    // Each MAIL FROM counts, whatever its recipients came to: the two above leave the client three.
    const send = (sender: string) => smtp().sendMail({ envelope: { from: sender, to: SUPPORT }, from: sender, to: SUPPORT, subject: sender, text: 'flood' });
    await send('wang@example.cn');
    await send('wang@example.cn');
    expect(await failureOf(send('wang@example.cn'))).toMatchObject({ responseCode: 451, response: expect.stringContaining('this sender') });
    await send('invented-1@example.cn');
    const before = await head();
    expect(await failureOf(send('invented-2@example.cn'))).toMatchObject({ responseCode: 451, response: expect.stringContaining('this client') });
    expect(await head()).toBe(before);
  });

  it('answers 421 to a connection past the cap', async () => {
    const open = [await greeting(port), await greeting(port)];
    const refused = await greeting(port);
    [...open, refused].forEach((connection) => connection.close());

    expect(open.map((c) => c.line.slice(0, 4))).toEqual(['220 ', '220 ']);
    expect(refused.line).toMatch(/^421 /);
  });
});
