import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { DevelopmentPlan } from '@serviceledger/hr-performance/domain';
import { DepartmentQuery } from '../employees/employee.dto';
import { DevelopmentPlanRow, STAFF_PROJECTION } from '../employees/staff.projection';
import { staffQuery } from '../employees/staff-scope';

export type DevelopmentPlanView = DevelopmentPlan & { currentDepartmentId: string; updatedAt: string };

export interface OverdueReview {
  employeeId: string;
  departmentId: string;
  version: number;
  lastReviewedOn: string;
  nextReviewDue: string;
}

/** Development plans and their overdue reviews (H-3.1), scoped like the staff records. */
@Injectable()
export class DevelopmentPlanQueries {
  constructor(private readonly readModels: ReadModels) {}

  async detail(actor: Actor, employeeId: string, after: ReadAfter | undefined): Promise<DevelopmentPlanView> {
    await this.readModels.after(STAFF_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('p.employeeId = :employeeId', { employeeId }).getOne();
    if (!row) throw new NotFoundError('Development plan', employeeId);
    return view(row);
  }

  async own(actor: Actor, after: ReadAfter | undefined): Promise<DevelopmentPlanView> {
    await this.readModels.after(STAFF_PROJECTION, after);
    const row = await this.rows().findOneBy({ employeeId: actor.userId });
    if (!row) throw new NotFoundError('Development plan', actor.userId);
    return view(row);
  }

  /** Plans whose yearly review is past due, oldest due first. */
  async overdueReviews(actor: Actor, query: DepartmentQuery): Promise<Page<OverdueReview>> {
    await this.readModels.after(STAFF_PROJECTION, query);
    const builder = this.scoped(actor).andWhere('p.status = :overdue', { overdue: 'review-overdue' });
    if (query.department) builder.andWhere('p.departmentId = :department', { department: query.department });
    const [rows, total] = await builder
      .orderBy('p.nextReviewDue', 'ASC')
      .addOrderBy('p.employeeId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const items = rows.map(({ employeeId, departmentId, version, lastReviewedOn, nextReviewDue }) => ({ employeeId, departmentId, version, lastReviewedOn, nextReviewDue }));
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  private scoped(actor: Actor) {
    return staffQuery(actor, this.rows(), 'p', 'departmentId');
  }

  private rows() {
    return this.readModels.repository<DevelopmentPlanRow>(STAFF_PROJECTION, 'development_plan');
  }
}

function view(row: DevelopmentPlanRow): DevelopmentPlanView {
  return { ...(JSON.parse(row.state) as DevelopmentPlan), currentDepartmentId: row.departmentId, updatedAt: row.updatedAt };
}
