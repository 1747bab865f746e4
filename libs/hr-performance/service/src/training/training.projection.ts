import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { TrainingPlan, TrainingSession, trainingPlan, trainingPlans, trainingSession, trainingSessions } from '@serviceledger/hr-performance/domain';

export const TRAINING_PROJECTION = 'hr-performance.training';

export interface SessionRow {
  sessionId: string;
  trainingId: string;
  kind: string;
  departmentId: string;
  heldOn: string;
  /** The folded session (JSON): attendance and results. */
  state: string;
  updatedAt: string;
}

/** One row per training an employee completed: what the training matrix and promotions read. */
export interface CompletionRow {
  employeeId: string;
  sessionId: string;
  departmentId: string;
  trainingId: string;
  kind: string;
  topic: string;
  score: number | null;
  completedOn: string;
}

export interface PlanRow {
  departmentId: string;
  year: number;
  version: number;
  /** The folded plan (JSON): its trainings. */
  state: string;
  updatedAt: string;
}

/**
 * Training (H-1.2, H-1.3): sessions and yearly plans as their deciders keep them, and the completions the
 * sessions' results make (one row per `TrainingCompleted`, a pure function of the session's state).
 */
export const trainingProjection: ProjectionDefinition = {
  name: TRAINING_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [trainingSessions.streamPrefix, trainingPlans.streamPrefix] },
  tables: {
    session: {
      columns: {
        sessionId: { type: String, primary: true, name: 'session_id' },
        trainingId: { type: String, name: 'training_id' },
        kind: { type: String },
        departmentId: { type: String, name: 'department_id' },
        heldOn: { type: String, name: 'held_on' },
        state: { type: 'text' },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['departmentId', 'heldOn'] }],
    } satisfies TableSpec<SessionRow>,
    completion: {
      columns: {
        employeeId: { type: String, primary: true, name: 'employee_id' },
        sessionId: { type: String, primary: true, name: 'session_id' },
        departmentId: { type: String, name: 'department_id' },
        trainingId: { type: String, name: 'training_id' },
        kind: { type: String },
        topic: { type: String },
        score: { type: Number, nullable: true },
        completedOn: { type: String, name: 'completed_on' },
      },
      indices: [{ columns: ['departmentId'] }, { columns: ['trainingId'] }],
    } satisfies TableSpec<CompletionRow>,
    plan: {
      columns: {
        departmentId: { type: String, primary: true, name: 'department_id' },
        year: { type: Number, primary: true },
        version: { type: Number },
        state: { type: 'text' },
        updatedAt: { type: String, name: 'updated_at' },
      },
    } satisfies TableSpec<PlanRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events as EventEnvelope[]) {
      if (event.stream.startsWith(trainingPlans.streamPrefix)) {
        const folded = await foldEvent(tables, event, trainingPlan);
        if (folded?.after) tables.table<PlanRow>('plan').upsert(planRow(folded.after, event.occurredAt));
        continue;
      }
      const folded = await foldEvent(tables, event, trainingSession);
      if (!folded?.after) continue;
      const session = folded.after;
      tables.table<SessionRow>('session').upsert(sessionRow(session, event.occurredAt));
      if (event.type === 'TrainingCompleted') {
        const { employeeId } = event.data as { employeeId: string };
        const attendee = session.attendees.find((a) => a.employeeId === employeeId);
        const result = session.results.find((r) => r.employeeId === employeeId);
        if (attendee && result) {
          tables.table<CompletionRow>('completion').upsert({
            employeeId,
            sessionId: session.sessionId,
            departmentId: attendee.departmentId,
            trainingId: session.trainingId,
            kind: session.kind,
            topic: session.topic,
            score: result.score,
            completedOn: result.recordedOn,
          });
        }
      }
    }
  },
};

function sessionRow(state: TrainingSession, updatedAt: string): SessionRow {
  return { sessionId: state.sessionId, trainingId: state.trainingId, kind: state.kind, departmentId: state.departmentId, heldOn: state.heldOn, state: JSON.stringify(state), updatedAt };
}

function planRow(state: TrainingPlan, updatedAt: string): PlanRow {
  return { departmentId: state.departmentId, year: state.year, version: state.version, state: JSON.stringify(state), updatedAt };
}
