import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Clock, EventStore } from '@serviceledger/platform/core';
import { InboxConsumer, MessageBus, Relay } from '@serviceledger/platform/messaging';
import { Exclusive, ProjectionHost, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { observability } from '@serviceledger/platform/observability';
import { Scheduler } from '@serviceledger/platform/scheduler';
import { PlatformConfig } from './platform-config';
import { ProcessRole, processRoles } from './process-roles';
import { ServiceDefinition } from './service-definition';
import { CLOCK, EVENT_STORE, MESSAGE_BUS, PLATFORM_CONFIG, READ_MODEL_DB } from './tokens';

export const SERVICE_DEFINITIONS = Symbol('SERVICE_DEFINITIONS');

/**
 * Starts what runs beside the HTTP API — consumers, projections, relays, schedulers — once the app
 * is up, and stops them after the HTTP server has drained, saving their checkpoints.
 */
@Injectable()
export class PlatformRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Platform');
  readonly consumers: InboxConsumer[] = [];
  readonly relays: Relay[] = [];
  readonly schedulers: Scheduler[] = [];
  /** One publishing replica per relay: two would publish everything twice (harmless, thanks to inboxes, but wasteful). */
  private readonly relayLeases: Exclusive[] = [];
  /** What this process runs (`ROLES`). */
  readonly roles: ReadonlySet<ProcessRole>;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(SERVICE_DEFINITIONS) private readonly services: ServiceDefinition[],
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionHost,
    private readonly moduleRef: ModuleRef,
  ) {
    this.roles = processRoles(config.ROLES);
  }

  async onApplicationBootstrap(): Promise<void> {
    const roles = this.roles;
    for (const service of this.services) {
      if (roles.has('consumer')) {
        for (const consumer of service.consumers ?? []) this.consumers.push(new InboxConsumer(this.db, this.bus, { log: this.logger, ...consumer(this.moduleRef) }));
      }
      if (roles.has('relay') && service.relay) {
        const relay = new Relay(this.store, this.db, this.bus, { name: service.name, log: this.logger, ...service.relay });
        this.relays.push(relay);
        this.relayLeases.push(
          new Exclusive(this.db.leases, relay.checkpointName, { lead: () => relay.start(), abdicate: () => relay.stop() }, {
            onError: (error) => this.logger.error(`Relay ${service.name}: ${String(error)}`),
          }),
        );
      }
      if (roles.has('scheduler')) {
        for (const { definition, sender } of service.schedules ?? []) {
          this.schedulers.push(
            new Scheduler(this.store, this.db, definition, sender(this.moduleRef), this.clock, {
              pollIntervalMs: this.config.SCHEDULER_POLL_MS,
              onError: (error) => this.logger.error(`Schedule ${definition.name}: ${String(error)}`),
            }),
          );
        }
      }
    }
    // Consumers first, so the in-process bus has its subscribers before the relays publish.
    for (const consumer of this.consumers) await consumer.start();
    if (roles.has('projector')) await this.projections.start();
    else if (roles.has('api')) await this.projections.followOnly();
    for (const lease of this.relayLeases) await lease.start();
    for (const scheduler of this.schedulers) await scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const scheduler of this.schedulers) await scheduler.stop();
    for (const lease of this.relayLeases) await lease.stop();
    await this.projections.stop();
    for (const consumer of this.consumers) await consumer.stop();
    await this.bus.close();
    await this.store.close();
    await this.db.close();
    // The spans of the work just stopped, still buffered, go out before the process ends.
    await observability().shutdown();
  }

  /** The relays this replica publishes for, holding their leases; standby replicas' relays are not among them. */
  runningRelays(): Relay[] {
    return this.relays.filter((_, i) => this.relayLeases[i].leading);
  }

  /** Dead letters waiting for a replay, per consumer, wherever the bus keeps them (a table or a Kafka topic). */
  async deadLetterCounts(): Promise<Array<{ consumer: string; count: number }>> {
    return Promise.all(this.consumers.map(async (c) => ({ consumer: c.name, count: await c.deadLetters.count(c.name) })));
  }

  consumer(name: string): InboxConsumer | undefined {
    return this.consumers.find((c) => c.name === name);
  }
}
