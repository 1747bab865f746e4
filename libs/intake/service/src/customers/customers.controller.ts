import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, Page, UuidParam } from '@serviceledger/platform/nest';
import { customers } from '@serviceledger/intake/domain';
import { CustomerRow } from '../projections/customers.projection';
import { CustomerDetailQuery, CustomerListQuery, EraseCustomerDto, RegisterCustomerDto, ReviewDto, UpdateCustomerDto } from './customer.dto';
import { CustomerErasure } from './customer-erasure';
import { CustomerQueries } from './customer-queries';

@Controller('intake/customers')
export class CustomersController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: CustomerQueries,
    private readonly erasure: CustomerErasure,
  ) {}

  @ApiOperation({ summary: 'Register a customer organisation' })
  @Post()
  @RequirePermission('customer:register')
  register(@Body() dto: RegisterCustomerDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    const customerId = commandIdFrom(metadata.commandId, 'customer');
    return this.commands.execute(customers, { type: 'RegisterCustomer', data: { customerId, ...dto }, metadata });
  }

  @ApiOperation({ summary: "Update a customer's details" })
  @Patch(':customerId')
  @RequirePermission('customer:register')
  update(@UuidParam('customerId') customerId: string, @Body() dto: UpdateCustomerDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(customers, { type: 'UpdateCustomer', data: { customerId, ...dto }, metadata });
  }

  @ApiOperation({ summary: "Clear a customer's flag for review" })
  @Post(':customerId/review')
  @HttpCode(200)
  @RequirePermission('customer:register')
  clearReview(@UuidParam('customerId') customerId: string, @Body() dto: ReviewDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(customers, { type: 'ClearCustomerReview', data: { customerId, ...dto }, metadata });
  }

  /** destroys the customer's data key, so their personal data reads as erased everywhere, for good. */
  @ApiOperation({ summary: "Erase a customer's personal data (shred their key)" })
  @Post(':customerId/erasure')
  @HttpCode(200)
  @RequirePermission('customer:erase')
  erase(@UuidParam('customerId') customerId: string, @Body() dto: EraseCustomerDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.erasure.erase(customerId, dto.reason, metadata);
  }

  @ApiOperation({ summary: 'List customers' })
  @Get()
  @RequirePermission('customer:read')
  list(@CurrentActor() actor: Actor, @Query() query: CustomerListQuery): Promise<Page<CustomerRow>> {
    return this.queries.list(actor, query);
  }

  @ApiOperation({ summary: 'Read a customer' })
  @Get(':customerId')
  @RequirePermission('customer:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('customerId') customerId: string, @Query() query: CustomerDetailQuery): Promise<CustomerRow> {
    return this.queries.detail(actor, customerId, query.reason, query);
  }
}
