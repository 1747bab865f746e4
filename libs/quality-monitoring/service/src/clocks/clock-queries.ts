import { Inject, Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import { Actor, Clock } from '@serviceledger/platform/core';
import { departmentColumn, scopedQuery } from '@serviceledger/platform/auth';
import { CLOCK, Page, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { DEFAULT_TIME_ZONE, SlaClock, localDateOf, readClock } from '@serviceledger/quality-monitoring/domain';
import { CalendarBook } from '../calendars/calendar-book';
import { BreachRow, ClockRow } from '../projections/clock-rows';
import { CLOCKS_PROJECTION } from '../projections/clocks.projection';
import { BreachQuery, ClockListQuery } from './clock-query.dto';

export interface LiveClock {
  clockId: string;
  demandId: string;
  caseKind: string;
  metric: string;
  departmentId: string | null;
  /** running, paused, stopped, cancelled */
  status: string;
  /** What a person reads: running, paused, warning, breached (still running), met, missed, cancelled. */
  state: string;
  warned: boolean;
  breached: boolean;
  targetMinutes: number;
  startedAt: string;
  /** When the target is (or was) reached; null while paused short of it, since the deadline moves with the pause. */
  deadlineAt: string | null;
  /** Business minutes used and paused, as of now (or as stopped). */
  usedMinutes: number;
  pausedMinutes: number;
  /** Time left, in business minutes: target − used; negative once breached. */
  remainingMinutes: number;
  stoppedAt: string | null;
  outcome: string | null;
  diffMinutes: number | null;
  policy: { policyId: string; version: number } | null;
  calendar: { calendarId: string; version: number } | null;
  asOf: string;
}

export interface BreachReport {
  period: string;
  total: number;
  byDepartment: Array<{ departmentId: string | null; breaches: number; byMetric: Record<string, number> }>;
  items: BreachRow[];
}

/**
 * Clock queries over the projection, scoped like intake's: cross-department roles (quality monitors,
 * analysts, administrators) see every department, other staff their departments' clocks only.
 */
@Injectable()
export class ClockQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly calendars: CalendarBook,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async live(actor: Actor, query: ClockListQuery): Promise<Page<LiveClock>> {
    await this.readModels.after(CLOCKS_PROJECTION, query);
    const builder = this.scoped<ClockRow>('clock', 'c', actor);
    if (query.demand) builder.andWhere('c.caseId = :demand', { demand: query.demand });
    if (query.demands) builder.andWhere(query.demands.length ? 'c.caseId IN (:...demands)' : '1 = 0', { demands: query.demands });
    if (query.department) builder.andWhere('c.departmentId = :department', { department: query.department });
    if (query.metric) builder.andWhere('c.metric = :metric', { metric: query.metric });
    if (query.state) builder.andWhere('c.status = :state', { state: query.state });
    if (query.breached !== undefined) builder.andWhere('c.breached = :breached', { breached: query.breached });
    builder.orderBy('c.startedAt', 'ASC').addOrderBy('c.clockId', 'ASC');
    const [rows, total] = await builder.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    const view = await this.calendars.view();
    const now = this.clock.now().toISOString();
    const items = rows.map((row): LiveClock => {
      const state = JSON.parse(row.state) as SlaClock;
      const calendar = state.calendar ? view.at(state.calendar) : undefined;
      const reading = readClock(state, calendar, now);
      const stopped = row.status === 'stopped';
      return {
        clockId: row.clockId,
        demandId: row.caseId,
        caseKind: row.caseKind,
        metric: row.metric,
        departmentId: row.departmentId,
        status: row.status,
        state: displayState(row),
        warned: !!row.warned,
        breached: !!row.breached,
        targetMinutes: row.targetMinutes,
        startedAt: row.startedAt,
        // A paused clock's deadline moves with the pause: none until it resumes (remainingMinutes says what is left),
        // unless the target was reached before the pause, when it is the instant it was reached.
        deadlineAt: reading.deadlineAt ?? (row.status === 'paused' ? null : row.deadlineAt),
        usedMinutes: stopped ? (row.usedMinutes as number) : round(reading.usedMinutes),
        pausedMinutes: stopped ? (row.pausedMinutes as number) : round(reading.pausedMinutes),
        remainingMinutes: stopped ? (row.diffMinutes as number) : round(reading.remainingMinutes),
        stoppedAt: row.stoppedAt,
        outcome: row.outcome,
        diffMinutes: row.diffMinutes,
        policy: row.policyId ? { policyId: row.policyId, version: row.policyVersion as number } : null,
        calendar: row.calendarId ? { calendarId: row.calendarId, version: row.calendarVersion as number } : null,
        asOf: now,
      };
    });
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  async breaches(actor: Actor, query: BreachQuery): Promise<BreachReport> {
    await this.readModels.after(CLOCKS_PROJECTION, query);
    const period = query.period ?? localDateOf(DEFAULT_TIME_ZONE, this.clock.now().toISOString()).slice(0, 7);
    const builder = this.scoped<BreachRow>('breach', 'b', actor).andWhere('b.period = :period', { period });
    if (query.department) builder.andWhere('b.departmentId = :department', { department: query.department });
    if (query.metric) builder.andWhere('b.metric = :metric', { metric: query.metric });
    const items = await readRows(builder.orderBy('b.dueAt', 'ASC').addOrderBy('b.clockId', 'ASC'));
    const departments = new Map<string | null, { breaches: number; byMetric: Record<string, number> }>();
    for (const item of items) {
      const entry = departments.get(item.departmentId) ?? { breaches: 0, byMetric: {} };
      entry.breaches++;
      entry.byMetric[item.metric] = (entry.byMetric[item.metric] ?? 0) + 1;
      departments.set(item.departmentId, entry);
    }
    const byDepartment = [...departments]
      .map(([departmentId, entry]) => ({ departmentId, ...entry }))
      .sort((a, b) => (a.departmentId ?? '').localeCompare(b.departmentId ?? ''));
    return { period, total: items.length, byDepartment, items };
  }

  /** A clock or breach is its department's (none while its demand is unassigned); customers see none. */
  private scoped<T extends ClockRow | BreachRow>(table: string, alias: string, actor: Actor): SelectQueryBuilder<T> {
    return scopedQuery(actor, this.readModels.repository<T>(CLOCKS_PROJECTION, table), alias, { departments: [departmentColumn(`${alias}.departmentId`)] });
  }
}

function displayState(row: ClockRow): string {
  switch (row.status) {
    case 'stopped':
      return row.outcome === 'met' ? 'met' : 'missed';
    case 'cancelled':
      return 'cancelled';
    case 'paused':
      return 'paused';
    default:
      return row.breached ? 'breached' : row.warned ? 'warning' : 'running';
  }
}

/** Minutes to the second: a reading between two whole minutes stays readable. */
function round(minutes: number): number {
  return Math.round(minutes * 60) / 60;
}
