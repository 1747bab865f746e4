import { createHash, randomUUID } from 'node:crypto';

const NAMESPACE = Buffer.from('6f2c3a1e9b8d4c7fa0e15b2d3c4f5a6b', 'hex');

/** RFC 4122 version-5 UUID: the same name always gives the same id. */
export function deterministicUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the n-th event a command produces: a retried command yields the same ids. */
export function eventIdFor(commandId: string, index: number): string {
  return deterministicUuid(`event:${commandId}:${index}`);
}

/** A command id derived from something that already identifies the request (a message id, a due row). */
export function commandIdFrom(...parts: string[]): string {
  return deterministicUuid(`command:${parts.join(':')}`);
}

export function newId(): string {
  return randomUUID();
}
