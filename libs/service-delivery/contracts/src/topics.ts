/** The CloudEvents `source` of everything service-delivery publishes. */
export const SERVICE_DELIVERY_SOURCE = '/serviceledger/service-delivery';

/**
 * Every public event about one service case — its plan, delivery, acceptance, follow-up visits and
 * after-sales problems — goes to one topic keyed by the case id, so a consumer sees a case's events in
 * the order they happened. The topic's version changes only for a change that breaks its consumers.
 */
export const SERVICE_DELIVERY_CASE_TOPIC = 'serviceledger.service-delivery.case.v1';

/** Technical standards' versions (P-4.2), keyed by the standard id: not about any one case. */
export const SERVICE_DELIVERY_STANDARD_TOPIC = 'serviceledger.service-delivery.standard.v1';

/** Internal meetings (C-1.1): missed ones, departments not reporting, overdue actions; keyed by the kind or the meeting. */
export const SERVICE_DELIVERY_MEETING_TOPIC = 'serviceledger.service-delivery.meeting.v1';

export const SERVICE_DELIVERY_TOPICS = {
  case: SERVICE_DELIVERY_CASE_TOPIC,
  standard: SERVICE_DELIVERY_STANDARD_TOPIC,
  meeting: SERVICE_DELIVERY_MEETING_TOPIC,
} as const;

export type ServiceDeliveryTopic = (typeof SERVICE_DELIVERY_TOPICS)[keyof typeof SERVICE_DELIVERY_TOPICS];
