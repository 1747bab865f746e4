import { BusSubscribeOptions, BusSubscription, IntegrationMessage, MessageBus, MessageHandler } from './integration-message';

interface Member {
  group: string;
  topics: Set<string>;
  handler: MessageHandler;
}

/**
 * The embedded default's bus. `publish` resolves only after every subscribed group has handled the
 * messages, so the relay's checkpoint never passes a message a consumer has not processed: the
 * same at-least-once contract as Kafka with offsets committed after processing. Each group is handed
 * its messages of the batch at once, in order, and the groups handle them side by side, as Kafka's
 * groups do: one after another, a relay's batch would wait for the sum of every group's time (seven
 * groups on intake's topic, seconds a message on a loaded PostgreSQL), which held intake's relay long
 * enough to look stopped.
 */
export class InProcessBus implements MessageBus {
  private members: Member[] = [];

  async publish(messages: IntegrationMessage[]): Promise<void> {
    const deliveries = new Map<string, { member: Member; messages: IntegrationMessage[] }>();
    for (const member of this.members) {
      const mine = messages.filter((message) => member.topics.has(message.topic));
      if (mine.length && !deliveries.has(member.group)) deliveries.set(member.group, { member, messages: mine });
    }
    // Every group finishes before a failure is reported: the relay's retry must not meet a group still at it.
    const outcomes = await Promise.allSettled([...deliveries.values()].map(({ member, messages }) => member.handler(messages)));
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async subscribe(options: BusSubscribeOptions, handler: MessageHandler): Promise<BusSubscription> {
    const member: Member = { group: options.group, topics: new Set(options.topics), handler };
    this.members.push(member);
    return {
      stop: async () => {
        this.members = this.members.filter((m) => m !== member);
      },
    };
  }

  async isHealthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.members = [];
  }
}
