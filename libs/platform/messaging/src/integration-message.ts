import type { DeadLetterSink } from './dead-letters';

/**
 * A public event on the bus, shaped after CloudEvents 1.0 so that the Kafka adapter can map it to
 * binary-mode headers (`ce_id`, `ce_source`, …) one to one.
 */
export interface IntegrationMessage<Data = unknown> {
  /** The domain event's id: stable across redeliveries, so consumers deduplicate on it. */
  id: string;
  /** `/serviceledger/<service>` */
  source: string;
  /** `serviceledger.<service>.<event>.v<N>` */
  type: string;
  /** The aggregate id. */
  subject: string;
  time: string;
  /** Versioned topic, e.g. `serviceledger.intake.demand.v1`. */
  topic: string;
  /** Partition key: the aggregate id, so one aggregate's events stay in order. */
  key: string;
  data: Data;
  extensions: {
    correlationid: string;
    causationid: string;
    traceparent?: string;
  };
}

/**
 * Handles what the bus delivers at once to one member of a group, in the order published: a relay's batch on the
 * in-process bus, one record at a time on Kafka. It resolves once all of them are handled.
 */
export type MessageHandler = (messages: IntegrationMessage[]) => Promise<void>;

/** A MessageHandler that handles the messages one after another: for subscribers that take one at a time. */
export function eachMessage(handle: (message: IntegrationMessage) => Promise<void>): MessageHandler {
  return async (messages) => {
    for (const message of messages) await handle(message);
  };
}

export interface BusSubscribeOptions {
  group: string;
  topics: string[];
  /**
   * Told when the bus set a record aside itself, without handing it to the handler: one no handler could
   * read (Kafka: not a CloudEvent, or a value that is not JSON). Receives the reason, as the dead letter keeps it.
   */
  onSetAside?(error: string): void;
}

export interface BusSubscription {
  stop(): Promise<void>;
}

/** At-least-once delivery: `publish` resolves only once the bus has taken responsibility. */
export interface MessageBus {
  publish(messages: IntegrationMessage[]): Promise<void>;
  subscribe(options: BusSubscribeOptions, handler: MessageHandler): Promise<BusSubscription>;
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Where this bus keeps the messages its consumers give up on, when it has such a place (Kafka: a
   * dead-letter topic). Without it an `InboxConsumer` keeps them in the read-model database.
   */
  deadLetters?(): DeadLetterSink;
  /** How many messages on these topics the group has yet to process, when the bus can tell (Kafka); an in-process bus delivers as it publishes. */
  consumerLag?(group: string, topics: string[]): Promise<number>;
}
