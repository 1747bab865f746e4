import { CommandMetadata } from '@serviceledger/platform/core';
import { DemandCommand } from '@serviceledger/intake/domain';
import { AssignDemandDto, ConfirmTriageDto, RegisterDemandDto } from './demand.dto';

/** Nest commands of the demand use cases: what a controller sends to the CommandBus. */
export class RegisterDemandRequest {
  constructor(
    readonly dto: RegisterDemandDto,
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
