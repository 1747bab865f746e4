import { DynamicModule, Global, Module, Provider, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Clock, EventStore, InMemoryEventStore, Upcasters, systemClock, withUpcasting } from '@serviceledger/platform/core';
import { DeadLetterTable, InProcessBus, InboxTable } from '@serviceledger/platform/messaging';
import { PostgresEventStore, migrateEventStore, pendingEventStoreMigrations } from '@serviceledger/platform/postgres';
import { ProjectionHost, ReadModelDatabase, ReadModelDatabaseConfig, migrateReadModels } from '@serviceledger/platform/read-models';
import { DueCommandTable } from '@serviceledger/platform/scheduler';
import { SqliteEventStore } from '@serviceledger/platform/sqlite';
import { AuthModule, authConfigFromEnv, createTokenVerifier } from '@serviceledger/platform/auth';
import { CommandInterceptor } from './command-interceptor';
import { DecideHandler } from './decide.command';
import { Decisions } from './decisions';
import { HealthController } from './health.controller';
import { IdempotencyTable } from './idempotency-table';
import { MetricsController } from './metrics.controller';
import { PlatformConfig } from './platform-config';
import { PlatformRuntime, SERVICE_DEFINITIONS } from './platform-runtime';
import { InvalidInputException, ProblemDetailsFilter, fieldErrorsOf } from './problem-details';
import { ReadModels } from './read-models.service';
import { ServiceDefinition } from './service-definition';
import { CLOCK, EVENT_STORE, MESSAGE_BUS, PLATFORM_CONFIG, READ_MODEL_DB } from './tokens';

export interface PlatformOptions {
  config: PlatformConfig;
  services: ServiceDefinition[];
  /** Tests pass a ManualClock. */
  clock?: Clock;
  /** The environment the auth configuration is read from (OIDC_*). */
  env: NodeJS.ProcessEnv;
}

/** Every read-model table of these services: projections (both slots) and the platform's own tables. */
export function platformEntities(services: ServiceDefinition[]) {
  const projections = services.flatMap((s) => s.projections ?? []);
  return [...ProjectionHost.entities(projections), InboxTable, DeadLetterTable, DueCommandTable, IdempotencyTable];
}

async function openEventStore(config: PlatformConfig): Promise<EventStore> {
  switch (config.EVENT_STORE) {
    case 'memory':
      return new InMemoryEventStore();
    case 'postgres':
      return PostgresEventStore.open({
        connectionString: config.EVENT_STORE_URL,
        schema: config.EVENT_STORE_SCHEMA,
        migrate: config.SCHEMA_CHANGES === 'migrate',
      });
    default:
      return new SqliteEventStore({ filename: join(config.DATA_DIR, 'events.db') });
  }
}

function readModelConfig(config: PlatformConfig): ReadModelDatabaseConfig {
  if (config.READ_MODEL_DB === 'postgres') {
    return { type: 'postgres', url: config.READ_MODEL_URL, schema: config.READ_MODEL_SCHEMA, schemaChanges: config.SCHEMA_CHANGES };
  }
  // A memory event store starts empty on every run, so its read models must too.
  return { type: 'sqlite', filename: config.EVENT_STORE === 'memory' ? ':memory:' : join(config.DATA_DIR, 'read-models.db') };
}

/**
 * The migration step of a release (a Kubernetes Job, before the services start): brings the
 * PostgreSQL event store and read-model schemas to this code. Nothing to do for SQLite or memory.
 * Returns the event store migration ids and the read-model DDL applied (or pending, on a dry run).
 */
export async function migratePlatformSchemas(
  config: PlatformConfig,
  services: ServiceDefinition[],
  options: { allowDestructive?: boolean; dryRun?: boolean } = {},
): Promise<{ eventStore: string[]; readModels: string[] }> {
  const store = { connectionString: config.EVENT_STORE_URL, schema: config.EVENT_STORE_SCHEMA };
  const eventStore =
    config.EVENT_STORE !== 'postgres' ? [] : options.dryRun ? await pendingEventStoreMigrations(store) : await migrateEventStore(store);
  const readModels =
    config.READ_MODEL_DB === 'postgres'
      ? (await migrateReadModels({ type: 'postgres', url: config.READ_MODEL_URL, schema: config.READ_MODEL_SCHEMA }, platformEntities(services), options)).statements
      : [];
  return { eventStore, readModels };
}

/**
 * The shell every service runs in: adapters chosen by configuration (embedded by default),
 * validation, problem details, idempotent commands, read-your-writes, health, metrics, auth.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config, services } = options;
    const projections = services.flatMap((s) => s.projections ?? []);
    const embeddedInMemory = config.EVENT_STORE === 'memory';
    const onDisk = config.EVENT_STORE === 'sqlite' || (config.READ_MODEL_DB === 'sqlite' && !embeddedInMemory);
    if (onDisk) mkdirSync(config.DATA_DIR, { recursive: true });

    const providers: Provider[] = [
      { provide: PLATFORM_CONFIG, useValue: config },
      { provide: SERVICE_DEFINITIONS, useValue: services },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      {
        provide: EVENT_STORE,
        useFactory: async (): Promise<EventStore> =>
          withUpcasting(await openEventStore(config), new Upcasters(services.flatMap((s) => s.upcasters ?? []))),
      },
      {
        provide: READ_MODEL_DB,
        useFactory: () => ReadModelDatabase.open(readModelConfig(config), platformEntities(services)),
      },
      { provide: MESSAGE_BUS, useFactory: () => new InProcessBus() },
      {
        provide: ProjectionHost,
        inject: [EVENT_STORE, READ_MODEL_DB],
        useFactory: (store: EventStore, db: ReadModelDatabase) => new ProjectionHost(store, db, projections),
      },
      ReadModels,
      Decisions,
      DecideHandler,
      PlatformRuntime,
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: APP_INTERCEPTOR, useClass: CommandInterceptor },
      {
        provide: APP_PIPE,
        useValue: new ValidationPipe({
          whitelist: true,
          forbidNonWhitelisted: true,
          transform: true,
          exceptionFactory: (errors) => new InvalidInputException(fieldErrorsOf(errors)),
        }),
      },
    ];

    return {
      module: PlatformModule,
      imports: [CqrsModule.forRoot(), AuthModule.forRoot({ useFactory: () => createTokenVerifier(authConfigFromEnv({ ...options.env, DATA_DIR: config.DATA_DIR })) })],
      controllers: [HealthController, MetricsController],
      providers,
      exports: [PLATFORM_CONFIG, CLOCK, EVENT_STORE, READ_MODEL_DB, MESSAGE_BUS, ProjectionHost, ReadModels, Decisions, PlatformRuntime],
    };
  }
}
