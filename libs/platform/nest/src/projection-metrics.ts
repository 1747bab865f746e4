import { Gauge, Registry } from 'prom-client';
import { ProjectionHost } from '@serviceledger/platform/read-models';

/**
 * Whether each projection this replica runs has stopped, and on which event: an alert on
 * `serviceledger_projection_failed == 1` points at the event to fix or park. Replicas that do not run
 * a projection report nothing for it, so one stuck projection is one series.
 */
export function registerProjectionFailureMetrics(registry: Registry, projections: ProjectionHost): void {
  new Gauge({
    name: 'serviceledger_projection_failed',
    help: '1 while a projection has stopped (on an event it cannot apply, or another error), 0 while it runs',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const p of await projections.status()) if (p.running) this.set({ projection: p.name }, p.failure ? 1 : 0);
    },
  });
  new Gauge({
    name: 'serviceledger_projection_failed_event',
    help: 'The event a stopped projection cannot apply (always 1): park it or fix the projection',
    labelNames: ['projection', 'event_id', 'event_type', 'stream', 'stream_position', 'checkpoint'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const p of await projections.status()) {
        const failed = p.running ? p.failedEvent : undefined;
        if (!failed) continue;
        this.set(
          {
            projection: p.name,
            event_id: failed.eventId,
            event_type: failed.eventType,
            stream: failed.stream,
            stream_position: failed.streamPosition,
            checkpoint: failed.checkpoint,
          },
          1,
        );
      }
    },
  });
}
