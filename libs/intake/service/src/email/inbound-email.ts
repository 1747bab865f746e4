/** The sender as the From header gives it; the name decoded to Unicode. */
export interface EmailSender {
  address: string;
  name?: string;
}

/**
 * What the intake keeps of an attachment. The content itself is not kept: a demand records
 * attachments as metadata only, and the hash lets a later upload be matched to this entry.
 */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** An inbound e-mail decoded to Unicode, independent of the channel (SMTP or HTTP) it came by. */
export interface InboundEmail {
  /** In angle brackets, as in the header: `<id@host>`. */
  messageId: string;
  inReplyTo?: string;
  /** Oldest first, as in the References header. */
  references: string[];
  from: EmailSender;
  to: string[];
  subject: string;
  /** The plain text body; derived from the HTML body when the message has no text part. */
  text: string;
  /** ISO 8601, stamped by the caller's clock rather than the sender's Date header, which senders get wrong. */
  receivedAt: string;
  /** When our mail system got it, as its topmost Received field (else its Date header) says; absent when neither does. */
  deliveredAt?: string;
  attachments: EmailAttachment[];
  /** The values of its Authentication-Results fields, topmost (added last) first, unfolded. */
  authenticationResults: string[];
  /** The envelope sender the delivering MTA recorded in Return-Path, if any; '' for the null sender `<>`. */
  returnPath?: string;
}
