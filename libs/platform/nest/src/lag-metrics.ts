import { Counter, Gauge, Registry } from 'prom-client';
import { Clock, EventStore } from '@serviceledger/platform/core';
import { ProjectionHost } from '@serviceledger/platform/read-models';
import { Commands } from './commands';
import { PlatformRuntime } from './platform-runtime';

export interface LagSources {
  store: EventStore;
  clock: Clock;
  projections: ProjectionHost;
  runtime: PlatformRuntime;
  commands: Commands;
}

/**
 * How far behind each reader of the log is in time, how much waits for the consumers and the schedulers, and
 * what the commands appended: measured at scrape time, reported only by the process that runs the reader, as
 * the lags in positions are (metrics.controller.ts).
 */
export function registerLagMetrics(registry: Registry, { store, clock, projections, runtime, commands }: LagSources): void {
  const registers = [registry];
  /** Seconds since the oldest event after `checkpoint` was appended: 0 when the reader is at the head. */
  const secondsBehind = async (checkpoint: string | undefined): Promise<number> => {
    const [next] = (await store.readAll({ after: checkpoint, batchSize: 1 })).events;
    return next ? Math.max(0, (clock.now().getTime() - Date.parse(next.occurredAt)) / 1000) : 0;
  };
  new Gauge({
    name: 'serviceledger_projection_lag_seconds',
    help: 'How long the oldest event a projection has not applied yet has been in the log (0 at the head)',
    labelNames: ['projection'],
    registers,
    async collect() {
      this.reset();
      if (!runtime.roles.has('projector')) return;
      for (const p of await projections.status()) {
        if (!p.standby) this.set({ projection: p.name }, p.lag > 0 ? await secondsBehind(p.checkpoint) : 0);
      }
    },
  });
  new Gauge({
    name: 'serviceledger_relay_lag_seconds',
    help: 'How long the oldest event a relay has not published yet has been in the log (0 at the head)',
    labelNames: ['relay'],
    registers,
    async collect() {
      this.reset();
      for (const relay of runtime.runningRelays()) this.set({ relay: relay.checkpointName }, (await relay.lag()) > 0 ? await secondsBehind(relay.checkpoint) : 0);
    },
  });
  new Gauge({
    name: 'serviceledger_consumer_lag',
    help: 'Messages on its topics each consumer group has yet to process (Kafka; the in-process bus delivers as it publishes)',
    labelNames: ['consumer'],
    registers,
    async collect() {
      this.reset();
      for (const consumer of runtime.consumers) {
        const lag = await consumer.lag();
        if (lag !== undefined) this.set({ consumer: consumer.name }, lag);
      }
    },
  });
  const backlogs = () => Promise.all(runtime.schedulers.map((s) => s.backlog(clock.now())));
  new Gauge({
    name: 'serviceledger_scheduler_backlog',
    help: 'Commands each schedule has due by now and not sent yet',
    labelNames: ['schedule'],
    registers,
    async collect() {
      this.reset();
      for (const { schedule, due } of await backlogs()) this.set({ schedule }, due);
    },
  });
  new Gauge({
    name: 'serviceledger_scheduler_oldest_due_seconds',
    help: 'How long the oldest command each schedule has not sent yet has been due (0 when none is)',
    labelNames: ['schedule'],
    registers,
    async collect() {
      this.reset();
      const now = clock.now().getTime();
      for (const { schedule, oldestDueAt } of await backlogs()) this.set({ schedule }, oldestDueAt ? Math.max(0, (now - oldestDueAt.getTime()) / 1000) : 0);
    },
  });
  new Counter({
    name: 'serviceledger_events_appended_total',
    help: 'Events the commands of this process appended, by aggregate and event type (an SLA breach is quality monitoring’s Clock ClockBreached)',
    labelNames: ['aggregate', 'type'],
    registers,
    collect() {
      this.reset();
      for (const [aggregate, byType] of commands.appended) for (const [type, n] of byType) this.inc({ aggregate, type }, n);
    },
  });
}
