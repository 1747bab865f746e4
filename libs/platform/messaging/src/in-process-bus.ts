import { BusSubscribeOptions, BusSubscription, IntegrationMessage, MessageBus, MessageHandler } from './integration-message';

interface Member {
  group: string;
  topics: Set<string>;
  handler: MessageHandler;
}

/**
 * The embedded default's bus. `publish` resolves only after every subscribed group has handled the
 * message, so the relay's checkpoint never passes a message a consumer has not processed: the
 * same at-least-once contract as Kafka with offsets committed after processing. The groups handle
 * a message at once, as Kafka's groups do: one after another, a relay's batch would wait for the sum
 * of every group's time on every message (seven groups on intake's topic, seconds a message on a
 * loaded PostgreSQL), which held intake's relay long enough to look stopped.
 */
export class InProcessBus implements MessageBus {
  private members: Member[] = [];

  async publish(messages: IntegrationMessage[]): Promise<void> {
    for (const message of messages) {
      const groups = new Map<string, Member>();
      for (const m of this.members) if (m.topics.has(message.topic) && !groups.has(m.group)) groups.set(m.group, m);
      // Every group finishes before a failure is reported: the relay's retry must not meet a group still at it.
      const outcomes = await Promise.allSettled([...groups.values()].map((member) => member.handler(message)));
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
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
