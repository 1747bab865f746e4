import { EventEnvelope } from '@serviceledger/platform/core';
import { ProjectionDefinition, TableSpec, namedIn } from '@serviceledger/platform/read-models';
import { Warning, WarningEvent, warning } from '@serviceledger/risk/domain';

export const WARNINGS_PROJECTION = 'risk.warnings';

/** A warning's row: the decider's state (JSON) and the columns its lists filter on. */
export interface WarningRow {
  warningId: string;
  indicatorId: string;
  indicatorVersion: number;
  category: string;
  groupKind: string;
  groupKey: string;
  windowKey: string;
  ownerId: string | null;
  status: string;
  riskId: string | null;
  raisedAt: string;
  closedAt: string | null;
  /** The folded warning (JSON): the triggering events, acknowledgement, actions, outcome. */
  state: string;
  position: number;
  updatedAt: string;
}

const str = { type: String, nullable: true };

/** Early warnings by owner and state (K-3.2): each row folds the warning decider's evolve. */
export const warningsProjection: ProjectionDefinition = {
  name: WARNINGS_PROJECTION,
  version: 1,
  filter: { streamPrefixes: ['risk.warning-'] },
  tables: {
    warning: {
      columns: {
        warningId: { type: String, primary: true, name: 'warning_id' },
        indicatorId: { type: String, name: 'indicator_id' },
        indicatorVersion: { type: Number, name: 'indicator_version' },
        category: { type: String },
        groupKind: { type: String, name: 'group_kind' },
        groupKey: { type: String, name: 'group_key' },
        windowKey: { type: String, name: 'window_key' },
        ownerId: { ...str, name: 'owner_id' },
        status: { type: String },
        riskId: { ...str, name: 'risk_id' },
        raisedAt: { type: String, name: 'raised_at' },
        closedAt: { ...str, name: 'closed_at' },
        state: { type: 'text' },
        position: { type: Number },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['ownerId', 'status'] }, { columns: ['status'] }, { columns: ['indicatorId'] }],
    } satisfies TableSpec<WarningRow>,
  },
  async apply(events, tables) {
    const rows = tables.table<WarningRow>('warning');
    await rows.load(namedIn(events, 'warningId'));
    for (const event of events as Array<EventEnvelope & WarningEvent>) {
      const row = await rows.get({ warningId: event.data.warningId });
      if (row && row.position >= event.streamPosition) continue;
      const before: Warning | null = row ? (JSON.parse(row.state) as Warning) : null;
      const after = warning.evolve(before, { type: event.type, data: event.data } as WarningEvent);
      if (!after) continue;
      rows.upsert({
        warningId: after.warningId,
        indicatorId: after.indicator.indicatorId,
        indicatorVersion: after.indicator.version,
        category: after.indicator.category,
        groupKind: after.groupKind,
        groupKey: after.groupKey,
        windowKey: after.window.key,
        ownerId: after.ownerId ?? null,
        status: after.status,
        riskId: after.riskId ?? null,
        raisedAt: after.raisedAt,
        closedAt: after.closed?.at ?? null,
        state: JSON.stringify(after),
        position: event.streamPosition,
        updatedAt: event.occurredAt,
      });
    }
  },
};
