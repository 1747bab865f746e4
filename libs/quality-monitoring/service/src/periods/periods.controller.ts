import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata, NotFoundError, RuleViolation } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission, accessScope, canSee } from '@serviceledger/platform/auth';
import {
  AsOf,
  CommandContext,
  Commands,
  ConsistentQuery,
  CsvExport,
  ExpensiveRead,
  IDENTIFIER_PATTERN,
  IdentifierParam,
  InvalidInputException,
  PLATFORM_CONFIG,
  PlatformConfig,
  ReadModels,
  csvFile,
} from '@serviceledger/platform/nest';
import {
  CountedFacts,
  INDICATORS,
  Indicator,
  IndicatorCounts,
  IndicatorValues,
  PersonIndicators,
  PolicyRef,
  ScoringScheme,
  closedPeriods,
  countedFacts,
  evaluate,
  inIndicatorOrder,
  periodOf,
  scoringSchemes,
  subjectsOf,
} from '@serviceledger/quality-monitoring/domain';
import { appraisalScope } from './appraisal-scope';
import { OFFICIAL_SCORING_SCHEME, PeriodEvaluator, RefusedSignal, ScorecardSet } from './period-evaluator';
import { AdjustScorecardDto, ClosePeriodDto, ExportQuery, PersonQuery, RecomputationQuery, ScorecardQuery, ScoringSchemeDto } from './period.dto';
import { ClosedPeriodRow, PERFORMANCE_FACTS_PROJECTION } from './performance-facts.projection';
import { PeriodParam } from '../path-params';

const SCORECARD_COLUMNS = ['period', 'view', 'schemeId', 'schemeVersion', 'departmentId', 'rank', 'score', ...INDICATORS];

export interface Recomputation {
  period: string;
  /** The official figures: the closed period with its adjustments, or the live ones under the official scheme. */
  official: ScorecardSet;
  /**
   * The same period's facts scored under the requested scheme version and, when policies are named, with
   * the clocks replayed under them; nothing is closed or changed.
   */
  recomputed: ScorecardSet;
  /** The policy set the clocks were replayed under; null: the clocks as they ran. */
  policies: PolicyRef[] | null;
  /** Signals the replayed clocks refused (the live consumer would have dead-lettered them), of the demands the principal may see. */
  refusedSignals: RefusedSignal[];
  differences: Array<{ departmentId: string; officialScore: number | null; recomputedScore: number | null; officialRank: number | null; recomputedRank: number | null }>;
}

export interface Explanation {
  period: string;
  departmentId: string;
  /** The figures computed now from the facts below. */
  indicators: IndicatorValues;
  counts: IndicatorCounts;
  facts: CountedFacts;
  /** The department's figures as frozen when the period closed (they differ when facts arrived later); null while open. */
  asClosed: IndicatorValues | null;
}

/**
 * Period evaluation: versioned scoring schemes, each giving customer satisfaction at least the configured
 * floor of its weight (G-1); each period's scorecards and ranking — live, as
 * closed, with adjustments; per-person indicators for appraisal; closing and adjusting; a side-by-side
 * recomputation under another scheme and policy set; and a CSV export of every scorecard.
 */
@Controller('quality-monitoring')
export class PeriodsController {
  constructor(
    private readonly commands: Commands,
    private readonly evaluator: PeriodEvaluator,
    private readonly readModels: ReadModels,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @ApiOperation({ summary: 'Read a scoring scheme' })
  @Get('scoring-schemes/:schemeId')
  @RequirePermission('quality:read')
  async scheme(@IdentifierParam('schemeId') schemeId: string): Promise<ScoringScheme> {
    const scheme = await this.evaluator.scheme(schemeId);
    if (!scheme) throw new NotFoundError('Scoring scheme', schemeId);
    return scheme;
  }

  @ApiOperation({ summary: 'Define a scoring scheme' })
  @Put('scoring-schemes/:schemeId')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  async defineScheme(@IdentifierParam('schemeId') schemeId: string, @Body() dto: ScoringSchemeDto, @CommandContext() metadata: CommandMetadata) {
    if (!IDENTIFIER_PATTERN.test(schemeId)) throw new RuleViolation('invalid-scheme-id', 'A scheme id is a lower-case identifier');
    const existing = await this.evaluator.scheme(schemeId);
    const data = {
      schemeId,
      name: dto.name,
      weights: dto.weights,
      referenceMinutes: dto.referenceMinutes ?? {},
      satisfactionFloorPercent: this.config.QUALITY_SATISFACTION_FLOOR_PERCENT,
    };
    const { checkpoint, state } = await this.commands.decide(scoringSchemes, { type: existing ? 'ReviseScoringScheme' : 'DefineScoringScheme', data, metadata });
    const versions = state?.versions ?? [];
    return { id: schemeId, checkpoint, version: versions[versions.length - 1]?.version };
  }

  @ApiOperation({ summary: "Read a period's department scorecards and ranking" })
  @Get('periods/:period/scorecards')
  @RequirePermission('quality:read')
  async scorecards(@PeriodParam() period: string, @Query() query: ScorecardQuery): Promise<ScorecardSet | AsOf<ScorecardSet>> {
    const key = periodOf(period).key;
    if (query.asOf) {
      // Live figures are computed from today's facts: only the closed and adjusted ones were ever a state to fold.
      if (query.view === 'live') throw new InvalidInputException([{ field: 'view', message: 'view live has no past state: with asOf, ask for closed or adjusted' }]);
      return this.evaluator.frozenAsOf(key, query.view ?? 'adjusted', query.asOf);
    }
    const closed = await this.evaluator.closed(key);
    const view = query.view ?? (closed ? 'adjusted' : 'live');
    if (view !== 'live') return this.evaluator.frozen(key, view);
    return this.evaluator.live(key, await this.schemeOrNone(query.scheme, query.version), query);
  }

  @ApiOperation({ summary: "Read a period's scores per person" })
  @Get('periods/:period/persons')
  @RequirePermission('quality:read')
  async persons(@CurrentActor() actor: Actor, @PeriodParam() period: string, @Query() query: PersonQuery): Promise<{ period: string; live: boolean; persons: PersonIndicators[] }> {
    const key = periodOf(period).key;
    const closed = await this.evaluator.closed(key);
    const facts = await this.evaluator.facts(query);
    // A closed period answers with the persons' indicators as frozen for appraisal, customer satisfaction first.
    let persons = closed ? closed.closed.persons.map((p) => ({ ...p, indicators: inIndicatorOrder(p.indicators) })) : this.evaluator.persons(facts, key);
    // Cross-department roles and HR (appraisal, H-2) see everyone; other staff their departments' people, and themselves.
    const scope = appraisalScope(actor);
    if (scope.kind !== 'all') {
      const visible = new Set<string>([actor.userId]);
      for (const list of Object.values(facts) as Array<Array<{ departmentId: string | null; personId: string | null }>>)
        for (const fact of list) if (fact.personId && fact.departmentId && canSee(scope, { departments: [fact.departmentId] })) visible.add(fact.personId);
      persons = persons.filter((p) => visible.has(p.personId));
    }
    if (query.person) persons = persons.filter((p) => p.personId === query.person);
    return { period: key, live: !closed, persons };
  }

  /** Every fact a department's figures for the period are counted from, as they stand now (sla-and-metrics.md: "explained event by event"). */
  @ApiOperation({ summary: "Explain a department's scores by the facts they count" })
  @Get('periods/:period/departments/:departmentId/explanation')
  @RequirePermission('quality:read')
  async explain(
    @CurrentActor() actor: Actor,
    @PeriodParam() period: string,
    @IdentifierParam('departmentId') departmentId: string,
    @Query() query: ConsistentQuery,
  ): Promise<Explanation> {
    const key = periodOf(period).key;
    // Another department's facts (demands, who answered for them, checks, satisfaction) are as absent as a department without any.
    if (!canSee(accessScope(actor), { departments: [departmentId] })) throw new NotFoundError('Department', departmentId);
    const facts = await this.evaluator.facts(query);
    if (!subjectsOf(facts, 'departmentId').includes(departmentId)) throw new NotFoundError('Department', departmentId);
    const { indicators, counts } = evaluate(facts, periodOf(key), { departmentId });
    const closed = await this.evaluator.closed(key);
    const frozen = closed?.closed.scorecards.find((c) => c.departmentId === departmentId)?.indicators;
    return { period: key, departmentId, indicators, counts, facts: countedFacts(facts, periodOf(key), { departmentId }), asClosed: frozen ? inIndicatorOrder(frozen) : null };
  }

  @ApiOperation({ summary: "Recompute a period's scores under the policies as they stand now" })
  @Get('periods/:period/recomputation')
  @RequirePermission('quality:read')
  @ExpensiveRead()
  async recompute(@CurrentActor() actor: Actor, @PeriodParam() period: string, @Query() query: RecomputationQuery): Promise<Recomputation> {
    const key = periodOf(period).key;
    const closed = await this.evaluator.closed(key);
    const official = closed
      ? await this.evaluator.frozen(key, 'adjusted')
      : await this.evaluator.live(key, await this.schemeOrNone(undefined, undefined), query);
    // No scheme named: the one the official figures were scored under, so that only the policies differ.
    const scheme =
      query.scheme || query.version
        ? await this.evaluator.schemeUsed(query.scheme ?? OFFICIAL_SCORING_SCHEME, query.version)
        : (official.scheme ?? (await this.evaluator.schemeUsed(OFFICIAL_SCORING_SCHEME)));
    const replay = query.policies ? await this.evaluator.replayUnder(key, query.policies) : undefined;
    const recomputed = await this.evaluator.live(key, scheme, query, replay);
    const departments = [...new Set([...official.scorecards, ...recomputed.scorecards].map((c) => c.departmentId))].sort();
    const scope = accessScope(actor);
    return {
      period: key,
      official,
      recomputed,
      policies: replay?.policies ?? null,
      // A refused signal names its demand's clock and times: its department's, as the clocks are.
      refusedSignals: (replay?.refusedSignals ?? []).filter((signal) => canSee(scope, { departments: signal.departmentId ? [signal.departmentId] : [] })),
      differences: departments.map((departmentId) => {
        const a = official.scorecards.find((c) => c.departmentId === departmentId);
        const b = recomputed.scorecards.find((c) => c.departmentId === departmentId);
        return { departmentId, officialScore: a?.score ?? null, recomputedScore: b?.score ?? null, officialRank: a?.rank ?? null, recomputedRank: b?.rank ?? null };
      }),
    };
  }

  @ApiOperation({ summary: 'Close a period, freezing its scorecards' })
  @Post('periods/:period/closing')
  @HttpCode(200)
  @RequirePermission('quality:evaluate')
  async close(@PeriodParam() period: string, @Body() dto: ClosePeriodDto, @CommandContext() metadata: CommandMetadata) {
    const key = periodOf(period).key;
    const scheme = await this.evaluator.schemeUsed(dto.schemeId ?? OFFICIAL_SCORING_SCHEME, dto.version);
    const facts = await this.evaluator.facts();
    const { checkpoint, state } = await this.commands.decide(closedPeriods, {
      type: 'ClosePeriod',
      data: {
        period: key,
        scheme,
        scorecards: this.evaluator.scorecards(facts, key, scheme),
        persons: this.evaluator.persons(facts, key),
        satisfactionFloorPercent: this.config.QUALITY_SATISFACTION_FLOOR_PERCENT,
      },
      metadata,
    });
    return { id: key, checkpoint, scheme: { schemeId: scheme.schemeId, version: scheme.version }, scorecards: state?.closed.scorecards ?? [] };
  }

  @ApiOperation({ summary: "Adjust a closed period's scores, with the reason" })
  @Post('periods/:period/adjustments')
  @HttpCode(200)
  @RequirePermission('quality:evaluate')
  async adjust(@PeriodParam() period: string, @Body() dto: AdjustScorecardDto, @CommandContext() metadata: CommandMetadata) {
    const key = periodOf(period).key;
    const indicators: Partial<IndicatorValues> = {};
    for (const [indicator, value] of Object.entries(dto.indicators ?? {})) {
      if (!(INDICATORS as readonly string[]).includes(indicator)) throw new RuleViolation('unknown-indicator', `${indicator} is not an indicator`);
      if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) throw new RuleViolation('invalid-indicator-value', `${indicator} must be a number or null`);
      indicators[indicator as Indicator] = value;
    }
    const { checkpoint, state } = await this.commands.decide(closedPeriods, {
      type: 'AdjustScorecard',
      data: { period: key, departmentId: dto.departmentId, indicators, ...(dto.score !== undefined ? { score: dto.score } : {}), reason: dto.reason },
      metadata,
    });
    return { id: key, checkpoint, adjustments: state?.adjustments.length ?? 0 };
  }

  @ApiOperation({ summary: 'Export scorecards as CSV' })
  @Get('scorecards.csv')
  @RequirePermission('quality:read')
  @CsvExport()
  async export(@Query() query: ExportQuery): Promise<StreamableFile> {
    await this.readModels.after(PERFORMANCE_FACTS_PROJECTION, query);
    const keys = query.period ? [query.period] : await this.closedPeriodKeys();
    return csvFile('scorecards.csv', this.scorecardRows(keys), SCORECARD_COLUMNS);
  }

  /** The export's rows, a period at a time: a closed one as closed and with its adjustments, an open one as it stands under the official scheme. */
  private async *scorecardRows(keys: string[]): AsyncGenerator<Record<string, string | number | null>> {
    for (const key of keys) {
      const sets = (await this.evaluator.closed(key))
        ? [await this.evaluator.frozen(key, 'closed'), await this.evaluator.frozen(key, 'adjusted')]
        : [await this.evaluator.live(key, await this.schemeOrNone(undefined, undefined))];
      for (const set of sets) {
        for (const card of set.scorecards) {
          yield {
            period: key,
            view: set.view,
            schemeId: set.scheme?.schemeId ?? null,
            schemeVersion: set.scheme?.version ?? null,
            departmentId: card.departmentId,
            rank: card.rank,
            score: card.score,
            ...card.indicators,
          };
        }
      }
    }
  }

  private async schemeOrNone(schemeId: string | undefined, version: number | undefined) {
    if (schemeId) return this.evaluator.schemeUsed(schemeId, version);
    const official = await this.evaluator.scheme(OFFICIAL_SCORING_SCHEME);
    return official ? this.evaluator.schemeUsed(OFFICIAL_SCORING_SCHEME, version) : null;
  }

  /** Every closed period, in order. */
  private async closedPeriodKeys(): Promise<string[]> {
    const rows = await this.readModels.repository<ClosedPeriodRow>(PERFORMANCE_FACTS_PROJECTION, 'closed_period').find();
    return rows.map((r) => r.period).sort();
  }
}
