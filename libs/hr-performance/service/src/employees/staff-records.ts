import { Injectable } from '@nestjs/common';
import { ReadModels } from '@serviceledger/platform/nest';
import { Employee, TrainingKind } from '@serviceledger/hr-performance/domain';
import { CompletionRow, TRAINING_PROJECTION } from '../training/training.projection';
import { EmployeeRow, STAFF_PROJECTION } from './staff.projection';

/** What promotion (H-3.2) asks of a person's record: their track, level and since when, and the trainings they completed. */
export type StaffFacts = Pick<Employee, 'employeeId' | 'departmentId' | 'postId' | 'track' | 'level' | 'levelSince' | 'hiredOn'> & {
  leftOn: string | null;
  completedTrainings: Array<{ trainingId: string; kind: TrainingKind; topic: string; sessionId: string; completedOn: string; score: number | null }>;
};

/**
 * The staff record as other parts of the service read it (promotions): from the read models, unscoped — the
 * caller's own route decides who may act. Undefined for someone not on the record.
 */
@Injectable()
export class StaffRecords {
  constructor(private readonly readModels: ReadModels) {}

  async facts(employeeId: string): Promise<StaffFacts | undefined> {
    const row = await this.readModels.repository<EmployeeRow>(STAFF_PROJECTION, 'employee').findOneBy({ employeeId });
    if (!row) return undefined;
    const employee = JSON.parse(row.state) as Employee;
    const completions = await this.readModels.repository<CompletionRow>(TRAINING_PROJECTION, 'completion').find({ where: { employeeId }, order: { completedOn: 'ASC', sessionId: 'ASC' } });
    return {
      employeeId,
      departmentId: employee.departmentId,
      postId: employee.postId,
      track: employee.track,
      level: employee.level,
      levelSince: employee.levelSince,
      hiredOn: employee.hiredOn,
      leftOn: employee.leftOn ?? null,
      completedTrainings: completions.map(({ trainingId, kind, topic, sessionId, completedOn, score }) => ({ trainingId, kind: kind as TrainingKind, topic, sessionId, completedOn, score })),
    };
  }
}
