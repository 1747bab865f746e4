import { Aggregate, Command, Decider, DomainEvent, EventEnvelope, EventStore, streamOf } from '@serviceledger/platform/core';

/** An event one projection skips, by an operator's decision, with the reason they gave. */
export interface ParkedEvent {
  projection: string;
  eventId: string;
  eventType: string;
  stream: string;
  streamPosition: number;
  reason: string;
}

export type ParkEvent = Command<'ParkEvent', ParkedEvent>;
export type EventParked = DomainEvent<'ProjectionEventParked', ParkedEvent>;

export interface ParkedEvents {
  /** By event id; the actor and time of each are on its stored event. */
  parked: Readonly<Record<string, ParkedEvent>>;
}

/**
 * The events a projection skips. Parking is a fact in the log, not a row in a read model, so every
 * replica and every rebuild (which empties the read model) skips the same events. Parking an event
 * twice appends nothing: the first reason stands.
 */
export const parkedEventsDecider: Decider<ParkEvent, EventParked, ParkedEvents> = {
  initialState: () => ({ parked: {} }),
  evolve: (state, event) => ({ parked: { ...state.parked, [event.data.eventId]: event.data } }),
  decide: (command, state) => (state.parked[command.data.eventId] ? [] : [{ type: 'ProjectionEventParked', data: command.data }]),
};

/** One stream per projection: `operations.projection-<projection>`. */
export const parkedEvents: Aggregate<ParkEvent, EventParked, ParkedEvents> = {
  name: 'Parked events',
  streamPrefix: 'operations.projection-',
  decider: parkedEventsDecider,
  idOf: (command) => command.data.projection,
  creates: 'any',
};

/** A parked event as its stored event tells it: who parked it, and when. */
export interface ParkedEventRecord extends ParkedEvent {
  parkedBy: string;
  parkedAt: string;
}

/** The projection's parking stream, oldest first: read by each runner as it starts. */
export async function readParkedEvents(store: EventStore, projection: string): Promise<ParkedEventRecord[]> {
  const events: EventEnvelope[] = await store.readStream(streamOf(parkedEvents, projection));
  // The decider parks an event once, so each stored event is one parked event.
  return events.map((event) => ({ ...(event.data as ParkedEvent), parkedBy: event.metadata.actor.userId, parkedAt: event.occurredAt }));
}
