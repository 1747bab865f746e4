import { CausingMessage, Clock, EventEnvelope, EventStore, commandIdFrom } from '@serviceledger/platform/core';
import { BatchTable, Exclusive, ProjectionRunner, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { LessThanOrEqual } from 'typeorm';
import { DueCommandRow, DueCommandTable } from './schedule-table';
import { ScheduleDefinition } from './schedule';

/**
 * Sends a due command; the command id is derived from the row's key, so a resend is recognised. `cause` is
 * the event that planned it (for `causedBy`), so the command keeps its correlation and trace.
 */
export type DueCommandSender = (command: { type: string; data: unknown; commandId: string; at: string; cause: CausingMessage }) => Promise<void>;

export interface SchedulerOptions {
  pollIntervalMs?: number;
  batchSize?: number;
  /** How often a replica that does not keep the schedule tries to take it over (default 1000 ms). */
  standbyPollMs?: number;
  /** Told about a failed poll; the next poll tries again. */
  onError?: (error: unknown) => void;
}

/**
 * Keeps due times from the log (a projection with its checkpoint) and sends each command when it
 * falls due. A crash between sending and marking the row sent resends with the same command id,
 * which the decider's `handle` answers with the events of the first send: the effect happens once.
 *
 * With several replicas on PostgreSQL, one keeps the schedule (it holds the projection's lease) and
 * every one polls: each due row is claimed with `FOR UPDATE SKIP LOCKED` for the length of its send,
 * so two pollers never send the same row.
 */
export class Scheduler {
  private readonly runner: ProjectionRunner;
  private readonly keeper: Exclusive;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<number>;
  private stopped = true;

  constructor(
    store: EventStore,
    private readonly db: ReadModelDatabase,
    private readonly definition: ScheduleDefinition,
    private readonly send: DueCommandSender,
    private readonly clock: Clock,
    private readonly options: SchedulerOptions = {},
  ) {
    this.runner = new ProjectionRunner(
      store,
      db,
      {
        name: `schedule.${definition.name}`,
        version: 1,
        filter: definition.filter,
        tables: {},
        apply: (events, tables) => this.record(events, tables.table<DueCommandRow>('due')),
      },
      'a',
      { due: DueCommandTable },
    );
    this.keeper = new Exclusive(
      db.leases,
      `projection:schedule.${definition.name}`,
      { lead: () => this.runner.start(), abdicate: () => this.runner.stop() },
      { retryMs: options.standbyPollMs, onError: options.onError },
    );
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.keeper.start();
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
    await this.keeper.stop();
  }

  /** Whether this replica keeps the schedule (applies its events); every replica polls. */
  get keeping(): boolean {
    return this.keeper.leading;
  }

  /** Lets a test or a caller wait until the schedule has seen an event. */
  waitFor(checkpoint: string, timeoutMs: number): Promise<boolean> {
    return this.runner.waitFor(checkpoint, timeoutMs);
  }

  /** Sends every command due by now; returns how many were sent. */
  async poll(): Promise<number> {
    return this.db.isSqlite ? this.pollEmbedded() : this.pollClaiming();
  }

  /** SQLite: one process owns the file, so a plain read of the due rows is enough. */
  private async pollEmbedded(): Promise<number> {
    const now = this.clock.now();
    const due = await this.db.manager.getRepository(DueCommandTable).find({
      where: { schedule: this.definition.name, status: 'pending', dueAt: LessThanOrEqual(now) },
      order: { dueAt: 'ASC', key: 'ASC' },
      take: this.options.batchSize ?? 100,
    });
    for (const row of due) {
      await this.sendRow(row);
      await this.db.transaction((m) =>
        m.getRepository(DueCommandTable).update({ key: row.key, status: 'pending' }, { status: 'sent', sentAt: now }),
      );
    }
    return due.length;
  }

  /**
   * PostgreSQL, any number of replicas: each row is claimed in its own transaction with
   * `FOR UPDATE SKIP LOCKED`, sent while the claim holds, and marked sent in that transaction. Another
   * poller skips a claimed row; a crash before the commit frees it, and the resend keeps its command id.
   */
  private async pollClaiming(): Promise<number> {
    const now = this.clock.now();
    const limit = this.options.batchSize ?? 100;
    let sent = 0;
    while (sent < limit) {
      const claimed = await this.db.transaction(async (m) => {
        const table = m.getRepository(DueCommandTable);
        const row = await table
          .createQueryBuilder('due')
          .where('due.schedule = :schedule AND due.status = :status AND due.dueAt <= :now', {
            schedule: this.definition.name,
            status: 'pending',
            now,
          })
          .orderBy('due.dueAt', 'ASC')
          .addOrderBy('due.key', 'ASC')
          .limit(1)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getOne();
        if (!row) return false;
        await this.sendRow(row);
        await table.update({ key: row.key, status: 'pending' }, { status: 'sent', sentAt: now });
        return true;
      });
      if (!claimed) break;
      sent++;
    }
    return sent;
  }

  private sendRow(row: DueCommandRow): Promise<void> {
    const commandId = commandIdFrom('schedule', row.key);
    return this.send({
      type: row.commandType,
      data: JSON.parse(row.payload),
      commandId,
      at: row.dueAt.toISOString(),
      // Rows planned before causes were kept are their own cause.
      cause: {
        id: row.causeId ?? commandId,
        extensions: { ...(row.correlationId ? { correlationid: row.correlationId } : {}), ...(row.traceparent ? { traceparent: row.traceparent } : {}) },
      },
    });
  }

  /** Commands due by `now` and not sent yet, and when the oldest of them fell due: a poller that keeps up has none for long. */
  async backlog(now: Date): Promise<{ schedule: string; due: number; oldestDueAt: Date | undefined }> {
    const table = this.db.manager.getRepository(DueCommandTable);
    const where = { schedule: this.definition.name, status: 'pending' as const, dueAt: LessThanOrEqual(now) };
    const [due, oldest] = await Promise.all([table.countBy(where), table.findOne({ where, order: { dueAt: 'ASC' } })]);
    return { schedule: this.definition.name, due, oldestDueAt: oldest?.dueAt };
  }

  async pending(): Promise<DueCommandRow[]> {
    return this.db.manager
      .getRepository(DueCommandTable)
      .find({ where: { schedule: this.definition.name, status: 'pending' }, order: { dueAt: 'ASC' } });
  }

  /**
   * The batch's plans and cancellations through the batch's table (ADR 0020): the rows they name read in one
   * query, written in one statement; a command already sent is not planned again.
   */
  private async record(events: EventEnvelope[], due: BatchTable<DueCommandRow>): Promise<void> {
    const planned = events.map((event) => ({ event, changes: this.definition.changes(event) }));
    const keys = new Set(planned.flatMap(({ changes }) => changes.map((change) => ('cancel' in change ? change.cancel : change.plan.key))));
    if (keys.size === 0) return;
    await due.load([...keys].map((key) => ({ key })));
    for (const { event, changes } of planned) {
      for (const change of changes) {
        if ('cancel' in change) {
          await due.update({ key: change.cancel, status: 'pending' }, { status: 'cancelled' });
          continue;
        }
        const { key, dueAt, type, data } = change.plan;
        if ((await due.get({ key }))?.status === 'sent') continue;
        due.upsert({
          key,
          schedule: this.definition.name,
          dueAt: new Date(dueAt),
          commandType: type,
          payload: JSON.stringify(data),
          status: 'pending',
          sentAt: null,
          causeId: event.id,
          correlationId: event.metadata.correlationId,
          traceparent: event.metadata.traceparent ?? null,
        });
      }
    }
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      this.polling = this.poll().catch((error) => {
        this.options.onError?.(error);
        return 0;
      });
      await this.polling;
      this.schedulePoll();
    }, this.options.pollIntervalMs ?? 1000);
  }
}
