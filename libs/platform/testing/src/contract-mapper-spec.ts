import { Contract, EventEnvelope } from '@serviceledger/platform/core';
import { IntegrationMessage, VersionedContractMapper } from '@serviceledger/platform/messaging';
import { createJsonSchemaValidator } from './json-schema-validator';

/**
 * The contract mapper spec kit: what every mapper spec asks of what its mapper publishes. Is each
 * message a contract of the service's catalogue, valid against its schema? Is every contract published?
 * Which events stay inside the service?
 */
export function contractMapperSpec(mapper: { contracts: readonly Contract[]; map: VersionedContractMapper }) {
  const ajv = createJsonSchemaValidator();
  const typesOf = (items: { type: string }[]) => [...new Set(items.map((item) => item.type))].sort();

  /** The contract a message is published as; fails the spec for a type outside the catalogue. */
  const contractOf = (message: Pick<IntegrationMessage, 'type'>): Contract => {
    const contract = mapper.contracts.find((candidate) => candidate.type === message.type);
    if (!contract) throw new Error(`${message.type} is not in the catalogue`);
    return contract;
  };

  return {
    contractOf,
    /** What the message's data breaks of its contract's schema: nothing, for a valid message. */
    schemaErrors(message: Pick<IntegrationMessage, 'type' | 'data'>): unknown[] {
      // ajv caches a compiled schema by the schema object, so compiling again is cheap.
      const validate = ajv.compile(contractOf(message).schema);
      return validate(message.data) ? [] : (validate.errors ?? ['invalid']);
    },
    /** The contract types the events are published as, each once, sorted. */
    publishedTypes(events: EventEnvelope[]): string[] {
      return typesOf(events.flatMap((event) => mapper.map(event) ?? []));
    },
    /** The types of the events that are published as nothing, each once, sorted. */
    internalTypes(events: EventEnvelope[]): string[] {
      return typesOf(events.filter((event) => mapper.map(event) === undefined));
    },
    /** Every type of the catalogue, sorted: what a history that publishes each contract is published as. */
    contractTypes: typesOf([...mapper.contracts]),
  };
}
