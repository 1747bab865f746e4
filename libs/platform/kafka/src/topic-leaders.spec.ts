import type { Admin } from 'kafkajs';
import { waitForTopicLeaders } from './topic-leaders';

type Metadata = Awaited<ReturnType<Admin['fetchTopicMetadata']>>;

const protocolError = (type: string) => Object.assign(new Error(type), { type });
const topic = (name: string, leaders: number[]) => ({ name, partitions: leaders.map((leader, partitionId) => ({ partitionId, leader, replicas: [], isr: [], offlineReplicas: [], partitionErrorCode: 0 })) });

/** An admin whose metadata answers come from `answers`, one per call; the last one repeats. */
function adminAnswering(answers: Array<Metadata | Error>): Pick<Admin, 'fetchTopicMetadata'> & { calls: number } {
  const admin = {
    calls: 0,
    fetchTopicMetadata: async () => {
      const answer = answers[Math.min(admin.calls++, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return admin;
}

describe('waiting for the leaders of topics just created', () => {
  it('waits out a controller that does not host the topic yet, then partitions without a leader', async () => {
    const admin = adminAnswering([
      protocolError('UNKNOWN_TOPIC_OR_PARTITION'),
      protocolError('LEADER_NOT_AVAILABLE'),
      { topics: [topic('a', [0, -1]), topic('b', [0])] },
      { topics: [topic('a', [0, 0]), topic('b', [0])] },
    ]);
    await waitForTopicLeaders(admin, ['a', 'b'], 5000, 1);
    expect(admin.calls).toBe(4);
  });

  it('fails at once on any other error', async () => {
    const admin = adminAnswering([protocolError('TOPIC_AUTHORIZATION_FAILED')]);
    await expect(waitForTopicLeaders(admin, ['a'], 5000, 1)).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(admin.calls).toBe(1);
  });

  it('gives up after its timeout, naming the topics', async () => {
    const admin = adminAnswering([protocolError('UNKNOWN_TOPIC_OR_PARTITION')]);
    await expect(waitForTopicLeaders(admin, ['a', 'b'], 30, 5)).rejects.toThrow('Kafka: topics a, b have no leader after 30 ms');
  });
});
