import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Contract, ContractSnapshot } from '@serviceledger/platform/core';
import { STANDALONE_SERVICES } from './services';

/** The committed snapshot of every published contract version's schema, the compatibility gate's reference. */
export const CONTRACT_SNAPSHOT_FILE = join(__dirname, '..', '..', '..', 'docs', 'asyncapi', 'contracts.snapshot.json');

/** Every contract version the six services publish, or have published and still list (ADR 0012). */
export function publishedContracts(): Contract[] {
  return STANDALONE_SERVICES.flatMap((service) => [...(service.relay?.contracts ?? [])]);
}

export function readContractSnapshot(file = CONTRACT_SNAPSHOT_FILE): ContractSnapshot {
  return JSON.parse(readFileSync(file, 'utf8')) as ContractSnapshot;
}
