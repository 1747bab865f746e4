import { join } from 'node:path';
import { EventStore, InMemoryEventStore } from '@serviceledger/platform/core';
import { EventStoreDbEventStore } from '@serviceledger/platform/eventstoredb';
import { KafkaBus, KafkaBusOptions } from '@serviceledger/platform/kafka';
import { InProcessBus, MessageBus } from '@serviceledger/platform/messaging';
import { PostgresEventStore } from '@serviceledger/platform/postgres';
import { ReadModelDatabase, ReadModelDatabaseConfig } from '@serviceledger/platform/read-models';
import { SqliteEventStore } from '@serviceledger/platform/sqlite';
import { PlatformConfig } from './platform-config';
import { processRoles } from './process-roles';
import { analyticsViewsOf, platformEntities } from './schema-migrations';
import { ServiceDefinition } from './service-definition';
import { EVENT_STORE_DATABASE, READ_MODEL_DATABASE, connectingTo } from './start-up-failures';

/** The one place that turns configuration into adapters: nothing else in a service names one. */
export async function openEventStore(config: PlatformConfig): Promise<EventStore> {
  switch (config.EVENT_STORE) {
    case 'memory':
      return new InMemoryEventStore();
    case 'postgres':
      return connectingTo(EVENT_STORE_DATABASE, config, () =>
        PostgresEventStore.open({
          connectionString: config.EVENT_STORE_URL,
          schema: config.EVENT_STORE_SCHEMA,
          migrate: config.SCHEMA_CHANGES === 'migrate',
        }),
      );
    case 'eventstoredb':
      return new EventStoreDbEventStore({ connectionString: config.EVENT_STORE_URL });
    case 'sqlite':
      return new SqliteEventStore({ filename: join(config.DATA_DIR, 'events.db') });
  }
}

/** The read-model database of these services; on PostgreSQL, a failure the operator fixes (the connection, the schema) is told in one line. */
export function openReadModelDatabase(config: PlatformConfig, services: ServiceDefinition[]): Promise<ReadModelDatabase> {
  const open = () => ReadModelDatabase.open(readModelConfig(config), platformEntities(services), { analyticsViews: analyticsViewsOf(services) });
  return config.READ_MODEL_DB === 'postgres' ? connectingTo(READ_MODEL_DATABASE, config, open) : open();
}

export function readModelConfig(config: PlatformConfig): ReadModelDatabaseConfig {
  if (config.READ_MODEL_DB === 'postgres') {
    return { type: 'postgres', url: config.READ_MODEL_URL, schema: config.READ_MODEL_SCHEMA, schemaChanges: config.SCHEMA_CHANGES };
  }
  // A memory event store starts empty on every run, so its read models must too.
  return { type: 'sqlite', filename: config.EVENT_STORE === 'memory' ? ':memory:' : join(config.DATA_DIR, 'read-models.db') };
}

/**
 * On Kafka, a process that consumes connects and creates the services' topics at start-up (its
 * consumers subscribe then). Any other connects when it first publishes: an api process never needs
 * the broker, and a relay waits for it, so both start, and the api stays ready, while it is away.
 */
export async function openMessageBus(config: PlatformConfig, services: ServiceDefinition[]): Promise<MessageBus> {
  if (config.MESSAGE_BUS === 'in-process') return new InProcessBus();
  const options: KafkaBusOptions = {
    brokers: config.KAFKA_BROKERS.split(',').map((b) => b.trim()),
    clientId: config.KAFKA_CLIENT_ID,
    topics: services.flatMap((s) => s.topics ?? []),
    partitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS,
  };
  return processRoles(config.ROLES).has('consumer') ? KafkaBus.start(options) : new KafkaBus(options);
}
