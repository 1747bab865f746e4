export { findDemandReference, threadKeys } from './demand-reference';
export type { EmailAttachment, EmailSender, InboundEmail } from './inbound-email';
export { MalformedEmailError } from './malformed-email-error';
export { parseEmail } from './parse-email';
export { SmtpListener, type SmtpListenerOptions } from './smtp-listener';
