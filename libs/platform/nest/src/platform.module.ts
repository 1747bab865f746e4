import { DynamicModule, Global, Logger, Module, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { Clock, EventStore, Upcasters, systemClock, withUpcasting } from '@serviceledger/platform/core';
import { ProjectionHost, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { AuthModule, authConfigFromEnv, createTokenVerifier } from '@serviceledger/platform/auth';
import { openEventStore, openMessageBus, openReadModelDatabase } from './adapters';
import { AsyncApiController } from './asyncapi';
import { personalDataOf, withPersonalDataOf } from './personal-data-keys';
import { CommandInterceptor } from './command-interceptor';
import { IdempotencyStore } from './idempotency-store';
import { Commands } from './commands';
import { Seeds } from './seeds';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { OperationsController } from './operations.controller';
import { PlatformConfig } from './platform-config';
import { PlatformRuntime, SERVICE_DEFINITIONS } from './platform-runtime';
import { ProcessRoleGuard } from './process-role.guard';
import { ProjectionHealthController } from './projection-health.controller';
import { ProblemDetailsFilter } from './problem-details';
import { RateLimitInterceptor } from './rate-limits';
import { ReadModels } from './read-models.service';
import { ServiceDefinition } from './service-definition';
import { StartupResources } from './start-up-resources';
import { platformValidationPipe } from './text-rules';
import { CLOCK, EVENT_STORE, MESSAGE_BUS, PLATFORM_CONFIG, READ_MODEL_DB } from './tokens';

export interface PlatformOptions {
  config: PlatformConfig;
  services: ServiceDefinition[];
  /** Tests pass a ManualClock. */
  clock?: Clock;
  /** The environment the auth configuration is read from (OIDC_*). */
  env: NodeJS.ProcessEnv;
}

/**
 * The shell every service runs in: adapters chosen by configuration (embedded by default),
 * validation, problem details, rate limits, idempotent commands, read-your-writes, health, metrics, auth.
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
    const opened = new StartupResources();

    const providers: Provider[] = [
      { provide: PLATFORM_CONFIG, useValue: config },
      { provide: SERVICE_DEFINITIONS, useValue: services },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      {
        provide: EVENT_STORE,
        // Decrypted before upcast: upcasters see the plain shape they were written for (ADR 0016).
        useFactory: (): Promise<EventStore> =>
          opened.open(async () => {
            const personalData = personalDataOf(config, services);
            const store = await openEventStore(config);
            try {
              return withUpcasting(await withPersonalDataOf(store, config, personalData), new Upcasters(services.flatMap((s) => s.upcasters ?? [])));
            } catch (error) {
              await store.close().catch(() => undefined);
              throw error;
            }
          }),
      },
      {
        provide: READ_MODEL_DB,
        useFactory: () => opened.open(() => openReadModelDatabase(config, services)),
      },
      { provide: MESSAGE_BUS, useFactory: () => opened.open(() => openMessageBus(config, services)) },
      {
        provide: ProjectionHost,
        inject: [EVENT_STORE, READ_MODEL_DB],
        useFactory: (store: EventStore, db: ReadModelDatabase) => {
          const logger = new Logger('Projections');
          return new ProjectionHost(store, db, projections, { logger, onError: (name, error) => logger.error(`Projection ${name}: ${String(error)}`) });
        },
      },
      ReadModels,
      Commands,
      Seeds,
      PlatformRuntime,
      IdempotencyStore,
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      // Registered before AuthModule's guard, so it runs first: a route this process does not serve is refused before any token is checked.
      { provide: APP_GUARD, useClass: ProcessRoleGuard },
      // Before the command interceptor: a request over its limit goes no further, not even to the idempotency store.
      { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
      { provide: APP_INTERCEPTOR, useClass: CommandInterceptor },
      {
        provide: APP_PIPE,
        useValue: platformValidationPipe(),
      },
    ];

    return {
      module: PlatformModule,
      imports: [AuthModule.forRoot({ useFactory: () => createTokenVerifier(authConfigFromEnv({ ...options.env, DATA_DIR: config.DATA_DIR })) })],
      controllers: [HealthController, ProjectionHealthController, MetricsController, OperationsController, AsyncApiController],
      providers,
      exports: [PLATFORM_CONFIG, CLOCK, EVENT_STORE, READ_MODEL_DB, MESSAGE_BUS, ProjectionHost, ReadModels, Commands, Seeds, PlatformRuntime],
    };
  }
}
