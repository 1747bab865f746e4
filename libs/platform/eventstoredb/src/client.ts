import {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  AppendResult,
  Direction,
  EventData,
  EventStoreDBClient,
  Filter,
  ReadPosition,
  ReadRevision,
  ResolvedEvent,
} from '@eventstore/db-client';

/** A finite read: iterate it to the end, or `cancel()` it when stopping early. */
export interface EsdbRead<E> extends AsyncIterable<E> {
  cancel?(): Promise<void>;
}

/**
 * A catch-up subscription as the client returns it: a Node.js object-mode Readable of resolved events.
 * Only what the adapter uses is listed, so a test can hand in a plain `Readable` with `unsubscribe`.
 */
export interface EsdbSubscription extends AsyncIterable<unknown> {
  readonly readableLength: number;
  readonly destroyed: boolean;
  read(): unknown;
  push(chunk: unknown): boolean;
  destroy(error?: Error): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** The server confirmed the subscription: it is connected, whether or not events follow. */
  on(event: 'confirmation', listener: () => void): unknown;
  unsubscribe(): Promise<void>;
}

/**
 * The part of `EventStoreDBClient` the adapter uses. The real client satisfies it as it is; tests inject a
 * fake (see `testing/fake-esdb-client.ts`), which is how the adapter's logic is tested without a server.
 */
export interface EsdbClient {
  appendToStream(stream: string, events: EventData[], options: { expectedRevision: AppendExpectedRevision }): Promise<AppendResult>;
  readStream(
    stream: string,
    options: { fromRevision?: ReadRevision; maxCount?: number | bigint; direction?: Direction; resolveLinkTos?: boolean },
  ): EsdbRead<ResolvedEvent>;
  readAll(options: {
    fromPosition?: ReadPosition;
    maxCount?: number | bigint;
    direction?: Direction;
    resolveLinkTos?: boolean;
  }): EsdbRead<AllStreamResolvedEvent>;
  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter; resolveLinkTos?: boolean }): EsdbSubscription;
  dispose(): Promise<void>;
}

/** A client for a connection string such as `esdb://localhost:2113?tls=false`. It connects lazily. */
export function connect(connectionString: string): EsdbClient {
  const client: EsdbClient = EventStoreDBClient.connectionString(connectionString);
  return client;
}
