import { spawnSync } from 'node:child_process';

/** The broker the Kafka specs run against: `KAFKA_BROKERS` (comma-separated), default the one scripts/kafka/start.sh runs. */
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);

const HOW = 'Start one with `bash scripts/kafka/start.sh` (it fetches Apache Kafka from Maven Central), or set KAFKA_BROKERS.';

/**
 * Whether a broker accepts TCP connections, checked synchronously (jest declares tests synchronously)
 * in a child process. The specs then prove it is a Kafka broker with a metadata request.
 */
export function brokerReachable(brokers = KAFKA_BROKERS): boolean {
  const script = `
    const net = require('node:net');
    const [host, port] = process.argv[1].split(':');
    const socket = net.connect({ host, port: Number(port) });
    socket.setTimeout(1500, () => process.exit(1));
    socket.on('connect', () => process.exit(0));
    socket.on('error', () => process.exit(1));`;
  return brokers.some((broker) => spawnSync(process.execPath, ['-e', script, broker], { timeout: 3000 }).status === 0);
}

/**
 * `describe` for suites that need the real broker. Without one they are skipped with a message that says
 * what is missing — except in CI (`CI` set), where a missing broker fails the run: the Kafka tests must
 * never pass by being skipped there.
 */
export function describeWithKafka(name: string, suite: () => void): void {
  if (brokerReachable()) {
    describe(name, suite);
    return;
  }
  const reason = `No Kafka broker reachable at ${KAFKA_BROKERS.join(',')}. ${HOW}`;
  if (inCi()) {
    describe(name, () => {
      it('reaches the Kafka broker (required in CI)', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  console.warn(`Skipping "${name}": ${reason}`);
  describe.skip(name, suite);
}

function inCi(): boolean {
  const ci = process.env.CI?.trim().toLowerCase();
  return !!ci && ci !== 'false' && ci !== '0';
}
