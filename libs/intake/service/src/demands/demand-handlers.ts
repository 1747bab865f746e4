import { ForbiddenException, UnprocessableEntityException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor, CommandMetadata, Numbering, commandIdFrom } from '@serviceledger/platform/core';
import { CommandAccepted, Decisions } from '@serviceledger/platform/nest';
import {
  CustomerTier,
  DEPARTMENT_REGISTRY_STREAM,
  Demand,
  DemandCommand,
  TRIAGE_RULES_STREAM,
  customer,
  customerStream,
  defaultPromisedHandlingHours,
  demand,
  demandReferenceCounter,
  demandStream,
  departmentRegistry,
  formatDemandReference,
  ensureOwnerInDepartment,
  priorityOf,
  routeDemand,
  suggestTriage,
  TriageSuggestion,
  triageRuleBook,
} from '@serviceledger/intake/domain';
import { ensureMayAct } from './demand-access';
import { AssignDemandRequest, ConfirmTriageRequest, DecideOnDemand, RegisterDemandRequest } from './demand-requests';

export interface DemandRegistered extends CommandAccepted {
  reference: string;
}

/** P-1.1/P-1.2: registers the demand under the year's next reference; a retry with the same command id repeats neither. */
@CommandHandler(RegisterDemandRequest)
export class RegisterDemandHandler implements ICommandHandler<RegisterDemandRequest, DemandRegistered> {
  constructor(private readonly decisions: Decisions) {}

  async execute({ dto, metadata }: RegisterDemandRequest): Promise<DemandRegistered> {
    const { customerId, tier } = await this.customerFor(dto, metadata);
    const demandId = commandIdFrom(metadata.commandId, 'demand');
    const priority = priorityOf(dto.impact, dto.urgency);
    const result = await this.decisions.decide(demandStream(demandId), demand, {
      type: 'RegisterDemand',
      data: {
        demandId,
        reference: '',
        customerId,
        customerTier: tier,
        contact: dto.contact,
        channel: dto.channel,
        ...(dto.channel !== 'email' && dto.subChannel ? { subChannel: dto.subChannel } : {}),
        ...(dto.channel === 'email' ? { emailMessageId: dto.emailMessageId } : {}),
        kind: dto.kind,
        subject: dto.subject,
        description: dto.description,
        ...(dto.businessCategory ? { businessCategory: dto.businessCategory } : {}),
        impact: dto.impact,
        urgency: dto.urgency,
        attachments: dto.attachments ?? [],
        ...(dto.kind === 'complaint'
          ? { promisedHandlingHours: dto.promisedHandlingHours ?? defaultPromisedHandlingHours(priority) }
          : {}),
      },
      metadata,
    }, { numbering: referenceOf(new Date(metadata.at).getUTCFullYear()) });
    const [registered] = result.events as unknown as Array<{ data: { reference: string } }>;
    return { id: demandId, reference: registered.data.reference, checkpoint: result.checkpoint };
  }

  /** A customer registers for their own organisation, through the portal; staff name the customer. */
  private async customerFor(dto: RegisterDemandRequest['dto'], metadata: CommandMetadata): Promise<{ customerId: string; tier: CustomerTier }> {
    const { actor } = metadata;
    const customerId = actor.roles.includes('customer') ? ensurePortalCustomer(actor, dto) : dto.customerId;
    if (!customerId) throw new UnprocessableEntityException('customerId is required when staff register a demand');
    const known = await this.decisions.state(customerStream(customerId), customer);
    if (!known) throw new UnprocessableEntityException(`Customer ${customerId} is not registered`);
    return { customerId, tier: known.tier };
  }

}

/** P-1.2: the year's next reference, numbered by the store as the registration is appended: gap-free, and a refused registration takes none. */
function referenceOf(year: number): Numbering<DemandCommand> {
  return {
    counter: demandReferenceCounter(year),
    apply: (command, n) => (command.type === 'RegisterDemand' ? { ...command, data: { ...command.data, reference: formatDemandReference(year, n) } } : command),
  };
}

/**
 * P-1.1: a customer's own demand comes through the portal, for the organisation the token names; the
 * phone and the chat are staff's channels, so a customer cannot claim one of them.
 */
function ensurePortalCustomer(actor: Actor, dto: RegisterDemandRequest['dto']): string {
  if (!actor.customerId) {
    throw new ForbiddenException('A customer principal without an organisation (no customer id in the token) cannot register demands');
  }
  if (dto.channel !== 'web' || dto.subChannel !== 'portal') {
    throw new UnprocessableEntityException('A customer registers demands through the portal: channel web, subChannel portal');
  }
  return actor.customerId;
}

/** P-1.3: the rules suggest, the agent decides; what the agent leaves out follows the suggestion. */
@CommandHandler(ConfirmTriageRequest)
export class ConfirmTriageHandler implements ICommandHandler<ConfirmTriageRequest, CommandAccepted> {
  constructor(private readonly decisions: Decisions) {}

  async execute({ demandId, dto, metadata }: ConfirmTriageRequest): Promise<CommandAccepted> {
    const state = ensureMayAct(metadata.actor, await this.decisions.state(demandStream(demandId), demand), demandId);
    const suggestion = await triageSuggestionFor(this.decisions, state);
    const businessCategory = dto.businessCategory ?? suggestion.businessCategory ?? state.businessCategory;
    if (!businessCategory) {
      throw new UnprocessableEntityException('businessCategory is required: neither the demand nor the triage rules name one');
    }
    const result = await this.decisions.decide(demandStream(demandId), demand, {
      type: 'ConfirmTriage',
      data: {
        demandId,
        complexity: dto.complexity ?? suggestion.complexity,
        priority: dto.priority ?? suggestion.priority,
        businessCategory,
        suggestion,
        ...(dto.reason ? { reason: dto.reason } : {}),
      },
      metadata,
    });
    return { id: demandId, checkpoint: result.checkpoint };
  }
}

/** What the triage rules propose for a demand as it stands, given its customer's tier. */
export async function triageSuggestionFor(decisions: Decisions, state: Demand): Promise<TriageSuggestion> {
  const [rules, owner] = await Promise.all([
    decisions.state(TRIAGE_RULES_STREAM, triageRuleBook),
    decisions.state(customerStream(state.customerId), customer),
  ]);
  return suggestTriage(rules, { ...state, ...(owner ? { customerTier: owner.tier } : {}) });
}

/** P-2.1: to the department the business category routes to, unless the agent names one; the owner must belong to it. */
@CommandHandler(AssignDemandRequest)
export class AssignDemandHandler implements ICommandHandler<AssignDemandRequest, CommandAccepted> {
  constructor(private readonly decisions: Decisions) {}

  async execute({ demandId, dto, metadata }: AssignDemandRequest): Promise<CommandAccepted> {
    const state = ensureMayAct(metadata.actor, await this.decisions.state(demandStream(demandId), demand), demandId);
    const registry = await this.decisions.state(DEPARTMENT_REGISTRY_STREAM, departmentRegistry);
    const route = routeDemand(registry, state.businessCategory);
    const departmentId = dto.departmentId ?? route?.departmentId;
    const ownerId = dto.ownerId ?? (departmentId === route?.departmentId ? route?.defaultOwnerId : undefined);
    if (!departmentId || !ownerId) {
      throw new UnprocessableEntityException(
        `No routing rule covers business category ${state.businessCategory ?? '(none)'}: name departmentId and ownerId`,
      );
    }
    ensureOwnerInDepartment(registry, departmentId, ownerId);
    const result = await this.decisions.decide(demandStream(demandId), demand, {
      type: 'AssignDemand',
      data: { demandId, departmentId, ownerId },
      metadata,
    });
    return { id: demandId, checkpoint: result.checkpoint };
  }
}

@CommandHandler(DecideOnDemand)
export class DecideOnDemandHandler implements ICommandHandler<DecideOnDemand, CommandAccepted> {
  constructor(private readonly decisions: Decisions) {}

  async execute({ command }: DecideOnDemand): Promise<CommandAccepted> {
    const { demandId } = command.data;
    ensureMayAct(command.metadata.actor, await this.decisions.state(demandStream(demandId), demand), demandId);
    if (command.type === 'ReassignDemand') await this.ensureOwner(command);
    const result = await this.decisions.decide(demandStream(demandId), demand, command);
    return { id: demandId, checkpoint: result.checkpoint };
  }

  private async ensureOwner(command: Extract<DemandCommand, { type: 'ReassignDemand' }>): Promise<void> {
    const registry = await this.decisions.state(DEPARTMENT_REGISTRY_STREAM, departmentRegistry);
    ensureOwnerInDepartment(registry, command.data.departmentId, command.data.ownerId);
  }
}

export const DEMAND_HANDLERS = [RegisterDemandHandler, ConfirmTriageHandler, AssignDemandHandler, DecideOnDemandHandler];
