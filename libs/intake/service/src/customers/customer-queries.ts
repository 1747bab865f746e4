import { ForbiddenException, Injectable } from '@nestjs/common';
import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { EVERY_DEPARTMENT, ScopeColumns, departmentLinks, hasPermission, masked, revealsPersonalData, scopedQuery } from '@serviceledger/platform/auth';
import { InvalidInputException, Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { CUSTOMER_SERVICE_DEPARTMENT, PERSONAL_FIELDS, normaliseEmail, normalisePhone } from '@serviceledger/intake/domain';
import { PersonalDataAccesses } from '../access/personal-data-accesses';
import { CUSTOMERS_PROJECTION, CustomerRow } from '../projections/customers.projection';
import { DemandDepartmentRow, DemandRow } from '../projections/demand-rows';
import { DEMANDS_PROJECTION } from '../projections/demands.projection';
import { CustomerListQuery } from './customer.dto';

/** Every customer, to staff; their own organisation, to a customer. */
const EVERY_CUSTOMER: ScopeColumns = { departments: EVERY_DEPARTMENT, customer: 'c.customerId' };

/** Customers from the projection, personal fields masked unless revealed with a reason (R-3.1). */
@Injectable()
export class CustomerQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly personalDataAccesses: PersonalDataAccesses,
  ) {}

  /**
   * R-3.1: a look-up by phone or e-mail compares personal data, so it is a read of it: only for principals who may
   * see it unmasked (`customer-pii:read`), with a reason, and recorded in the access register for every customer
   * it finds, before the page is answered. Without it, "total 1 or 0" would tell anyone the masked digits.
   */
  async list(actor: Actor, query: CustomerListQuery): Promise<Page<CustomerRow>> {
    const compared = comparedPersonalFields(actor, query);
    await this.caughtUp(query);
    const builder = this.scoped(actor);
    if (query.organisation) builder.andWhere("LOWER(c.organisation) LIKE :organisation ESCAPE '\\'", { organisation: containing(query.organisation.toLowerCase()) });
    if (query.email) builder.andWhere('c.email = :email', { email: normaliseEmail(query.email) });
    if (query.phone) builder.andWhere('c.phone = :phone', { phone: normalisePhone(query.phone) });
    if (query.flaggedForReview !== undefined) builder.andWhere('c.flaggedForReview = :flagged', { flagged: query.flaggedForReview });
    const [rows, total] = await builder
      .orderBy('c.organisation', 'ASC')
      .addOrderBy('c.customerId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    for (const row of compared.length > 0 ? rows : []) {
      const { customerId } = row;
      await this.personalDataAccesses.record(actor, { customerId, fields: compared, reason: query.reason!, record: { type: 'customer-lookup', id: customerId } });
    }
    return { items: rows.map((r) => masked(r, PERSONAL_FIELDS)), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(actor: Actor, customerId: string, reason: string | undefined, after: ReadAfter | undefined): Promise<CustomerRow> {
    await this.caughtUp(after);
    const row = await this.scoped(actor).andWhere('c.customerId = :customerId', { customerId }).getOne();
    if (!row) throw new NotFoundError('Customer', customerId);
    if (!revealsPersonalData(actor, reason)) return masked(row, PERSONAL_FIELDS);
    await this.personalDataAccesses.record(actor, { customerId, fields: [...PERSONAL_FIELDS], reason: reason!, record: { type: 'customer', id: customerId } });
    return row;
  }

  /** Which customers staff see follows their demands, so a read after a write waits for both read models. */
  private async caughtUp(after: ReadAfter | undefined): Promise<void> {
    await this.readModels.after(CUSTOMERS_PROJECTION, after);
    await this.readModels.after(DEMANDS_PROJECTION, after);
  }

  /**
   * R-3.1, need to know: cross-department roles and the customer-service department, which registers and
   * serves every customer, see them all; other staff see the customers one of whose demands involves their
   * department (assigned, named by triage or at its coordination meeting), as the demand's scope has it;
   * a customer sees their own organisation.
   */
  private scoped(actor: Actor) {
    const customers = this.readModels.repository<CustomerRow>(CUSTOMERS_PROJECTION, 'customer');
    return scopedQuery(actor, customers, 'c', actor.departments.includes(CUSTOMER_SERVICE_DEPARTMENT) ? EVERY_CUSTOMER : this.byDemands());
  }

  private byDemands(): ScopeColumns {
    const links = departmentLinks('scope_demand.demandId', this.readModels.repository<DemandDepartmentRow>(DEMANDS_PROJECTION, 'department'), 'demandId', 'departmentId');
    const customersServed = this.readModels
      .repository<DemandRow>(DEMANDS_PROJECTION, 'demand')
      .createQueryBuilder('scope_demand')
      .select('scope_demand.customerId')
      .where(links.condition)
      .getQuery();
    return { departments: [{ condition: `c.customerId IN (${customersServed})` }], customer: 'c.customerId' };
  }
}

/** The personal fields the list's filters compare, once the principal may compare them: 403 without the permission, 400 without a reason. */
function comparedPersonalFields(actor: Actor, query: CustomerListQuery): Array<'phone' | 'email'> {
  const compared = (['phone', 'email'] as const).filter((field) => query[field] !== undefined);
  if (compared.length === 0) return [];
  const filters = compared.join(' and ');
  if (!hasPermission(actor, 'customer-pii:read')) {
    throw new ForbiddenException(`Missing permission customer-pii:read to look customers up by ${filters}: the look-up reads their personal data (R-3.1)`);
  }
  if (!revealsPersonalData(actor, query.reason)) {
    throw new InvalidInputException([{ field: 'reason', message: `reason is required to look customers up by ${filters}: why their personal data is needed (R-3.1)` }]);
  }
  return [...compared];
}

/** A LIKE pattern holding the text anywhere, its wildcards escaped with `\`: an organisation named "100%" is found as typed. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
