/**
 * A signal: one public event of another service that risk indicators may count (K-3.2), kept as risk
 * received it (its message id, contract type and time) with the fields the indicators read from it. Risk
 * keeps no other part of the event: no free text, no personal data beyond the ids it groups by.
 */
export type SignalValue = string | number | boolean | null;

export interface Signal {
  /** The message id of the contract event: the same event redelivered is the same signal. */
  id: string;
  /** The contract type, e.g. `serviceledger.intake.complaint.registered.v1`. */
  type: string;
  occurredAt: string;
  fields: Record<string, SignalValue>;
}

/** What a window and a warning keep of each signal that counted: which event, of what type, when. */
export interface CountedSignal {
  id: string;
  type: string;
  occurredAt: string;
}

export const countedOf = ({ id, type, occurredAt }: Signal | CountedSignal): CountedSignal => ({ id, type, occurredAt });

/** In time order, ties broken by id, so a replay in another order keeps the same order. */
export function byTime(a: CountedSignal, b: CountedSignal): number {
  return Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
