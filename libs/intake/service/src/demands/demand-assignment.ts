import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import {
  DEPARTMENT_REGISTRY_ID,
  Demand,
  DepartmentRegistry,
  departmentRegistries,
  demands,
  ensureOwnerInDepartment,
  routeDemand,
} from '@serviceledger/intake/domain';
import { AssignDemandDto, ReassignDemandDto } from './demand.dto';

/** P-2.1: a demand goes to a department and an owner who belongs to it, as the department registry says. */
@Injectable()
export class DemandAssignment {
  constructor(private readonly commands: Commands) {}

  /** To the department the business category routes to, unless the agent names one. */
  async assign(demandId: string, dto: AssignDemandDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const [state, registry] = await this.demandAndRegistry(demandId, metadata.actor);
    const route = routeDemand(registry, state.businessCategory);
    const departmentId = dto.departmentId ?? route?.departmentId;
    const ownerId = dto.ownerId ?? (departmentId === route?.departmentId ? route?.defaultOwnerId : undefined);
    if (!departmentId || !ownerId) {
      throw new UnprocessableEntityException(
        `No routing rule covers business category ${state.businessCategory ?? '(none)'}: name departmentId and ownerId`,
      );
    }
    ensureOwnerInDepartment(registry, departmentId, ownerId);
    return this.commands.execute(demands, { type: 'AssignDemand', data: { demandId, departmentId, ownerId }, metadata });
  }

  async reassign(demandId: string, dto: ReassignDemandDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const [, registry] = await this.demandAndRegistry(demandId, metadata.actor);
    ensureOwnerInDepartment(registry, dto.departmentId, dto.ownerId);
    return this.commands.execute(demands, { type: 'ReassignDemand', data: { demandId, ...dto }, metadata });
  }

  /** The demand first: one the principal may not see answers 404 before the registry can refuse anything. */
  private async demandAndRegistry(demandId: string, actor: Actor): Promise<[Demand, DepartmentRegistry]> {
    const state = await this.commands.stateFor(demands, demandId, actor);
    // stateFor answers 404 for a missing demand, so there is one.
    return [state!, await this.commands.state(departmentRegistries, DEPARTMENT_REGISTRY_ID)];
  }
}
