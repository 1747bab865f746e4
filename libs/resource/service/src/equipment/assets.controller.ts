import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, ConsistentQuery, CsvExport, IdentifierParam, Page, UuidParam, csvFile } from '@serviceledger/platform/nest';
import { AssetCommand, assets } from '@serviceledger/resource/domain';
import { ASSET_REGISTER_COLUMNS, AssetHistoryEntry, AssetView, DowntimeReport, EquipmentQueries, MaintenanceDue } from './equipment-queries';
import {
  AddMaintenancePlanDto,
  AllocateAssetDto,
  AssetListQuery,
  AssetNoteDto,
  DisposeAssetDto,
  DowntimeQuery,
  MaintenanceQuery,
  ReasonDto,
  RecordMaintenanceDto,
  RegisterAssetDto,
  RepairDto,
  ReplaceDto,
  ReportFailureDto,
} from './equipment.dto';
import { EquipmentService } from './equipment.service';

/**
 * The asset register and each asset's life (R-2.1..R-2.3; 五(二)): allocation to a person or a department,
 * recurring maintenance and inspections, failures repaired or replaced with their downtime, retirement by
 * approval of an asset past its service life or unusable, and disposal by procedure.
 */
@Controller('resource/equipment')
export class AssetsController {
  constructor(
    private readonly commands: Commands,
    private readonly equipment: EquipmentService,
    private readonly queries: EquipmentQueries,
  ) {}

  /** Registers equipment already in hand (received equipment is registered by its procurement's receipt). */
  @ApiOperation({ summary: 'Register equipment' })
  @Post('assets')
  @RequirePermission('equipment:manage')
  register(@Body() dto: RegisterAssetDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    const assetId = commandIdFrom('resource-asset', metadata.commandId);
    const { name, category, storageDevice, serialNumber, model, departmentId, acquiredOn, serviceLifeMonths } = dto;
    return this.act({ type: 'RegisterAsset', data: { assetId, name, category, storageDevice, serialNumber, ...(model ? { model } : {}), departmentId, acquiredOn, serviceLifeMonths }, metadata });
  }

  @ApiOperation({ summary: 'Allocate equipment to a department or person' })
  @Post('assets/:assetId/allocation')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  allocate(@UuidParam('assetId') assetId: string, @Body() dto: AllocateAssetDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.act({ type: 'AllocateAsset', data: { assetId, departmentId: dto.departmentId, ...(dto.personId ? { personId: dto.personId } : {}) }, metadata });
  }

  @ApiOperation({ summary: 'Release allocated equipment' })
  @Post('assets/:assetId/release')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  release(@UuidParam('assetId') assetId: string, @Body() dto: AssetNoteDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.act({ type: 'ReleaseAsset', data: { assetId, note: dto.note }, metadata });
  }

  @ApiOperation({ summary: 'Add a maintenance plan to equipment' })
  @Post('assets/:assetId/maintenance-plans')
  @RequirePermission('equipment:manage')
  addPlan(@UuidParam('assetId') assetId: string, @Body() dto: AddMaintenancePlanDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    const { planKey, kind, everyMonths, firstDueOn, graceDays, notify } = dto;
    return this.act({ type: 'AddMaintenancePlan', data: { assetId, planKey, kind, everyMonths, firstDueOn, ...(graceDays !== undefined ? { graceDays } : {}), notify }, metadata });
  }

  /** Records an inspection, maintenance or calibration done under a plan; the next one falls due from that day. */
  @ApiOperation({ summary: 'Record maintenance done under a plan' })
  @Post('assets/:assetId/maintenance-plans/:planKey/records')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  recordMaintenance(
    @UuidParam('assetId') assetId: string,
    @IdentifierParam('planKey') planKey: string,
    @Body() dto: RecordMaintenanceDto,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.act({ type: 'RecordMaintenance', data: { assetId, planKey, performedOn: dto.performedOn, outcome: dto.outcome, notes: dto.notes }, metadata });
  }

  @ApiOperation({ summary: 'Record an equipment failure' })
  @Post('assets/:assetId/failures')
  @RequirePermission('equipment:manage')
  fail(@UuidParam('assetId') assetId: string, @Body() dto: ReportFailureDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.act({ type: 'ReportAssetFailure', data: { assetId, failedAt: dto.failedAt, severity: dto.severity, description: dto.description }, metadata });
  }

  @ApiOperation({ summary: 'Record equipment repaired' })
  @Post('assets/:assetId/repair')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  repair(@UuidParam('assetId') assetId: string, @Body() dto: RepairDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.act({ type: 'RecordAssetRepair', data: { assetId, repairedAt: dto.repairedAt, notes: dto.notes }, metadata });
  }

  @ApiOperation({ summary: 'Replace failed equipment' })
  @Post('assets/:assetId/replacement')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  replace(@UuidParam('assetId') assetId: string, @Body() dto: ReplaceDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.equipment.replace(assetId, dto, metadata);
  }

  @ApiOperation({ summary: 'Flag equipment as unusable' })
  @Post('assets/:assetId/unusable')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  flagUnusable(@UuidParam('assetId') assetId: string, @Body() dto: AssetNoteDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.act({ type: 'FlagAssetUnusable', data: { assetId, note: dto.note }, metadata });
  }

  @ApiOperation({ summary: "Request equipment's retirement" })
  @Post('assets/:assetId/retirement-request')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  requestRetirement(@UuidParam('assetId') assetId: string, @Body() dto: ReasonDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.act({ type: 'RequestRetirement', data: { assetId, reason: dto.reason }, metadata });
  }

  @ApiOperation({ summary: 'Approve a retirement request' })
  @Post('assets/:assetId/retirement-request/approval')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  approveRetirement(@UuidParam('assetId') assetId: string, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.act({ type: 'ApproveRetirement', data: { assetId }, metadata });
  }

  @ApiOperation({ summary: 'Reject a retirement request' })
  @Post('assets/:assetId/retirement-request/rejection')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  rejectRetirement(@UuidParam('assetId') assetId: string, @Body() dto: ReasonDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.act({ type: 'RejectRetirement', data: { assetId, reason: dto.reason }, metadata });
  }

  @ApiOperation({ summary: 'Dispose of retired equipment' })
  @Post('assets/:assetId/disposal')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  dispose(@UuidParam('assetId') assetId: string, @Body() dto: DisposeAssetDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    const { disposedOn, method, recycler, dataWipe } = dto;
    return this.act({
      type: 'DisposeAsset',
      data: {
        assetId,
        disposedOn,
        method,
        recycler: { name: recycler.name, certificateNumber: recycler.certificateNumber },
        ...(dataWipe ? { dataWipe: { method: dataWipe.method, performedBy: dataWipe.performedBy, performedOn: dataWipe.performedOn, verification: dataWipe.verification } } : {}),
      },
      metadata,
    });
  }

  @ApiOperation({ summary: 'List equipment' })
  @Get('assets')
  @RequirePermission('resource:read')
  list(@CurrentActor() actor: Actor, @Query() query: AssetListQuery): Promise<Page<AssetView>> {
    return this.queries.assets(actor, query);
  }

  /** The asset register as CSV, with the list's filters. */
  @ApiOperation({ summary: 'Export equipment as CSV' })
  @Get('assets.csv')
  @RequirePermission('resource:read')
  @CsvExport()
  async export(@CurrentActor() actor: Actor, @Query() query: AssetListQuery): Promise<StreamableFile> {
    return csvFile('asset-register.csv', await this.queries.register(actor, query), ASSET_REGISTER_COLUMNS);
  }

  @ApiOperation({ summary: 'Read equipment' })
  @Get('assets/:assetId')
  @RequirePermission('resource:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('assetId') assetId: string, @Query() query: ConsistentQuery): Promise<AssetView> {
    return this.queries.asset(actor, assetId, query);
  }

  /** Everything that happened to the asset, in order: allocations, maintenance, failures, retirement, disposal. */
  @ApiOperation({ summary: "Read equipment's history" })
  @Get('assets/:assetId/history')
  @RequirePermission('resource:read')
  history(@CurrentActor() actor: Actor, @UuidParam('assetId') assetId: string, @Query() query: ConsistentQuery): Promise<AssetHistoryEntry[]> {
    return this.queries.history(actor, assetId, query);
  }

  /** Maintenance and inspections due or overdue, with who is told. */
  @ApiOperation({ summary: 'List maintenance and inspections due or overdue' })
  @Get('maintenance')
  @RequirePermission('resource:read')
  maintenance(@CurrentActor() actor: Actor, @Query() query: MaintenanceQuery): Promise<MaintenanceDue[]> {
    return this.queries.maintenance(actor, query);
  }

  /** Failures in a period, with the downtime of each until its repair or replacement. */
  @ApiOperation({ summary: 'List failures in a period with their downtime' })
  @Get('downtime')
  @RequirePermission('resource:read')
  downtime(@CurrentActor() actor: Actor, @Query() query: DowntimeQuery): Promise<DowntimeReport> {
    return this.queries.downtime(actor, query);
  }

  private act(command: AssetCommand): Promise<CommandAccepted> {
    return this.commands.execute(assets, command);
  }
}
