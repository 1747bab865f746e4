import { EntityManager, EntitySchema } from 'typeorm';

export interface CheckpointRow {
  name: string;
  checkpoint: string;
  updatedAt: Date;
}

/** Where each projection, relay and consumer has got to in the log. */
export const CheckpointTable = new EntitySchema<CheckpointRow>({
  name: 'platform_checkpoint',
  columns: {
    name: { type: String, primary: true, length: 200 },
    checkpoint: { type: String, length: 100 },
    updatedAt: { type: Date, name: 'updated_at' },
  },
});

export async function loadCheckpoint(manager: EntityManager, name: string): Promise<string | undefined> {
  const row = await manager.getRepository(CheckpointTable).findOneBy({ name });
  return row?.checkpoint;
}

/** Call inside the transaction that applied the events, so both commit or neither does. */
export async function saveCheckpoint(manager: EntityManager, name: string, checkpoint: string): Promise<void> {
  await manager.getRepository(CheckpointTable).upsert({ name, checkpoint, updatedAt: new Date() }, ['name']);
}
