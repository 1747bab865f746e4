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

/** What a suite that needs a server does: run, be skipped saying why, or fail saying why. */
export type ServerSuiteDecision = { run: true } | { run: false; skip: boolean; reason: string };

/**
 * The rule for suites that need a server (Kafka here; the PostgreSQL suites never skip, they fail
 * without their server): run when it is reachable; otherwise skip with the reason — except in CI (`CI`
 * set to anything but `false`/`0`), where a missing server fails the run, so that the production path
 * can never pass CI untested.
 */
export function serverSuiteDecision(reachable: boolean, missing: string, env: NodeJS.ProcessEnv = process.env): ServerSuiteDecision {
  if (reachable) return { run: true };
  return { run: false, skip: !inCi(env), reason: missing };
}

/** `describe` for suites that need the real broker, gated by {@link serverSuiteDecision}. */
export function describeWithKafka(name: string, suite: () => void): void {
  const decision = serverSuiteDecision(brokerReachable(), `No Kafka broker reachable at ${KAFKA_BROKERS.join(',')}. ${HOW}`);
  if (decision.run) {
    describe(name, suite);
  } else if (decision.skip) {
    console.warn(`Skipping "${name}": ${decision.reason}`);
    describe.skip(name, suite);
  } else {
    describe(name, () => {
      it('reaches the Kafka broker (required in CI)', () => {
        throw new Error(decision.reason);
      });
    });
  }
}

function inCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return !!ci && ci !== 'false' && ci !== '0';
}
