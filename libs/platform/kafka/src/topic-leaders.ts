import type { Admin } from 'kafkajs';

/** What a topic just created may answer while the cluster's metadata catches up with it. */
const NOT_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Waits until every partition of the topics has a leader. kafkajs' own wait (`createTopics` with
 * `waitForLeaders`) gives up when the controller answers that it does not host a topic it has just created,
 * which a KRaft broker does for a moment (a CI run failed so); this waits that out as well.
 */
export async function waitForTopicLeaders(admin: Pick<Admin, 'fetchTopicMetadata'>, topics: string[], timeoutMs = 30_000, delayMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      const led = found.filter((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (led.length === topics.length) return;
    } catch (error) {
      if (!NOT_YET.has((error as { type?: string }).type ?? '')) throw error;
    }
    if (Date.now() >= deadline) throw new Error(`Kafka: topics ${topics.join(', ')} have no leader after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
