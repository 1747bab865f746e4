import { Command, CommandMetadata, RuleViolation, Upcaster } from '@serviceledger/platform/core';
import type { Demand, DemandResumed } from './demand';

/**
 * Waiting is a pause beside the status: the demand waits on the customer (information, a test, an
 * appointment) or on a third party that holds the next step — a vendor, a partner (C-3.1), a carrier.
 * Resolution clocks pause while it waits (the SLA spec). It waits on one at a time: a wait has one start
 * and one party, and resuming ends that wait; to wait on someone else, resume first.
 *
 * Only a wait on the customer pauses a complaint's promise (C-2.3): the customer was told a handling
 * time, and a vendor of ours being slow is our delay, not theirs.
 */
export type WaitedOn = 'customer' | 'third-party';

export type WaitOnThirdParty = Command<
  'WaitOnThirdParty',
  {
    demandId: string;
    /** Who the demand waits on, in a few words: "HP support", "SF Express". */
    party: string;
    reason: string;
    /** The partner it waits on, by its id in the resource service (C-3.1), when it is one: its UC policy measures the wait. */
    partnerId?: string;
  }
>;

export type DemandWaitingOnThirdParty = {
  type: 'DemandWaitingOnThirdParty';
  data: { demandId: string; party: string; reason: string; since: string; partnerId?: string };
};

/** The wait a demand is in, if any. */
export function currentWait(state: Demand): { waitedOn: WaitedOn; since: string } | undefined {
  if (state.waitingOnCustomerSince) return { waitedOn: 'customer', since: state.waitingOnCustomerSince };
  if (state.waitingOnThirdParty) return { waitedOn: 'third-party', since: state.waitingOnThirdParty.since };
  return undefined;
}

export function ensureNotWaiting(state: Demand): void {
  const wait = currentWait(state);
  if (!wait) return;
  const whom = state.waitingOnThirdParty ? state.waitingOnThirdParty.party : 'the customer';
  throw new RuleViolation(
    'already-waiting',
    `Demand ${state.reference} has been waiting on ${whom} since ${wait.since}: resume it first`,
  );
}

/** Decides a wait on a third party for an open demand, not waiting, whose reason the caller has checked. */
export function waitOnThirdParty(
  state: Demand,
  command: WaitOnThirdParty,
  reason: string,
): [DemandWaitingOnThirdParty] {
  const party = command.data.party.trim();
  const partnerId = command.data.partnerId?.trim();
  if (!party) {
    throw new RuleViolation('party-required', `Waiting on a third party names who demand ${state.reference} waits on`);
  }
  return [
    {
      type: 'DemandWaitingOnThirdParty',
      data: { demandId: state.demandId, party, reason, since: command.metadata.at, ...(partnerId ? { partnerId } : {}) },
    },
  ];
}

/** Ends the wait the demand is in, whichever it is. */
export function resume(state: Demand, metadata: CommandMetadata, trigger: DemandResumed['data']['trigger']): DemandResumed {
  const wait = currentWait(state);
  if (!wait) {
    throw new RuleViolation(
      'not-waiting',
      `Demand ${state.reference} is not waiting on the customer or a third party, so there is nothing to resume`,
    );
  }
  return {
    type: 'DemandResumed',
    data: {
      demandId: state.demandId,
      trigger,
      waitedOn: wait.waitedOn,
      waitingSince: wait.since,
      resumedAt: metadata.at,
    },
  };
}

/** `DemandResumed` at schema version 2 says which wait ended; every earlier one ended a wait on the customer. */
export const DEMAND_RESUMED_SCHEMA_VERSION = 2;

export const demandUpcasters: Upcaster[] = [
  {
    type: 'DemandResumed',
    fromVersion: 1,
    upcast: (data) => ({ ...(data as object), waitedOn: 'customer' }),
  },
];
