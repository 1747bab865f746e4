import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BlobStore, SHA256_PATTERN, sha256Of, verified } from './blob-store';

/**
 * The embedded blob store: one file per content under `<dir>/<first two hex digits>/<sha256>`, written to a
 * temporary name and renamed into place, so a reader never sees half a file and a crash leaves none.
 */
export class FileBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  async put(bytes: Buffer): Promise<string> {
    const sha256 = sha256Of(bytes);
    const folder = join(this.dir, sha256.slice(0, 2));
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, join(folder, sha256));
    } finally {
      await rm(temporary, { force: true });
    }
    return sha256;
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    if (!SHA256_PATTERN.test(sha256)) return undefined;
    try {
      return verified(sha256, await readFile(join(this.dir, sha256.slice(0, 2), sha256)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    return;
  }
}
