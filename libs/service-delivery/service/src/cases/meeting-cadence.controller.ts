import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommandMetadata, RuleViolation } from '@serviceledger/platform/core';
import { RequirePermission, accessScope } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, PatternParam } from '@serviceledger/platform/nest';
import { CADENCE_KINDS, CadenceKind, meetingCadences } from '@serviceledger/service-delivery/domain';
import { MeetingCadenceDto } from './meeting-cadence.dto';

const CADENCE_KIND = new RegExp(`^(${CADENCE_KINDS.join('|')})$`);

/**
 * C-1.1: which departments are expected to report at the weekly, monthly and quarterly meetings. The
 * meetings are the whole company's, so the cadence is set by a cross-department role; each change is a
 * version, and the scheduler watches the kind from the period it is first set in.
 */
@Controller('service-delivery/meetings/cadence')
export class MeetingCadenceController {
  constructor(private readonly commands: Commands) {}

  @ApiOperation({ summary: 'Set the departments expected to report at a regular meeting' })
  @Put(':kind')
  @HttpCode(200)
  @RequirePermission('meeting:record')
  set(
    @PatternParam('kind', CADENCE_KIND, `one of ${CADENCE_KINDS.join(', ')}`) kind: CadenceKind,
    @Body() dto: MeetingCadenceDto,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    if (accessScope(metadata.actor).kind !== 'all') {
      throw new RuleViolation('cadence-of-whole-company', `${metadata.actor.userId} may not set the ${kind} meeting's cadence: a cross-department role sets it (C-1.1)`);
    }
    return this.commands.execute(meetingCadences, { type: 'SetMeetingCadence', data: { kind, expectedDepartments: dto.expectedDepartments }, metadata });
  }
}
