import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, ConsistentQuery, CsvExport, Page, UuidParam, csvFile } from '@serviceledger/platform/nest';
import { securityIncidents } from '@serviceledger/resource/domain';
import {
  ContainSecurityIncidentDto,
  RecordIncidentNotificationDto,
  RecordSecurityIncidentDto,
  ResolveSecurityIncidentDto,
  SecurityIncidentListQuery,
} from './security-incident.dto';
import { SecurityIncidentConfig } from './security-incident-config';
import { SECURITY_INCIDENT_REGISTER_COLUMNS, SecurityIncidentQueries, SecurityIncidentView } from './security-incident-queries';

/**
 * The register of information-security incidents (R-3.3, 五(三)3): recorded as detected, contained,
 * resolved, and for those involving personal data the notification of the affected. The risk officer and
 * the administrator keep it (`security-incident:manage`); whoever reads risks reads it (`risk:read`).
 */
@Controller('resource')
export class SecurityIncidentsController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: SecurityIncidentQueries,
    private readonly config: SecurityIncidentConfig,
  ) {}

  @ApiOperation({ summary: 'Record a security incident' })
  @Post('security-incidents')
  @RequirePermission('security-incident:manage')
  record(@Body() dto: RecordSecurityIncidentDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    // The incident's id derives from the command id, so a retried request records one incident.
    const incidentId = commandIdFrom('resource-security-incident', metadata.commandId);
    return this.commands.execute(securityIncidents, {
      type: 'RecordSecurityIncident',
      data: { incidentId, ...dto, notificationHours: this.config.notificationHours },
      metadata,
    });
  }

  @ApiOperation({ summary: 'Record a security incident contained' })
  @Post('security-incidents/:incidentId/containment')
  @HttpCode(200)
  @RequirePermission('security-incident:manage')
  contain(@UuidParam('incidentId') incidentId: string, @Body() dto: ContainSecurityIncidentDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(securityIncidents, { type: 'ContainSecurityIncident', data: { incidentId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Resolve a security incident' })
  @Post('security-incidents/:incidentId/resolution')
  @HttpCode(200)
  @RequirePermission('security-incident:manage')
  resolve(@UuidParam('incidentId') incidentId: string, @Body() dto: ResolveSecurityIncidentDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(securityIncidents, { type: 'ResolveSecurityIncident', data: { incidentId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Record who was notified of a security incident' })
  @Post('security-incidents/:incidentId/notifications')
  @HttpCode(200)
  @RequirePermission('security-incident:manage')
  notify(@UuidParam('incidentId') incidentId: string, @Body() dto: RecordIncidentNotificationDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(securityIncidents, { type: 'RecordIncidentNotification', data: { incidentId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'List security incidents' })
  @Get('security-incidents')
  @RequirePermission('risk:read')
  list(@CurrentActor() actor: Actor, @Query() query: SecurityIncidentListQuery): Promise<Page<SecurityIncidentView>> {
    return this.queries.list(actor, query);
  }

  /** The register as CSV, with the list's filters: each incident's steps with when and who. */
  @ApiOperation({ summary: 'Export security incidents as CSV' })
  @Get('security-incidents.csv')
  @RequirePermission('risk:read')
  @CsvExport()
  async export(@CurrentActor() actor: Actor, @Query() query: SecurityIncidentListQuery): Promise<StreamableFile> {
    return csvFile('security-incidents.csv', await this.queries.register(actor, query), SECURITY_INCIDENT_REGISTER_COLUMNS);
  }

  @ApiOperation({ summary: 'Read a security incident' })
  @Get('security-incidents/:incidentId')
  @RequirePermission('risk:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('incidentId') incidentId: string, @Query() query: ConsistentQuery): Promise<SecurityIncidentView> {
    return this.queries.detail(actor, incidentId, query);
  }
}
