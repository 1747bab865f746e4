import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { PLATFORM_CONFIG, PlatformConfig } from '@serviceledger/platform/nest';
import { BlobStore } from './blob-store';
import { FileBlobStore } from './file-blob-store';
import { PostgresBlobStore } from './postgres-blob-store';

/**
 * The blob store chosen by configuration, like the platform's adapters: with the read models on PostgreSQL
 * (production), files go to the read-model database's schema; on the embedded default, under DATA_DIR/blobs.
 */
export function openBlobStore(config: Pick<PlatformConfig, 'READ_MODEL_DB' | 'READ_MODEL_URL' | 'READ_MODEL_SCHEMA' | 'DATA_DIR'>): BlobStore {
  if (config.READ_MODEL_DB === 'postgres') return new PostgresBlobStore({ url: config.READ_MODEL_URL, schema: config.READ_MODEL_SCHEMA });
  return new FileBlobStore(join(config.DATA_DIR, 'blobs'));
}

/** The resource service's blob store: the contents of technical documents' versions. */
@Injectable()
export class DocumentBlobs implements BlobStore, OnApplicationShutdown {
  private readonly store: BlobStore;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.store = openBlobStore(config);
  }

  put(bytes: Buffer): Promise<string> {
    return this.store.put(bytes);
  }

  get(sha256: string): Promise<Buffer | undefined> {
    return this.store.get(sha256);
  }

  close(): Promise<void> {
    return this.store.close();
  }

  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}
