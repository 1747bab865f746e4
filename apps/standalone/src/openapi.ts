import 'reflect-metadata';
import { writeOpenApiDocument } from '@serviceledger/platform/nest';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

// Writes the standalone app's OpenAPI document to the file named by the first argument (scripts/openapi-lint.mjs).
writeOpenApiDocument({ title: 'ServiceLedger', services: STANDALONE_SERVICES, modules: STANDALONE_MODULES }, process.argv[2]).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
