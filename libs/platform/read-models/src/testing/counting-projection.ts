import { EventEnvelope } from '@serviceledger/platform/core';
import { ProjectionDefinition } from '../projection';

export interface CountingOptions {
  version?: number;
  /** Throws while applying the event with this type, after the batch's earlier rows were held for writing. */
  failOnType?: () => string | undefined;
  /** Called per event before it is written, e.g. to slow a batch down. */
  beforeEach?: (event: EventEnvelope) => Promise<void>;
}

/**
 * A projection that makes double or missed application visible: one row per event (a repeat would
 * collide) and a running total that a repeated batch would push past the number of events.
 */
export function countingProjection(options: CountingOptions = {}): ProjectionDefinition {
  return {
    name: 'test.counting',
    version: options.version ?? 1,
    filter: { streamPrefixes: ['test.'] },
    tables: {
      seen: {
        columns: {
          eventId: { type: String, primary: true, name: 'event_id' },
          type: { type: String },
          label: { type: String },
        },
      },
      total: {
        columns: {
          id: { type: Number, primary: true },
          count: { type: Number },
        },
      },
    },
    async apply(events, tables) {
      const seen = tables.table('seen');
      const total = tables.table<{ id: number; count: number }>('total');
      const current = (await total.get({ id: 1 }))?.count ?? 0;
      let count = current;
      for (const event of events) {
        await options.beforeEach?.(event);
        if (event.type === options.failOnType?.()) throw new Error(`failing on ${event.type}`);
        seen.insert({ eventId: event.id, type: event.type, label: `v${options.version ?? 1}:${event.type}` });
        count += 1;
      }
      total.upsert({ id: 1, count });
    },
  };
}
