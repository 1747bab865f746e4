import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_DIR, asyncApiFiles } from './asyncapi-files';

// Writes docs/asyncapi/<service>.asyncapi.json from the contract catalogues (see docs/kafka.md):
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/standalone/src/write-asyncapi.ts
for (const [file, content] of Object.entries(asyncApiFiles())) writeFileSync(join(ASYNCAPI_DIR, file), content);
process.exit(0);
