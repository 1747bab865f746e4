import { EventEnvelope } from '@serviceledger/platform/core';
import { EntityManager, EntitySchema } from 'typeorm';
import { Slot } from './projection';

/** The event a projection cannot apply, and why: what an operator needs to decide whether to park it. */
export interface FailedEvent {
  projection: string;
  /** The slot whose runner failed: the serving one, or the one a rebuild was filling. */
  slot: Slot;
  eventId: string;
  eventType: string;
  stream: string;
  streamPosition: number;
  checkpoint: string;
  error: string;
  failedAt: string;
}

/** Where to park the event a projection is stuck on. */
export function parkRoute(projection: string): string {
  return `POST /operations/projections/${projection}/parked-events`;
}

export function describeFailedEvent(failed: FailedEvent): string {
  return (
    `Projection ${failed.projection} cannot apply event ${failed.eventId} (${failed.eventType}, stream ${failed.stream} ` +
    `position ${failed.streamPosition}, checkpoint ${failed.checkpoint}): ${failed.error}`
  );
}

/** A projection threw on this one event: the runner stops before it, the events before it committed. */
export class ProjectionEventError extends Error {
  override readonly name = 'ProjectionEventError';
  constructor(readonly failed: FailedEvent) {
    super(
      `${describeFailedEvent(failed)}. Fix the projection (the runner retries by itself), or park the event with ${parkRoute(failed.projection)} ` +
        `{"eventId": "${failed.eventId}", "reason": "…"}`,
    );
  }

  static of(projection: string, slot: Slot, event: EventEnvelope, cause: unknown): ProjectionEventError {
    return new ProjectionEventError({
      projection,
      slot,
      eventId: event.id,
      eventType: event.type,
      stream: event.stream,
      streamPosition: event.streamPosition,
      checkpoint: event.checkpoint,
      error: cause instanceof Error ? cause.message : String(cause),
      failedAt: new Date().toISOString(),
    });
  }
}

type FailureRow = Omit<FailedEvent, 'projection' | 'failedAt'> & { name: string; failedAt: Date };

/**
 * The event each stuck projection cannot apply, written by the replica that runs it, so that every
 * process (api replicas included) can report it and answer read-your-writes at once rather than wait.
 */
export const ProjectionFailureTable = new EntitySchema<FailureRow>({
  name: 'platform_projection_failure',
  columns: {
    name: { type: String, primary: true, length: 200 },
    slot: { type: String, length: 1 },
    eventId: { type: String, name: 'event_id', length: 100 },
    eventType: { type: String, name: 'event_type', length: 200 },
    stream: { type: String, length: 400 },
    streamPosition: { type: Number, name: 'stream_position' },
    checkpoint: { type: String, length: 100 },
    error: { type: 'text' },
    failedAt: { type: Date, name: 'failed_at' },
  },
});

export async function recordFailure(manager: EntityManager, failed: FailedEvent): Promise<void> {
  const { projection, failedAt, ...rest } = failed;
  await manager.getRepository(ProjectionFailureTable).upsert({ ...rest, name: projection, failedAt: new Date(failedAt) }, ['name']);
}

/** Clears the projection's failure; given a slot or an event, only a failure of that slot or on that event. */
export async function clearFailure(manager: EntityManager, projection: string, only: { slot?: Slot; eventId?: string } = {}): Promise<void> {
  await manager.getRepository(ProjectionFailureTable).delete({ name: projection, ...only });
}

export async function loadFailure(manager: EntityManager, projection: string): Promise<FailedEvent | undefined> {
  const row = await manager.getRepository(ProjectionFailureTable).findOneBy({ name: projection });
  if (!row) return undefined;
  const { name, failedAt, ...rest } = row;
  return { ...rest, projection: name, failedAt: failedAt.toISOString() };
}
