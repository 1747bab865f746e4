import {
  CASE_ACCEPTANCE_PASSED_V1,
  CASE_ACCEPTANCE_REJECTED_V1,
  CASE_CANCELLED_V1,
  CASE_RECTIFICATION_ITEM_FIXED_V1,
  RectificationItemRefV1,
  ServiceDeliveryContractEvent,
} from '@serviceledger/service-delivery/contracts';
import {
  ClockSignal,
  DeliveryCaseLink,
  Metric,
  SlaClock,
  acceptanceItemCaseId,
  clockIdFor,
  clockStream,
  deadlineClockStart,
  deadlineClockTarget,
  deliveryCaseStream,
  trackedCaseStream,
} from '@serviceledger/quality-monitoring/domain';
import { PlannedCommand, isLive, metadataFor } from './clock-planner';

/**
 * Service delivery's acceptance rectification items (P-5.2 "項目團隊應根據意見及時進行整改"; sla-and-metrics.md,
 * "rectification deadline") measured against the fix date agreed with the customer, one clock per item that has
 * one, as a finding's rectification is measured: a `rectification-deadline` clock of kind rectification,
 * 24×7 from the rejection (or the conditional acceptance) to the item's `dueAt`, its item tracked as a case of its
 * own under the delivery case's responsible department, so that its warning and breach name that department, are
 * published like every clock's, and are counted as the findings' rectification clocks are:
 *
 *   case.acceptance-rejected       each item with a fix date: note it on the delivery case, track it, StartClock
 *   case.acceptance-passed         each condition with a fix date: the same (conditions are fixed like items)
 *   case.rectification-item-fixed  StopClock the item's clock (met, or breached when fixed late)
 *   case.cancelled                 CancelClock every item clock still running
 *
 * An item without a fix date has nothing to be measured against, and a rejection published before the items were
 * listed (count only) starts nothing. The next round is organised, and the case closed, only once every item is
 * fixed, so neither ends a clock. The clocks are the live service's only: like the findings' they follow no policy,
 * so a recomputation under other policies keeps their official outcomes (ADR 0011). Command ids derive from the
 * message, so a redelivered message appends nothing.
 */

const METRIC: Metric = 'rectification-deadline';

/** The service-delivery events that drive acceptance rectification clocks. */
export const ACCEPTANCE_RECTIFICATION_EVENTS: readonly string[] = [
  CASE_ACCEPTANCE_REJECTED_V1.type,
  CASE_ACCEPTANCE_PASSED_V1.type,
  CASE_RECTIFICATION_ITEM_FIXED_V1.type,
  CASE_CANCELLED_V1.type,
];

export interface RectificationSnapshot {
  /** The delivery case's link: the department responsible and the items tracked; null before case.opened. */
  link: DeliveryCaseLink | null;
  /** The department of the demand the case delivers: answers for a case linked before its own was kept. */
  demandDepartmentId?: string;
  /** The item clocks that exist, by item id. */
  clocks: Record<string, SlaClock>;
}

/** The delivery case an acceptance rectification event is about, else undefined. */
export function rectificationCaseIdOf(message: ClockSignal): string | undefined {
  return ACCEPTANCE_RECTIFICATION_EVENTS.includes(message.type) ? (message.data as { caseId?: string }).caseId : undefined;
}

/** The items whose clocks the plan of this message reads. */
export function rectificationItemIdsOf(message: ClockSignal, link: DeliveryCaseLink | null): string[] {
  const event = { type: message.type, data: message.data } as ServiceDeliveryContractEvent;
  switch (event.type) {
    case CASE_ACCEPTANCE_REJECTED_V1.type:
      return (event.data.rectificationItems ?? []).map((i) => i.itemId);
    case CASE_ACCEPTANCE_PASSED_V1.type:
      return (event.data.conditions ?? []).map((i) => i.itemId);
    case CASE_RECTIFICATION_ITEM_FIXED_V1.type:
      return [event.data.itemId];
    case CASE_CANCELLED_V1.type:
      return link?.rectificationItemIds ?? [];
    default:
      return [];
  }
}

export function planAcceptanceRectification(message: ClockSignal, snapshot: RectificationSnapshot): PlannedCommand[] {
  const event = { type: message.type, data: message.data } as ServiceDeliveryContractEvent;
  const { link } = snapshot;
  if (!link) return [];
  const departmentId = link.departmentId ?? snapshot.demandDepartmentId;
  const answerable = departmentId ? { answerable: { departmentId } } : {};
  const clockOf = (itemId: string) => {
    const clockId = clockIdFor(acceptanceItemCaseId(link.deliveryCaseId, itemId), METRIC);
    return { clockId, stream: clockStream(clockId) };
  };
  const start = (items: RectificationItemRefV1[] | undefined, requestedAt: string): PlannedCommand[] => {
    const dated = (items ?? []).filter((i): i is Required<RectificationItemRefV1> => !!i.dueAt && !snapshot.clocks[i.itemId]);
    if (dated.length === 0) return [];
    const linkStream = deliveryCaseStream(link.deliveryCaseId);
    const noted: PlannedCommand = {
      kind: 'link',
      stream: linkStream,
      command: { type: 'NoteRectificationItems', data: { deliveryCaseId: link.deliveryCaseId, itemIds: dated.map((i) => i.itemId) }, metadata: metadataFor(message, linkStream, requestedAt) },
    };
    const startedAt = deadlineClockStart(requestedAt);
    return [
      noted,
      ...dated.flatMap((item): PlannedCommand[] => {
        const caseId = acceptanceItemCaseId(link.deliveryCaseId, item.itemId);
        const caseStream = trackedCaseStream(caseId);
        const { clockId, stream } = clockOf(item.itemId);
        return [
          {
            kind: 'case',
            stream: caseStream,
            command: { type: 'TrackCase', data: { caseId, facts: {}, ...(departmentId ? { departmentId } : {}) }, metadata: metadataFor(message, caseStream, requestedAt) },
          },
          {
            kind: 'clock',
            stream,
            command: {
              type: 'StartClock',
              data: { clockId, caseId, caseKind: 'rectification', metric: METRIC, target: deadlineClockTarget(startedAt, item.dueAt) },
              // From the request for rectification, to its minute, so that the clock's deadline is the date agreed.
              metadata: metadataFor(message, stream, startedAt),
            },
          },
        ];
      }),
    ];
  };
  /** The item's clock, if it runs and started before the fact (a redelivered fact must not end a later one). */
  const running = (itemId: string, at: string): { clockId: string; stream: string } | undefined => {
    const clock = snapshot.clocks[itemId];
    return clock && isLive(clock) && clock.startedAt <= at ? clockOf(itemId) : undefined;
  };
  switch (event.type) {
    case CASE_ACCEPTANCE_REJECTED_V1.type:
      return start(event.data.rectificationItems, event.data.rejectedAt);
    case CASE_ACCEPTANCE_PASSED_V1.type:
      return start(event.data.conditions, event.data.acceptedAt);
    case CASE_RECTIFICATION_ITEM_FIXED_V1.type: {
      const { itemId, fixedAt } = event.data;
      const clock = running(itemId, fixedAt);
      if (!clock) return [];
      return [{ kind: 'clock', stream: clock.stream, command: { type: 'StopClock', data: { clockId: clock.clockId, ...answerable }, metadata: metadataFor(message, clock.stream, fixedAt) } }];
    }
    case CASE_CANCELLED_V1.type: {
      const at = event.data.cancelledAt;
      return (link.rectificationItemIds ?? []).flatMap((itemId): PlannedCommand[] => {
        const clock = running(itemId, at);
        if (!clock) return [];
        const reason = 'Service case cancelled: its rectification is no longer owed';
        return [{ kind: 'clock', stream: clock.stream, command: { type: 'CancelClock', data: { clockId: clock.clockId, reason, ...answerable }, metadata: metadataFor(message, clock.stream, at) } }];
      });
    }
    default:
      return [];
  }
}
