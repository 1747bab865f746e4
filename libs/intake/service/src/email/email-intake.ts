import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { In } from 'typeorm';
import { Actor, Clock, CommandMetadata, EventStore, RuleViolation, commandIdFrom } from '@serviceledger/platform/core';
import { CLOCK, Commands, EVENT_STORE, ReadModels } from '@serviceledger/platform/nest';
import {
  AttachmentMetadata,
  customers,
  demands,
  ensureAttachmentsWithinLimits,
  findDemandReference,
  normaliseEmail,
  singleLineText,
} from '@serviceledger/intake/domain';
import { DemandRegistration, EmailDemandDetails } from '../demands/demand-registration';
import { CUSTOMERS_PROJECTION, CustomerRow } from '../projections/customers.projection';
import { DemandMessageRow, DemandRow } from '../projections/demand-rows';
import { DEMANDS_PROJECTION } from '../projections/demands.projection';
import { threadKeys } from './thread-keys';
import { InboundEmail } from './inbound-email';
import { IntakeMailConfig } from './intake-mail-config';
import { MalformedEmailError } from './malformed-email-error';
import { parseEmail } from './parse-email';
import { SenderEvidence, proveSender } from './sender-proof';
import { REGISTER_UNVERIFIED_SENDERS_COMMAND_ID, SenderClaim, UNVERIFIED_SENDERS, unverifiedSenderNote } from './unverified-senders';

/** The largest raw message either channel takes, SMTP (SIZE) and HTTP (body limit) alike. */
export const MAX_INBOUND_EMAIL_BYTES = 10 * 1024 * 1024;

/** Who acts for mail that arrives over SMTP: nobody signed it, the listener hands it on. */
export const SMTP_ACTOR: Actor = { userId: 'system:smtp', roles: ['agent'], departments: ['customer-service'] };

export type EmailIntakeOutcome = 'new-demand' | 'added-to-conversation' | 'duplicate';

/** What became of an inbound e-mail. */
export interface EmailIntakeResult {
  demandId: string;
  reference: string;
  outcome: EmailIntakeOutcome;
  /** Pass as `?after=` to a query to read the effect; for a duplicate, a checkpoint the read models have passed. */
  checkpoint?: string;
  /**
   * Set when the mail answered a demand that had already ended: it opened the new demand instead,
   * whose timeline notes the one it answered.
   */
  repliedTo?: { demandId: string; reference: string; status: EndedStatus };
  /** Set when the mail did not prove its sender (or not as one of the demand it answered): its demand is flagged and filed apart. */
  senderNotVerified?: true;
}

/** What a command sent for the mail carries from the request it came with. */
export type MailTrace = Partial<Pick<CommandMetadata, 'correlationId' | 'traceparent'>>;

/** Closed and withdrawn demands are history: a reply to one opens a new demand. */
const ENDED_STATUSES = ['closed', 'withdrawn'] as const;
type EndedStatus = (typeof ENDED_STATUSES)[number];

/** A reference chain longer than this is cut to its newest ids, which are the ones that thread. */
const MAX_THREAD_KEYS = 100;
const MAX_SUBJECT_LENGTH = 200;
/**
 * Until triage decides (P-1.3), a mail is of the lowest impact and urgency; and an enquiry until an agent
 * reclassifies it (a complaint by mail, say: `ReclassifyDemand`).
 */
const MAIL_KIND = 'enquiry';
const MAIL_LEVEL = 3;

/**
 * The e-mail channel (P-1.1): turns an inbound message, from the SMTP listener or the HTTP endpoint,
 * into a new demand or a message on the conversation it answers.
 *
 * Every command it sends has an id derived from the mail's Message-ID, so a mail delivered twice,
 * over either channel, appends once. A reply is found by its In-Reply-To/References ids first and
 * by a reference in its subject second.
 *
 * Nothing in a mail is believed until it proves its sender (sender-proof.ts). A proven sender who is
 * the contact of the demand the mail answers, or whose address is its customer's, is added to that
 * demand; a proven sender's new mail is filed under the customer with that address, or a new customer
 * flagged for review. Any other mail opens a demand flagged senderNotVerified under the unverified
 * senders (unverified-senders.ts), noting what it claimed, and adds nothing to what it claimed.
 */
@Injectable()
export class EmailIntake {
  /** The mail being taken now; the next waits for it. */
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly commands: Commands,
    private readonly registration: DemandRegistration,
    private readonly readModels: ReadModels,
    private readonly config: IntakeMailConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The receivedAt stamp of a message arriving now. */
  now(): string {
    return this.clock.now().toISOString();
  }

  /**
   * A raw RFC 822 message, handed in over HTTP by the relay as it arrived: its envelope sender is the
   * Return-Path the delivery recorded. Throws MalformedEmailError, appending nothing, for one that
   * cannot become a demand.
   */
  async receive(raw: Buffer, actor: Actor, trace: MailTrace = {}): Promise<EmailIntakeResult> {
    const email = await parseEmail(raw, this.now());
    const sender: SenderEvidence = { smtpAuthenticated: false, ...(email.returnPath === undefined ? {} : { envelopeSender: email.returnPath }) };
    return this.accept(email, sender, actor, trace);
  }

  /**
   * A message the SMTP listener has already parsed. Mails are taken one at a time in this process,
   * so a reply delivered on a parallel connection still finds the demand the mail before it opened.
   */
  async accept(email: InboundEmail, sender: SenderEvidence, actor: Actor, trace: MailTrace = {}): Promise<EmailIntakeResult> {
    const taking = this.inFlight.then(() => this.take(email, sender, actor, trace));
    this.inFlight = taking.catch(() => undefined);
    return taking;
  }

  private async take(email: InboundEmail, sender: SenderEvidence, actor: Actor, trace: MailTrace): Promise<EmailIntakeResult> {
    const attachments = attachmentsOf(email);
    const head = await this.readModelsCaughtUp();
    const seen = await this.demandHolding([email.messageId]);
    if (seen) return { demandId: seen.demandId, reference: seen.reference, outcome: 'duplicate', ...checkpoint(head) };

    const mail = new MailCommands(email, actor, trace);
    const proof = proveSender(email, sender, this.config.trustedAuthservIds);
    const address = normaliseEmail(email.from.address);
    const answered = await this.demandAnswered(email);
    if (answered) {
      if (!proof.proven) return this.openUnverified(email, attachments, mail, proof.why, { demand: answered });
      if (!(await this.isOfDemand(address, answered))) {
        const why = `the sender is proven (${proof.by}), but is neither the contact of demand ${answered.reference} nor the address of its customer`;
        return this.openUnverified(email, attachments, mail, why, { demand: answered });
      }
      if (!isEnded(answered.status)) return this.addToConversation(answered, email, attachments, mail, head);
      const repliedTo = { demandId: answered.demandId, reference: answered.reference, status: answered.status };
      return this.openDemand(email, attachments, mail, { customerId: answered.customerId }, repliedTo);
    }
    if (!proof.proven) {
      const claimed = await this.customerWithAddress(address);
      return this.openUnverified(email, attachments, mail, proof.why, claimed ? { customer: claimed } : {});
    }
    return this.openDemand(email, attachments, mail, await this.customerFor(email, mail), undefined);
  }

  /**
   * The look-ups below read projections, so they must have applied everything appended so far: a
   * reply arriving right after the first mail must find it. If they cannot catch up in time, the
   * mail is refused for now (SMTP 451, HTTP 503) and the sender retries, rather than a reply
   * opening a second demand.
   */
  private async readModelsCaughtUp(): Promise<string | undefined> {
    const head = await this.store.headCheckpoint();
    const reached = await Promise.all([DEMANDS_PROJECTION, CUSTOMERS_PROJECTION].map((p) => this.readModels.after(p, { after: head, stale: 'allow' })));
    if (reached.includes(false)) {
      throw new ServiceUnavailableException('The intake read models are catching up with the event store; deliver the message again later');
    }
    return head;
  }

  /** The demand whose conversation holds one of the ids, trying them in the order given. */
  private async demandHolding(messageIds: string[]): Promise<DemandRow | undefined> {
    const keys = messageIds.slice(0, MAX_THREAD_KEYS);
    if (keys.length === 0) return undefined;
    const rows = await this.readModels
      .repository<DemandMessageRow>(DEMANDS_PROJECTION, 'message')
      .findBy({ messageId: In(keys) });
    const hit = keys.map((key) => rows.find((row) => row.messageId === key)).find((row) => row !== undefined);
    return hit ? this.demandRow({ demandId: hit.demandId }) : undefined;
  }

  /** Threading headers first, since clients keep them intact while people edit subjects; then the subject's reference. */
  private async demandAnswered(email: InboundEmail): Promise<DemandRow | undefined> {
    const byHeaders = await this.demandHolding(threadKeys(email));
    if (byHeaders) return byHeaders;
    const reference = findDemandReference(email.subject);
    return reference ? this.demandRow({ reference }) : undefined;
  }

  private async demandRow(where: Pick<DemandRow, 'demandId'> | Pick<DemandRow, 'reference'>): Promise<DemandRow | undefined> {
    return (await this.readModels.repository<DemandRow>(DEMANDS_PROJECTION, 'demand').findOneBy(where)) ?? undefined;
  }

  /** The demand's contact, or the address its customer has on record: who may write into the demand. */
  private async isOfDemand(address: string, row: DemandRow): Promise<boolean> {
    if (row.contactEmail === address) return true;
    const customer = await this.customerRows().findOneBy({ customerId: row.customerId });
    return customer?.email === address;
  }

  /** The customer with this address; the one an agent registered before one made from mail. */
  private async customerWithAddress(address: string): Promise<CustomerRow | undefined> {
    return (await this.customerRows().findOne({ where: { email: address }, order: { flaggedForReview: 'ASC', customerId: 'ASC' } })) ?? undefined;
  }

  private customerRows() {
    return this.readModels.repository<CustomerRow>(CUSTOMERS_PROJECTION, 'customer');
  }

  private async addToConversation(
    row: DemandRow,
    email: InboundEmail,
    attachments: AttachmentMetadata[],
    mail: MailCommands,
    head: string | undefined,
  ): Promise<EmailIntakeResult> {
    const { demandId, reference } = row;
    const recorded = await this.commands.decide(demands, {
      type: 'RecordCustomerMessage',
      data: {
        demandId,
        channel: 'email',
        from: normaliseEmail(email.from.address),
        ...(email.subject ? { subject: email.subject } : {}),
        body: email.text,
        messageId: email.messageId,
        attachments,
      },
      metadata: mail.metadata('customer-message'),
    });
    // The decider appends nothing for a Message-ID already in the timeline.
    return {
      demandId,
      reference,
      outcome: !recorded.replayed && recorded.events.length > 0 ? 'added-to-conversation' : 'duplicate',
      ...checkpoint(recorded.checkpoint ?? head),
    };
  }

  private async openDemand(
    email: InboundEmail,
    attachments: AttachmentMetadata[],
    mail: MailCommands,
    customer: { customerId: string; contactPerson?: string },
    repliedTo: EmailIntakeResult['repliedTo'],
  ): Promise<EmailIntakeResult> {
    // The same use case as a registration over HTTP: reference allocation, customer check, decider.
    const registered = await this.registration.register(demandDetails(email, attachments, customer), mail.metadata('demand'));
    const result: EmailIntakeResult = {
      demandId: registered.id,
      reference: registered.reference,
      outcome: 'new-demand',
      ...checkpoint(registered.checkpoint),
    };
    if (!repliedTo) return result;
    const noted = await this.commands.execute(demands, {
      type: 'AddInternalNote',
      data: {
        demandId: registered.id,
        body: `Opened by an e-mail reply to demand ${repliedTo.reference}, which is ${repliedTo.status}.`,
      },
      metadata: mail.metadata('ended-demand-note'),
    });
    return { ...result, ...checkpoint(noted.checkpoint ?? registered.checkpoint), repliedTo };
  }

  /** A demand flagged senderNotVerified under the unverified senders, with a note of why and of what the mail claimed. */
  private async openUnverified(
    email: InboundEmail,
    attachments: AttachmentMetadata[],
    mail: MailCommands,
    why: string,
    claim: SenderClaim,
  ): Promise<EmailIntakeResult> {
    await this.commands.execute(customers, {
      type: 'RegisterCustomer',
      data: UNVERIFIED_SENDERS,
      metadata: { ...mail.metadata('unverified-senders'), commandId: REGISTER_UNVERIFIED_SENDERS_COMMAND_ID },
    });
    const details: EmailDemandDetails = { ...demandDetails(email, attachments, { customerId: UNVERIFIED_SENDERS.customerId }), senderNotVerified: true };
    const registered = await this.registration.register(details, mail.metadata('demand'));
    const noted = await this.commands.execute(demands, {
      type: 'AddInternalNote',
      data: { demandId: registered.id, body: unverifiedSenderNote(why, claim) },
      metadata: mail.metadata('unverified-sender-note'),
    });
    return {
      demandId: registered.id,
      reference: registered.reference,
      outcome: 'new-demand',
      senderNotVerified: true,
      ...checkpoint(noted.checkpoint ?? registered.checkpoint),
    };
  }

  /**
   * The customer with the sender's address; the one an agent registered before one made from mail.
   * An unknown sender becomes a customer flagged for review, whose id derives from the address, so
   * two mails from one stranger, even racing, make one customer.
   */
  private async customerFor(email: InboundEmail, mail: MailCommands): Promise<{ customerId: string; contactPerson?: string }> {
    const address = normaliseEmail(email.from.address);
    const known = await this.customerWithAddress(address);
    if (known) return { customerId: known.customerId, contactPerson: known.contactPerson };
    const customerId = commandIdFrom('intake.email-sender', address);
    const name = senderName(email);
    await this.commands.execute(customers, {
      type: 'RegisterCustomerFromEmail',
      data: { customerId, email: address, ...(name ? { contactPerson: name } : {}) },
      // One command per address, not per mail: a second mail from the stranger replays it.
      metadata: { ...mail.metadata('customer'), commandId: commandIdFrom('intake.email-sender', address, 'register') },
    });
    return { customerId };
  }
}

/** The metadata of the commands one mail sends: ids derived from its Message-ID, all correlated. */
class MailCommands {
  private readonly mailId: string;

  constructor(
    private readonly email: InboundEmail,
    private readonly actor: Actor,
    private readonly trace: MailTrace,
  ) {
    this.mailId = commandIdFrom('intake.email', email.messageId);
  }

  metadata(step: string): CommandMetadata {
    return {
      commandId: commandIdFrom('intake.email', this.email.messageId, step),
      at: this.email.receivedAt,
      actor: this.actor,
      correlationId: this.trace.correlationId ?? this.mailId,
      ...(this.trace.traceparent ? { traceparent: this.trace.traceparent } : {}),
    };
  }
}

/** Metadata only (P-1.2); a message over the attachment limits can never be taken, so it is malformed for good. */
function attachmentsOf(email: InboundEmail): AttachmentMetadata[] {
  const attachments = email.attachments.map(({ filename, contentType, size, sha256 }) => ({ name: filename, contentType, size, sha256 }));
  try {
    ensureAttachmentsWithinLimits(attachments);
  } catch (error) {
    if (error instanceof RuleViolation) throw new MalformedEmailError(error.message);
    throw error;
  }
  return attachments;
}

/** The demand a mail opens, filed under the customer given, the sender as its contact. */
function demandDetails(email: InboundEmail, attachments: AttachmentMetadata[], customer: { customerId: string; contactPerson?: string }): EmailDemandDetails {
  const address = normaliseEmail(email.from.address);
  return {
    customerId: customer.customerId,
    contact: { name: senderName(email) || customer.contactPerson || address, email: address },
    channel: 'email',
    emailMessageId: email.messageId,
    kind: MAIL_KIND,
    subject: subjectOf(email),
    description: email.text.trim() || subjectOf(email),
    impact: MAIL_LEVEL,
    urgency: MAIL_LEVEL,
    attachments,
    ...receivedBefore(email),
  };
}

/**
 * 二(一)2: a mail is received when our mail system got it, which may be before intake took it (a relay's
 * queue). A stamp after it arrived here is another clock running ahead: received on arrival.
 */
function receivedBefore(email: InboundEmail): { receivedAt?: string } {
  return email.deliveredAt !== undefined && email.deliveredAt < email.receivedAt ? { receivedAt: email.deliveredAt } : {};
}

/** The From header's display name, on one line like everything else a sender names itself by; '' for none. */
function senderName(email: InboundEmail): string {
  return singleLineText(email.from.name ?? '');
}

/** The subject, or for a mail without one the first line of its text, as an agent would title it. */
function subjectOf(email: InboundEmail): string {
  const firstLine = email.text.split('\n').map(singleLineText).find((line) => line !== '');
  // Cut by code points, so a character outside the BMP (𠀀, as in GB18030 mail) is never split.
  const characters = [...(singleLineText(email.subject) || firstLine || '(no subject)')];
  return characters.length > MAX_SUBJECT_LENGTH ? `${characters.slice(0, MAX_SUBJECT_LENGTH - 1).join('')}…` : characters.join('');
}

function isEnded(status: string): status is EndedStatus {
  return (ENDED_STATUSES as readonly string[]).includes(status);
}

function checkpoint(value: string | undefined): { checkpoint?: string } {
  return value === undefined ? {} : { checkpoint: value };
}
