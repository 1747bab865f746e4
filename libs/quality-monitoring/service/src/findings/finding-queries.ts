import { Inject, Injectable } from '@nestjs/common';
import { Actor, Clock, EventStore, NotFoundError } from '@serviceledger/platform/core';
import { departmentColumn, scopedQuery } from '@serviceledger/platform/auth';
import { AsOf, CLOCK, EVENT_STORE, Page, ReadAfter, ReadModels, stateAsOf } from '@serviceledger/platform/nest';
import { Finding, FindingState, findings } from '@serviceledger/quality-monitoring/domain';
import { FINDINGS_PROJECTION, FindingRow } from './findings.projection';
import { FindingListQuery } from './finding.dto';

export type FindingView = Finding & { updatedAt: string };

/** Findings by state, department and the process stage they improve, scoped like the clocks. */
@Injectable()
export class FindingQueries {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: FindingListQuery): Promise<Page<FindingView>> {
    await this.readModels.after(FINDINGS_PROJECTION, query);
    const builder = this.scoped(actor);
    if (query.state) builder.andWhere('f.status = :state', { state: query.state });
    if (query.department) builder.andWhere('f.departmentId = :department', { department: query.department });
    if (query.stage) builder.andWhere('f.processStage = :stage', { stage: query.stage });
    const [rows, total] = await builder
      .orderBy('f.raisedAt', 'ASC')
      .addOrderBy('f.findingId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(view), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(actor: Actor, findingId: string, after: ReadAfter | undefined): Promise<FindingView> {
    return view(await this.visible(actor, findingId, after));
  }

  /** The finding as it stood at `asOf`, to whoever may read its detail now. */
  async asOf(actor: Actor, findingId: string, asOf: string, after: ReadAfter | undefined): Promise<AsOf<FindingState>> {
    await this.visible(actor, findingId, after);
    return stateAsOf(this.store, this.clock, findings, findingId, asOf);
  }

  /** The finding's row, when the principal may see it: 404 otherwise, whether it exists or not. */
  private async visible(actor: Actor, findingId: string, after: ReadAfter | undefined): Promise<FindingRow> {
    await this.readModels.after(FINDINGS_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('f.findingId = :findingId', { findingId }).getOne();
    if (!row) throw new NotFoundError('Finding', findingId);
    return row;
  }

  /** A finding is its responsible department's; customers see none. */
  private scoped(actor: Actor) {
    return scopedQuery(actor, this.readModels.repository<FindingRow>(FINDINGS_PROJECTION, 'finding'), 'f', { departments: [departmentColumn('f.departmentId')] });
  }
}

function view(row: FindingRow): FindingView {
  return { ...(JSON.parse(row.state) as Finding), updatedAt: row.updatedAt };
}
