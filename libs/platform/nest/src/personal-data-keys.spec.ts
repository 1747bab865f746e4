import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterKey } from '@serviceledger/platform/core';
import { masterKeyFile, openMasterKey } from './personal-data-keys';
import { loadPlatformConfig } from './platform-config';

describe('the personal-data master key (ADR 0016)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-master-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on the embedded default, is created under DATA_DIR on first start, readable by its owner only, and read back after', () => {
    const config = loadPlatformConfig({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir });
    const first = openMasterKey(config);
    expect(statSync(masterKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(openMasterKey(config).id).toBe(first.id);
  });

  it('comes from PERSONAL_DATA_MASTER_KEY when set, and must be set for a server event store', () => {
    const key = MasterKey.generate();
    expect(openMasterKey(loadPlatformConfig({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir, PERSONAL_DATA_MASTER_KEY: key.toString() })).id).toBe(key.id);
    const postgres = loadPlatformConfig({ EVENT_STORE: 'postgres', EVENT_STORE_URL: 'postgres://db/sl', DATA_DIR: dataDir });
    expect(() => openMasterKey(postgres)).toThrow(/PERSONAL_DATA_MASTER_KEY is required with EVENT_STORE=postgres/);
    expect(() => loadPlatformConfig({ PERSONAL_DATA_MASTER_KEY: 'c2hvcnQ=' })).toThrow(/PERSONAL_DATA_MASTER_KEY must be 32 bytes/);
  });
});
