import { RuleViolation } from '@serviceledger/platform/core';
import { DemandKind } from './classification';
import type { ComplaintRegistered, Demand, PromiseComplaintHandling } from './demand';
import { Priority } from './priority';

/**
 * C-2.3: the handling time promised to a complaining customer when the agent gives none, in hours.
 * These are the hours the customer is told, so they run on the wall clock; quality-monitoring
 * measures the same promise against its business calendar.
 */
const DEFAULT_PROMISED_HANDLING_HOURS: Record<Priority, number> = { P1: 4, P2: 24, P3: 48, P4: 72 };

export function defaultPromisedHandlingHours(priority: Priority): number {
  return DEFAULT_PROMISED_HANDLING_HOURS[priority];
}

/** The longest handling time a complaint may be promised: ninety days. */
export const MAX_PROMISED_HANDLING_HOURS = 24 * 90;

/**
 * C-2.3 "向客戶承諾處理時間和結果": only a complaint is promised a handling time and a result, a complaint
 * is always promised a result (the regulation gives none to fall back on: what is promised depends on
 * what the customer complains of), and a handling time promised is some time ahead.
 */
export function ensurePromiseFits(
  kind: DemandKind,
  promisedHandlingHours: number | undefined,
  promisedResult: string | undefined,
): string | undefined {
  if (kind !== 'complaint') {
    if (promisedHandlingHours === undefined && promisedResult === undefined) return undefined;
    throw new RuleViolation(
      'promise-for-non-complaint',
      `Only a complaint is promised a handling time and a result (C-2.3), not a demand of kind ${kind}`,
    );
  }
  const result = promisedResult?.trim();
  if (!result) {
    throw new RuleViolation(
      'promised-result-required',
      'A complaint is registered with the result promised to the customer (C-2.3 向客戶承諾處理時間和結果)',
    );
  }
  if (promisedHandlingHours === undefined) return result;
  if (!(promisedHandlingHours > 0)) {
    throw new RuleViolation(
      'promise-not-positive',
      `The promised handling time must be a positive number of hours, not ${promisedHandlingHours}`,
    );
  }
  if (!(promisedHandlingHours <= MAX_PROMISED_HANDLING_HOURS)) {
    throw new RuleViolation(
      'promise-too-long',
      `The promised handling time is at most ${MAX_PROMISED_HANDLING_HOURS} hours (90 days), not ${promisedHandlingHours}`,
    );
  }
  return result;
}

/** The promise as it stands: waiting on the customer stops its clock and moves the due time on by the wait. */
export interface ComplaintPromise {
  promisedHandlingHours: number;
  dueAt: string;
  /** What the customer was promised the handling would bring; absent on complaints registered before it was recorded. */
  promisedResult?: string;
  pausedSince?: string;
}

const HOUR_MS = 60 * 60 * 1000;

export function makePromise(at: string, promisedHandlingHours: number): ComplaintPromise {
  return { promisedHandlingHours, dueAt: new Date(Date.parse(at) + promisedHandlingHours * HOUR_MS).toISOString() };
}

export function pausePromise(promise: ComplaintPromise, at: string): ComplaintPromise {
  return { ...promise, pausedSince: at };
}

export function resumePromise(promise: ComplaintPromise, at: string): ComplaintPromise {
  const { pausedSince, ...running } = promise;
  if (!pausedSince) return promise;
  const waited = Date.parse(at) - Date.parse(pausedSince);
  return { ...running, dueAt: new Date(Date.parse(promise.dueAt) + waited).toISOString() };
}

/** Whether the promise was broken by `at`; while paused the clock stands at the start of the pause. */
export function isPromiseBroken(promise: ComplaintPromise, at: string): boolean {
  return Date.parse(promise.pausedSince ?? at) > Date.parse(promise.dueAt);
}

/**
 * C-2.3 "向客戶承諾處理時間和結果": staff promise a complaint a customer registered through the portal (it
 * came without a promise: the company promises, not the customer). The complaint is registered as it is
 * when staff take one by phone, its handling time running from now, the company's default for the
 * priority when they give none: counted from the portal registration, a promise would be partly spent,
 * or broken, the moment it is given. The time before it is measured by first response and resolution.
 */
export function promiseComplaint(state: Demand, command: PromiseComplaintHandling): ComplaintRegistered {
  if (state.kind !== 'complaint') {
    throw new RuleViolation(
      'not-a-complaint',
      `Demand ${state.reference} is not a complaint: reclassify it as one, with the promise (C-2.3)`,
    );
  }
  if (state.complaint) {
    throw new RuleViolation(
      'complaint-already-promised',
      `Complaint ${state.reference} was promised its handling by ${state.complaint.promise.dueAt}: a promise given stands (C-2.3)`,
    );
  }
  if (state.waitingOnCustomerSince) {
    throw new RuleViolation(
      'complaint-while-waiting',
      `Demand ${state.reference} has been waiting on the customer since ${state.waitingOnCustomerSince}: ` +
        'resume it before promising, so the promised handling time runs from now',
    );
  }
  const { promisedHandlingHours: hours, promisedResult: result } = command.data;
  const promisedResult = ensurePromiseFits('complaint', hours, result)!;
  const promisedHandlingHours = hours ?? defaultPromisedHandlingHours(state.priority);
  const { dueAt } = makePromise(command.metadata.at, promisedHandlingHours);
  return {
    type: 'ComplaintRegistered',
    data: { demandId: state.demandId, priority: state.priority, promisedHandlingHours, promisedResult, dueAt },
  };
}
