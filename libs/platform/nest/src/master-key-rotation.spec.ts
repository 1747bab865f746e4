import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataKeys, MasterKey } from '@serviceledger/platform/core';
import { rotatePersonalDataMasterKey } from './master-key-rotation';
import { openDataKeyTable, openMasterKey } from './personal-data-keys';
import { loadPlatformConfig } from './platform-config';

describe('rotating the personal-data master key (ADR 0016)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-rotation-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function dataKeyOf(env: Record<string, string>, subjectId: string) {
    const config = loadPlatformConfig({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir, ...env });
    const keys = new DataKeys(openDataKeyTable(config), openMasterKey(config));
    try {
      return await keys.forSubject(subjectId);
    } finally {
      await keys.close();
    }
  }

  it('on the embedded default, replaces the key file and re-wraps every data key, which then unwrap to the same keys', async () => {
    const before = await dataKeyOf({}, 'customer-1');
    const config = loadPlatformConfig({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir });
    const oldId = openMasterKey(config).id;

    const rotation = await rotatePersonalDataMasterKey(config);

    expect(rotation).toEqual({ rewrapped: 1, masterKeyId: openMasterKey(config).id });
    expect(rotation.masterKeyId).not.toBe(oldId);
    expect(readdirSync(join(dataDir, 'personal-data'))).toEqual(['master.key']);
    expect(await dataKeyOf({}, 'customer-1')).toEqual(before);
  });

  it('with the key in the environment, needs the next one and re-wraps under it', async () => {
    const current = MasterKey.generate().toString();
    const next = MasterKey.generate();
    const before = await dataKeyOf({ PERSONAL_DATA_MASTER_KEY: current }, 'customer-1');
    const config = loadPlatformConfig({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir, PERSONAL_DATA_MASTER_KEY: current });

    await expect(rotatePersonalDataMasterKey(config)).rejects.toThrow(/PERSONAL_DATA_NEXT_MASTER_KEY/);
    expect(await rotatePersonalDataMasterKey(config, next)).toEqual({ rewrapped: 1, masterKeyId: next.id });

    expect(await dataKeyOf({ PERSONAL_DATA_MASTER_KEY: next.toString() }, 'customer-1')).toEqual(before);
    await expect(dataKeyOf({ PERSONAL_DATA_MASTER_KEY: current }, 'customer-1')).rejects.toThrow(/finish the rotation/);
  });
});
