import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { MasterKey, rotateMasterKey } from '@serviceledger/platform/core';
import { masterKeyFile, openDataKeyTable, openMasterKey } from './personal-data-keys';
import { PlatformConfig } from './platform-config';

export interface MasterKeyRotation {
  /** Data keys re-wrapped now. */
  rewrapped: number;
  /** The id of the master key that now wraps every live data key. */
  masterKeyId: string;
}

/**
 * Rotates the personal-data master key (ADR 0016) with the services stopped: every live data key is
 * re-wrapped, no event is touched. With PERSONAL_DATA_MASTER_KEY set, `next` is the new key, which the
 * services are then started with. On the embedded default a new key is generated into `master.key.next`
 * beside the current one and replaces it once every data key is re-wrapped: an interrupted rotation is
 * finished by running it again.
 */
export async function rotatePersonalDataMasterKey(config: PlatformConfig, next?: MasterKey): Promise<MasterKeyRotation> {
  if (config.EVENT_STORE === 'memory') throw new Error('A memory event store keeps no data keys to rotate');
  const current = openMasterKey(config);
  const fromFile = !config.PERSONAL_DATA_MASTER_KEY;
  if (!fromFile && !next) throw new Error('PERSONAL_DATA_MASTER_KEY is set: give the new key as PERSONAL_DATA_NEXT_MASTER_KEY');
  const pending = `${masterKeyFile(config.DATA_DIR)}.next`;
  const to = next ?? (existsSync(pending) ? MasterKey.parse(readFileSync(pending, 'utf8')) : MasterKey.generate());
  if (fromFile) writeFileSync(pending, to.toString(), { mode: 0o600 });
  const table = openDataKeyTable(config);
  try {
    const rewrapped = await rotateMasterKey(table, current, to);
    if (fromFile) renameSync(pending, masterKeyFile(config.DATA_DIR));
    return { rewrapped, masterKeyId: to.id };
  } finally {
    await table.close();
  }
}
