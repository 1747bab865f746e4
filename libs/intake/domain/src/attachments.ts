import { RuleViolation } from '@serviceledger/platform/core';
import { singleLineText } from './single-line-text';

/** Intake keeps attachment metadata only; the content lives in a document store. */
export interface AttachmentMetadata {
  name: string;
  contentType: string;
  /** Bytes. */
  size: number;
  /** Hex SHA-256 of the content, when the channel saw it (e-mail): it identifies the file in the document store. */
  sha256?: string;
}

/** Limits per message (a registration, a reply or an inbound message), in line with common mail servers. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/**
 * The attachments as they are recorded: each under its base name, without the directories a sender may
 * have put in it (`../../etc/passwd`, `C:\Users\…`), nor control characters; a name that leaves
 * nothing is replaced by the attachment's place in the message.
 */
export function normaliseAttachments(attachments: readonly AttachmentMetadata[]): AttachmentMetadata[] {
  return attachments.map((attachment, index) => ({ ...attachment, name: baseName(attachment.name) || `attachment-${index + 1}` }));
}

function baseName(name: string): string {
  const last = singleLineText(name).split(/[\\/]/).pop() ?? '';
  const base = last.replace(/^[A-Za-z]:/, '').trim();
  return base === '.' || base === '..' ? '' : base;
}

export function ensureAttachmentsWithinLimits(attachments: readonly AttachmentMetadata[]): void {
  if (attachments.length > MAX_ATTACHMENTS_PER_MESSAGE) {
    throw new RuleViolation(
      'too-many-attachments',
      `A message carries at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments; this one has ${attachments.length}`,
    );
  }
  for (const { name, size } of attachments) {
    if (!Number.isInteger(size) || size < 0) {
      throw new RuleViolation('attachment-size-invalid', `Attachment "${name}" has no valid size in bytes: ${size}`);
    }
    if (size > MAX_ATTACHMENT_BYTES) {
      throw new RuleViolation(
        'attachment-too-large',
        `An attachment may be at most ${MAX_ATTACHMENT_BYTES} bytes; "${name}" has ${size}`,
      );
    }
  }
  const total = attachments.reduce((sum, a) => sum + a.size, 0);
  if (total > MAX_TOTAL_ATTACHMENT_BYTES) {
    throw new RuleViolation(
      'attachments-too-large',
      `The attachments of one message may total at most ${MAX_TOTAL_ATTACHMENT_BYTES} bytes; these total ${total}`,
    );
  }
}
