import { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { Actor } from '@serviceledger/platform/core';
import { departmentColumn, hasPermission, scopedQuery } from '@serviceledger/platform/auth';

/**
 * Who sees a person's HR records — their record, placements, training and development plan (H-1, H-3.1):
 * HR (`hr:manage`) everyone's, whatever department HR itself is in; a department head their departments'
 * people, through the platform's department scoping; nobody else, whatever else their role sees across
 * the company: analysts and administrators read aggregates per department only. A person reads their own
 * under `/hr-performance/me` (`hr-self:read`). A record outside the rule is the 404 of one that does not exist.
 */
export function staffQuery<T extends ObjectLiteral>(actor: Actor, repository: Repository<T>, alias: string, departmentField: string): SelectQueryBuilder<T> {
  if (hasPermission(actor, 'hr:manage')) return repository.createQueryBuilder(alias).where('1 = 1');
  if (isDepartmentHead(actor)) {
    // The head's department scope, even if another role of theirs reaches across the company.
    return scopedQuery({ ...actor, roles: ['department-head'] }, repository, alias, { departments: [departmentColumn(`${alias}.${departmentField}`)] });
  }
  return repository.createQueryBuilder(alias).where('1 = 0');
}

/** Employee rows (alias `e`) in the staff records' order, by department then employee: lists, the training matrix and its CSV alike. */
export function inStaffOrder<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return builder.orderBy('e.departmentId', 'ASC').addOrderBy('e.employeeId', 'ASC');
}

/** One page of employee rows in the staff records' order, and how many there are in all. */
export function staffPage<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>, query: { page: number; pageSize: number }): Promise<[T[], number]> {
  return inStaffOrder(builder)
    .skip((query.page - 1) * query.pageSize)
    .take(query.pageSize)
    .getManyAndCount();
}

/** The same rule for one record already read. */
export function maySeeStaffRecord(actor: Actor, record: { departmentId: string }): boolean {
  if (hasPermission(actor, 'hr:manage')) return true;
  return isDepartmentHead(actor) && actor.departments.includes(record.departmentId);
}

function isDepartmentHead(actor: Actor): boolean {
  return actor.roles.includes('department-head') && actor.departments.length > 0;
}
