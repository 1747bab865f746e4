import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { EVERY_DEPARTMENT, ScopeColumns, masked, revealsPersonalData, scopedQuery } from '@serviceledger/platform/auth';
import { Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { PERSONAL_FIELDS, normaliseEmail, normalisePhone } from '@serviceledger/intake/domain';
import { PersonalDataAccesses } from '../access/personal-data-accesses';
import { CUSTOMERS_PROJECTION, CustomerRow } from '../projections/customers.projection';
import { CustomerListQuery } from './customer.dto';

/** Any department may serve a customer; a customer sees their own organisation only. */
const CUSTOMER_SCOPE: ScopeColumns = { departments: EVERY_DEPARTMENT, customer: 'c.customerId' };

/** Customers from the projection, personal fields masked unless revealed with a reason. */
@Injectable()
export class CustomerQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly personalDataAccesses: PersonalDataAccesses,
  ) {}

  async list(actor: Actor, query: CustomerListQuery): Promise<Page<CustomerRow>> {
    await this.readModels.after(CUSTOMERS_PROJECTION, query);
    const builder = this.scoped(actor);
    if (query.email) builder.andWhere('c.email = :email', { email: normaliseEmail(query.email) });
    if (query.phone) builder.andWhere('c.phone = :phone', { phone: normalisePhone(query.phone) });
    if (query.flaggedForReview !== undefined) builder.andWhere('c.flaggedForReview = :flagged', { flagged: query.flaggedForReview });
    const [rows, total] = await builder
      .orderBy('c.organisation', 'ASC')
      .addOrderBy('c.customerId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map((r) => masked(r, PERSONAL_FIELDS)), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(actor: Actor, customerId: string, reason: string | undefined, after: ReadAfter | undefined): Promise<CustomerRow> {
    await this.readModels.after(CUSTOMERS_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('c.customerId = :customerId', { customerId }).getOne();
    if (!row) throw new NotFoundError('Customer', customerId);
    if (!revealsPersonalData(actor, reason)) return masked(row, PERSONAL_FIELDS);
    await this.personalDataAccesses.record(actor, { customerId, fields: [...PERSONAL_FIELDS], reason: reason!, record: { type: 'customer', id: customerId } });
    return row;
  }

  private scoped(actor: Actor) {
    return scopedQuery(actor, this.readModels.repository<CustomerRow>(CUSTOMERS_PROJECTION, 'customer'), 'c', CUSTOMER_SCOPE);
  }
}
