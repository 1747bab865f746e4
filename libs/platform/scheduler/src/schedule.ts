import { EventEnvelope, EventFilter } from '@serviceledger/platform/core';

export interface DueCommand {
  key: string;
  dueAt: string;
  type: string;
  data: unknown;
}

/** What an event does to the schedule: plan a due command (again, if its key exists), or cancel one. */
export type ScheduleChange = { plan: DueCommand } | { cancel: string };

/**
 * A service's due times as a projection of its events: SLA deadlines, rectification deadlines,
 * follow-up visits. Pure: the same events always give the same schedule.
 */
export interface ScheduleDefinition {
  name: string;
  filter: EventFilter;
  changes(event: EventEnvelope): ScheduleChange[];
}
