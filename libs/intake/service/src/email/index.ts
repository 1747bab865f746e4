export { threadKeys } from './thread-keys';
export type { EmailAttachment, EmailSender, InboundEmail } from './inbound-email';
export { MalformedEmailError } from './malformed-email-error';
export { parseEmail } from './parse-email';
export { SmtpListener, type SmtpEnvelope, type SmtpLimits, type SmtpListenerOptions } from './smtp-listener';
export { IntakeMailConfig } from './intake-mail-config';
export type { SenderEvidence } from './sender-proof';
export {
  EmailIntake,
  MAX_INBOUND_EMAIL_BYTES,
  SMTP_ACTOR,
  type EmailIntakeOutcome,
  type EmailIntakeResult,
  type MailTrace,
} from './email-intake';
export { InboundEmailController } from './inbound-email.controller';
export { RFC822_MEDIA_TYPE, Rfc822BodyParser } from './rfc822-body-parser';
export { SmtpChannel } from './smtp-channel';
