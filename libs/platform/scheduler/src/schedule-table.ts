import { EntitySchema } from 'typeorm';

export type DueStatus = 'pending' | 'sent' | 'cancelled';

export interface DueCommandRow {
  /** Deterministic key chosen by the schedule, e.g. `follow-up:<case>:7d`; also the command id's seed. */
  key: string;
  schedule: string;
  dueAt: Date;
  commandType: string;
  payload: string;
  status: DueStatus;
  sentAt: Date | null;
  /** The event that planned it, its correlation and trace: the due command carries them on. */
  causeId: string | null;
  correlationId: string | null;
  traceparent: string | null;
}

/** Due commands, kept by the schedule projections and drained by the poller. */
export const DueCommandTable = new EntitySchema<DueCommandRow>({
  name: 'platform_due_command',
  columns: {
    key: { type: String, primary: true, length: 250 },
    schedule: { type: String, length: 200 },
    dueAt: { type: Date, name: 'due_at' },
    commandType: { type: String, name: 'command_type', length: 200 },
    payload: { type: 'text' },
    status: { type: String, length: 20 },
    sentAt: { type: Date, name: 'sent_at', nullable: true },
    causeId: { type: String, name: 'cause_id', length: 100, nullable: true },
    correlationId: { type: String, name: 'correlation_id', length: 200, nullable: true },
    traceparent: { type: String, length: 100, nullable: true },
  },
  indices: [{ columns: ['status', 'dueAt'] }],
});
