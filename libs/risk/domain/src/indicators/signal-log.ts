import { Aggregate, Command, Decider, streamOf } from '@serviceledger/platform/core';
import { Signal } from './signal';
import { localDay } from './windows';

/**
 * The signals risk received, kept per local day (`risk.signals-<YYYY-MM-DD>`), as quality monitoring keeps
 * the messages that drive its clocks (ADR 0011): a back-test replays them through the same window decider
 * under an indicator or threshold not yet in force. Append-only: recording reads none of the day's events;
 * the same message recorded twice is recognised by its command id (the message id).
 */
export type RecordSignal = Command<'RecordSignal', { signal: Signal }>;
export type SignalRecorded = { type: 'SignalRecorded'; data: { day: string; signal: Signal } };

export const signalLog: Decider<RecordSignal, SignalRecorded, null> = {
  initialState: () => null,
  evolve: (state) => state,
  decide: (command) => [{ type: 'SignalRecorded', data: { day: localDay(command.data.signal.occurredAt), signal: command.data.signal } }],
  appendOnly: true,
};

export const signalLogs: Aggregate<RecordSignal, SignalRecorded, null> = {
  name: 'Signal log',
  streamPrefix: 'risk.signals-',
  decider: signalLog,
  idOf: (command) => localDay(command.data.signal.occurredAt),
  creates: ['RecordSignal'],
};

export const signalLogStream = (day: string): string => streamOf(signalLogs, day);
