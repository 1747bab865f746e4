import { EventEnvelope, EventStore, NotFoundError, RuleViolation } from '@serviceledger/platform/core';
import { resolve as absolutePath } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { EntitySchema, ObjectLiteral, Repository } from 'typeorm';
import { CheckpointConflictError, CheckpointTable, loadCheckpoint } from './checkpoint';
import { Exclusive } from './exclusive';
import { ParkedEventRecord, readParkedEvents } from './parked-events';
import { ProjectionDefinition, Slot, otherSlot, tableName } from './projection';
import {
  FailedEvent,
  ProjectionEventError,
  ProjectionFailureTable,
  clearFailure,
  describeFailedEvent,
  loadFailure,
  recordFailure,
} from './projection-failure';
import { ProjectionRunner, projectionCheckpointName } from './projection-runner';
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
  /** Another replica runs this projection; this one serves queries from what it writes. */
  standby: boolean;
  /** This replica holds the projection's lease: it runs it, or would rebuild it. */
  running: boolean;
  failure?: string;
  /** The event the projection is stuck on, wherever it runs (the replica that runs it records it). */
  failedEvent?: FailedEvent;
  /**
   * Until the projection first reaches the head the log had when this process started: how many of the
   * events between its checkpoint then and that head it has applied.
   */
  catchingUp?: { applied: number; of: number };
}

/** What a runner posts to the other threads of the process after each committed batch. */
interface Progress {
  name: string;
  slot: Slot;
  checkpoint: string;
}

/** Where the host reports what an operator must know: Nest's Logger fits. */
export interface ProjectionLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface ProjectionHostOptions {
  /**
   * How often a replica that does not run a projection tries to take it over, and refreshes which
   * slot serves queries and how far it got (default 1000 ms).
   */
  standbyPollMs?: number;
  /** How often a projection that failed starts again from its checkpoint (default 5000 ms). */
  retryMs?: number;
  onError?(projection: string, error: unknown): void;
  logger?: ProjectionLogger;
}

interface Followed {
  slot: Slot;
  checkpoint: string | undefined;
  failure?: FailedEvent;
}

/**
 * Runs a service's projections. Each has two slots of tables: one serves queries while the other
 * can be rebuilt from the log; when the rebuild reaches the head the two switch.
 *
 * Across replicas, exactly one runs each projection: the one holding its lease (a PostgreSQL
 * advisory lock). The others stand by, follow its progress for queries and read-your-writes, and one
 * of them takes over when the holder stops or loses its connection.
 */
export class ProjectionHost {
  private readonly schemas = new Map<string, Schemas>();
  private readonly active = new Map<string, ProjectionRunner>();
  private readonly rebuilding = new Map<string, Promise<void>>();
  private readonly rebuildRunners = new Map<string, ProjectionRunner>();
  private readonly leaders = new Map<string, Exclusive>();
  private readonly followed = new Map<string, Followed>();
  private readonly failures = new Map<string, Error>();
  /** What was last logged of each projection's failure: a runner retrying on the same error logs it once. */
  private readonly reported = new Map<string, string>();
  private followTimer?: NodeJS.Timeout;
  /** The head of the log when this process started, and where each projection was then: start-up catch-up. */
  private startHead?: string;
  private readonly startedFrom = new Map<string, string | undefined>();
  private readonly caughtUp = new Set<string>();
  /**
   * Hosts on the same read-model database in other threads of this process (the embedded default's API and its
   * worker, ADR 0021): each runner's progress is posted at once, so that read-your-writes on the thread that
   * does not run the projection need not wait for its poll of the checkpoint table.
   */
  private readonly neighbours?: BroadcastChannel;
  private progressWaiters = new Set<() => void>();

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    private readonly definitions: ProjectionDefinition[],
    private readonly options: ProjectionHostOptions = {},
  ) {
    for (const definition of definitions) this.schemas.set(definition.name, schemasOf(definition));
    const database = sharedDatabaseName(db);
    if (database !== undefined) {
      this.neighbours = new BroadcastChannel(`serviceledger:projections:${database}`);
      this.neighbours.unref();
      this.neighbours.onmessage = (message) => this.heard((message as { data: Progress }).data);
    }
  }

  /** Every table the host needs, for the DataSource. */
  static entities(definitions: ProjectionDefinition[]): EntitySchema[] {
    return [
      CheckpointTable,
      ProjectionRegistryTable,
      ProjectionFailureTable,
      ...definitions.flatMap((d) => {
        const s = schemasOf(d);
        return [...Object.values(s.a), ...Object.values(s.b)];
      }),
    ] as EntitySchema[];
  }

  async start(): Promise<void> {
    await this.noteStartHead();
    for (const definition of this.definitions) {
      const leader = new Exclusive(
        this.db.leases,
        `projection:${definition.name}`,
        {
          lead: () => this.lead(definition),
          abdicate: () => this.abdicate(definition.name),
          follow: () => this.follow(definition.name),
        },
        { retryMs: this.options.standbyPollMs, onError: (error) => this.options.onError?.(definition.name, error) },
      );
      this.leaders.set(definition.name, leader);
      await leader.start();
    }
  }

  /**
   * For a process that serves queries but runs no projection (ROLES without `projector`): keeps track
   * of which slot serves each projection, so queries follow a rebuild's switch.
   */
  async followOnly(intervalMs = 1000): Promise<void> {
    const refresh = async () => {
      for (const d of this.definitions) await this.follow(d.name).catch((error) => this.options.onError?.(d.name, error));
    };
    await this.noteStartHead();
    await refresh();
    const tick = () => {
      this.followTimer = setTimeout(() => void refresh().finally(tick), intervalMs);
    };
    tick();
  }

  async stop(): Promise<void> {
    clearTimeout(this.followTimer);
    this.followTimer = undefined;
    await Promise.all([...this.leaders.values()].map((l) => l.stop()));
    this.leaders.clear();
    await Promise.all([...this.active.values()].map((r) => r.stop()));
    await Promise.allSettled([...this.rebuilding.values()]);
    this.neighbours?.close();
  }

  /** Rebuilds into the standby slot while the active one serves; resolves after the switch. */
  rebuild(name: string): Promise<void> {
    this.definition(name);
    const running = this.rebuilding.get(name);
    if (running) return running;
    const leader = this.leaders.get(name);
    if (leader && !leader.leading) {
      return Promise.reject(new RuleViolation('projection-elsewhere', `Projection ${name} runs on another replica: rebuild it there`));
    }
    const work = this.runRebuild(this.definition(name))
      .then(async () => {
        this.failures.delete(name);
        await clearFailure(this.db.manager, name);
      })
      .catch((error: Error) => {
        if (error instanceof ProjectionEventError) this.failures.set(name, error);
        throw error;
      })
      .finally(() => this.rebuilding.delete(name));
    this.rebuilding.set(name, work);
    return work;
  }

  /** A repository over the active slot's table, for queries. */
  repository<T extends ObjectLiteral>(name: string, table: string): Repository<T> {
    const slot = this.active.get(name)?.slot ?? this.followed.get(name)?.slot ?? 'a';
    const schema = this.schemas.get(name)?.[slot][table];
    if (!schema) throw new Error(`Unknown read model ${name}.${table}`);
    return this.db.manager.getRepository<T>(schema as unknown as EntitySchema<T>);
  }

  /**
   * Read-your-writes: resolves true once the projection has applied `checkpoint`, false after the
   * timeout, and false at once while the projection is stuck on an event (it will not get there).
   */
  waitFor(name: string, checkpoint: string, timeoutMs: number): Promise<boolean> {
    const runner = this.active.get(name);
    return runner ? runner.waitFor(checkpoint, timeoutMs) : this.waitInDatabase(name, checkpoint, timeoutMs);
  }

  async status(): Promise<ProjectionStatus[]> {
    return Promise.all(
      this.definitions.map(async (d) => {
        const runner = this.active.get(d.name);
        const leader = this.leaders.get(d.name);
        const standby = leader !== undefined && !leader.leading;
        // Not run here: what this replica last read of the runner's progress (a standby, an api process).
        const followed = runner ? undefined : this.followed.get(d.name);
        const failure = runner?.failure ?? this.failures.get(d.name);
        const failedEvent = runner?.failedEvent ?? (failure instanceof ProjectionEventError ? failure.failed : undefined) ?? followed?.failure;
        const checkpoint = runner?.checkpoint ?? followed?.checkpoint;
        const catchingUp = this.catchUpOf(d.name, checkpoint);
        return {
          name: d.name,
          version: d.version,
          activeSlot: runner?.slot ?? followed?.slot ?? 'a',
          checkpoint,
          lag: runner
            ? await runner.lag()
            : this.store.checkpoints.distance(followed?.checkpoint, await this.store.headCheckpoint()),
          rebuilding: this.rebuilding.has(d.name),
          standby,
          running: leader?.leading ?? false,
          ...(failedEvent ? { failure: describeFailedEvent(failedEvent) } : failure ? { failure: failure.message } : {}),
          ...(failedEvent ? { failedEvent } : {}),
          ...(catchingUp ? { catchingUp } : {}),
        };
      }),
    );
  }

  private async noteStartHead(): Promise<void> {
    this.startHead ??= await this.store.headCheckpoint();
  }

  /** Start-up catch-up: once the projection has reached the head the log had at start, it has caught up for good. */
  private catchUpOf(name: string, checkpoint: string | undefined): ProjectionStatus['catchingUp'] {
    const order = this.store.checkpoints;
    if (this.caughtUp.has(name) || this.startHead === undefined) return undefined;
    if (!this.startedFrom.has(name)) this.startedFrom.set(name, checkpoint);
    if (order.compare(checkpoint, this.startHead) >= 0) {
      this.caughtUp.add(name);
      return undefined;
    }
    const from = this.startedFrom.get(name);
    return { applied: order.distance(from, checkpoint), of: order.distance(from, this.startHead) };
  }

  /**
   * The projection's failure on this event, which an operator is about to park; refused (409) when the
   * projection is not stuck on it, since parking any other event would silently leave it out of the read model.
   */
  async failingOn(name: string, eventId: string): Promise<FailedEvent> {
    this.definition(name);
    const failed = (await this.status()).find((s) => s.name === name)?.failedEvent ?? (await loadFailure(this.db.manager, name));
    if (failed?.eventId !== eventId) {
      const stuck = failed ? `it is stuck on event ${failed.eventId}` : 'it is not stuck on any event';
      throw new RuleViolation('event-not-failing', `Projection ${name} is not stuck on event ${eventId}: ${stuck}`);
    }
    return failed;
  }

  /** The events parked for the projection, oldest first. */
  async parkedEvents(name: string): Promise<ParkedEventRecord[]> {
    this.definition(name);
    return readParkedEvents(this.store, name);
  }

  /**
   * An operator parked the event the projection was stuck on: forget that failure, and go on now where
   * it runs here (elsewhere its replica retries within retryMs). A version rebuild that had stopped on
   * the event starts again; a rebuild the operator asked for is theirs to ask for again.
   */
  async resume(name: string, parkedEventId: string): Promise<void> {
    this.definition(name);
    const failure = this.failures.get(name);
    if (failure instanceof ProjectionEventError && failure.failed.eventId === parkedEventId) {
      this.failures.delete(name);
      if (!this.active.has(name) && this.leaders.get(name)?.leading && !this.rebuilding.has(name)) {
        this.rebuild(name).catch((error: Error) => this.failures.set(name, error));
      }
    }
    await clearFailure(this.db.manager, name, { eventId: parkedEventId });
    await this.active.get(name)?.retry();
  }

  private definition(name: string): ProjectionDefinition {
    const definition = this.definitions.find((d) => d.name === name);
    if (!definition) throw new NotFoundError('Projection', name);
    return definition;
  }

  /** This replica holds the projection's lease: run it (or rebuild it when its version changed). */
  private async lead(definition: ProjectionDefinition): Promise<void> {
    this.failures.delete(definition.name);
    // The previous runner's failure: this one records it again if the event still fails.
    await clearFailure(this.db.manager, definition.name);
    const registry = this.db.manager.getRepository(ProjectionRegistryTable);
    const row = await registry.findOneBy({ name: definition.name });
    if (!row) {
      await registry.insert({ name: definition.name, activeSlot: 'a', version: definition.version });
      await this.startRunner(definition, 'a');
    } else if (row.version === definition.version) {
      await this.startRunner(definition, row.activeSlot);
    } else {
      // The old slot keeps serving what it has, frozen, until the new version has caught up.
      this.followed.set(definition.name, { slot: row.activeSlot, checkpoint: undefined });
      this.rebuild(definition.name).catch((error: Error) => this.failures.set(definition.name, error));
    }
  }

  /** The lease is being given up or was lost: stop everything this replica runs for the projection. */
  private async abdicate(name: string): Promise<void> {
    const runner = this.active.get(name);
    if (runner) this.followed.set(name, { slot: runner.slot, checkpoint: runner.checkpoint });
    this.active.delete(name);
    const rebuilding = this.rebuildRunners.get(name);
    this.rebuildRunners.delete(name);
    await Promise.all([runner?.stop(), rebuilding?.stop()]);
    await this.rebuilding.get(name)?.catch(() => undefined);
  }

  /** Another replica runs the projection: track which slot serves and how far it got. */
  private async follow(name: string): Promise<void> {
    const progress = await this.readProgress(name);
    if (!this.startedFrom.has(name)) this.startedFrom.set(name, progress.checkpoint);
    this.followed.set(name, progress);
  }

  /** A runner in another thread committed a batch: what this thread follows of it moves on, and its waiters look. */
  private heard(progress: Progress): void {
    const followed = this.followed.get(progress.name);
    if (this.active.has(progress.name) || !followed || followed.slot !== progress.slot) return;
    if (this.store.checkpoints.compare(progress.checkpoint, followed.checkpoint) > 0) followed.checkpoint = progress.checkpoint;
    const waiters = this.progressWaiters;
    this.progressWaiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves true when a neighbour posts progress, false after `ms`. */
  private progressOrTimeout(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.progressWaiters.delete(wake);
        resolve(false);
      }, ms);
      this.progressWaiters.add(wake);
    });
  }

  private async readProgress(name: string): Promise<Followed> {
    const row = await this.db.manager.getRepository(ProjectionRegistryTable).findOneBy({ name });
    const slot = row?.activeSlot ?? 'a';
    const checkpoint = await loadCheckpoint(this.db.manager, projectionCheckpointName(name, slot));
    // Read after the checkpoint: the runner clears its failure in the transaction that moves past it.
    const failure = await loadFailure(this.db.manager, name);
    return { slot, checkpoint, ...(failure ? { failure } : {}) };
  }

  /** Read-your-writes on a replica that does not run the projection: watch the checkpoint it commits. */
  private async waitInDatabase(name: string, checkpoint: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let heard = false;
    for (;;) {
      const runner = this.active.get(name);
      if (runner) return runner.waitFor(checkpoint, Math.max(0, deadline - Date.now()));
      // Posted progress is enough to go on; without it, the checkpoint table is the truth.
      const progress = heard ? this.followed.get(name)! : await this.readProgress(name);
      if (!heard) this.followed.set(name, progress);
      if (this.store.checkpoints.compare(progress.checkpoint, checkpoint) >= 0) return true;
      if (progress.failure || this.failures.has(name)) return false;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      heard = (await this.progressOrTimeout(Math.min(25, left))) && this.followed.has(name);
    }
  }

  /** `retries`: the serving runner starts again after a failure; a rebuild's runner stops, and the rebuild fails. */
  private newRunner(definition: ProjectionDefinition, slot: Slot, retries: boolean): ProjectionRunner {
    const name = definition.name;
    const runner: ProjectionRunner = new ProjectionRunner(
      this.store,
      this.db,
      definition,
      slot,
      this.schemas.get(name)![slot],
      {
        onFailed: (error) => {
          // Another runner moved the checkpoint: this replica is not (or no longer) the one that runs it.
          if (error instanceof CheckpointConflictError) void this.leaders.get(name)?.stepDown();
          else void this.report(name, error, retries, runner.failedEvent);
        },
        onCommitted: (checkpoint) => this.neighbours?.postMessage({ name, slot, checkpoint } satisfies Progress),
        onRecovered: (failed) => {
          this.reported.delete(name);
          this.options.logger?.log(`Projection ${name} is past event ${failed.eventId} (${failed.eventType}) and runs again`);
        },
        onSkipped: (event: EventEnvelope, parked: ParkedEventRecord) =>
          this.options.logger?.log(`Projection ${name} skips event ${event.id} (${event.type}, stream ${event.stream}), parked by ${parked.parkedBy}: ${parked.reason}`),
      },
      retries ? (this.options.retryMs ?? 5000) : undefined,
    );
    return runner;
  }

  /** Logs a runner's failure once (a retry that fails alike stays quiet) and records the event it is stuck on for every replica. */
  private async report(name: string, error: Error, retries: boolean, failed: FailedEvent | undefined): Promise<void> {
    if (this.reported.get(name) !== error.message) {
      this.reported.set(name, error.message);
      const retry = retries ? `; retrying every ${this.options.retryMs ?? 5000} ms` : '';
      this.options.logger?.error(`${error instanceof ProjectionEventError ? error.message : `Projection ${name} stopped: ${error.message}`}${retry}`);
    }
    if (failed) await recordFailure(this.db.manager, failed).catch((cause) => this.options.onError?.(name, cause));
  }

  private async startRunner(definition: ProjectionDefinition, slot: Slot): Promise<ProjectionRunner> {
    const runner = this.newRunner(definition, slot, true);
    await runner.start();
    if (!this.startedFrom.has(definition.name)) this.startedFrom.set(definition.name, runner.checkpoint);
    this.active.set(definition.name, runner);
    return runner;
  }

  private async runRebuild(definition: ProjectionDefinition): Promise<void> {
    const registry = this.db.manager.getRepository(ProjectionRegistryTable);
    const row = await registry.findOneBy({ name: definition.name });
    const standby = otherSlot(row?.activeSlot ?? 'a');
    const schemas = this.schemas.get(definition.name)![standby];
    const runner = this.newRunner(definition, standby, false);
    this.rebuildRunners.set(definition.name, runner);
    const cancelled = () => this.rebuildRunners.get(definition.name) !== runner;
    await this.db.transaction(async (manager) => {
      for (const schema of Object.values(schemas)) await manager.getRepository(schema).clear();
      await manager.getRepository(CheckpointTable).delete({ name: runner.checkpointName });
    });
    if (cancelled()) throw new Error(`Rebuild of ${definition.name} cancelled`);
    await runner.start();
    const head = await this.store.headCheckpoint();
    while (head !== undefined && !(await runner.waitFor(head, 250))) {
      if (runner.failure) {
        await runner.stop();
        if (!cancelled()) this.rebuildRunners.delete(definition.name);
        throw runner.failure;
      }
      if (cancelled()) throw new Error(`Rebuild of ${definition.name} cancelled`);
    }
    if (cancelled()) {
      await runner.stop();
      throw new Error(`Rebuild of ${definition.name} cancelled`);
    }
    await registry.upsert({ name: definition.name, activeSlot: standby, version: definition.version }, ['name']);
    const previous = this.active.get(definition.name);
    this.rebuildRunners.delete(definition.name);
    this.active.set(definition.name, runner);
    await previous?.stop();
  }
}

/** The read-model database's name, the same in every thread that opens it; none for a private in-memory one. */
function sharedDatabaseName(db: ReadModelDatabase): string | undefined {
  const options = db.dataSource.options as { type: string; database?: unknown; url?: string; schema?: string };
  if (options.type === 'better-sqlite3') return typeof options.database === 'string' && options.database !== ':memory:' ? absolutePath(options.database) : undefined;
  return options.url === undefined ? undefined : `${options.url}#${options.schema ?? 'public'}`;
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
