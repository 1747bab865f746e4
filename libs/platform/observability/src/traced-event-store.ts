import { SpanKind } from '@opentelemetry/api';
import {
  AppendOptions,
  AppendResult,
  EventEnvelope,
  EventStore,
  NewEvent,
  NumberedAppendResult,
  ReadAllOptions,
  ReadAllResult,
  StreamRange,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '@serviceledger/platform/core';
import { parentContext, inSpan } from './trace-context';
import { observability } from './observability';

/**
 * The event store as commands use it, with a span for each append (a child of the command's span), so a
 * trace shows the append's time apart from the decision's. Without tracing, the store itself.
 */
export function withTracedAppends(store: EventStore): EventStore {
  return observability().tracing ? new TracedAppends(store) : store;
}

class TracedAppends implements EventStore {
  constructor(private readonly store: EventStore) {}

  get checkpoints() {
    return this.store.checkpoints;
  }

  appendToStream(stream: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    return this.traced(stream, events.length, () => this.store.appendToStream(stream, events, options));
  }

  appendNumbered(stream: string, counter: string, build: (n: number) => NewEvent[], options?: AppendOptions): Promise<NumberedAppendResult> {
    return this.traced(stream, undefined, () => this.store.appendNumbered(stream, counter, build, options));
  }

  readEvent(eventId: string): Promise<EventEnvelope | undefined> {
    return this.store.readEvent(eventId);
  }

  readStream(stream: string, range?: StreamRange): Promise<EventEnvelope[]> {
    return this.store.readStream(stream, range);
  }

  readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    return this.store.readAll(options);
  }

  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    return this.store.subscribe(options, handler);
  }

  streamExists(stream: string): Promise<boolean> {
    return this.store.streamExists(stream);
  }

  headCheckpoint(): Promise<string | undefined> {
    return this.store.headCheckpoint();
  }

  newestCheckpoint(): Promise<string | undefined> {
    return this.store.newestCheckpoint();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private traced<R extends AppendResult>(stream: string, count: number | undefined, append: () => Promise<R>): Promise<R> {
    const attributes = { 'serviceledger.stream': stream, ...(count === undefined ? {} : { 'serviceledger.event_count': count }) };
    return inSpan('event store append', { kind: SpanKind.CLIENT, attributes }, parentContext(undefined), async (span) => {
      const result = await append();
      span.setAttribute('serviceledger.checkpoint', result.checkpoint);
      return result;
    });
  }
}
