import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import { compareWithSnapshot, contractSnapshot } from '@serviceledger/platform/core';
import { CONTRACT_SNAPSHOT_FILE, publishedContracts, readContractSnapshot } from './contract-snapshot';

// Records every published contract version's schema in docs/asyncapi/contracts.snapshot.json, after a new version
// or a new optional field (docs/kafka.md); refuses while a recorded version is changed in a way that breaks consumers:
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/standalone/src/record-contracts.ts
const contracts = publishedContracts();
const { breaking, unrecorded } = existsSync(CONTRACT_SNAPSHOT_FILE)
  ? compareWithSnapshot(readContractSnapshot(), contracts)
  : { breaking: [], unrecorded: ['every version: no snapshot yet'] };
if (breaking.length) {
  process.stderr.write(`Not recorded: published contract versions changed in ways that break consumers; publish a new version instead:\n  ${breaking.join('\n  ')}\n`);
  process.exit(1);
}
writeFileSync(CONTRACT_SNAPSHOT_FILE, `${JSON.stringify(contractSnapshot(contracts), null, 2)}\n`);
process.stdout.write(unrecorded.length ? `Recorded:\n  ${unrecorded.join('\n  ')}\n` : 'Nothing new to record.\n');
process.exit(0);
