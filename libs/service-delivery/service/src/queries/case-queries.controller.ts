import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { AsOfQuery, ConsistentQuery, Page, UuidParam } from '@serviceledger/platform/nest';
import { CaseRow } from '../projections/case-rows';
import { CaseQueries, ImprovementFindings } from './case-queries';
import { CaseListQuery, ImprovementQuery } from './case-query.dto';

/** Queries on service cases, read from projections only and scoped to what the principal may see. */
@Controller('service-delivery')
export class CaseQueriesController {
  constructor(private readonly cases: CaseQueries) {}

  @ApiOperation({ summary: 'List service cases, filtered and paged' })
  @Get('cases')
  @RequirePermission('delivery:read')
  list(@CurrentActor() actor: Actor, @Query() query: CaseListQuery): Promise<Page<CaseRow>> {
    return this.cases.list(actor, query);
  }

  @ApiOperation({ summary: 'Read a service case' })
  @Get('cases/:caseId')
  @RequirePermission('delivery:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string, @Query() query: AsOfQuery) {
    return query.asOf ? this.cases.asOf(actor, caseId, query.asOf, query) : this.cases.detail(actor, caseId, query);
  }

  /** P-6.3: after-sales findings grouped by the process stage they point back to. */
  @ApiOperation({ summary: 'After-sales findings grouped by the process stage they point back to' })
  @Get('improvement-findings')
  @RequirePermission('delivery:read')
  improvementFindings(@CurrentActor() actor: Actor, @Query() query: ImprovementQuery): Promise<ImprovementFindings> {
    return this.cases.improvementFindings(actor, new Date(query.from).toISOString(), new Date(query.to).toISOString());
  }

  @ApiOperation({ summary: 'What the caller has to do on cases: steps, milestones, problems, visits' })
  @Get('my-work')
  @RequirePermission('delivery:read')
  myWork(@CurrentActor() actor: Actor, @Query() query: ConsistentQuery) {
    return this.cases.myWork(actor, query);
  }
}
