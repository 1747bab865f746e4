import { ForbiddenException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CommandAccepted, Commands, InvalidInputException } from '@serviceledger/platform/nest';
import { CustomerTier, customers, defaultPromisedHandlingHours, demands, priorityOf } from '@serviceledger/intake/domain';
import { RegisterDemandDto } from './demand.dto';

/**
 * A demand that arrived by e-mail. Only the e-mail channel builds one, from a parsed message, so the
 * public DTO stays phone/web and no request body can claim a Message-ID.
 */
export type EmailDemandDetails = Omit<RegisterDemandDto, 'channel' | 'subChannel'> & {
  channel: 'email';
  /** The Message-ID of the mail that opened the demand: replies thread onto the demand by it. */
  emailMessageId: string;
  /** The mail did not prove its sender (email/sender-proof.ts): the demand is flagged for an agent. */
  senderNotVerified?: true;
};

export interface RegistrationAccepted extends CommandAccepted {
  reference: string;
}

/** P-1.1/P-1.2: registers the demand under the year's next reference; a retry with the same command id repeats neither. */
@Injectable()
export class DemandRegistration {
  constructor(private readonly commands: Commands) {}

  async register(details: RegisterDemandDto | EmailDemandDetails, metadata: CommandMetadata): Promise<RegistrationAccepted> {
    const { customerId, tier } = await this.customerFor(details, metadata.actor);
    const byCustomer = metadata.actor.roles.includes('customer');
    ensurePromiseFromStaff(details, byCustomer);
    const priority = priorityOf(details.impact, details.urgency);
    const { id, checkpoint, state } = await this.commands.decide(demands, {
      type: 'RegisterDemand',
      data: {
        demandId: commandIdFrom(metadata.commandId, 'demand'),
        // The store numbers it as the registration is appended (the aggregate's numbering).
        reference: '',
        customerId,
        customerTier: tier,
        contact: details.contact,
        channel: details.channel,
        ...(details.channel !== 'email' && details.subChannel ? { subChannel: details.subChannel } : {}),
        ...(details.channel === 'email' ? { emailMessageId: details.emailMessageId } : {}),
        ...(details.channel === 'email' && details.senderNotVerified ? { senderNotVerified: true as const } : {}),
        kind: details.kind,
        subject: details.subject,
        description: details.description,
        ...(details.businessCategory ? { businessCategory: details.businessCategory } : {}),
        impact: details.impact,
        urgency: details.urgency,
        attachments: details.attachments ?? [],
        ...(details.kind === 'complaint' && !byCustomer
          ? { promisedHandlingHours: details.promisedHandlingHours ?? defaultPromisedHandlingHours(priority) }
          : {}),
        ...(details.promisedResult !== undefined ? { promisedResult: details.promisedResult } : {}),
        ...(details.receivedAt !== undefined ? { receivedAt: details.receivedAt } : {}),
      },
      metadata,
    });
    return { id, reference: state!.reference, checkpoint };
  }

  /** A customer registers for their own organisation, through the portal; staff name the customer. */
  private async customerFor(details: RegisterDemandDto | EmailDemandDetails, actor: Actor): Promise<{ customerId: string; tier: CustomerTier }> {
    const customerId = actor.roles.includes('customer') ? ensurePortalCustomer(actor, details) : details.customerId;
    if (!customerId) throw new UnprocessableEntityException('customerId is required when staff register a demand');
    const known = await this.commands.state(customers, customerId);
    if (!known) throw new UnprocessableEntityException(`Customer ${customerId} is not registered`);
    return { customerId, tier: known.tier };
  }
}

/**
 * C-2.3 "向客戶承諾處理時間和結果": the company promises a complaint its handling time and result. Staff
 * taking a complaint give the result at once (the time defaults by priority); a customer registering one
 * through the portal gives neither, and staff promise it afterwards (POST /intake/demands/:id/complaint-promise).
 */
function ensurePromiseFromStaff(details: RegisterDemandDto | EmailDemandDetails, byCustomer: boolean): void {
  if (byCustomer) {
    const sent = (['promisedResult', 'promisedHandlingHours'] as const).filter((field) => details[field] !== undefined);
    if (sent.length === 0) return;
    throw new InvalidInputException(
      sent.map((field) => ({
        field,
        message: `${field} is the company's promise (C-2.3): a customer does not send it; staff promise the complaint's handling time and result`,
      })),
    );
  }
  if (details.kind === 'complaint' && details.promisedResult === undefined) {
    throw new InvalidInputException([
      { field: 'promisedResult', message: 'promisedResult is required for a complaint: the result promised to the customer (C-2.3)' },
    ]);
  }
}

/**
 * P-1.1: a customer's own demand comes through the portal, for the organisation the token names; the
 * phone and the chat are staff's channels, so a customer cannot claim one of them.
 */
function ensurePortalCustomer(actor: Actor, details: RegisterDemandDto | EmailDemandDetails): string {
  if (!actor.customerId) {
    throw new ForbiddenException('A customer principal without an organisation (no customer id in the token) cannot register demands');
  }
  if (details.channel !== 'web' || details.subChannel !== 'portal') {
    throw new UnprocessableEntityException('A customer registers demands through the portal: channel web, subChannel portal');
  }
  return actor.customerId;
}
