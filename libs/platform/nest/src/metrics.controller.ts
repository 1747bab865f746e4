import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { Clock, EventStore } from '@serviceledger/platform/core';
import { ProjectionHost } from '@serviceledger/platform/read-models';
import { Public } from '@serviceledger/platform/auth';
import { Commands } from './commands';
import { registerLagMetrics } from './lag-metrics';
import { PlatformRuntime } from './platform-runtime';
import { registerProjectionFailureMetrics } from './projection-metrics';
import { PROCESS_ROLES, ServedBy } from './process-roles';
import { CLOCK, EVENT_STORE } from './tokens';

/**
 * Prometheus metrics, measured at scrape time. A lag is reported only by the process that runs the
 * projection or relay (holds its lease): an api process or a standby worker reports none, so that an
 * alert on growing lag watches the one runner. Each scrape starts the lag gauges afresh, so a runner
 * that lost its lease stops reporting at once.
 */
@ApiExcludeController()
@Public()
@ServedBy(...PROCESS_ROLES)
@Controller('metrics')
export class MetricsController {
  /** Also holds the HTTP request metrics, which measureHttpRequests records from Fastify's hooks. */
  readonly registry = new Registry();

  constructor(
    projections: ProjectionHost,
    runtime: PlatformRuntime,
    commands: Commands,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
  ) {
    collectDefaultMetrics({ register: this.registry });
    registerProjectionFailureMetrics(this.registry, projections);
    registerLagMetrics(this.registry, { store, clock, projections, runtime, commands });
    new Gauge({
      name: 'serviceledger_projection_lag',
      help: 'How far each projection is behind the head of the log, in the store’s units (events on SQLite)',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        this.reset();
        if (!runtime.roles.has('projector')) return;
        for (const p of await projections.status()) if (!p.standby) this.set({ projection: p.name }, p.lag);
      },
    });
    new Gauge({
      name: 'serviceledger_relay_lag',
      help: 'How far each relay is behind the head of the log',
      labelNames: ['relay'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const relay of runtime.runningRelays()) this.set({ relay: relay.checkpointName }, await relay.lag());
      },
    });
    new Gauge({
      name: 'serviceledger_dead_letters',
      help: 'Messages each consumer set aside after its retries, waiting for a replay',
      labelNames: ['consumer'],
      registers: [this.registry],
      async collect() {
        for (const { consumer, count } of await runtime.deadLetterCounts()) this.set({ consumer }, count);
      },
    });
    // The consumers count what they set aside or skipped since the process started; these report their counts.
    new Counter({
      name: 'serviceledger_messages_dead_lettered_total',
      help: 'Messages each consumer sent to its dead letters, by reason: contract-violation, undecodable or handler-failed',
      labelNames: ['consumer', 'reason'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const c of runtime.consumers) for (const [reason, n] of c.counts.deadLettered) this.inc({ consumer: c.name, reason }, n);
      },
    });
    new Counter({
      name: 'serviceledger_messages_unknown_type_total',
      help: 'Messages each consumer acknowledged unread because none of its contracts has their CloudEvents type',
      labelNames: ['consumer', 'type'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const c of runtime.consumers) for (const [type, n] of c.counts.unknownTypes) this.inc({ consumer: c.name, type }, n);
      },
    });
  }

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
