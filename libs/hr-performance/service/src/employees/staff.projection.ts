import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent, namedIn } from '@serviceledger/platform/read-models';
import { DevelopmentPlan, Employee, developmentPlan, developmentPlans, employee, employees } from '@serviceledger/hr-performance/domain';

export const STAFF_PROJECTION = 'hr-performance.staff';

export interface EmployeeRow {
  employeeId: string;
  name: string;
  departmentId: string;
  postId: string;
  track: string;
  level: string;
  levelSince: string;
  hiredOn: string;
  leftOn: string | null;
  onboardingStatus: string;
  onboardingDueOn: string;
  /** The folded employee (JSON): placements and onboarding. */
  state: string;
  updatedAt: string;
}

export interface DevelopmentPlanRow {
  employeeId: string;
  /** The employee's current department (their record's), which scopes the plan. */
  departmentId: string;
  version: number;
  status: string;
  nextReviewDue: string;
  lastReviewedOn: string;
  /** The folded plan (JSON). */
  state: string;
  updatedAt: string;
}

/**
 * Employees (H-1.1, H-1.2) and their development plans (H-3.1): each row is its decider's state. A plan's
 * row also keeps its employee's current department, so that a move of department moves who may see it.
 */
export const staffProjection: ProjectionDefinition = {
  name: STAFF_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [employees.streamPrefix, developmentPlans.streamPrefix] },
  tables: {
    employee: {
      columns: {
        employeeId: { type: String, primary: true, name: 'employee_id' },
        name: { type: String },
        departmentId: { type: String, name: 'department_id' },
        postId: { type: String, name: 'post_id' },
        track: { type: String },
        level: { type: String },
        levelSince: { type: String, name: 'level_since' },
        hiredOn: { type: String, name: 'hired_on' },
        leftOn: { type: String, nullable: true, name: 'left_on' },
        onboardingStatus: { type: String, name: 'onboarding_status' },
        onboardingDueOn: { type: String, name: 'onboarding_due_on' },
        state: { type: 'text' },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['departmentId'] }, { columns: ['onboardingStatus', 'onboardingDueOn'] }],
    } satisfies TableSpec<EmployeeRow>,
    development_plan: {
      columns: {
        employeeId: { type: String, primary: true, name: 'employee_id' },
        departmentId: { type: String, name: 'department_id' },
        version: { type: Number },
        status: { type: String },
        nextReviewDue: { type: String, name: 'next_review_due' },
        lastReviewedOn: { type: String, name: 'last_reviewed_on' },
        state: { type: 'text' },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['departmentId'] }, { columns: ['status', 'nextReviewDue'] }],
    } satisfies TableSpec<DevelopmentPlanRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    const employeeRows = tables.table<EmployeeRow>('employee');
    const planRows = tables.table<DevelopmentPlanRow>('development_plan');
    await employeeRows.load(namedIn(events, 'employeeId'));
    await planRows.load(namedIn(events, 'employeeId'));
    for (const event of events as EventEnvelope[]) {
      if (event.stream.startsWith(employees.streamPrefix)) {
        const folded = await foldEvent(tables, event, employee);
        if (!folded?.after) continue;
        employeeRows.upsert(employeeRow(folded.after, event.occurredAt));
        if (event.type === 'EmployeePlaced') await planRows.update({ employeeId: folded.after.employeeId }, { departmentId: folded.after.departmentId });
      } else {
        const folded = await foldEvent(tables, event, developmentPlan);
        if (!folded?.after) continue;
        const record = await employeeRows.get({ employeeId: folded.after.employeeId });
        planRows.upsert(planRow(folded.after, record?.departmentId ?? folded.after.departmentId, event.occurredAt));
      }
    }
  },
};

function employeeRow(state: Employee, updatedAt: string): EmployeeRow {
  return {
    employeeId: state.employeeId,
    name: state.name,
    departmentId: state.departmentId,
    postId: state.postId,
    track: state.track,
    level: state.level,
    levelSince: state.levelSince,
    hiredOn: state.hiredOn,
    leftOn: state.leftOn ?? null,
    onboardingStatus: state.onboarding.status,
    onboardingDueOn: state.onboarding.dueOn,
    state: JSON.stringify(state),
    updatedAt,
  };
}

function planRow(state: DevelopmentPlan, departmentId: string, updatedAt: string): DevelopmentPlanRow {
  return {
    employeeId: state.employeeId,
    departmentId,
    version: state.version,
    status: state.status,
    nextReviewDue: state.nextReviewDue,
    lastReviewedOn: state.lastReviewedOn,
    state: JSON.stringify(state),
    updatedAt,
  };
}
