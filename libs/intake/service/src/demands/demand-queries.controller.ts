import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { ConsistentQuery, CsvExport, IdentifierParam, UuidParam, csvFile } from '@serviceledger/platform/nest';
import { DemandRow } from '../projections/demand-rows';
import { CustomerDemandRow, DemandAsOf, DemandDetail, DemandPage, DemandQueries } from './demand-queries';
import { DemandDetailQuery, DemandListQuery } from './demand-query.dto';

const KEYSET_PAGES =
  'Answers `{ items, page, pageSize, next }`. While more demands match, `next` is a cursor: pass it as `cursor` (same sort and filters, no `page`) for the page after, at the same cost however deep. ' +
  'Changed (ADR 0021): `total` comes only with `count=exact`, since counting every match made each page cost as much as the whole list; a page asked for by `cursor` has no `page`.';

/** Queries on demands, read from projections only and scoped to what the principal may see. */
@Controller('intake')
export class DemandQueriesController {
  constructor(private readonly demands: DemandQueries) {}

  @ApiOperation({ summary: 'List demands, filtered and paged', description: KEYSET_PAGES })
  @Get('demands')
  @RequirePermission('demand:read')
  list(@CurrentActor() actor: Actor, @Query() query: DemandListQuery): Promise<DemandPage> {
    return this.demands.list(actor, query);
  }

  @ApiOperation({ summary: 'Export demands as CSV' })
  @Get('demands.csv')
  @RequirePermission('demand:read')
  @CsvExport()
  async export(@CurrentActor() actor: Actor, @Query() query: DemandListQuery): Promise<StreamableFile> {
    return csvFile('demands.csv', await this.demands.all(actor, query));
  }

  @ApiOperation({
    summary: 'Read a demand with its timeline',
    description:
      'Contact details masked unless `reason` is given by a principal with `customer-pii:read` (the read is then recorded, R-3.1). ' +
      'A customer sees the entries of the timeline meant for them, and whether the demand waits on a third party, not whom: ' +
      '`waitingOnThirdParty` is `true` (with `waitingOnThirdPartySince`) where staff read the party’s name, and `{ since }` in the state as of an instant ' +
      'where staff read `{ party, since, partnerId }`; the lists, the export and the overdue complaints show a customer the same `true`.',
  })
  @Get('demands/:demandId')
  @RequirePermission('demand:read')
  detail(
    @CurrentActor() actor: Actor,
    @UuidParam('demandId') demandId: string,
    @Query() query: DemandDetailQuery,
  ): Promise<DemandDetail | DemandAsOf> {
    return query.asOf ? this.demands.asOf(actor, demandId, query.asOf, query) : this.demands.detail(actor, demandId, query.reason, query);
  }

  @ApiOperation({ summary: "Read a department's queue of open demands", description: KEYSET_PAGES })
  @Get('departments/:departmentId/queue')
  @RequirePermission('demand:read')
  queue(@CurrentActor() actor: Actor, @IdentifierParam('departmentId') departmentId: string, @Query() query: DemandListQuery): Promise<DemandPage> {
    return this.demands.list(actor, { ...query, department: departmentId, open: true });
  }

  @ApiOperation({ summary: "List a customer's demands", description: KEYSET_PAGES })
  @Get('customers/:customerId/demands')
  @RequirePermission('demand:read')
  ofCustomer(@CurrentActor() actor: Actor, @UuidParam('customerId') customerId: string, @Query() query: DemandListQuery): Promise<DemandPage> {
    return this.demands.list(actor, { ...query, customer: customerId });
  }

  @ApiOperation({ summary: 'List complaints past their handling deadline' })
  @Get('complaints/overdue')
  @RequirePermission('demand:read')
  overdue(@CurrentActor() actor: Actor, @Query() query: ConsistentQuery): Promise<Array<DemandRow | CustomerDemandRow>> {
    return this.demands.overdueComplaints(actor, query);
  }
}
