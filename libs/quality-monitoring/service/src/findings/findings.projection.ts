import { EventEnvelope } from '@serviceledger/platform/core';
import { ProjectionDefinition, TableSpec, namedIn } from '@serviceledger/platform/read-models';
import { Finding, FindingEvent, finding } from '@serviceledger/quality-monitoring/domain';

export const FINDINGS_PROJECTION = 'quality-monitoring.findings';

export interface FindingRow {
  findingId: string;
  departmentId: string;
  responsibleId: string;
  subject: string;
  status: string;
  round: number;
  deadline: string | null;
  caseId: string | null;
  /** The process stage it improves (P-6.3). */
  processStage: string | null;
  raisedAt: string;
  passedAt: string | null;
  /** The folded finding (JSON): requirements, measures, report, re-checks. */
  state: string;
  position: number;
  updatedAt: string;
}

const str = { type: String, nullable: true };

/** Findings and their rectification, by state and department. */
export const findingsProjection: ProjectionDefinition = {
  name: FINDINGS_PROJECTION,
  // 2: the process stage a finding improves.
  version: 2,
  filter: { streamPrefixes: ['quality-monitoring.finding-'] },
  tables: {
    finding: {
      columns: {
        findingId: { type: String, primary: true, name: 'finding_id' },
        departmentId: { type: String, name: 'department_id' },
        responsibleId: { type: String, name: 'responsible_id' },
        subject: { type: 'text' },
        status: { type: String },
        round: { type: Number },
        deadline: { ...str },
        caseId: { ...str, name: 'case_id' },
        processStage: { ...str, name: 'process_stage' },
        raisedAt: { type: String, name: 'raised_at' },
        passedAt: { ...str, name: 'passed_at' },
        state: { type: 'text' },
        position: { type: Number },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['departmentId', 'status'] }, { columns: ['status'] }],
    } satisfies TableSpec<FindingRow>,
  },
  async apply(events, tables) {
    const rows = tables.table<FindingRow>('finding');
    await rows.load(namedIn(events, 'findingId'));
    for (const event of events as Array<EventEnvelope & FindingEvent>) {
      const row = await rows.get({ findingId: event.data.findingId });
      if (row && row.position >= event.streamPosition) continue;
      const before: Finding | null = row ? (JSON.parse(row.state) as Finding) : null;
      const after = finding.evolve(before, { type: event.type, data: event.data } as FindingEvent);
      if (!after) continue;
      rows.upsert({
        findingId: after.findingId,
        departmentId: after.departmentId,
        responsibleId: after.responsibleId,
        subject: after.subject,
        status: after.status,
        round: after.round,
        deadline: after.deadline ?? null,
        caseId: after.caseId ?? null,
        processStage: after.processStage ?? null,
        raisedAt: after.raisedAt,
        passedAt: after.passedAt ?? null,
        state: JSON.stringify(after),
        position: event.streamPosition,
        updatedAt: event.occurredAt,
      });
    }
  },
};
