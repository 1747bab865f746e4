import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readModelBackends } from '@serviceledger/platform/testing';
import { BlobCorruptedError, BlobStore, sha256Of } from './blob-store';
import { FileBlobStore } from './file-blob-store';
import { PostgresBlobStore } from './postgres-blob-store';

const MANUAL = Buffer.from('# 服務器備份操作手冊\n每日凌晨三點執行全量備份。\n', 'utf8');

/** The embedded default and production, on the read-model backends' scratch places (a temporary directory, a scratch schema). */
const backends = readModelBackends.map(({ name, create }) => ({
  name: name === 'SQLite' ? 'files under DATA_DIR' : name,
  open(): { store: BlobStore; dispose(): Promise<void> } {
    const backend = create();
    const { config } = backend;
    const store = config.type === 'postgres' ? new PostgresBlobStore({ url: config.url, schema: config.schema ?? 'public' }) : new FileBlobStore(join(dirname(config.filename), 'blobs'));
    return {
      store,
      dispose: async () => {
        await store.close();
        await backend.dispose();
      },
    };
  },
}));

describe.each(backends)('blob store: $name (R-1.1)', ({ open }) => {
  let store: BlobStore;
  let dispose: () => Promise<void>;
  beforeEach(() => ({ store, dispose } = open()));
  afterEach(() => dispose());

  it('keeps bytes under their SHA-256 and gives them back byte for byte', async () => {
    const sha256 = await store.put(MANUAL);
    expect(sha256).toBe(sha256Of(MANUAL));
    expect((await store.get(sha256))?.equals(MANUAL)).toBe(true);
  });

  it('keeps the same bytes once, and binary content as it came', async () => {
    const binary = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0xfe, 0x0a]);
    expect(await store.put(binary)).toBe(await store.put(Buffer.from(binary)));
    expect((await store.get(sha256Of(binary)))?.equals(binary)).toBe(true);
  });

  it('answers nothing for an address it does not hold, or one that is not a hash', async () => {
    expect(await store.get(sha256Of(Buffer.from('never stored')))).toBeUndefined();
    expect(await store.get('../../etc/passwd')).toBeUndefined();
  });
});

describe('file blob store integrity', () => {
  it('refuses to answer a file that no longer matches its hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-blobs-'));
    try {
      const store = new FileBlobStore(dir);
      const sha256 = await store.put(MANUAL);
      const [folder] = readdirSync(dir);
      writeFileSync(join(dir, folder, sha256), 'tampered');
      await expect(store.get(sha256)).rejects.toBeInstanceOf(BlobCorruptedError);
      expect(readdirSync(join(dir, folder))).toEqual([sha256]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
