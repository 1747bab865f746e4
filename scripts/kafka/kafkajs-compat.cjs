#!/usr/bin/env node
/**
 * Can kafkajs talk to this broker? For every Kafka API kafkajs implements, prints the version kafkajs will
 * send and whether the broker accepts it. kafkajs picks min(its highest version, the broker's highest)
 * and never looks at the broker's lowest, so an API whose result falls below the broker's minimum fails
 * at run time (Kafka 4.0 raised those minimums, KIP-896). Re-run it when changing KAFKA_VERSION:
 *
 *   bash scripts/kafka/start.sh && node scripts/kafka/kafkajs-compat.cjs [host:port]
 *
 * It reads kafkajs' request table from its sources (kafkajs/src), which the package ships.
 */
const kafkajs = (p) => require(require.resolve(`kafkajs/src/${p}`));
const { requests } = kafkajs('protocol/requests');
const apiKeys = kafkajs('protocol/requests/apiKeys');
const Broker = kafkajs('broker');
const ConnectionPool = kafkajs('network/connectionPool');
const socketFactory = kafkajs('network/socketFactory');
const { createLogger, LEVELS } = kafkajs('loggers');

async function main() {
  const [host, port] = (process.argv[2] ?? process.env.KAFKA_BROKERS?.split(',')[0] ?? '127.0.0.1:9092').split(':');
  const logger = createLogger({ level: LEVELS.NOTHING, logCreator: () => () => undefined });
  const connectionPool = new ConnectionPool({
    host,
    port: Number(port),
    logger,
    socketFactory: socketFactory(),
    connectionTimeout: 3000,
    requestTimeout: 5000,
    enforceRequestTimeout: true,
    clientId: 'kafkajs-compat',
  });
  const broker = new Broker({ connectionPool, logger });
  await broker.connect();
  const incompatible = [];
  try {
    for (const [name, definition] of Object.entries(requests)) {
      if (!definition.versions.length) continue; // not implemented by kafkajs
      const implemented = definition.versions.map(Number);
      const range = broker.versions[apiKeys[name]];
      const own = `kafkajs v${Math.min(...implemented)}-v${Math.max(...implemented)}`;
      if (!range) {
        console.log(`--   ${name.padEnd(28)} ${own.padEnd(16)} not offered by the broker`);
        continue;
      }
      const sent = Math.min(Math.max(...implemented), range.maxVersion);
      const ok = sent >= range.minVersion;
      if (!ok) incompatible.push(name);
      console.log(
        `${ok ? 'ok ' : 'BAD'}  ${name.padEnd(28)} ${own.padEnd(16)} broker v${range.minVersion}-v${range.maxVersion}`.padEnd(72) +
          ` sends v${sent}`,
      );
    }
  } finally {
    await broker.disconnect();
  }
  if (incompatible.length) {
    console.log(`\nkafkajs cannot use: ${incompatible.join(', ')}`);
    process.exitCode = 1;
  } else {
    console.log('\nevery API kafkajs implements has a version this broker accepts');
  }
}

main().catch((error) => {
  console.error(`kafkajs-compat: ${error.message}`);
  process.exitCode = 2;
});
