import { ServiceDefinition } from '@serviceledger/platform/nest';
import { ContractMapper, RelayOptions } from '@serviceledger/platform/messaging';

/** One concept's share of the service's relay: the streams it publishes from, its mapper and its contracts. */
export type ResourceRelayPart = Pick<RelayOptions, 'contracts'> & { filter: { streamPrefixes: string[] }; map: ContractMapper };

/**
 * The service's one relay, made of its concepts' parts (documents and knowledge, equipment, partners, security
 * incidents): their stream prefixes together, each event mapped by the first part that maps it, every contract.
 * Without parts there is nothing to publish and no relay.
 */
export function composeResourceRelay(parts: readonly ResourceRelayPart[]): ServiceDefinition['relay'] {
  if (parts.length === 0) return undefined;
  return {
    filter: { streamPrefixes: parts.flatMap((part) => part.filter.streamPrefixes) },
    map: (envelope) => {
      for (const part of parts) {
        const message = part.map(envelope);
        if (message !== undefined) return message;
      }
      return undefined;
    },
    contracts: parts.flatMap((part) => [...part.contracts]),
  };
}
