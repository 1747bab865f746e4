import { BusSubscribeOptions, BusSubscription, IntegrationMessage, MessageBus, MessageHandler } from './integration-message';

interface Member {
  group: string;
  topics: Set<string>;
  handler: MessageHandler;
}

/**
 * The embedded default's bus. `publish` resolves only after every subscribed group has handled the
 * message, so the relay's checkpoint never passes a message a consumer has not processed: the
 * same at-least-once contract as Kafka with offsets committed after processing.
 */
export class InProcessBus implements MessageBus {
  private members: Member[] = [];

  async publish(messages: IntegrationMessage[]): Promise<void> {
    for (const message of messages) {
      const groups = new Map<string, Member>();
      for (const m of this.members) if (m.topics.has(message.topic) && !groups.has(m.group)) groups.set(m.group, m);
      for (const member of groups.values()) await member.handler(message);
    }
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
