import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { DOCUMENT_CONTENT_TYPES, DocumentContentType, MAX_DOCUMENT_BYTES, TEXT_CONTENT_TYPES, isDocumentContentType } from '@serviceledger/resource/domain';

/** The signature each binary type begins with: a file that claims the type must carry it. */
const SIGNATURES: Partial<Record<DocumentContentType, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'application/msword': [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  'application/vnd.ms-excel': [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [0x50, 0x4b, 0x03, 0x04],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [0x50, 0x4b, 0x03, 0x04],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': [0x50, 0x4b, 0x03, 0x04],
};

/** The content a base64 field carries, or nothing when it is not base64. */
export function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  return Buffer.from(compact, 'base64');
}

/**
 * What an uploaded file must be before anything is stored: not empty, at most MAX_DOCUMENT_BYTES (413),
 * of an allowed type (415, listing them) whose content is what the type says: text that decodes, or a binary
 * format's signature (415). Answers the content type without parameters (`text/plain; charset=utf-8` → `text/plain`).
 */
export function ensureAcceptableContent(declaredType: string, bytes: Buffer): DocumentContentType {
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new PayloadTooLargeException(`A document's file has at most ${MAX_DOCUMENT_BYTES} bytes; this one has ${bytes.length}`);
  const type = declaredType.split(';')[0].trim().toLowerCase();
  if (!isDocumentContentType(type)) throw new UnsupportedMediaTypeException(`Documents are ${DOCUMENT_CONTENT_TYPES.join(', ')}; not ${type || 'an unnamed type'}`);
  if (TEXT_CONTENT_TYPES.includes(type)) {
    if (textOf(type, bytes) === undefined) throw new UnsupportedMediaTypeException(`The file is not ${type}: it is not text in UTF-8 or GB18030`);
    return type;
  }
  const signature = SIGNATURES[type] ?? [];
  if (!signature.every((byte, i) => bytes[i] === byte)) throw new UnsupportedMediaTypeException(`The file's content is not ${type}`);
  return type;
}

/**
 * The searchable text of a file: a text type's characters (UTF-8, with or without a byte-order mark, else
 * GB18030, which Chinese Windows tools still write); undefined when the bytes are not such text. Other types
 * (PDF, office formats) give no text: they are searched by title and tags.
 */
export function textOf(type: DocumentContentType, bytes: Buffer): string | undefined {
  if (!TEXT_CONTENT_TYPES.includes(type)) return '';
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
}
