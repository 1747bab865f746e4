import { Command, CommandMetadata, RuleViolation } from '@serviceledger/platform/core';
import { DemandKind } from './classification';
import { defaultPromisedHandlingHours, ensurePromiseFits, makePromise } from './complaint-promise';
import type { ComplaintRegistered, Demand } from './demand';

/**
 * P-1.1, C-2.3: an agent corrects what a demand is. The e-mail channel takes every mail as an enquiry,
 * and a call may be logged as one before the customer's complaint is heard; the regulation sends every
 * complaint, whatever its channel, through the complaint process.
 */
export type ReclassifyDemand = Command<
  'ReclassifyDemand',
  {
    demandId: string;
    kind: DemandKind;
    reason: string;
    /** Only when it becomes a complaint: the agent's promise; left out, the default for the priority. */
    promisedHandlingHours?: number;
    /** Required when it becomes a complaint: the result promised to the customer (C-2.3). */
    promisedResult?: string;
  }
>;

/** Named `previousKind`, not `from`: a timeline's `from` is a sender's address, masked as personal data. */
export type DemandReclassified = {
  type: 'DemandReclassified';
  data: {
    demandId: string;
    previousKind: DemandKind;
    kind: DemandKind;
    reason: string;
    reclassifiedBy: string;
    reclassifiedAt: string;
  };
};

/**
 * Decides a reclassification of an open demand whose reason the caller has checked. Becoming a complaint
 * registers it as one, as registering a complaint does, with its promise due from now: the customer was
 * promised nothing before, so counting from registration would make a promise already partly spent, or
 * broken, the moment it is given.
 */
export function reclassify(
  state: Demand,
  command: ReclassifyDemand,
  reason: string,
): [DemandReclassified] | [DemandReclassified, ComplaintRegistered] {
  const { kind, promisedHandlingHours } = command.data;
  ensureKindMayChange(state, kind);
  const promisedResult = ensurePromiseFits(kind, promisedHandlingHours, command.data.promisedResult);
  const { metadata } = command;
  const reclassified: DemandReclassified = {
    type: 'DemandReclassified',
    data: {
      demandId: state.demandId,
      previousKind: state.kind,
      kind,
      reason,
      reclassifiedBy: metadata.actor.userId,
      reclassifiedAt: metadata.at,
    },
  };
  if (promisedResult === undefined) return [reclassified];
  return [reclassified, complaintRegistered(state, metadata, promisedHandlingHours, promisedResult)];
}

function ensureKindMayChange(state: Demand, kind: DemandKind): void {
  if (kind === state.kind) {
    throw new RuleViolation('kind-unchanged', `Demand ${state.reference} is already of kind ${kind}`);
  }
  // The customer holds the promise and quality monitoring counts the complaint; neither can be taken
  // back, so a complaint made by mistake ends through the complaint process, with its result told.
  if (state.complaint) {
    throw new RuleViolation(
      'complaint-kind-fixed',
      `Demand ${state.reference} is a complaint: it goes through the complaint process and keeps its kind (C-2.3)`,
    );
  }
  // A promise runs from the moment it is given: resumed first, intake's due time and quality monitoring's
  // clock, which both start running, stay in step.
  if (kind === 'complaint' && state.waitingOnCustomerSince) {
    throw new RuleViolation(
      'complaint-while-waiting',
      `Demand ${state.reference} has been waiting on the customer since ${state.waitingOnCustomerSince}: ` +
        'resume it before it becomes a complaint, so the promised handling time runs from now',
    );
  }
}

function complaintRegistered(
  state: Demand,
  metadata: CommandMetadata,
  hours: number | undefined,
  promisedResult: string,
): ComplaintRegistered {
  const promisedHandlingHours = hours ?? defaultPromisedHandlingHours(state.priority);
  const { dueAt } = makePromise(metadata.at, promisedHandlingHours);
  return {
    type: 'ComplaintRegistered',
    data: { demandId: state.demandId, priority: state.priority, promisedHandlingHours, promisedResult, dueAt },
  };
}
