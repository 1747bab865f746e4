import { ModuleRef } from '@nestjs/core';
import { ChannelDefinition, Contract, EventFilter, PersonalDataDeclarations, Upcaster } from '@serviceledger/platform/core';
import { ConsumerOptions, RelayOptions, VersionedContractMapper } from '@serviceledger/platform/messaging';
import { AnalyticsViewDefinition, ProjectionDefinition } from '@serviceledger/platform/read-models';
import { DueCommandSender, ScheduleDefinition } from '@serviceledger/platform/scheduler';

/**
 * What a service hands the platform besides its Nest module: the platform runs these for it, in
 * the roles this process is configured for.
 */
export interface ServiceDefinition {
  name: string;
  /** What the service does, in its users' words: its tag's description in the OpenAPI document. */
  description?: string;
  projections?: ProjectionDefinition[];
  /** The analysts' views over its projections' tables (ADR 0024): `analytics.<name>_v<version>` on PostgreSQL. */
  analyticsViews?: readonly AnalyticsViewDefinition[];
  relay?: { filter: EventFilter; map: VersionedContractMapper; contracts: readonly Contract[]; catchUp?: RelayOptions['catchUp'] };
  /** The topics its relay publishes to, for subscribers: the channels of its AsyncAPI document (`/asyncapi.json`). */
  channels?: readonly ChannelDefinition[];
  /** Topics the service publishes or consumes: created on start-up when the bus is Kafka. */
  topics?: string[];
  consumers?: Array<(moduleRef: ModuleRef) => ConsumerOptions>;
  schedules?: Array<{ definition: ScheduleDefinition; sender: (moduleRef: ModuleRef) => DueCommandSender }>;
  upcasters?: Upcaster[];
  /** Which of its events carry personal data, whose, and which erase it: the platform encrypts those fields. */
  personalData?: PersonalDataDeclarations;
  /**
   * Tables the service keeps in its read-model schema beside its projections, not rebuilt from the log (a blob
   * table, a search index), for the migration step to bring about on PostgreSQL as it does the projections'
   * tables. Each step answers the statements it applied, or on a dry run would apply: none once they exist.
   */
  storage?: Array<(target: StorageTarget) => Promise<string[]>>;
}

/** Where a service's storage step works: the read-model database and schema; a dry run only reports. */
export interface StorageTarget {
  url: string;
  schema: string;
  dryRun: boolean;
}
