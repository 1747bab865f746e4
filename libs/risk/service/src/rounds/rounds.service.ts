import { Inject, Injectable } from '@nestjs/common';
import { Clock, CommandMetadata, NotFoundError } from '@serviceledger/platform/core';
import { CLOCK, Commands, Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { IdentificationRound, RoundChanges, identificationRounds } from '@serviceledger/risk/domain';
import { Brackets, IsNull, Not } from 'typeorm';
import { readRows } from '@serviceledger/platform/read-models';
import { REGISTER_PROJECTION, RiskRow } from '../register/register.projection';
import { CloseRoundDto, RoundListQuery } from './rounds.dto';
import { ROUNDS_PROJECTION, RoundRow } from './rounds.projection';

export type RoundView = IdentificationRound & { dueAt: string };

/** What closing a round answers: the command's id and checkpoint, and the round as closed with its changes. */
export interface RoundClosed {
  id: string;
  checkpoint: string | undefined;
  round: IdentificationRound;
}

/**
 * Identification rounds (K-1.1): listed with the overdue ones visible; closing one records the findings and
 * the risks of its category that are new, changed and retired since the category's previous round closed.
 * Rounds are the company's, not a department's: the route's permission suffices.
 */
@Injectable()
export class RoundsService {
  constructor(
    private readonly commands: Commands,
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: RoundListQuery): Promise<Page<RoundView>> {
    await this.readModels.after(ROUNDS_PROJECTION, query);
    const builder = this.rounds().createQueryBuilder('o');
    if (query.category) builder.andWhere('o.category = :category', { category: query.category });
    if (query.status) builder.andWhere('o.status = :status', { status: query.status });
    if (query.overdue !== undefined) {
      const now = this.clock.now().toISOString();
      if (query.overdue) builder.andWhere("o.status = 'open'").andWhere('o.dueAt <= :now', { now });
      else builder.andWhere(new Brackets((notOverdue) => notOverdue.where("o.status = 'closed'").orWhere('o.dueAt > :now', { now })));
    }
    const [rows, total] = await builder
      .orderBy('o.opensOn', 'DESC')
      .addOrderBy('o.category', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(view), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(roundId: string, after: ReadAfter | undefined): Promise<RoundView> {
    await this.readModels.after(ROUNDS_PROJECTION, after);
    const row = await this.rounds().findOneBy({ roundId });
    if (!row) throw new NotFoundError('Identification round', roundId);
    return view(row);
  }

  async close(roundId: string, dto: CloseRoundDto, metadata: CommandMetadata): Promise<RoundClosed> {
    const round = await this.commands.state(identificationRounds, roundId);
    if (!round) throw new NotFoundError('Identification round', roundId);
    const changes = round.status === 'open' ? await this.changesSince(round, metadata.at) : { newRiskIds: [], changedRiskIds: [], retiredRiskIds: [] };
    const decided = await this.commands.decide(identificationRounds, { type: 'CloseIdentificationRound', data: { roundId, findings: dto.findings ?? '', nothingNew: dto.nothingNew, changes }, metadata });
    return { id: decided.id, checkpoint: decided.checkpoint, round: decided.state as IdentificationRound };
  }

  /** The register's risks of the round's category identified, changed or closed since the category's previous round closed. */
  private async changesSince(round: IdentificationRound, now: string): Promise<RoundChanges> {
    const previous = await this.rounds().findOne({
      where: { category: round.category, closedAt: Not(IsNull()) },
      order: { closedAt: 'DESC' },
    });
    const since = previous?.closedAt ?? undefined;
    const builder = this.readModels.repository<RiskRow>(REGISTER_PROJECTION, 'risk').createQueryBuilder('r').where('r.category = :category', { category: round.category });
    if (since) builder.andWhere('r.changedAt > :since', { since });
    const rows = await readRows(builder.andWhere('r.changedAt <= :now', { now: new Date(now).toISOString() }).orderBy('r.identifiedAt', 'ASC').addOrderBy('r.riskId', 'ASC'));
    const isNew = (row: RiskRow) => !since || row.identifiedAt > since;
    const retired = rows.filter((row) => row.closedAt !== null);
    const fresh = rows.filter((row) => row.closedAt === null && isNew(row));
    const changed = rows.filter((row) => row.closedAt === null && !isNew(row));
    return {
      ...(since ? { since } : {}),
      newRiskIds: fresh.map((row) => row.riskId),
      changedRiskIds: changed.map((row) => row.riskId),
      retiredRiskIds: retired.map((row) => row.riskId),
    };
  }

  private rounds() {
    return this.readModels.repository<RoundRow>(ROUNDS_PROJECTION, 'round');
  }
}

function view(row: RoundRow): RoundView {
  return { ...(JSON.parse(row.round) as IdentificationRound), dueAt: row.dueAt };
}
