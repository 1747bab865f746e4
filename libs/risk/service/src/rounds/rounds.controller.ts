import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommandMetadata } from '@serviceledger/platform/core';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandContext, ConsistentQuery, IdentifierParam, Page } from '@serviceledger/platform/nest';
import { CloseRoundDto, RoundListQuery } from './rounds.dto';
import { RoundClosed, RoundView, RoundsService } from './rounds.service';

/** Identification rounds per category on a cadence (K-1.1): opened by the scheduler, closed by the risk officer. */
@Controller('risk/rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @ApiOperation({ summary: 'List risk assessment rounds' })
  @Get()
  @RequirePermission('risk:read')
  list(@Query() query: RoundListQuery): Promise<Page<RoundView>> {
    return this.rounds.list(query);
  }

  @ApiOperation({ summary: 'Read an assessment round' })
  @Get(':roundId')
  @RequirePermission('risk:read')
  detail(@IdentifierParam('roundId') roundId: string, @Query() query: ConsistentQuery): Promise<RoundView> {
    return this.rounds.detail(roundId, query);
  }

  /** Records what the round found, even nothing new; answers what is new, changed and retired since the last round. */
  @ApiOperation({ summary: 'Close an assessment round' })
  @Post(':roundId/closure')
  @HttpCode(200)
  @RequirePermission('risk:manage')
  close(@IdentifierParam('roundId') roundId: string, @Body() dto: CloseRoundDto, @CommandContext() metadata: CommandMetadata): Promise<RoundClosed> {
    return this.rounds.close(roundId, dto, metadata);
  }
}
