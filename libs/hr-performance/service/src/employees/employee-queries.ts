import { Inject, Injectable } from '@nestjs/common';
import { Actor, Clock, NotFoundError } from '@serviceledger/platform/core';
import { CLOCK, Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { Employee, Placement, employeeOn, localDate, missingTopics } from '@serviceledger/hr-performance/domain';
import { DepartmentQuery, EmployeeListQuery } from './employee.dto';
import { EmployeeRow, STAFF_PROJECTION } from './staff.projection';
import { staffPage, staffQuery } from './staff-scope';

/**
 * The record as it stands today (the service's clock, the installation's date): the post, department, track and
 * level in effect, and `scheduled`, the placements decided to start later (a promotion effective next month).
 */
export type EmployeeView = Employee & { scheduled: Placement[]; updatedAt: string };

export interface OverdueOnboarding {
  employeeId: string;
  name: string;
  departmentId: string;
  postId: string;
  hiredOn: string;
  dueOn: string;
  missingTopics: string[];
}

/** Employees and their onboarding, as the staff rule lets the principal see them (`staff-scope.ts`). */
@Injectable()
export class EmployeeQueries {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: EmployeeListQuery): Promise<Page<EmployeeView>> {
    await this.readModels.after(STAFF_PROJECTION, query);
    const builder = this.scoped(actor).andWhere(query.state === 'left' ? 'e.leftOn IS NOT NULL' : 'e.leftOn IS NULL');
    if (query.department) builder.andWhere('e.departmentId = :department', { department: query.department });
    if (query.post) builder.andWhere('e.postId = :post', { post: query.post });
    const [rows, total] = await staffPage(builder, query);
    return { items: rows.map((row) => this.view(row)), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(actor: Actor, employeeId: string, after: ReadAfter | undefined): Promise<EmployeeView> {
    await this.readModels.after(STAFF_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('e.employeeId = :employeeId', { employeeId }).getOne();
    if (!row) throw new NotFoundError('Employee', employeeId);
    return this.view(row);
  }

  /** The principal's own record: 404 for a principal who is no employee. */
  async own(actor: Actor, after: ReadAfter | undefined): Promise<EmployeeView> {
    await this.readModels.after(STAFF_PROJECTION, after);
    const row = await this.rows().findOneBy({ employeeId: actor.userId });
    if (!row) throw new NotFoundError('Employee', actor.userId);
    return this.view(row);
  }

  /** New employees whose onboarding is past its due date and not completed (H-1.2), oldest due first. */
  async overdueOnboarding(actor: Actor, query: DepartmentQuery): Promise<Page<OverdueOnboarding>> {
    await this.readModels.after(STAFF_PROJECTION, query);
    const builder = this.scoped(actor).andWhere('e.leftOn IS NULL').andWhere('e.onboardingStatus = :overdue', { overdue: 'overdue' });
    if (query.department) builder.andWhere('e.departmentId = :department', { department: query.department });
    const [rows, total] = await builder
      .orderBy('e.onboardingDueOn', 'ASC')
      .addOrderBy('e.employeeId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const items = rows.map((row) => {
      const state = JSON.parse(row.state) as Employee;
      return { employeeId: row.employeeId, name: row.name, departmentId: row.departmentId, postId: row.postId, hiredOn: row.hiredOn, dueOn: row.onboardingDueOn, missingTopics: missingTopics(state.onboarding) };
    });
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  private view(row: EmployeeRow): EmployeeView {
    return { ...employeeOn(JSON.parse(row.state) as Employee, localDate(this.clock.now().toISOString())), updatedAt: row.updatedAt };
  }

  private scoped(actor: Actor) {
    return staffQuery(actor, this.rows(), 'e', 'departmentId');
  }

  private rows() {
    return this.readModels.repository<EmployeeRow>(STAFF_PROJECTION, 'employee');
  }
}
