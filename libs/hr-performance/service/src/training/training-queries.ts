import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Actor, Clock, NotFoundError } from '@serviceledger/platform/core';
import { accessScope, canSee, departmentColumn, hasPermission, scopedQuery } from '@serviceledger/platform/auth';
import { CLOCK, Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { Employee, TrainingPlan, TrainingSession, localDate, trainingPlanId } from '@serviceledger/hr-performance/domain';
import { EmployeeRow, STAFF_PROJECTION } from '../employees/staff.projection';
import { inStaffOrder, staffPage, staffQuery } from '../employees/staff-scope';
import { PostQueries } from '../posts/post-queries';
import { POSTS_PROJECTION } from '../posts/posts.projection';
import { MatrixQuery } from './training.dto';
import { MatrixRow, matrixRow } from './training-matrix';
import { CompletionRow, PlanRow, SessionRow, TRAINING_PROJECTION } from './training.projection';

export interface TrainingMatrix extends Page<MatrixRow> {
  year: number;
  today: string;
}

/** Per department: how many employees, and how their required trainings stand. No person is named. */
export interface MatrixSummary {
  departmentId: string;
  employees: number;
  required: number;
  done: number;
  due: number;
  overdue: number;
  onboardingOverdue: number;
}

export const MATRIX_CSV_COLUMNS = ['employeeId', 'name', 'departmentId', 'postId', 'trainingId', 'kind', 'title', 'dueOn', 'status', 'completedOn', 'score'] as const;

/**
 * The training matrix (H-1.2, H-1.3): who has done what their post requires, and what is overdue, per
 * department and per employee, scoped like the staff records; per department as counts for anyone who
 * reads HR figures (analysts). Sessions and plans are read as they stand.
 */
@Injectable()
export class TrainingQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly posts: PostQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async matrix(actor: Actor, query: MatrixQuery): Promise<TrainingMatrix> {
    await this.caughtUp(query);
    const builder = this.employees(actor, query.department);
    const [rows, total] = await staffPage(builder, query);
    const year = this.year(query.year);
    return { year, today: this.today(), items: await this.rowsFor(rows, year), page: query.page, pageSize: query.pageSize, total };
  }

  async forEmployee(actor: Actor, employeeId: string, query: MatrixQuery): Promise<MatrixRow & { year: number; today: string }> {
    await this.caughtUp(query);
    const row = await staffQuery(actor, this.employeeRows(), 'e', 'departmentId').andWhere('e.employeeId = :employeeId', { employeeId }).getOne();
    if (!row) throw new NotFoundError('Employee', employeeId);
    return this.single(row, query.year);
  }

  async own(actor: Actor, query: MatrixQuery): Promise<MatrixRow & { year: number; today: string }> {
    await this.caughtUp(query);
    const row = await this.employeeRows().findOneBy({ employeeId: actor.userId });
    if (!row) throw new NotFoundError('Employee', actor.userId);
    return this.single(row, query.year);
  }

  /** The CSV's rows: one per employee and required training, a department's employees at a time. */
  async *csvRows(actor: Actor, query: MatrixQuery): AsyncGenerator<Record<(typeof MATRIX_CSV_COLUMNS)[number], string | number | null>> {
    const year = this.year(query.year);
    const employees = await readRows(inStaffOrder(this.employees(actor, query.department)));
    for (const row of await this.rowsFor(employees, year)) {
      for (const r of row.required) {
        yield { employeeId: row.employeeId, name: row.name, departmentId: row.departmentId, postId: row.postId, trainingId: r.trainingId, kind: r.kind, title: r.title, dueOn: r.dueOn, status: r.status, completedOn: r.completedOn, score: r.score };
      }
    }
  }

  /** Counts per department: HR and the company-wide roles every department's, a head their departments'. */
  async summary(actor: Actor, query: MatrixQuery): Promise<{ year: number; today: string; departments: MatrixSummary[] }> {
    await this.caughtUp(query);
    const year = this.year(query.year);
    const builder = (
      hasPermission(actor, 'hr:manage')
        ? this.employeeRows().createQueryBuilder('e').where('1 = 1')
        : scopedQuery(actor, this.employeeRows(), 'e', { departments: [departmentColumn('e.departmentId')] })
    ).andWhere('e.leftOn IS NULL');
    if (query.department) builder.andWhere('e.departmentId = :department', { department: query.department });
    const rows = await this.rowsFor(await readRows(builder), year);
    const departments = new Map<string, MatrixSummary>();
    for (const row of rows) {
      const sum = departments.get(row.departmentId) ?? { departmentId: row.departmentId, employees: 0, required: 0, done: 0, due: 0, overdue: 0, onboardingOverdue: 0 };
      sum.employees += 1;
      sum.required += row.required.length;
      sum.done += row.done;
      sum.due += row.due;
      sum.overdue += row.overdue;
      if (row.required.some((r) => r.kind === 'onboarding' && r.status === 'overdue')) sum.onboardingOverdue += 1;
      departments.set(row.departmentId, sum);
    }
    return { year, today: this.today(), departments: [...departments.values()].sort((a, b) => a.departmentId.localeCompare(b.departmentId)) };
  }

  async session(actor: Actor, sessionId: string, after: ReadAfter | undefined): Promise<TrainingSession> {
    await this.readModels.after(TRAINING_PROJECTION, after);
    const repository = this.readModels.repository<SessionRow>(TRAINING_PROJECTION, 'session');
    const row = await staffQuery(actor, repository, 's', 'departmentId').andWhere('s.sessionId = :sessionId', { sessionId }).getOne();
    if (!row) throw new NotFoundError('Training session', sessionId);
    return JSON.parse(row.state) as TrainingSession;
  }

  /** A department's plan: HR and the company-wide roles read every one, a head their departments'; another is the 404 of none. */
  async plan(actor: Actor, departmentId: string, year: number, after: ReadAfter | undefined): Promise<TrainingPlan> {
    await this.readModels.after(TRAINING_PROJECTION, after);
    const visible = hasPermission(actor, 'hr:manage') || canSee(accessScope(actor), { departments: [departmentId] });
    const row = visible ? await this.readModels.repository<PlanRow>(TRAINING_PROJECTION, 'plan').findOneBy({ departmentId, year }) : null;
    if (!row) throw new NotFoundError('Training plan', trainingPlanId(departmentId, year));
    return JSON.parse(row.state) as TrainingPlan;
  }

  private async single(row: EmployeeRow, year: number | undefined) {
    const resolved = this.year(year);
    const [matrix] = await this.rowsFor([row], resolved);
    return { ...matrix, year: resolved, today: this.today() };
  }

  private async rowsFor(rows: EmployeeRow[], year: number): Promise<MatrixRow[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.employeeId);
    const departments = [...new Set(rows.map((r) => r.departmentId))];
    const [completions, plans, posts] = await Promise.all([
      this.readModels.repository<CompletionRow>(TRAINING_PROJECTION, 'completion').findBy({ employeeId: In(ids) }),
      this.readModels.repository<PlanRow>(TRAINING_PROJECTION, 'plan').findBy({ departmentId: In(departments), year }),
      this.posts.byId(),
    ]);
    const planOf = new Map(plans.map((p) => [p.departmentId, JSON.parse(p.state) as TrainingPlan]));
    const today = this.today();
    return rows.map((row) => {
      const employee = JSON.parse(row.state) as Employee;
      return matrixRow(employee, posts.get(employee.postId), planOf.get(employee.departmentId), completions.filter((c) => c.employeeId === employee.employeeId), today);
    });
  }

  /** Employees in employment the actor may see, optionally of one department. */
  private employees(actor: Actor, department: string | undefined) {
    const builder = staffQuery(actor, this.employeeRows(), 'e', 'departmentId').andWhere('e.leftOn IS NULL');
    if (department) builder.andWhere('e.departmentId = :department', { department });
    return builder;
  }

  private employeeRows() {
    return this.readModels.repository<EmployeeRow>(STAFF_PROJECTION, 'employee');
  }

  /** A command's checkpoint may concern staff, training or posts: the matrix waits for all three (before a CSV starts streaming). */
  async caughtUp(after: ReadAfter): Promise<void> {
    await this.readModels.after(STAFF_PROJECTION, after);
    await this.readModels.after(TRAINING_PROJECTION, after);
    await this.readModels.after(POSTS_PROJECTION, after);
  }

  private today(): string {
    return localDate(this.clock.now().toISOString());
  }

  private year(year: number | undefined): number {
    return year ?? Number(this.today().slice(0, 4));
  }
}
