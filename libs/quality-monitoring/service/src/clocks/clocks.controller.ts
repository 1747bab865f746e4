import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { Page } from '@serviceledger/platform/nest';
import { BreachReport, ClockQueries, LiveClock } from './clock-queries';
import { BreachQuery, ClockListQuery } from './clock-query.dto';

/** SLA clocks (Q-1.1, C-2.3): live clocks with time left, and breaches by department and month. */
@Controller('quality-monitoring')
export class ClocksController {
  constructor(private readonly clocks: ClockQueries) {}

  @ApiOperation({ summary: 'List SLA clocks, live, by demand or department' })
  @Get('clocks')
  @RequirePermission('sla-clock:read')
  live(@CurrentActor() actor: Actor, @Query() query: ClockListQuery): Promise<Page<LiveClock>> {
    return this.clocks.live(actor, query);
  }

  @ApiOperation({ summary: 'List SLA breaches' })
  @Get('breaches')
  @RequirePermission('quality:read')
  breaches(@CurrentActor() actor: Actor, @Query() query: BreachQuery): Promise<BreachReport> {
    return this.clocks.breaches(actor, query);
  }
}
