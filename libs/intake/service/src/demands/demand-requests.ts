import { CommandMetadata } from '@serviceledger/platform/core';
import { DemandCommand } from '@serviceledger/intake/domain';
import { AssignDemandDto, ConfirmTriageDto, RegisterDemandDto } from './demand.dto';

/**
 * A demand that arrived by e-mail. Only the e-mail channel builds one, from a parsed message, so the
 * public DTO stays phone/web and no request body can claim a Message-ID.
 */
export type EmailDemandDetails = Omit<RegisterDemandDto, 'channel' | 'subChannel'> & {
  channel: 'email';
  /** The Message-ID of the mail that opened the demand: replies thread onto the demand by it. */
  emailMessageId: string;
};

/** Nest commands of the demand use cases: what a controller sends to the CommandBus. */
export class RegisterDemandRequest {
  constructor(
    readonly dto: RegisterDemandDto | EmailDemandDetails,
    readonly metadata: CommandMetadata,
  ) {}
}

export class ConfirmTriageRequest {
  constructor(
    readonly demandId: string,
    readonly dto: ConfirmTriageDto,
    readonly metadata: CommandMetadata,
  ) {}
}

export class AssignDemandRequest {
  constructor(
    readonly demandId: string,
    readonly dto: AssignDemandDto,
    readonly metadata: CommandMetadata,
  ) {}
}

/** Any other demand command: the decider alone decides it, after the scoping check. */
export class DecideOnDemand {
  constructor(readonly command: DemandCommand) {}
}
