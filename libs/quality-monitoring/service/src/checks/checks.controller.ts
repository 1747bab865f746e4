import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, Clock, CommandMetadata, NotFoundError, RuleViolation, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission, departmentColumn, scopedQuery } from '@serviceledger/platform/auth';
import { CLOCK, CommandAccepted, CommandContext, Commands, IdentifierParam, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import {
  CHECKLIST_REGISTRY_ID,
  Checklist,
  ChecklistRegistry,
  DailyCheck,
  DEFAULT_TIME_ZONE,
  RecordDailyCheck,
  checklistKey,
  checklistRegistries,
  dailyChecks,
  deliveryStandardVersion,
  deliveryStandards,
  localDateOf,
} from '@serviceledger/quality-monitoring/domain';
import { CheckListQuery, ChecklistQuery, PublishChecklistDto, RecordCheckDto } from './check.dto';
import { CHECKS_PROJECTION, CheckRow } from './checks.projection';
import { CaseDirectory } from '../cases/case-directory';

export interface CheckReport {
  period: string;
  items: DailyCheck[];
  /** Per department: the checks of each kind and the spot-check score (the mean of the checks' scores). */
  byDepartment: Array<{ departmentId: string; checks: number; spotChecks: number; spotCheckScore: number | null }>;
}

/** Daily checks: versioned checklists; record reviews, spot checks (against a checklist or a delivery standard, P-4.2) and revisit results. */
@Controller('quality-monitoring')
export class ChecksController {
  constructor(
    private readonly commands: Commands,
    private readonly readModels: ReadModels,
    private readonly cases: CaseDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({ summary: 'List daily-check checklists' })
  @Get('checklists')
  @RequirePermission('quality:read')
  async checklists(): Promise<Checklist[]> {
    const registry = await this.registry();
    return [...registry.latest].map(([id, version]) => registry.versions.get(checklistKey(id, version)) as Checklist);
  }

  @ApiOperation({ summary: 'Read a checklist' })
  @Get('checklists/:checklistId')
  @RequirePermission('quality:read')
  async checklist(@IdentifierParam('checklistId') checklistId: string, @Query() query: ChecklistQuery): Promise<Checklist> {
    return this.checklistAt(await this.registry(), checklistId, query.version);
  }

  @ApiOperation({ summary: 'Publish a checklist' })
  @Put('checklists/:checklistId')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  async publish(@IdentifierParam('checklistId') checklistId: string, @Body() dto: PublishChecklistDto, @CommandContext() metadata: CommandMetadata) {
    const { checkpoint, state } = await this.commands.decide(checklistRegistries, {
      type: 'PublishChecklist',
      data: { checklistId, name: dto.name, items: dto.items.map((i) => ({ ...i })) },
      metadata,
    });
    return { id: checklistId, checkpoint, version: state.latest.get(checklistId) };
  }

  @ApiOperation({ summary: 'Record a daily check against a checklist' })
  @Post('checks')
  @RequirePermission('quality:check')
  async record(@Body() dto: RecordCheckDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted & { score?: number }> {
    const checkId = commandIdFrom('quality-monitoring-check', metadata.commandId);
    const base = {
      checkId,
      caseId: dto.caseId,
      departmentId: dto.departmentId,
      // Credited to a department answering for a case quality monitoring knows.
      answering: await this.cases.answering(dto.caseId),
      ...(dto.personId ? { personId: dto.personId } : {}),
      ...(dto.notes ? { notes: dto.notes } : {}),
    };
    let data: RecordDailyCheck['data'];
    if (dto.kind === 'spot-check' && dto.standardId !== undefined) {
      const standard = deliveryStandardVersion(await this.commands.state(deliveryStandards, dto.standardId), dto.standardId, dto.standardVersion as number);
      data = { ...base, kind: 'spot-check', standard, scores: (dto.scores ?? []).map(({ itemId, score }) => ({ itemId, score })) };
    } else if (dto.kind === 'spot-check') {
      const checklist = this.checklistAt(await this.registry(), dto.checklistId as string, dto.checklistVersion);
      data = { ...base, kind: 'spot-check', checklist, scores: (dto.scores ?? []).map(({ itemId, score }) => ({ itemId, score })) };
    } else if (dto.kind === 'record-review') {
      data = { ...base, kind: 'record-review', compliant: dto.compliant as boolean };
    } else {
      data = { ...base, kind: 'revisit', satisfied: dto.satisfied as boolean, ...(dto.customerScore !== undefined ? { customerScore: dto.customerScore } : {}) };
    }
    const { checkpoint, state } = await this.commands.decide(dailyChecks, { type: 'RecordDailyCheck', data, metadata });
    return { id: checkId, checkpoint, ...(state?.score !== undefined ? { score: state.score } : {}) };
  }

  @ApiOperation({ summary: 'List daily checks' })
  @Get('checks')
  @RequirePermission('quality:read')
  async checks(@CurrentActor() actor: Actor, @Query() query: CheckListQuery): Promise<CheckReport> {
    await this.readModels.after(CHECKS_PROJECTION, query);
    const period = query.period ?? localDateOf(DEFAULT_TIME_ZONE, this.clock.now().toISOString()).slice(0, 7);
    // A check is its department's; customers see none.
    const builder = scopedQuery(actor, this.readModels.repository<CheckRow>(CHECKS_PROJECTION, 'check'), 'k', {
      departments: [departmentColumn('k.departmentId')],
    }).andWhere('k.period = :period', { period });
    if (query.kind) builder.andWhere('k.kind = :kind', { kind: query.kind });
    if (query.department) builder.andWhere('k.departmentId = :department', { department: query.department });
    const rows = await readRows(builder.orderBy('k.checkedAt', 'ASC').addOrderBy('k.checkId', 'ASC'));
    const departments = new Map<string, { checks: number; scores: number[] }>();
    for (const row of rows) {
      const entry = departments.get(row.departmentId) ?? { checks: 0, scores: [] };
      entry.checks++;
      if (row.kind === 'spot-check' && row.score !== null) entry.scores.push(row.score);
      departments.set(row.departmentId, entry);
    }
    return {
      period,
      items: rows.map((row) => JSON.parse(row.details) as DailyCheck),
      byDepartment: [...departments]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([departmentId, { checks, scores }]) => ({
          departmentId,
          checks,
          spotChecks: scores.length,
          spotCheckScore: scores.length ? Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 100) / 100 : null,
        })),
    };
  }

  private registry(): Promise<ChecklistRegistry> {
    return this.commands.state(checklistRegistries, CHECKLIST_REGISTRY_ID);
  }

  private checklistAt(registry: ChecklistRegistry, checklistId: string, version: number | undefined): Checklist {
    const latest = registry.latest.get(checklistId);
    if (latest === undefined) throw new NotFoundError('Checklist', checklistId);
    if (version !== undefined && !(Number.isInteger(version) && version >= 1 && version <= latest)) {
      throw new RuleViolation('unknown-checklist-version', `Checklist ${checklistId} has versions 1 … ${latest}, not ${version}`);
    }
    return registry.versions.get(checklistKey(checklistId, version ?? latest)) as Checklist;
  }
}
