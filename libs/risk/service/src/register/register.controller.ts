import { Body, Controller, Get, HttpCode, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, ConsistentQuery, CsvExport, Page, UuidParam, csvFile } from '@serviceledger/platform/nest';
import { risks } from '@serviceledger/risk/domain';
import { CloseRiskDto, IdentifyRiskDto, RegisterQuery, ReviseRiskDto } from './register.dto';
import { HistoryEntry, REGISTER_COLUMNS, RegisterQueries, RegisterRecord, RiskView } from './register-queries';

/** The risk register (K-1.1): risks identified in five categories, revised, closed; listed, exported, traced. */
@Controller('risk/risks')
export class RegisterController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: RegisterQueries,
  ) {}

  @ApiOperation({ summary: 'Identify a risk in the register' })
  @Post()
  @RequirePermission('risk:manage')
  identify(@Body() dto: IdentifyRiskDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    // The risk's id derives from the command id, so a retried request identifies one risk.
    const riskId = commandIdFrom('risk', metadata.commandId);
    return this.commands.execute(risks, { type: 'IdentifyRisk', data: { riskId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Revise a risk' })
  @Patch(':riskId')
  @RequirePermission('risk:manage')
  revise(@UuidParam('riskId') riskId: string, @Body() dto: ReviseRiskDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(risks, { type: 'ReviseRisk', data: { riskId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Close a risk' })
  @Post(':riskId/closure')
  @HttpCode(200)
  @RequirePermission('risk:manage')
  close(@UuidParam('riskId') riskId: string, @Body() dto: CloseRiskDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(risks, { type: 'CloseRisk', data: { riskId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'List risks' })
  @Get()
  @RequirePermission('risk:read')
  list(@CurrentActor() actor: Actor, @Query() query: RegisterQuery): Promise<Page<RegisterRecord>> {
    return this.queries.list(actor, query);
  }

  @ApiOperation({ summary: 'Export the risk register as CSV' })
  @Get('export.csv')
  @RequirePermission('risk:read')
  @CsvExport()
  async export(@CurrentActor() actor: Actor, @Query() query: RegisterQuery): Promise<StreamableFile> {
    return csvFile('risk-register.csv', await this.queries.all(actor, query), REGISTER_COLUMNS);
  }

  @ApiOperation({ summary: 'Read a risk' })
  @Get(':riskId')
  @RequirePermission('risk:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('riskId') riskId: string, @Query() query: ConsistentQuery): Promise<RiskView> {
    return this.queries.detail(actor, riskId, query);
  }

  @ApiOperation({ summary: "Read a risk's history" })
  @Get(':riskId/history')
  @RequirePermission('risk:read')
  history(@CurrentActor() actor: Actor, @UuidParam('riskId') riskId: string, @Query() query: ConsistentQuery): Promise<HistoryEntry[]> {
    return this.queries.history(actor, riskId, query);
  }
}
