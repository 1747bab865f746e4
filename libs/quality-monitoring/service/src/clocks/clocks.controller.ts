import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { Page } from '@serviceledger/platform/nest';
import { BreachReport, ClockQueries, LiveClock } from './clock-queries';
import { BreachQuery, ClockListQuery } from './clock-query.dto';

/** SLA clocks (Q-1.1, C-2.3): live clocks with time left, and breaches by department and month. */
@ApiTags('quality-monitoring: clocks')
@ApiBearerAuth()
@Controller('quality-monitoring')
export class ClocksController {
  constructor(private readonly clocks: ClockQueries) {}

  @Get('clocks')
  @RequirePermission('quality:read')
  live(@CurrentActor() actor: Actor, @Query() query: ClockListQuery): Promise<Page<LiveClock>> {
    return this.clocks.live(actor, query);
  }

  @Get('breaches')
  @RequirePermission('quality:read')
  breaches(@CurrentActor() actor: Actor, @Query() query: BreachQuery): Promise<BreachReport> {
    return this.clocks.breaches(actor, query);
  }
}
