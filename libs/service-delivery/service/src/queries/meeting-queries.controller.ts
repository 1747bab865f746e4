import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { ConsistentQuery, Page, UuidParam } from '@serviceledger/platform/nest';
import { CadenceAnswer, CadenceGaps, MeetingActionListItem, MeetingMinutes, MeetingQueries, MeetingSummary } from './meeting-queries';
import { CadenceGapsQuery, CadenceQuery, MeetingActionListQuery, MeetingListQuery } from './meeting-query.dto';

/** Internal meetings (C-1.1): the list, the minutes, and whether the weekly, monthly and quarterly meetings were held. */
@Controller('service-delivery/meetings')
@RequirePermission('delivery:read')
export class MeetingQueriesController {
  constructor(private readonly meetings: MeetingQueries) {}

  @ApiOperation({ summary: 'List project meetings' })
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: MeetingListQuery): Promise<Page<MeetingSummary>> {
    return this.meetings.list(actor, query);
  }

  @ApiOperation({ summary: "Check each case's project meetings against their cadence" })
  @Get('cadence')
  cadence(@CurrentActor() actor: Actor, @Query() query: CadenceQuery): Promise<CadenceAnswer> {
    return this.meetings.cadence(actor, query);
  }

  @ApiOperation({ summary: 'List missed meetings and the departments that did not report, by period' })
  @Get('cadence-gaps')
  gaps(@CurrentActor() actor: Actor, @Query() query: CadenceGapsQuery): Promise<CadenceGaps> {
    return this.meetings.gaps(actor, query);
  }

  @ApiOperation({ summary: 'List meeting actions: open, overdue or done' })
  @Get('actions')
  actions(@CurrentActor() actor: Actor, @Query() query: MeetingActionListQuery): Promise<Page<MeetingActionListItem>> {
    return this.meetings.actions(actor, query);
  }

  @ApiOperation({ summary: "Read a project meeting's minutes" })
  @Get(':meetingId')
  minutes(@CurrentActor() actor: Actor, @UuidParam('meetingId') meetingId: string, @Query() query: ConsistentQuery): Promise<MeetingMinutes> {
    return this.meetings.minutes(actor, meetingId, query);
  }
}
