/** Who acted: carried from the request into every command and stored on every event. */
export interface Actor {
  userId: string;
  displayName?: string;
  roles: string[];
  departments: string[];
  /** Set for customer principals: the organisation (customer id) they belong to. */
  customerId?: string;
}

/** Metadata stored with every event. */
export interface EventMetadata {
  correlationId: string;
  causationId: string;
  actor: Actor;
  schemaVersion: number;
  traceparent?: string;
}

/** An event as it is written: the store assigns its position and checkpoint. */
export interface NewEvent<Data = unknown> {
  id: string;
  type: string;
  data: Data;
  metadata: EventMetadata;
  occurredAt: string;
}

/** An event as it is read back from the store. */
export interface EventEnvelope<Data = unknown> extends NewEvent<Data> {
  stream: string;
  /** Zero-based position of the event in its stream. */
  streamPosition: number;
  /** Opaque, adapter-defined position in the global log; compare with the store's `checkpoints`. */
  checkpoint: string;
}

/** The plain shape a decider emits: the platform adds ids, metadata and time. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}
