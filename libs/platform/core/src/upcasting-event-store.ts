import { EventStore, ReadAllOptions, StreamRange, SubscribeOptions, SubscriptionHandler } from './event-store';
import { NewEvent } from './envelope';
import { Upcasters } from './upcasting';

/** Wraps any adapter so that every read hands out events in their current shape. */
export function withUpcasting(store: EventStore, upcasters: Upcasters): EventStore {
  if (upcasters.isEmpty) return store;
  return {
    checkpoints: store.checkpoints,
    appendToStream: (stream: string, events: NewEvent[], options) => store.appendToStream(stream, events, options),
    appendNumbered: (stream, counter, build, options) => store.appendNumbered(stream, counter, build, options),
    readEvent: async (eventId: string) => {
      const event = await store.readEvent(eventId);
      return event && upcasters.apply(event);
    },
    readStream: async (stream: string, range?: StreamRange) =>
      (await store.readStream(stream, range)).map((e) => upcasters.apply(e)),
    readAll: async (options?: ReadAllOptions) => {
      const result = await store.readAll(options);
      return { ...result, events: result.events.map((e) => upcasters.apply(e)) };
    },
    subscribe: (options: SubscribeOptions, handler: SubscriptionHandler) =>
      store.subscribe(options, (events, checkpoint) => handler(events.map((e) => upcasters.apply(e)), checkpoint)),
    streamExists: (stream: string) => store.streamExists(stream),
    headCheckpoint: () => store.headCheckpoint(),
    newestCheckpoint: () => store.newestCheckpoint(),
    close: () => store.close(),
  };
}
