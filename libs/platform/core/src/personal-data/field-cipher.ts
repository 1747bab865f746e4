import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What a personal field reads as once its subject has been erased. */
export const ERASED = '[erased]';

/**
 * A personal field as stored: AES-256-GCM of the value's JSON under the data key `keyId`; `list` says
 * the value was a list, so that it reads as a list once erased.
 */
export interface EncryptedField {
  $encrypted: { v: 1; keyId: string; iv: string; tag: string; data: string; list?: true };
}

export function isEncryptedField(value: unknown): value is EncryptedField {
  return typeof value === 'object' && value !== null && '$encrypted' in value;
}

export function encryptField(value: unknown, keyId: string, key: Buffer): EncryptedField {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The key id is authenticated too: an envelope moved under another key fails to decrypt.
  cipher.setAAD(Buffer.from(keyId));
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $encrypted: { v: 1, keyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64'), ...(Array.isArray(value) ? { list: true as const } : {}) } };
}

export function decryptField({ $encrypted: e }: EncryptedField, key: Buffer): unknown {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(e.iv, 'base64'));
  decipher.setAAD(Buffer.from(e.keyId));
  decipher.setAuthTag(Buffer.from(e.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(e.data, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}

/** The erased marker in the value's shape: a list reads as a list of one marker. */
export function erasedValue(value: unknown): unknown {
  return Array.isArray(value) || (isEncryptedField(value) && value.$encrypted.list) ? [ERASED] : ERASED;
}
