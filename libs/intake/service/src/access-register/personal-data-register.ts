import { Injectable } from '@nestjs/common';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { PERSONAL_DATA_REGISTER_PROJECTION, PersonalDataAccessRow } from './personal-data-register.projection';
import { PersonalDataRegisterQuery } from './access-register.dto';

/** Entries read from the read model at a time for the CSV export. */
const EXPORT_PAGE_SIZE = 500;

export type RegisterFilter = Pick<PersonalDataRegisterQuery, 'customer' | 'accessedBy' | 'from' | 'to'>;

/**
 * the access register, oldest first. Not department-scoped: it is the company-wide record the
 * data-protection duty answers for, and holds no personal data of its own.
 */
@Injectable()
export class PersonalDataRegister {
  constructor(private readonly readModels: ReadModels) {}

  async list(query: PersonalDataRegisterQuery): Promise<Page<PersonalDataAccessRow>> {
    await this.readModels.after(PERSONAL_DATA_REGISTER_PROJECTION, query);
    const [items, total] = await this.ordered(this.filtered(query))
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  /** Every matching entry, for the CSV export, a page at a time after the last entry of the page before. */
  async all(filter: RegisterFilter, after: ReadAfter | undefined): Promise<AsyncIterable<PersonalDataAccessRow>> {
    await this.readModels.after(PERSONAL_DATA_REGISTER_PROJECTION, after);
    return this.pages(filter);
  }

  private async *pages(filter: RegisterFilter): AsyncGenerator<PersonalDataAccessRow> {
    let last: PersonalDataAccessRow | undefined;
    do {
      const builder = this.filtered(filter);
      if (last) {
        const { accessedAt, customerId, position } = last;
        builder.andWhere(
          new Brackets((later) =>
            later
              .where('a.accessedAt > :accessedAt', { accessedAt })
              .orWhere('a.accessedAt = :accessedAt AND a.customerId > :customerId', { customerId })
              .orWhere('a.accessedAt = :accessedAt AND a.customerId = :customerId AND a.position > :position', { position }),
          ),
        );
      }
      const rows = await readRows(this.ordered(builder).take(EXPORT_PAGE_SIZE));
      yield* rows;
      last = rows.length === EXPORT_PAGE_SIZE ? rows[rows.length - 1] : undefined;
    } while (last);
  }

  private filtered(filter: RegisterFilter): SelectQueryBuilder<PersonalDataAccessRow> {
    const builder = this.readModels.repository<PersonalDataAccessRow>(PERSONAL_DATA_REGISTER_PROJECTION, 'access').createQueryBuilder('a').where('1 = 1');
    if (filter.customer) builder.andWhere('a.customerId = :customer', { customer: filter.customer });
    if (filter.accessedBy) builder.andWhere('a.accessedBy = :accessedBy', { accessedBy: filter.accessedBy });
    if (filter.from) builder.andWhere('a.accessedAt >= :from', { from: new Date(filter.from).toISOString() });
    if (filter.to) builder.andWhere('a.accessedAt < :to', { to: new Date(filter.to).toISOString() });
    return builder;
  }

  private ordered(builder: SelectQueryBuilder<PersonalDataAccessRow>): SelectQueryBuilder<PersonalDataAccessRow> {
    return builder.orderBy('a.accessedAt', 'ASC').addOrderBy('a.customerId', 'ASC').addOrderBy('a.position', 'ASC');
  }
}
