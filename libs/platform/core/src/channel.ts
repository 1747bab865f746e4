/**
 * One topic a service publishes to, as its `contracts` library describes it for subscribers: the AsyncAPI
 * document's channel. Every contract names its topic; the channel says what the topic carries and what
 * its record key is, which is what a subscriber needs to partition and order its own work.
 */
export interface ChannelDefinition {
  /** The versioned Kafka topic, e.g. `serviceledger.intake.demand.v1`. */
  readonly topic: string;
  /** What the topic carries, and who relies on it. */
  readonly description: string;
  /** What the record key (and the CloudEvents `subject`) is: the id whose events stay in order on one partition. */
  readonly key: string;
}
