import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '@serviceledger/platform/core';
import { CLOCK, PLATFORM_CONFIG, PlatformConfig, tlsCredentialsOf } from '@serviceledger/platform/nest';
import { EmailIntake, MAX_INBOUND_EMAIL_BYTES, SMTP_ACTOR } from './email-intake';
import type { InboundEmail } from './inbound-email';
import { IntakeMailConfig } from './intake-mail-config';
import { MalformedEmailError } from './malformed-email-error';
import { SmtpEnvelope, SmtpListener } from './smtp-listener';

/**
 * Runs the SMTP listener of the e-mail channel while the app is up, in a process that serves the
 * API, when INTAKE_SMTP_PORT is set (off by default; 0 binds a free port, which `port` reports), with
 * the intake addresses, login, certificate and limits of INTAKE_EMAIL_* and INTAKE_SMTP_* (intake-mail-config.ts).
 */
@Injectable()
export class SmtpChannel implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IntakeSmtp');
  private listener?: SmtpListener;
  private boundPort?: number;

  constructor(
    private readonly intake: EmailIntake,
    private readonly mail: IntakeMailConfig,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The port the listener is bound to; undefined while it is off. */
  get port(): number | undefined {
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.INTAKE_SMTP_PORT;
    const servesApi = this.config.ROLES.split(',').some((role) => role.trim() === 'api');
    if (port === undefined || !servesApi) return;
    const host = this.config.INTAKE_SMTP_HOST;
    const tls = tlsCredentialsOf(this.mail, 'INTAKE_SMTP_TLS_CERT_FILE', 'INTAKE_SMTP_TLS_KEY_FILE');
    const listener = new SmtpListener({
      port,
      host,
      maxMessageBytes: MAX_INBOUND_EMAIL_BYTES,
      recipients: this.mail.intakeAddresses,
      limits: {
        maxConnections: this.mail.INTAKE_SMTP_MAX_CONNECTIONS,
        maxRecipients: this.mail.INTAKE_SMTP_MAX_RECIPIENTS,
        perClientPerMinute: this.mail.INTAKE_SMTP_RATE_PER_CLIENT,
        perSenderPerMinute: this.mail.INTAKE_SMTP_RATE_PER_SENDER,
      },
      ...(this.mail.smtpLogin ? { login: this.mail.smtpLogin } : {}),
      ...(tls ? { tls } : {}),
      allowInsecureAuth: this.mail.INTAKE_SMTP_ALLOW_INSECURE_AUTH === 'true',
      now: () => this.clock.now().toISOString(),
      onMessage: (email, envelope) => this.deliver(email, envelope),
    });
    this.boundPort = await listener.start();
    this.listener = listener;
    this.logger.log(`Intake takes e-mail over SMTP on ${host}:${this.boundPort}${tls ? ' (STARTTLS offered)' : ''}`);
  }

  /** Before the platform closes the event store, so no message is cut off half-stored. */
  async onModuleDestroy(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    this.boundPort = undefined;
    await listener?.stop();
  }

  /** The sender's MTA learns only "retry later" (451); why is logged here, by Message-ID rather than content. */
  private async deliver(email: InboundEmail, envelope: SmtpEnvelope): Promise<void> {
    try {
      await this.intake.accept(email, { envelopeSender: envelope.mailFrom, smtpAuthenticated: envelope.authenticated }, SMTP_ACTOR);
    } catch (error) {
      if (!(error instanceof MalformedEmailError)) {
        this.logger.warn(`Message ${email.messageId} not stored, the sender will retry: ${(error as Error).message}`);
      }
      throw error;
    }
  }
}
