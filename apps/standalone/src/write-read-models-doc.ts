import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { READ_MODELS_DOC, readModelsDoc } from './read-models-doc';

// Writes docs/read-models.md from the services' analytics view definitions:
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/standalone/src/write-read-models-doc.ts
writeFileSync(READ_MODELS_DOC, readModelsDoc());
process.exit(0);
