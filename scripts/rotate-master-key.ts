/**
 * Rotates the personal-data master key (ADR 0016), with the services stopped:
 * `SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register scripts/rotate-master-key.ts` with the services' environment, plus
 * PERSONAL_DATA_NEXT_MASTER_KEY when PERSONAL_DATA_MASTER_KEY is set.
 */
import 'reflect-metadata';
import { MasterKey } from '../libs/platform/core/src';
import { loadPlatformConfig } from '../libs/platform/nest/src/platform-config';
import { rotatePersonalDataMasterKey } from '../libs/platform/nest/src/master-key-rotation';

const next = process.env.PERSONAL_DATA_NEXT_MASTER_KEY;
rotatePersonalDataMasterKey(loadPlatformConfig(process.env), next ? MasterKey.parse(next) : undefined).then(
  ({ rewrapped, masterKeyId }) => process.stdout.write(`${rewrapped} data key(s) re-wrapped; master key now ${masterKeyId}\n`),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  },
);
