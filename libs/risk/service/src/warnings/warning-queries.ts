import { Inject, Injectable } from '@nestjs/common';
import { Actor, EventEnvelope, EventStore, NotFoundError } from '@serviceledger/platform/core';
import { EVERY_DEPARTMENT, hasPermission, scopedQuery } from '@serviceledger/platform/auth';
import { EVENT_STORE, Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { CountedSignal, SignalRecorded, SignalValue, Warning, localDay, signalLogStream } from '@serviceledger/risk/domain';
import { WarningListQuery } from './warning.dto';
import { WARNINGS_PROJECTION, WarningRow } from './warnings.projection';

export type WarningView = Warning & { updatedAt: string };

/** A warning with each triggering event as risk kept it: its type, time and the fields the indicators read. */
export type WarningDetail = Omit<WarningView, 'triggeredBy'> & { triggeredBy: Array<CountedSignal & { fields: Record<string, SignalValue> }> };

/**
 * Early warnings (K-3.2), open ones per owner, and one with its triggering events. Warnings are the
 * organisation's risks: every principal holding `risk:read` sees them all. The triggering events' fields
 * (who left and why, which customer complained) are for those who answer the warning: the risk officer
 * (`risk:manage`) and the warning's owner; other readers see each event's type and time without them.
 */
@Injectable()
export class WarningQueries {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async list(actor: Actor, query: WarningListQuery): Promise<Page<WarningView>> {
    await this.readModels.after(WARNINGS_PROJECTION, query);
    const builder = this.scoped(actor);
    if (query.owner) builder.andWhere('w.ownerId = :owner', { owner: query.owner });
    if (query.state === 'open') builder.andWhere('w.status IN (:...open)', { open: ['raised', 'acknowledged'] });
    else if (query.state) builder.andWhere('w.status = :state', { state: query.state });
    if (query.indicator) builder.andWhere('w.indicatorId = :indicator', { indicator: query.indicator });
    const [rows, total] = await builder
      .orderBy('w.raisedAt', 'ASC')
      .addOrderBy('w.warningId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(view), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(actor: Actor, warningId: string, after: ReadAfter | undefined): Promise<WarningDetail> {
    await this.readModels.after(WARNINGS_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('w.warningId = :warningId', { warningId }).getOne();
    if (!row) throw new NotFoundError('Warning', warningId);
    const warning = view(row);
    const answersIt = hasPermission(actor, 'risk:manage') || warning.ownerId === actor.userId;
    const kept = answersIt ? await this.keptSignals(warning.triggeredBy) : new Map<string, Record<string, SignalValue>>();
    return { ...warning, triggeredBy: warning.triggeredBy.map((s) => ({ ...s, fields: kept.get(s.id) ?? {} })) };
  }

  /** The triggering signals' fields, from the day logs they were kept in (a warning names a threshold's worth). */
  private async keptSignals(signals: CountedSignal[]): Promise<Map<string, Record<string, SignalValue>>> {
    const wanted = new Set(signals.map((s) => s.id));
    const fields = new Map<string, Record<string, SignalValue>>();
    for (const day of new Set(signals.map((s) => localDay(s.occurredAt)))) {
      for (const event of await this.readDay(day)) {
        const { signal } = event.data as SignalRecorded['data'];
        if (wanted.has(signal.id)) fields.set(signal.id, signal.fields);
      }
    }
    return fields;
  }

  private async readDay(day: string): Promise<EventEnvelope[]> {
    return this.store.readStream(signalLogStream(day));
  }

  private scoped(actor: Actor) {
    return scopedQuery(actor, this.readModels.repository<WarningRow>(WARNINGS_PROJECTION, 'warning'), 'w', { departments: EVERY_DEPARTMENT });
  }
}

function view(row: WarningRow): WarningView {
  return { ...(JSON.parse(row.state) as Warning), updatedAt: row.updatedAt };
}
