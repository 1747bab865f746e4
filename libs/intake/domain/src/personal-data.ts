import { PersonalDataDeclarations } from '@serviceledger/platform/core';
import { CustomerErased, CustomerRegistered, CustomerUpdated, PERSONAL_FIELDS } from './customer';
import { DEMAND_FREE_TEXT_FIELDS, DEMAND_PERSONAL_FIELDS, DemandRegistered } from './demand';

/**
 * Where intake's events hold a customer's personal data (R-3.1, ADR 0016): the platform stores these
 * fields encrypted with the customer's data key, and `CustomerErased` destroys that key. Besides the
 * contact, the free text written by or to the customer is theirs, since a name or a phone number typed
 * into it is not recognised: the demand's subject and description, the bodies of their messages and of
 * the replies, what a complaint promised them, the result told them and why the promise was not kept;
 * and the names of the files attached by or to them (`invoice-li-wei.pdf`), item by item, while each
 * attachment's type, size and hash stay plain. So is the text staff write on the customer's demand, where
 * a name or a number of theirs is as easily typed: internal notes, the resolution, the reasons given for a
 * triage override, a reclassification, a reassignment, a wait, a closure or a withdrawal, complaint
 * handling steps, and the coordination agreed (each department's responsibility, the cooperation, the
 * joint solution, also as the release to delivery carries it). Who a demand waits on (`party`, a vendor or
 * a partner, published) stays plain. Identifiers, channels and times stay plain: threading, clocks and
 * queues work on them. An event on a demand names no customer: it belongs to the customer its demand was
 * registered for, or, filed under the unverified senders, to the demand itself until the customer whose
 * address it came from is erased.
 */
/**
 * The data subject of a demand filed under the unverified senders (mail from an address no customer was
 * known by): a subject of its own, not the shared unverified-senders customer, so that erasing the customer
 * whose address it came from erases it too (`CustomerErased.unverifiedDemandIds`).
 */
export const unverifiedSenderSubject = (demandId: string): string => `intake.unverified-sender-demand-${demandId}`;

/** Each attachment's file name: a name given by or for the customer. */
const ATTACHMENT_NAMES = 'attachments[].name';
/** What each department agreed to do for the demand; the departments' ids stay plain. */
const RESPONSIBILITIES = 'responsibilities[].responsibility';

/** Staff text on a customer's demand: each event type and the fields where staff wrote it. */
const STAFF_TEXT: ReadonlyArray<[eventType: string, fields: string[]]> = [
  ['InternalNoteAdded', ['body']],
  ['DemandTriaged', ['reason']],
  ['DemandReclassified', ['reason']],
  ['DemandReassigned', ['reason']],
  ['CoordinationRecorded', [RESPONSIBILITIES, 'cooperation', 'jointSolution']],
  ['DemandReleasedToDelivery', [RESPONSIBILITIES]],
  ['DemandWaitingOnCustomer', ['reason']],
  ['DemandWaitingOnThirdParty', ['reason']],
  ['ComplaintHandlingStepRecorded', ['description']],
  ['DemandResolved', ['resolution']],
  ['DemandClosed', ['reason']],
  ['DemandWithdrawn', ['reason']],
];

export const intakePersonalData: PersonalDataDeclarations = {
  personal: [
    { eventType: 'CustomerRegistered', fields: PERSONAL_FIELDS, subject: (data: CustomerRegistered['data']) => data.customerId },
    {
      eventType: 'CustomerUpdated',
      fields: PERSONAL_FIELDS.map((field) => `changes.${field}`),
      subject: (data: CustomerUpdated['data']) => data.customerId,
    },
    {
      eventType: 'DemandRegistered',
      fields: [...DEMAND_PERSONAL_FIELDS, ...DEMAND_FREE_TEXT_FIELDS, ATTACHMENT_NAMES],
      subject: (data: DemandRegistered['data']) => (data.senderNotVerified ? unverifiedSenderSubject(data.demandId) : data.customerId),
    },
    { eventType: 'CustomerMessageReceived', fields: ['from', 'subject', 'body', ATTACHMENT_NAMES], subject: 'stream' },
    { eventType: 'CustomerReplySent', fields: ['body', ATTACHMENT_NAMES], subject: 'stream' },
    { eventType: 'ComplaintRegistered', fields: ['promisedResult'], subject: 'stream' },
    { eventType: 'ComplaintResultCommunicated', fields: ['result'], subject: 'stream' },
    { eventType: 'ComplaintResolved', fields: ['promisedResultNote'], subject: 'stream' },
    ...STAFF_TEXT.map(([eventType, fields]) => ({ eventType, fields, subject: 'stream' as const })),
  ],
  erasures: [
    {
      eventType: 'CustomerErased',
      subject: (data: CustomerErased['data']) => [data.customerId, ...(data.unverifiedDemandIds ?? []).map(unverifiedSenderSubject)],
    },
  ],
};
