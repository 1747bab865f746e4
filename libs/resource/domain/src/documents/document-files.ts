import { RuleViolation } from '@serviceledger/platform/core';

/**
 * The files a technical document or its new version may be: text, Markdown, CSV, PDF and the office
 * formats technical plans, manuals and reports are written in. Anything else is refused before it is stored.
 */
export const DOCUMENT_CONTENT_TYPES = [
  'text/plain',
  'text/markdown',
  'text/csv',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/** The types whose text is searched: the others are found by their title and tags. */
export const TEXT_CONTENT_TYPES: readonly DocumentContentType[] = ['text/plain', 'text/markdown', 'text/csv'];

/** 8 MiB: its base64 form and the command around it stay under the platform's 12 MiB body limit. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/** A stored file as the log knows it: never its bytes, only what identifies and describes them. */
export interface DocumentFile {
  /** Hex SHA-256 of the content: its address in the blob store. */
  sha256: string;
  size: number;
  contentType: DocumentContentType;
  fileName: string;
}

export function isDocumentContentType(type: string): type is DocumentContentType {
  return (DOCUMENT_CONTENT_TYPES as readonly string[]).includes(type);
}

/** The decider's own check of a file the service has already stored: a hash, a size within bounds, a type allowed. */
export function ensureDocumentFile(file: DocumentFile): DocumentFile {
  if (!/^[0-9a-f]{64}$/.test(file.sha256)) throw new RuleViolation('file-hash-invalid', `A file is named by its hex SHA-256, not "${file.sha256}"`);
  if (!Number.isInteger(file.size) || file.size < 1 || file.size > MAX_DOCUMENT_BYTES) {
    throw new RuleViolation('file-size-invalid', `A document's file has 1 to ${MAX_DOCUMENT_BYTES} bytes; this one has ${file.size}`);
  }
  if (!isDocumentContentType(file.contentType)) throw new RuleViolation('file-type-refused', `Documents may not be of type ${file.contentType}`);
  const fileName = baseName(file.fileName);
  return { sha256: file.sha256, size: file.size, contentType: file.contentType, fileName: fileName || `document-${file.sha256.slice(0, 8)}` };
}

/** The name without any directories a sender put in it, nor control characters. */
function baseName(name: string): string {
  const last = name.replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop() ?? '';
  const base = last.replace(/^[A-Za-z]:/, '').trim();
  return base === '.' || base === '..' ? '' : base;
}
