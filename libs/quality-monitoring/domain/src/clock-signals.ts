import { Aggregate, Command, Decider, streamOf } from '@serviceledger/platform/core';

/**
 * The other services' messages that drive a demand's clocks (every intake message about the demand, and
 * service-delivery's case events the planner acts on), kept as they arrived, one stream per demand. Two
 * things need them after the fact:
 * - a service-delivery fact that arrives before the demand's registration (another topic, so no order
 *   between them) is applied again once the registration has arrived;
 * - a recomputation replays a period's clocks under other policies (issue 6, item 8): a new policy may
 *   pause on a waiting state, or measure a metric, that the clocks that ran never recorded.
 * Each message is kept once, under its id, so a redelivery records nothing.
 */

/** A contract message as the clock planner reads it. */
export interface ClockSignal {
  id: string;
  type: string;
  data: unknown;
  time: string;
  extensions?: { correlationid?: string; traceparent?: string };
}

export interface ClockSignals {
  signals: ClockSignal[];
}

export type RecordClockSignal = Command<'RecordClockSignal', { demandId: string; signal: ClockSignal }>;
export type ClockSignalRecorded = { type: 'ClockSignalRecorded'; data: { demandId: string; signal: ClockSignal } };

export const clockSignals: Decider<RecordClockSignal, ClockSignalRecorded, ClockSignals> = {
  initialState: () => ({ signals: [] }),
  evolve: (state, event) => ({ signals: [...state.signals, event.data.signal] }),
  decide(command, state) {
    const { demandId, signal } = command.data;
    if (state.signals.some((s) => s.id === signal.id)) return [];
    return [{ type: 'ClockSignalRecorded', data: { demandId, signal } }];
  },
};

/** A demand's signals are in `quality-monitoring.signals-<demandId>`. */
export const clockSignalLogs: Aggregate<RecordClockSignal, ClockSignalRecorded, ClockSignals> = {
  name: 'Clock signals',
  streamPrefix: 'quality-monitoring.signals-',
  decider: clockSignals,
  idOf: (command) => command.data.demandId,
  creates: ['RecordClockSignal'],
};

export const clockSignalsStream = (demandId: string): string => streamOf(clockSignalLogs, demandId);
