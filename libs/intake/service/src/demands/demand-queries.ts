import { Inject, Injectable } from '@nestjs/common';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { Actor, Clock, EventStore, NotFoundError } from '@serviceledger/platform/core';
import { departmentLinks, masked, revealsPersonalData, scopedQuery } from '@serviceledger/platform/auth';
import { AsOf, CLOCK, EVENT_STORE, InvalidInputException, ReadAfter, ReadModels, stateAsOf } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { DEMAND_PERSONAL_FIELDS, Demand, OPEN_DEMAND_STATUSES, demands, formatDemandReference } from '@serviceledger/intake/domain';
import { PersonalDataAccesses } from '../access/personal-data-accesses';
import { DEMANDS_PROJECTION } from '../projections/demands.projection';
import { DemandDepartmentRow, DemandRow, TimelineEntryRow } from '../projections/demand-rows';
import { DemandListQuery, DemandSort } from './demand-query.dto';

const CONTACT_FIELDS = ['contactName', 'contactPhone', 'contactEmail'] as const;
/** Demands read from the read model at a time for the CSV export. */
const EXPORT_PAGE_SIZE = 500;
/** Personal data in a timeline entry's details: who a customer's message came from (R-3.1). */
const TIMELINE_PERSONAL_FIELDS = ['from'] as const;

export interface TimelineEntry {
  position: number;
  at: string;
  entry: string;
  visibility: 'customer' | 'internal';
  actorId: string;
  details: Record<string, unknown>;
}

/**
 * A demand's row as a customer is shown it: that it waits on a third party (`true`, since
 * `waitingOnThirdPartySince`), not whom. The party is the company's vendor or partner, named as staff wrote it.
 */
export type CustomerDemandRow = Omit<DemandRow, 'waitingOnThirdParty'> & { waitingOnThirdParty: true | null };

export type DemandDetail = (DemandRow | CustomerDemandRow) & { departments: string[]; timeline: TimelineEntry[] };

/**
 * A page of demands; `next`, while more match, is the cursor of the page after it. `page` when asked by number
 * (not by cursor), `total` only when asked for (`count=exact`).
 */
export interface DemandPage {
  items: Array<DemandRow | CustomerDemandRow>;
  page?: number;
  pageSize: number;
  next?: string;
  total?: number;
}

type SortColumn = 'registeredAt' | 'priority' | 'updatedAt' | 'reference';

/**
 * A demand as it stood at an instant. A customer is not shown how the company coordinated it, as in the timeline,
 * nor whom it waited on: `waitingOnThirdParty` is only `{ since }` (as in their view of the row).
 */
export type CustomerDemandState = Omit<Demand, 'involvement' | 'meeting' | 'responsibilities' | 'messageIds' | 'waitingOnThirdParty'> & {
  waitingOnThirdParty?: { since: string };
};
export type DemandAsOf = AsOf<Demand | CustomerDemandState>;

/**
 * Demand queries over the projection. Department scoping is applied here, in the query itself, so a
 * list, a detail and an export can only ever return what the principal may see.
 */
@Injectable()
export class DemandQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly personalDataAccesses: PersonalDataAccesses,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * A page of the matching demands, by keyset: a page starts after the sort value and id its cursor names, so it
   * costs the same however deep it is, and nothing counts the matches unless asked to (ADR 0021). `page` still
   * skips by offset.
   */
  async list(actor: Actor, query: DemandListQuery & { open?: boolean }): Promise<DemandPage> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
    if (cursor && query.page > 1) throw invalidCursor('give either cursor or page, not both: cursor continues from the page that returned it');
    await this.readModels.after(DEMANDS_PROJECTION, query);
    const builder = this.filtered(actor, query);
    if (query.open) builder.andWhere('d.status IN (:...open)', { open: [...OPEN_DEMAND_STATUSES] });
    const total = query.count === 'exact' ? await builder.clone().getCount() : undefined;
    const descending = query.sort.startsWith('-');
    const column = (descending ? query.sort.slice(1) : query.sort) as SortColumn;
    const [beyond, reached] = descending ? ['<', '<='] : ['>', '>='];
    if (cursor) {
      // The bound on the sort column alone lets the index on it seek to the cursor; the tie on it is broken by id.
      builder
        .andWhere(`d.${column} ${reached} :cursorValue`, { cursorValue: cursor.value })
        .andWhere(new Brackets((after) => after.where(`d.${column} ${beyond} :cursorValue`).orWhere(`d.demandId ${beyond} :cursorId`, { cursorId: cursor.demandId })));
    }
    // Ties go by id in the sort's direction: an index on (column, id) then yields the page in order, with no sort.
    const direction = descending ? 'DESC' : 'ASC';
    builder.orderBy(`d.${column}`, direction).addOrderBy('d.demandId', direction);
    // One more than the page: whether a next page exists, without counting. No joins here, so plain OFFSET/LIMIT.
    if (!cursor) builder.offset((query.page - 1) * query.pageSize);
    const rows = await readRows(builder.limit(query.pageSize + 1));
    const items = rows.slice(0, query.pageSize);
    const last = items.at(-1);
    const next = rows.length > query.pageSize && last ? encodeCursor(query.sort, last[column], last.demandId) : undefined;
    return {
      items: items.map((r) => viewOf(actor, masked(r, CONTACT_FIELDS))),
      ...(cursor ? {} : { page: query.page }),
      pageSize: query.pageSize,
      ...(next ? { next } : {}),
      ...(total === undefined ? {} : { total }),
    };
  }

  /**
   * Every matching demand, for the CSV export: the same filters and the same scoping as the list, read a
   * page at a time in registration order (each page starts after the last row of the one before, so a
   * page costs the same however far the export has gone).
   */
  async all(actor: Actor, query: DemandListQuery): Promise<AsyncIterable<DemandRow | CustomerDemandRow>> {
    await this.readModels.after(DEMANDS_PROJECTION, query);
    return this.pages(actor, query);
  }

  private async *pages(actor: Actor, query: DemandListQuery): AsyncGenerator<DemandRow | CustomerDemandRow> {
    let last: DemandRow | undefined;
    do {
      const builder = this.filtered(actor, query);
      if (last) {
        const { registeredAt, demandId } = last;
        builder.andWhere(new Brackets((after) => after.where('d.registeredAt > :registeredAt', { registeredAt }).orWhere('d.registeredAt = :registeredAt AND d.demandId > :demandId', { demandId })));
      }
      const rows = await readRows(builder.orderBy('d.registeredAt', 'ASC').addOrderBy('d.demandId', 'ASC').limit(EXPORT_PAGE_SIZE));
      for (const row of rows) yield viewOf(actor, masked(row, CONTACT_FIELDS));
      last = rows.length === EXPORT_PAGE_SIZE ? rows[rows.length - 1] : undefined;
    } while (last);
  }

  /** C-2.3: open complaints whose promised handling time has passed. */
  async overdueComplaints(actor: Actor, after: ReadAfter | undefined): Promise<Array<DemandRow | CustomerDemandRow>> {
    await this.readModels.after(DEMANDS_PROJECTION, after);
    const now = this.clock.now().toISOString();
    const rows = await readRows(
      this.scoped(actor)
        .andWhere('d.kind = :kind', { kind: 'complaint' })
        .andWhere('d.complaintResolvedAt IS NULL')
        .andWhere('d.status NOT IN (:...ended)', { ended: ['resolved', 'closed', 'withdrawn'] })
        .andWhere('d.complaintDueAt < COALESCE(d.waitingSince, :now)', { now })
        .orderBy('d.complaintDueAt', 'ASC'),
    );
    return rows.map((r) => viewOf(actor, masked(r, CONTACT_FIELDS)));
  }

  async detail(actor: Actor, demandId: string, reason: string | undefined, after: ReadAfter | undefined): Promise<DemandDetail> {
    const row = await this.visible(actor, demandId, after);
    const departments = await this.departments().find({ where: { demandId }, order: { departmentId: 'ASC' } });
    const customerView = actor.roles.includes('customer');
    const entries = await this.readModels
      .repository<TimelineEntryRow>(DEMANDS_PROJECTION, 'timeline')
      .find({ where: { demandId, ...(customerView ? { visibility: 'customer' as const } : {}) }, order: { position: 'ASC' } });
    const timeline: TimelineEntry[] = entries.map(({ demandId: _demandId, details, ...entry }) => ({ ...entry, details: JSON.parse(details) }));
    const reveal = revealsPersonalData(actor, reason);
    if (reveal) {
      const inTimeline = TIMELINE_PERSONAL_FIELDS.filter((field) => timeline.some(({ details }) => field in details));
      const fields = [...DEMAND_PERSONAL_FIELDS, ...inTimeline.map((field) => `timeline.${field}`)];
      await this.personalDataAccesses.record(actor, { customerId: row.customerId, fields, reason: reason!, record: { type: 'demand', id: row.demandId } });
    }
    return {
      ...viewOf(actor, reveal ? row : masked(row, CONTACT_FIELDS)),
      departments: departments.map((d) => d.departmentId),
      timeline: reveal ? timeline : timeline.map(maskedEntry),
    };
  }

  /** The demand as it stood at `asOf`, to whoever may read its detail now. */
  async asOf(actor: Actor, demandId: string, asOf: string, after: ReadAfter | undefined): Promise<DemandAsOf> {
    await this.visible(actor, demandId, after);
    const found = await stateAsOf(this.store, this.clock, demands, demandId, asOf);
    if (!actor.roles.includes('customer') || !found.state) return found as DemandAsOf;
    const { involvement: _involvement, meeting: _meeting, responsibilities: _responsibilities, messageIds: _messageIds, waitingOnThirdParty, ...customerView } = found.state;
    const state: CustomerDemandState = { ...customerView, ...(waitingOnThirdParty ? { waitingOnThirdParty: { since: waitingOnThirdParty.since } } : {}) };
    return { ...found, state };
  }

  /** The demand's row, when the principal may see it: 404 otherwise, whether it exists or not. */
  private async visible(actor: Actor, demandId: string, after: ReadAfter | undefined): Promise<DemandRow> {
    await this.readModels.after(DEMANDS_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('d.demandId = :demandId', { demandId }).getOne();
    if (!row) throw new NotFoundError('Demand', demandId);
    return row;
  }

  private filtered(actor: Actor, q: DemandListQuery): SelectQueryBuilder<DemandRow> {
    const builder = this.scoped(actor);
    const equal: Array<[keyof DemandRow, string | undefined]> = [
      ['status', q.status],
      ['channel', q.channel],
      ['kind', q.kind],
      ['businessCategory', q.category],
      ['ownerId', q.owner],
      ['customerId', q.customer],
      ['priority', q.priority],
    ];
    for (const [column, value] of equal) if (value !== undefined) builder.andWhere(`d.${column} = :${column}`, { [column]: value });
    if (q.department) builder.andWhere(`d.demandId IN (${this.involving()})`, { department: q.department });
    if (q.from) builder.andWhere('d.registeredAt >= :from', { from: new Date(q.from).toISOString() });
    if (q.to) builder.andWhere('d.registeredAt < :to', { to: new Date(q.to).toISOString() });
    if (q.q !== undefined) searched(builder, q.q.trim());
    return builder;
  }

  /** A demand is seen by the departments its department rows name (demand-rows.ts) and by its customer. */
  private scoped(actor: Actor): SelectQueryBuilder<DemandRow> {
    return scopedQuery(actor, this.readModels.repository<DemandRow>(DEMANDS_PROJECTION, 'demand'), 'd', {
      departments: [departmentLinks('d.demandId', this.departments(), 'demandId', 'departmentId')],
      customer: 'd.customerId',
    });
  }

  /** A sub-select of the demands that involve `:department`. */
  private involving(): string {
    return this.departments().createQueryBuilder('dd').select('dd.demandId').where('dd.departmentId = :department').getQuery();
  }

  private departments() {
    return this.readModels.repository<DemandDepartmentRow>(DEMANDS_PROJECTION, 'department');
  }
}

/** A reference as quoted, in any case, its number with or without the leading zeros. */
const QUOTED_REFERENCE = /^SR-(\d{4})-(\d{1,9})$/i;
/** A number alone: the sequence of a reference, of whichever year. */
const REFERENCE_NUMBER = /^\d{1,9}$/;

/**
 * `q`: a reference finds its demand alone, by the unique index on references (no subject is read); a number the
 * demands so numbered in every year and those whose subject holds it; other text those whose subject holds it, in
 * any case. The subject is read row by row (a LIKE with a leading wildcard has no index to use): a page stops at its
 * last match, so the cost is at most one pass over the demands the principal may see that the other filters keep.
 * Contact details are personal (R-3.1) and not searched: that is the customer look-up's, with a reason.
 */
function searched(builder: SelectQueryBuilder<DemandRow>, text: string): void {
  const reference = QUOTED_REFERENCE.exec(text);
  if (reference) {
    builder.andWhere('d.reference = :reference', { reference: formatDemandReference(Number(reference[1]), Number(reference[2])) });
    return;
  }
  // Both sides lowered by the database, so that they are folded alike (SQLite folds ASCII only, PostgreSQL every letter).
  const inSubject = "LOWER(d.subject) LIKE LOWER(:inSubject) ESCAPE '\\'";
  const parameters = { inSubject: containing(text) };
  if (!REFERENCE_NUMBER.test(text)) {
    builder.andWhere(inSubject, parameters);
    return;
  }
  // Any year's: `_` matches one character, and a reference's year is four digits (formatDemandReference).
  const numbered = `SR-____-${String(Number(text)).padStart(6, '0')}`;
  builder.andWhere(new Brackets((either) => either.where('d.reference LIKE :numbered', { numbered }).orWhere(inSubject, parameters)));
}

/** A LIKE pattern holding the text anywhere, its wildcards escaped with `\`: a subject with "100%" is found as typed. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The row as the principal is shown it: to a customer, whether it waits on a third party, not whom. */
function viewOf(actor: Actor, row: DemandRow): DemandRow | CustomerDemandRow {
  if (!actor.roles.includes('customer')) return row;
  return { ...row, waitingOnThirdParty: row.waitingOnThirdParty === null ? null : true };
}

/** The entry with the personal data in its details masked, as everywhere else in the response. */
function maskedEntry(entry: TimelineEntry): TimelineEntry {
  const personal = TIMELINE_PERSONAL_FIELDS.filter((field) => field in entry.details);
  if (personal.length === 0) return entry;
  return { ...entry, details: masked(entry.details as Record<(typeof personal)[number], string>, personal) };
}

/** Opaque to clients: the sort it continues, and the sort value and id of the last demand shown. */
function encodeCursor(sort: DemandSort, value: string, demandId: string): string {
  return Buffer.from(JSON.stringify([sort, value, demandId])).toString('base64url');
}

function decodeCursor(cursor: string, sort: DemandSort): { value: string; demandId: string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const valid = Array.isArray(decoded) && decoded.length === 3 && decoded.every((part) => typeof part === 'string');
  if (!valid) throw invalidCursor('cursor must be the next of an earlier page of this list');
  const [cursorSort, value, demandId] = decoded as [string, string, string];
  if (cursorSort !== sort) throw invalidCursor(`cursor continues a list sorted by ${cursorSort}, not ${sort}: ask with sort=${cursorSort}`);
  return { value, demandId };
}

function invalidCursor(message: string): InvalidInputException {
  return new InvalidInputException([{ field: 'cursor', message }]);
}
