import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { normaliseEmail } from '@serviceledger/intake/domain';
import type { TlsCredentials } from '@serviceledger/platform/nest';
import type { InboundEmail } from './inbound-email';
import { MalformedEmailError } from './malformed-email-error';
import { parseEmail } from './parse-email';
import { RateLimit } from './rate-limit';

/** What the listener lets through at once and over time, so that no flood of connections, messages or recipients does. */
export interface SmtpLimits {
  /** Connections open at once; one more is answered 421 and closed. */
  maxConnections: number;
  /** Recipients of one message; one more is answered 452. */
  maxRecipients: number;
  /** Messages a minute from one client address; more are deferred with 451. */
  perClientPerMinute: number;
  /** Messages a minute from one envelope sender; more are deferred with 451. */
  perSenderPerMinute: number;
}

/** The SMTP transaction a message came in, as far as it bears on whether its sender is proven. */
export interface SmtpEnvelope {
  /** MAIL FROM; '' for the null sender. */
  mailFrom: string;
  recipients: string[];
  /** The session logged in with the listener's login. */
  authenticated: boolean;
}

export interface SmtpListenerOptions {
  /** 0 binds a free port, which start() reports. */
  port: number;
  /** Defaults to 127.0.0.1: the listener is meant to sit behind the organisation's MTA, not face the internet. */
  host?: string;
  /** Defaults to 10 MiB. */
  maxMessageBytes?: number;
  /** The intake's own addresses: any other recipient is refused with 550. */
  recipients: readonly string[];
  limits: SmtpLimits;
  /**
   * Offers SMTP AUTH (PLAIN, LOGIN) for this login, over TLS only: with `tls` after STARTTLS (AUTH before it
   * is answered 538), without it not at all unless `allowInsecureAuth`. Without a login AUTH is not offered.
   */
  login?: { user: string; password: string };
  /** The certificate STARTTLS offers (TLS 1.2 at least); without it STARTTLS is not offered. */
  tls?: TlsCredentials;
  /** Local development only: takes the login in clear when there is no certificate. */
  allowInsecureAuth?: boolean;
  /**
   * Resolves once the message is stored. A MalformedEmailError refuses the message for good; any
   * other error asks the sender to retry.
   */
  onMessage(email: InboundEmail, envelope: SmtpEnvelope): Promise<void>;
  /** The receivedAt stamp for each message. */
  now(): string;
}

const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** smtp-server sends the responseCode and message of the error passed to its callback as the reply. */
class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    // A reply line must not break: a reason could carry line breaks from a parser's message.
    super(message.replace(/\s+/g, ' '));
  }
}

/**
 * Receives mail over SMTP and hands each message to onMessage once decoded. The sender's MTA
 * learns the outcome from the reply to DATA: 250 stored, 552 too large, 550 malformed (it bounces
 * the mail with our reason), 451 a failure on our side (it keeps the mail and retries, so nothing
 * is lost). Before DATA: 421 over the connection limit, 451 over a rate, 550 for a recipient that is
 * not an intake address, 452 over the recipient limit.
 */
export class SmtpListener {
  private readonly server: SMTPServer;
  private readonly maxMessageBytes: number;
  private readonly recipients: ReadonlySet<string>;
  private readonly perClient: RateLimit;
  private readonly perSender: RateLimit;

  constructor(private readonly options: SmtpListenerOptions) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.recipients = new Set(options.recipients.map(normaliseEmail));
    this.perClient = new RateLimit(options.limits.perClientPerMinute);
    this.perSender = new RateLimit(options.limits.perSenderPerMinute);
    const tls = options.tls;
    // A password must not cross the network in clear: a login is taken over TLS, or in clear only
    // where local development asks for it.
    const login = tls || options.allowInsecureAuth ? options.login : undefined;
    this.server = new SMTPServer({
      disabledCommands: [
        // Mail is accepted from anyone, as a support address must; a login only proves a sender. Without
        // a login AUTH is switched off rather than made optional, which would still advertise it and
        // fail every client configured with credentials on a login nothing here can check.
        ...(login ? [] : ['AUTH']),
        // smtp-server would offer it with its bundled self-signed certificate, which clients that
        // verify certificates fail on.
        ...(tls ? [] : ['STARTTLS']),
      ],
      ...(tls ? { key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2' as const } : {}),
      authMethods: ['PLAIN', 'LOGIN'],
      authOptional: true,
      // While STARTTLS is offered, AUTH before it is answered 538; without STARTTLS this has no effect.
      allowInsecureAuth: false,
      onAuth: (auth, _session, callback) => {
        if (login && isLogin(auth, login)) callback(null, { user: auth.username });
        else callback(new SmtpReply(535, 'Authentication failed'));
      },
      maxClients: options.limits.maxConnections,
      maxRecipients: options.limits.maxRecipients,
      onMailFrom: (address, session, callback) => callback(this.admit(session, address.address)),
      onRcptTo: (address, _session, callback) =>
        callback(this.recipients.has(normaliseEmail(address.address)) ? undefined : new SmtpReply(550, 'Mailbox unavailable: not an intake address')),
      // Advertised with EHLO so that clients declaring a larger SIZE are refused before sending.
      size: this.maxMessageBytes,
      // A reverse DNS look-up per connection only delays the greeting; nothing here uses the name.
      disableReverseLookup: true,
      logger: false,
      onData: (stream, session, callback) => {
        this.receive(stream, envelopeOf(session)).then(
          () => callback(),
          (error: unknown) => callback(replyFor(error)),
        );
      },
    });
    // A client dropping its connection is reported here; the transaction never completed, so the
    // sender still holds the mail. Without a listener the error would crash the process.
    this.server.on('error', () => undefined);
  }

  /** Resolves with the bound port. */
  start(): Promise<number> {
    return new Promise((resolve, reject) => {
      const listening = this.server.server;
      listening.once('error', reject);
      listening.listen(this.options.port, this.options.host ?? '127.0.0.1', () => {
        listening.off('error', reject);
        resolve((listening.address() as AddressInfo).port);
      });
    });
  }

  /** Stops accepting connections; resolves once open sessions have ended. */
  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A message from this client and sender within their rates is counted against both; one over either is deferred. */
  private admit(session: SMTPServerSession, mailFrom: string): SmtpReply | undefined {
    const client = session.remoteAddress;
    const sender = normaliseEmail(mailFrom);
    if (!this.perClient.allows(client)) return new SmtpReply(451, 'Too many messages from this client, try again later');
    if (!this.perSender.allows(sender)) return new SmtpReply(451, 'Too many messages from this sender, try again later');
    this.perClient.take(client);
    this.perSender.take(sender);
    return undefined;
  }

  private async receive(stream: SMTPServerDataStream, envelope: SmtpEnvelope): Promise<void> {
    const chunks: Buffer[] = [];
    // The stream is drained to its end even past the limit, or the client could not read our reply.
    for await (const chunk of stream) {
      if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
    }
    if (stream.sizeExceeded) {
      throw new SmtpReply(552, `Message exceeds the limit of ${this.maxMessageBytes} bytes`);
    }
    const email = await parseEmail(Buffer.concat(chunks), this.options.now());
    await this.options.onMessage(email, envelope);
  }
}

function envelopeOf(session: SMTPServerSession): SmtpEnvelope {
  const { mailFrom, rcptTo } = session.envelope;
  // smtp-server sets user to false, not undefined, when STARTTLS discards what came before it.
  return { mailFrom: mailFrom ? mailFrom.address : '', recipients: rcptTo.map(({ address }) => address), authenticated: Boolean(session.user) };
}

/** Compared as digests of equal length, in constant time, so the reply's timing gives nothing away. */
function isLogin(auth: SMTPServerAuthentication, login: { user: string; password: string }): boolean {
  const same = (given: string | null | undefined, expected: string) =>
    timingSafeEqual(createHash('sha256').update(given ?? '').digest(), createHash('sha256').update(expected).digest());
  const user = same(auth.username, login.user);
  const password = same(auth.password, login.password);
  return user && password;
}

function replyFor(error: unknown): SmtpReply {
  if (error instanceof SmtpReply) return error;
  if (error instanceof MalformedEmailError) return new SmtpReply(550, `Message rejected: ${error.reason}`);
  // The cause stays with onMessage, which knows what it failed to do; the sender only learns to retry.
  return new SmtpReply(451, 'Temporary failure while storing the message, please retry later');
}
