import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, ConsistentQuery, Page, UuidParam } from '@serviceledger/platform/nest';
import { warnings } from '@serviceledger/risk/domain';
import { AcknowledgeWarningDto, CloseWarningDto, LinkWarningDto, WarningActionDto, WarningListQuery } from './warning.dto';
import { WarningDetail, WarningQueries, WarningView } from './warning-queries';
import { WarningUseCases } from './warning-use-cases';

/** Early warnings (K-3.2): open ones per owner, one with its triggering events; acknowledged, linked to a risk, answered, closed. */
@Controller('risk/warnings')
export class WarningsController {
  constructor(
    private readonly commands: Commands,
    private readonly useCases: WarningUseCases,
    private readonly queries: WarningQueries,
  ) {}

  /** `?owner=…&state=open`: the open warnings of one risk owner. */
  @ApiOperation({ summary: 'List early warnings' })
  @Get()
  @RequirePermission('risk:read')
  list(@CurrentActor() actor: Actor, @Query() query: WarningListQuery): Promise<Page<WarningView>> {
    return this.queries.list(actor, query);
  }

  @ApiOperation({ summary: 'Read an early warning' })
  @Get(':warningId')
  @RequirePermission('risk:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('warningId') warningId: string, @Query() query: ConsistentQuery): Promise<WarningDetail> {
    return this.queries.detail(actor, warningId, query);
  }

  @ApiOperation({ summary: 'Acknowledge an early warning' })
  @Post(':warningId/acknowledgement')
  @HttpCode(200)
  @RequirePermission('warning:respond')
  acknowledge(@UuidParam('warningId') warningId: string, @Body() dto: AcknowledgeWarningDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(warnings, { type: 'AcknowledgeWarning', data: { warningId, ...(dto.note ? { note: dto.note } : {}) }, metadata });
  }

  @ApiOperation({ summary: 'Link an early warning to a risk' })
  @Post(':warningId/risk-link')
  @HttpCode(200)
  @RequirePermission('warning:respond')
  link(@UuidParam('warningId') warningId: string, @Body() dto: LinkWarningDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.useCases.link({ type: 'LinkWarningToRisk', data: { warningId, riskId: dto.riskId }, metadata });
  }

  @ApiOperation({ summary: 'Record an action on an early warning' })
  @Post(':warningId/actions')
  @HttpCode(200)
  @RequirePermission('warning:respond')
  act(@UuidParam('warningId') warningId: string, @Body() dto: WarningActionDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(warnings, { type: 'RecordWarningAction', data: { warningId, action: dto.action }, metadata });
  }

  @ApiOperation({ summary: 'Close an early warning' })
  @Post(':warningId/closure')
  @HttpCode(200)
  @RequirePermission('warning:respond')
  close(@UuidParam('warningId') warningId: string, @Body() dto: CloseWarningDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(warnings, { type: 'CloseWarning', data: { warningId, outcome: dto.outcome }, metadata });
  }
}
