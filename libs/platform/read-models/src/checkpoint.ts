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

/** The stored checkpoint is not the one this runner started from: another runner moved it. */
export class CheckpointConflictError extends Error {
  override readonly name = 'CheckpointConflictError';
  constructor(
    readonly checkpointName: string,
    readonly expected: string | undefined,
  ) {
    super(`Checkpoint ${checkpointName} moved away from ${expected ?? 'the start'}: another runner is applying the same events`);
  }
}

/**
 * Moves a checkpoint from `from` to `to`, inside the transaction that applied the events, and throws
 * CheckpointConflictError (rolling the batch back) when the stored value is no longer `from`. A fence
 * behind the lease: two runners that both believe they lead cannot both commit the same batch, since
 * the second one's conditional update waits for the first's row lock, then matches nothing.
 */
export async function advanceCheckpoint(manager: EntityManager, name: string, from: string | undefined, to: string): Promise<void> {
  const table = manager.getRepository(CheckpointTable);
  if (from === undefined) {
    try {
      await table.insert({ name, checkpoint: to, updatedAt: new Date() });
    } catch (error) {
      throw Object.assign(new CheckpointConflictError(name, from), { cause: error });
    }
    return;
  }
  const result = await table.update({ name, checkpoint: from }, { checkpoint: to, updatedAt: new Date() });
  if (!result.affected) throw new CheckpointConflictError(name, from);
}
