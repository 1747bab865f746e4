import { Inject, Injectable } from '@nestjs/common';
import { And, In, LessThan, LessThanOrEqual, MoreThanOrEqual, SelectQueryBuilder } from 'typeorm';
import { Actor, Clock, NotFoundError } from '@serviceledger/platform/core';
import { accessScope, departmentLinks, scopedQuery } from '@serviceledger/platform/auth';
import { CLOCK, InvalidInputException, Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { CADENCE_KINDS, CADENCE_TIME_ZONE, MeetingCadence, cadenceWindow, meetingCadence, startOfLocalDate } from '@serviceledger/service-delivery/domain';
import {
  MeetingActionRow,
  MeetingCadenceRow,
  MeetingCaseDepartmentRow,
  MeetingReportRow,
  MeetingRow,
  MissedMeetingRow,
  UnreportedDepartmentRow,
} from '../projections/meeting-rows';
import { MEETINGS_PROJECTION } from '../projections/meetings.projection';
import { CadenceGapsQuery, CadenceQuery, MeetingActionListQuery, MeetingListQuery } from './meeting-query.dto';

const parse = <T>(text: string): T => JSON.parse(text) as T;

/** Two years of weeks, months and quarters is as much as one answer carries. */
const MAX_CADENCE_DAYS = 731;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface MeetingSummary {
  meetingId: string;
  kind: string;
  caseId: string | null;
  heldAt: string;
  attendees: string[];
  /** The departments that reported, in the order of the minutes. */
  departments: string[];
  actions: { total: number; open: number; overdue: number };
  recordedBy: string;
  recordedAt: string;
}

export type MeetingAction = Omit<MeetingActionRow, 'meetingId'> & { overdue: boolean };

export interface MeetingMinutes extends Omit<MeetingSummary, 'departments' | 'actions'> {
  reports: Array<Omit<MeetingReportRow, 'meetingId'>>;
  decisions: string[];
  actions: MeetingAction[];
}

/** An action as a case's detail shows it: the outcome, lateness and completion time appear once it is done. */
export type CaseMeetingAction = Pick<MeetingActionRow, 'actionNumber' | 'description' | 'ownerId' | 'dueAt' | 'done'> &
  Partial<Pick<MeetingActionRow, 'outcome' | 'late' | 'completedAt'>>;

/** A meeting about a case, whole, as the case's detail lists it. */
export interface CaseMeeting {
  meetingId: string;
  caseId: string | null;
  kind: string;
  heldAt: string;
  attendees: string[];
  reports: Array<Omit<MeetingReportRow, 'meetingId' | 'reportNumber'>>;
  decisions: string[];
  actions: CaseMeetingAction[];
  recordedBy: string;
}

/** One of a person's open actions, for "my work". */
export type OpenMeetingAction = Pick<MeetingActionRow, 'meetingId' | 'actionNumber' | 'description' | 'ownerId' | 'dueAt' | 'done'> & {
  caseId: string | null;
};

export interface CadenceAnswer extends MeetingCadence {
  from: string;
  to: string;
  timeZone: string;
}

/** C-1.1: what the cadence expects, the periods missed and the expected departments that did not report, in a range of local dates. */
export interface CadenceGaps {
  from: string;
  to: string;
  timeZone: string;
  cadences: Array<{ kind: string; version: number; expectedDepartments: string[]; setBy: string; setAt: string }>;
  missed: Array<{ kind: string; periodKey: string; from: string; to: string; endedAt: string; expectedDepartments: string[] }>;
  notReporting: Array<{ kind: string; periodKey: string; meetingId: string; heldAt: string; departmentId: string }>;
}

/** An action as the action list shows it: `overdue` once the scheduler marked it so, until it is completed. */
export type MeetingActionListItem = MeetingActionRow & { overdue: boolean };

/** An action still open past its due time, against the platform clock. */
const overdue = (action: Pick<MeetingActionRow, 'done' | 'dueAt'>, now: string): boolean => !action.done && action.dueAt < now;

const caseAction = ({ actionNumber, description, ownerId, dueAt, done, outcome, late, completedAt }: MeetingActionRow): CaseMeetingAction => ({
  actionNumber,
  description,
  ownerId,
  dueAt,
  done,
  ...(done ? { outcome, late, completedAt } : {}),
});

/**
 * Meeting queries (C-1.1) over the meetings projection, scoped in the query itself as case queries
 * are: a department sees the meetings it reported at and those about its cases.
 */
@Injectable()
export class MeetingQueries {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private repo<T extends object>(table: string) {
    return this.readModels.repository<T>(MEETINGS_PROJECTION, table);
  }

  /** Newest first. */
  async list(actor: Actor, query: MeetingListQuery): Promise<Page<MeetingSummary>> {
    await this.readModels.after(MEETINGS_PROJECTION, query);
    const builder = this.scoped(actor);
    if (query.kind) builder.andWhere('m.kind = :kind', { kind: query.kind });
    if (query.department) builder.andWhere(`m.meetingId IN (${this.reportedBy()})`, { department: query.department });
    if (query.from) builder.andWhere('m.heldAt >= :from', { from: new Date(query.from).toISOString() });
    if (query.to) builder.andWhere('m.heldAt < :to', { to: new Date(query.to).toISOString() });
    builder.orderBy('m.heldAt', 'DESC').addOrderBy('m.meetingId', 'ASC');
    const [rows, total] = await builder.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    if (rows.length === 0) return { items: [], page: query.page, pageSize: query.pageSize, total };
    const byMeeting = { where: { meetingId: In(rows.map((r) => r.meetingId)) } };
    const [reports, actions] = await Promise.all([
      this.repo<MeetingReportRow>('report').find({ ...byMeeting, order: { reportNumber: 'ASC' } }),
      this.repo<MeetingActionRow>('action').find(byMeeting),
    ]);
    const now = this.clock.now().toISOString();
    const items = rows.map((row) => {
      const own = actions.filter((a) => a.meetingId === row.meetingId);
      return {
        ...this.summaryOf(row),
        departments: [...new Set(reports.filter((r) => r.meetingId === row.meetingId).map((r) => r.departmentId))],
        actions: { total: own.length, open: own.filter((a) => !a.done).length, overdue: own.filter((a) => overdue(a, now)).length },
      };
    });
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  /** The minutes: attendees, each department's report, decisions, and the actions with where they stand. */
  async minutes(actor: Actor, meetingId: string, after: ReadAfter | undefined): Promise<MeetingMinutes> {
    await this.readModels.after(MEETINGS_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('m.meetingId = :meetingId', { meetingId }).getOne();
    if (!row) throw new NotFoundError('Meeting', meetingId);
    const [reports, actions] = await Promise.all([
      this.repo<MeetingReportRow>('report').find({ where: { meetingId }, order: { reportNumber: 'ASC' } }),
      this.repo<MeetingActionRow>('action').find({ where: { meetingId }, order: { actionNumber: 'ASC' } }),
    ]);
    const now = this.clock.now().toISOString();
    return {
      ...this.summaryOf(row),
      reports: reports.map(({ meetingId: _, ...r }) => r),
      decisions: parse<string[]>(row.decisions),
      actions: actions.map(({ meetingId: _, ...a }) => ({ ...a, overdue: overdue(a, now) })),
    };
  }

  /** For each kind, every week, month or quarter overlapping [from, to] and whether a meeting the principal may see was held in it. */
  async cadence(actor: Actor, query: CadenceQuery): Promise<CadenceAnswer> {
    const { from, to } = query;
    if (from > to) throw new InvalidInputException([{ field: 'to', message: 'to is on or after from' }]);
    if (Date.parse(to) - Date.parse(from) > MAX_CADENCE_DAYS * DAY_MS) {
      throw new InvalidInputException([{ field: 'to', message: `the range spans at most ${MAX_CADENCE_DAYS} days` }]);
    }
    await this.readModels.after(MEETINGS_PROJECTION, query);
    const window = cadenceWindow(from, to);
    const held = await readRows(
      this.scoped(actor)
        .andWhere('m.kind IN (:...kinds)', { kinds: [...CADENCE_KINDS] })
        .andWhere('m.heldAt >= :windowFrom AND m.heldAt < :windowTo', { windowFrom: window.from, windowTo: window.to })
        .orderBy('m.heldAt', 'ASC')
        .addOrderBy('m.meetingId', 'ASC'),
    );
    return { from, to, timeZone: CADENCE_TIME_ZONE, ...meetingCadence(from, to, held, this.clock.now().toISOString()) };
  }

  /**
   * Missed meetings (periods overlapping [from, to]) and departments that did not report (at meetings held in
   * it), oldest first. A department sees the gaps of meetings it was expected at; cross-department roles all.
   */
  async gaps(actor: Actor, query: CadenceGapsQuery): Promise<CadenceGaps> {
    const { from, to, kind, department } = query;
    if (from > to) throw new InvalidInputException([{ field: 'to', message: 'to is on or after from' }]);
    await this.readModels.after(MEETINGS_PROJECTION, query);
    const scope = accessScope(actor);
    const visible = (departments: string[]) =>
      (scope.kind === 'all' || (scope.kind === 'departments' && departments.some((d) => scope.departments.includes(d)))) &&
      (!department || departments.includes(department));
    const byKind = kind ? { kind } : {};
    const held = { start: startOfLocalDate(from), end: new Date(Date.parse(startOfLocalDate(to)) + DAY_MS).toISOString() };
    const [cadences, missed, unreported] = await Promise.all([
      this.repo<MeetingCadenceRow>('cadence').find({ where: byKind, order: { kind: 'ASC' } }),
      this.repo<MissedMeetingRow>('missed_meeting').find({
        where: { ...byKind, periodTo: MoreThanOrEqual(from), periodFrom: LessThanOrEqual(to) },
        order: { periodFrom: 'ASC', kind: 'ASC' },
      }),
      this.repo<UnreportedDepartmentRow>('unreported_department').find({
        where: { ...byKind, heldAt: And(MoreThanOrEqual(held.start), LessThan(held.end)) },
        order: { heldAt: 'ASC', departmentId: 'ASC' },
      }),
    ]);
    return {
      from,
      to,
      timeZone: CADENCE_TIME_ZONE,
      cadences: scope.kind === 'none' || scope.kind === 'customer' ? [] : cadences.map((c) => ({ ...c, expectedDepartments: parse<string[]>(c.expectedDepartments) })),
      missed: missed
        .map(({ periodFrom, periodTo, expectedDepartments, ...m }) => ({ ...m, from: periodFrom, to: periodTo, expectedDepartments: parse<string[]>(expectedDepartments) }))
        .filter((m) => visible(m.expectedDepartments)),
      notReporting: unreported.filter((u) => visible([u.departmentId])),
    };
  }

  /** The actions of the meetings the principal may see, by status, department and owner; soonest due first. */
  async actions(actor: Actor, query: MeetingActionListQuery): Promise<Page<MeetingActionListItem>> {
    await this.readModels.after(MEETINGS_PROJECTION, query);
    const meetings = this.scoped(actor).select('m.meetingId');
    const builder = this.repo<MeetingActionRow>('action')
      .createQueryBuilder('a')
      .where(`a.meetingId IN (${meetings.getQuery()})`)
      .setParameters(meetings.getParameters());
    if (query.status === 'open') builder.andWhere('a.done = :done', { done: false });
    if (query.status === 'done') builder.andWhere('a.done = :done', { done: true });
    if (query.status === 'overdue') builder.andWhere('a.done = :done AND a.markedOverdueAt IS NOT NULL', { done: false });
    if (query.department) builder.andWhere('a.departmentId = :department', { department: query.department });
    if (query.owner) builder.andWhere('a.ownerId = :owner', { owner: query.owner });
    builder.orderBy('a.dueAt', 'ASC').addOrderBy('a.meetingId', 'ASC').addOrderBy('a.actionNumber', 'ASC');
    const [rows, total] = await builder.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    const items = rows.map((row) => ({ ...row, overdue: !row.done && row.markedOverdueAt !== null }));
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  /** The meetings about a case, oldest first. Unscoped: the caller has already been let into the case. */
  async ofCase(caseId: string, after: ReadAfter | undefined): Promise<CaseMeeting[]> {
    await this.readModels.after(MEETINGS_PROJECTION, after);
    const meetings = await this.repo<MeetingRow>('meeting').find({ where: { caseId }, order: { heldAt: 'ASC', meetingId: 'ASC' } });
    if (meetings.length === 0) return [];
    const byMeeting = { where: { meetingId: In(meetings.map((m) => m.meetingId)) } };
    const [reports, actions] = await Promise.all([
      this.repo<MeetingReportRow>('report').find({ ...byMeeting, order: { reportNumber: 'ASC' } }),
      this.repo<MeetingActionRow>('action').find({ ...byMeeting, order: { actionNumber: 'ASC' } }),
    ]);
    return meetings.map((m) => ({
      meetingId: m.meetingId,
      caseId: m.caseId,
      kind: m.kind,
      heldAt: m.heldAt,
      attendees: parse<string[]>(m.attendees),
      reports: reports.filter((r) => r.meetingId === m.meetingId).map(({ meetingId: _, reportNumber: __, ...r }) => r),
      decisions: parse<string[]>(m.decisions),
      actions: actions.filter((a) => a.meetingId === m.meetingId).map(caseAction),
      recordedBy: m.recordedBy,
    }));
  }

  /** The actions a person owns and has not done, in the order of their meetings. Unscoped: they are the person's own. */
  async openActionsOf(ownerId: string, after: ReadAfter | undefined): Promise<OpenMeetingAction[]> {
    await this.readModels.after(MEETINGS_PROJECTION, after);
    const actions = await this.repo<MeetingActionRow>('action').find({ where: { ownerId, done: false }, order: { actionNumber: 'ASC' } });
    if (actions.length === 0) return [];
    const meetings = await this.repo<MeetingRow>('meeting').find({
      where: { meetingId: In([...new Set(actions.map((a) => a.meetingId))]) },
      order: { heldAt: 'ASC', meetingId: 'ASC' },
    });
    return meetings.flatMap((m) =>
      actions
        .filter((a) => a.meetingId === m.meetingId)
        .map(({ meetingId, actionNumber, description, dueAt, done }) => ({ meetingId, caseId: m.caseId, actionNumber, description, ownerId, dueAt, done })),
    );
  }

  private summaryOf(row: MeetingRow): Omit<MeetingSummary, 'departments' | 'actions'> {
    const { decisions: _, attendees, ...rest } = row;
    return { ...rest, attendees: parse<string[]>(attendees) };
  }

  /**
   * A meeting is seen by the departments that reported at it and by those of the case it is about.
   * Meetings are the company's internal coordination: a customer sees none, as in a case's detail.
   */
  private scoped(actor: Actor): SelectQueryBuilder<MeetingRow> {
    return scopedQuery(actor, this.repo<MeetingRow>('meeting'), 'm', {
      departments: [
        departmentLinks('m.meetingId', this.repo<MeetingReportRow>('report'), 'meetingId', 'departmentId'),
        departmentLinks('m.caseId', this.repo<MeetingCaseDepartmentRow>('case_department'), 'caseId', 'departmentId'),
      ],
    });
  }

  /** A sub-select of the meetings at which `:department` reported. */
  private reportedBy(): string {
    return this.repo<MeetingReportRow>('report').createQueryBuilder('r').select('r.meetingId').where('r.departmentId = :department').getQuery();
  }
}
