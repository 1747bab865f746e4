import { Brackets, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '@serviceledger/platform/core';
import { EVERY_DEPARTMENT, accessScope } from './scoping';

/** Where a table names a record's departments, as one SQL condition on the principal's departments. */
export interface DepartmentSource {
  readonly condition: string;
}

/** What scoping reads in a table: the SQL counterpart of `ScopedRecord`. */
export interface ScopeColumns {
  /** A record is visible to a department that any of the sources names for it. */
  departments: typeof EVERY_DEPARTMENT | readonly DepartmentSource[];
  /** The row's customer column (`d.customerId`); a table without one is hidden from customers. */
  customer?: string;
}

/** Named so that no caller's own parameters can collide with them. */
const DEPARTMENTS_PARAMETER = 'scopeDepartments';
const CUSTOMER_PARAMETER = 'scopeCustomer';
const EVERY_ROW = '1 = 1';
const NO_ROW = '1 = 0';

/** The row names one department in a column of its own, e.g. `f.departmentId`. */
export function departmentColumn(column: string): DepartmentSource {
  return { condition: `${column} IN (:...${DEPARTMENTS_PARAMETER})` };
}

/**
 * A link table names the record's departments, one row each: the row's `key` (`d.demandId`) is the
 * links' `record` column, and their `department` column one of its departments. Built with the
 * links' own query builder, so the table is qualified with its schema on PostgreSQL. Asked row by row
 * (`EXISTS`), so a page walks the list's own order and stops when full; `key IN (the department's
 * records)` had the database gather and sort every record of the department first, a cost that grew
 * with the year (50 ms a page for a department's 10,000 demands).
 */
export function departmentLinks<L extends ObjectLiteral>(
  key: string,
  links: Repository<L>,
  record: keyof L & string,
  department: keyof L & string,
): DepartmentSource {
  const linked = links
    .createQueryBuilder('scope_link')
    .select('1')
    .where(`scope_link.${record} = ${key}`)
    .andWhere(`scope_link.${department} IN (:...${DEPARTMENTS_PARAMETER})`)
    .getQuery();
  return { condition: `EXISTS (${linked})` };
}

/**
 * A query over `repository` that holds only the rows the actor may see, by the rule `canSee` applies
 * to one record: lists, details and exports start from it and narrow it with `andWhere`. A later
 * `where` would replace the scope, and TypeORM does not parenthesise a string condition, so a
 * caller's OR goes inside `Brackets` or it escapes the scope. Values are always bound parameters.
 */
export function scopedQuery<T extends ObjectLiteral>(
  actor: Actor,
  repository: Repository<T>,
  alias: string,
  columns: ScopeColumns,
): SelectQueryBuilder<T> {
  const builder = repository.createQueryBuilder(alias);
  const scope = accessScope(actor);
  switch (scope.kind) {
    case 'all':
      return builder.where(EVERY_ROW);
    case 'customer':
      if (!columns.customer) return builder.where(NO_ROW);
      return builder.where(`${columns.customer} = :${CUSTOMER_PARAMETER}`, { [CUSTOMER_PARAMETER]: scope.customerId });
    case 'departments': {
      if (columns.departments === EVERY_DEPARTMENT) return builder.where(EVERY_ROW);
      if (columns.departments.length === 0) return builder.where(NO_ROW);
      const sources = columns.departments;
      return builder.where(new Brackets((anyOf) => sources.forEach((source) => anyOf.orWhere(source.condition))), {
        [DEPARTMENTS_PARAMETER]: [...scope.departments],
      });
    }
    case 'none':
      return builder.where(NO_ROW);
  }
}
