import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, ConsistentQuery, Page, UuidParam } from '@serviceledger/platform/nest';
import { Procurement, procurements } from '@serviceledger/resource/domain';
import { toFen } from '../rd-investment/rd-investment.dto';
import { EquipmentQueries } from './equipment-queries';
import { OrderProcurementDto, ProcurementListQuery, ReasonDto, ReceiveProcurementDto, RequestProcurementDto } from './equipment.dto';
import { EquipmentService, ProcurementReceived } from './equipment.service';

/**
 * Equipment procurement plans (R-2.1; 五(二)1 "根據服務工作需要,制定設備采購計劃,合理配置辦公設備、技術設備等資源"):
 * requested for a service need, approved by someone else, ordered, received; receiving registers the assets.
 */
@Controller('resource/equipment/procurements')
export class ProcurementsController {
  constructor(
    private readonly commands: Commands,
    private readonly equipment: EquipmentService,
    private readonly queries: EquipmentQueries,
  ) {}

  @ApiOperation({ summary: 'Request equipment procurement' })
  @Post()
  @RequirePermission('equipment:manage')
  request(@Body() dto: RequestProcurementDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    const procurementId = commandIdFrom('resource-procurement', metadata.commandId);
    const items = dto.items.map(({ category, description, quantity, unitPrice, serviceLifeMonths, storageDevice }) => ({
      category,
      description,
      quantity,
      unitPrice: toFen(unitPrice),
      serviceLifeMonths,
      storageDevice,
    }));
    return this.commands.execute(procurements, { type: 'RequestProcurement', data: { procurementId, departmentId: dto.departmentId, purpose: dto.purpose, items }, metadata });
  }

  @ApiOperation({ summary: 'Approve a procurement (not by who asked)' })
  @Post(':procurementId/approval')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  approve(@UuidParam('procurementId') procurementId: string, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(procurements, { type: 'ApproveProcurement', data: { procurementId }, metadata });
  }

  @ApiOperation({ summary: 'Reject a procurement' })
  @Post(':procurementId/rejection')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  reject(@UuidParam('procurementId') procurementId: string, @Body() dto: ReasonDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(procurements, { type: 'RejectProcurement', data: { procurementId, reason: dto.reason }, metadata });
  }

  @ApiOperation({ summary: 'Record a procurement ordered' })
  @Post(':procurementId/order')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  order(@UuidParam('procurementId') procurementId: string, @Body() dto: OrderProcurementDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    const { supplier, orderReference, orderedOn } = dto;
    return this.commands.execute(procurements, { type: 'OrderProcurement', data: { procurementId, supplier, orderReference, orderedOn }, metadata });
  }

  /** Receives every unit ordered, and registers each as an asset of the requesting department. */
  @ApiOperation({ summary: 'Receive procured equipment, registering it' })
  @Post(':procurementId/receipt')
  @HttpCode(200)
  @RequirePermission('equipment:manage')
  receive(@UuidParam('procurementId') procurementId: string, @Body() dto: ReceiveProcurementDto, @CommandContext() metadata: CommandMetadata): Promise<ProcurementReceived> {
    return this.equipment.receive(procurementId, dto, metadata);
  }

  @ApiOperation({ summary: 'List procurements' })
  @Get()
  @RequirePermission('resource:read')
  list(@CurrentActor() actor: Actor, @Query() query: ProcurementListQuery): Promise<Page<Procurement & { updatedAt: string }>> {
    return this.queries.procurements(actor, query);
  }

  @ApiOperation({ summary: 'Read a procurement' })
  @Get(':procurementId')
  @RequirePermission('resource:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('procurementId') procurementId: string, @Query() query: ConsistentQuery): Promise<Procurement & { updatedAt: string }> {
    return this.queries.procurement(actor, procurementId, query);
  }
}
