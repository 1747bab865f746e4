/**
 * Another service's process in the production end-to-end test: it consumes intake's public events
 * from Kafka through an inbox on PostgreSQL, and records each registered demand it sees.
 * argv: read-model schema. env: PG_URL, KAFKA_BROKERS, CONSUMER_GROUP, HANDLE_DELAY_MS.
 */
import { EntitySchema } from 'typeorm';
import { KafkaBus } from '@serviceledger/platform/kafka';
import { DeadLetterTable, InboxConsumer, InboxTable } from '@serviceledger/platform/messaging';
import { CheckpointTable, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { INTAKE_CONTRACTS, INTAKE_TOPICS } from '@serviceledger/intake/contracts';

export const SeenDemandTable = new EntitySchema<{ id: number; demandId: string; reference: string }>({
  name: 'e2e_seen_demand',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    demandId: { type: String, name: 'demand_id' },
    reference: { type: String },
  },
});

async function main(): Promise<void> {
  const [schema] = process.argv.slice(2);
  const db = await ReadModelDatabase.open(
    { type: 'postgres', url: process.env.PG_URL!, schema, schemaChanges: 'migrate' },
    [CheckpointTable, InboxTable, DeadLetterTable, SeenDemandTable],
  );
  const bus = await KafkaBus.start({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'e2e-consumer' });
  const delay = Number(process.env.HANDLE_DELAY_MS ?? 0);
  const consumer = new InboxConsumer(db, bus, {
    name: process.env.CONSUMER_GROUP!,
    topics: Object.values(INTAKE_TOPICS),
    contracts: INTAKE_CONTRACTS,
    async handle(message, manager) {
      if (message.type !== 'serviceledger.intake.demand.registered.v2') return;
      await new Promise((r) => setTimeout(r, delay));
      const data = message.data as { demandId: string; reference: string };
      await manager.getRepository(SeenDemandTable).insert({ demandId: data.demandId, reference: data.reference });
    },
  });
  await consumer.start();
  process.stdout.write('consuming\n');
}

void main();
