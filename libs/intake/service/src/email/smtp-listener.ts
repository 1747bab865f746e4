import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { InboundEmail } from './inbound-email';
import { MalformedEmailError } from './malformed-email-error';
import { parseEmail } from './parse-email';

export interface SmtpListenerOptions {
  /** 0 binds a free port, which start() reports. */
  port: number;
  /** Defaults to 127.0.0.1: the listener is meant to sit behind the organisation's MTA, not face the internet. */
  host?: string;
  /** Defaults to 10 MiB. */
  maxMessageBytes?: number;
  /**
   * Resolves once the message is stored. A MalformedEmailError refuses the message for good; any
   * other error asks the sender to retry.
   */
  onMessage(email: InboundEmail): Promise<void>;
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
 * is lost).
 */
export class SmtpListener {
  private readonly server: SMTPServer;
  private readonly maxMessageBytes: number;

  constructor(private readonly options: SmtpListenerOptions) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.server = new SMTPServer({
      disabledCommands: [
        // Mail is accepted from anyone, as a support address must; the MTA in front filters it.
        // Switched off rather than made optional (authOptional), which would still advertise AUTH
        // and fail every client configured with credentials on a login nothing here can check.
        'AUTH',
        // smtp-server would offer it with its bundled self-signed certificate, which clients that
        // verify certificates fail on. TLS belongs to the MTA in front of this listener.
        'STARTTLS',
      ],
      // Advertised with EHLO so that clients declaring a larger SIZE are refused before sending.
      size: this.maxMessageBytes,
      // A reverse DNS look-up per connection only delays the greeting; nothing here uses the name.
      disableReverseLookup: true,
      logger: false,
      onData: (stream, _session, callback) => {
        this.receive(stream).then(
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

  private async receive(stream: SMTPServerDataStream): Promise<void> {
    const chunks: Buffer[] = [];
    // The stream is drained to its end even past the limit, or the client could not read our reply.
    for await (const chunk of stream) {
      if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
    }
    if (stream.sizeExceeded) {
      throw new SmtpReply(552, `Message exceeds the limit of ${this.maxMessageBytes} bytes`);
    }
    const email = await parseEmail(Buffer.concat(chunks), this.options.now());
    await this.options.onMessage(email);
  }
}

function replyFor(error: unknown): SmtpReply {
  if (error instanceof SmtpReply) return error;
  if (error instanceof MalformedEmailError) return new SmtpReply(550, `Message rejected: ${error.reason}`);
  // The cause stays with onMessage, which knows what it failed to do; the sender only learns to retry.
  return new SmtpReply(451, 'Temporary failure while storing the message, please retry later');
}
