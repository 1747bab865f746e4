import { EventStore } from '@serviceledger/platform/core';
import { EntitySchema, ObjectLiteral, Repository } from 'typeorm';
import { CheckpointTable } from './checkpoint';
import { ProjectionDefinition, Slot, otherSlot, tableName } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadModelDatabase } from './read-model-database';

interface RegistryRow {
  name: string;
  activeSlot: Slot;
  version: number;
}

/** Which slot of each projection serves queries, and at which code version it was built. */
export const ProjectionRegistryTable = new EntitySchema<RegistryRow>({
  name: 'platform_projection',
  columns: {
    name: { type: String, primary: true, length: 200 },
    activeSlot: { type: String, name: 'active_slot', length: 1 },
    version: { type: Number },
  },
});

type Schemas = Record<Slot, Record<string, EntitySchema<ObjectLiteral>>>;

export interface ProjectionStatus {
  name: string;
  version: number;
  activeSlot: Slot;
  checkpoint: string | undefined;
  lag: number;
  rebuilding: boolean;
  failure?: string;
}

/**
 * Runs a service's projections. Each has two slots of tables: one serves queries while the other
 * can be rebuilt from the log; when the rebuild reaches the head the two switch.
 */
export class ProjectionHost {
  private readonly schemas = new Map<string, Schemas>();
  private readonly active = new Map<string, ProjectionRunner>();
  private readonly rebuilding = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    private readonly definitions: ProjectionDefinition[],
  ) {
    for (const definition of definitions) this.schemas.set(definition.name, schemasOf(definition));
  }

  /** Every table the host needs, for the DataSource. */
  static entities(definitions: ProjectionDefinition[]): EntitySchema[] {
    return [
      CheckpointTable,
      ProjectionRegistryTable,
      ...definitions.flatMap((d) => {
        const s = schemasOf(d);
        return [...Object.values(s.a), ...Object.values(s.b)];
      }),
    ] as EntitySchema[];
  }

  async start(): Promise<void> {
    const registry = this.db.manager.getRepository(ProjectionRegistryTable);
    for (const definition of this.definitions) {
      const row = await registry.findOneBy({ name: definition.name });
      if (!row) {
        await registry.insert({ name: definition.name, activeSlot: 'a', version: definition.version });
        await this.startRunner(definition, 'a');
      } else if (row.version === definition.version) {
        await this.startRunner(definition, row.activeSlot);
      } else {
        // The old slot keeps serving what it has, frozen, until the new version has caught up.
        void this.rebuild(definition.name);
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.active.values()].map((r) => r.stop()));
    await Promise.allSettled([...this.rebuilding.values()]);
  }

  /** Rebuilds into the standby slot while the active one serves; resolves after the switch. */
  rebuild(name: string): Promise<void> {
    const running = this.rebuilding.get(name);
    if (running) return running;
    const work = this.runRebuild(this.definition(name)).finally(() => this.rebuilding.delete(name));
    this.rebuilding.set(name, work);
    return work;
  }

  /** A repository over the active slot's table, for queries. */
  repository<T extends ObjectLiteral>(name: string, table: string): Repository<T> {
    const slot = this.active.get(name)?.slot ?? 'a';
    const schema = this.schemas.get(name)?.[slot][table];
    if (!schema) throw new Error(`Unknown read model ${name}.${table}`);
    return this.db.manager.getRepository<T>(schema as unknown as EntitySchema<T>);
  }

  /** Read-your-writes: resolves true once the projection has applied `checkpoint`, false after the timeout. */
  waitFor(name: string, checkpoint: string, timeoutMs: number): Promise<boolean> {
    const runner = this.active.get(name);
    return runner ? runner.waitFor(checkpoint, timeoutMs) : Promise.resolve(false);
  }

  async status(): Promise<ProjectionStatus[]> {
    return Promise.all(
      this.definitions.map(async (d) => {
        const runner = this.active.get(d.name);
        return {
          name: d.name,
          version: d.version,
          activeSlot: runner?.slot ?? 'a',
          checkpoint: runner?.checkpoint,
          lag: runner ? await runner.lag() : await this.store.checkpoints.distance(undefined, await this.store.headCheckpoint()),
          rebuilding: this.rebuilding.has(d.name),
          ...(runner?.failure ? { failure: runner.failure.message } : {}),
        };
      }),
    );
  }

  private definition(name: string): ProjectionDefinition {
    const definition = this.definitions.find((d) => d.name === name);
    if (!definition) throw new Error(`Unknown projection ${name}`);
    return definition;
  }

  private async startRunner(definition: ProjectionDefinition, slot: Slot): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner(this.store, this.db, definition, slot, this.schemas.get(definition.name)![slot]);
    await runner.start();
    this.active.set(definition.name, runner);
    return runner;
  }

  private async runRebuild(definition: ProjectionDefinition): Promise<void> {
    const registry = this.db.manager.getRepository(ProjectionRegistryTable);
    const row = await registry.findOneBy({ name: definition.name });
    const standby = otherSlot(row?.activeSlot ?? 'a');
    const schemas = this.schemas.get(definition.name)![standby];
    const runner = new ProjectionRunner(this.store, this.db, definition, standby, schemas);
    await this.db.transaction(async (manager) => {
      for (const schema of Object.values(schemas)) await manager.getRepository(schema).clear();
      await manager.getRepository(CheckpointTable).delete({ name: runner.checkpointName });
    });
    await runner.start();
    const head = await this.store.headCheckpoint();
    while (head !== undefined && !(await runner.waitFor(head, 1000))) {
      if (runner.failure) throw runner.failure;
    }
    await registry.upsert({ name: definition.name, activeSlot: standby, version: definition.version }, ['name']);
    const previous = this.active.get(definition.name);
    this.active.set(definition.name, runner);
    await previous?.stop();
  }
}

function schemasOf(definition: ProjectionDefinition): Schemas {
  const build = (slot: Slot) =>
    Object.fromEntries(
      Object.entries(definition.tables).map(([table, spec]) => [
        table,
        new EntitySchema<ObjectLiteral>({ ...spec, name: `${definition.name}.${table}.${slot}`, tableName: tableName(definition.name, table, slot) }),
      ]),
    );
  return { a: build('a'), b: build('b') };
}
