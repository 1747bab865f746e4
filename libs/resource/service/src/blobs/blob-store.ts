import { createHash } from 'node:crypto';

/**
 * Where file contents live: addressed by their hex SHA-256, so the same bytes are kept once, a stored
 * file can never change under its address, and events name a file by its hash without carrying its bytes.
 * Embedded: files under DATA_DIR (`FileBlobStore`); production: PostgreSQL (`PostgresBlobStore`).
 */
export interface BlobStore {
  /** Keeps the bytes (once: the same bytes again change nothing) and answers their hex SHA-256. */
  put(bytes: Buffer): Promise<string>;
  /** The bytes stored under the hash, checked against it; undefined when none are. */
  get(sha256: string): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A stored file that no longer hashes to its address: the store was tampered with or damaged. */
export class BlobCorruptedError extends Error {
  constructor(readonly sha256: string) {
    super(`The stored content of ${sha256} does not match its SHA-256`);
  }
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** Answers the bytes if they still hash to their address. */
export function verified(sha256: string, bytes: Buffer): Buffer {
  if (sha256Of(bytes) !== sha256) throw new BlobCorruptedError(sha256);
  return bytes;
}
