import { Injectable } from '@nestjs/common';
import { CommandMetadata, RuleViolation, commandIdFrom, followOn } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { assets, procurements } from '@serviceledger/resource/domain';
import { ReceiveProcurementDto, ReplaceDto } from './equipment.dto';

export interface ProcurementReceived extends CommandAccepted {
  /** The assets registered from the receipt, one per unit, in the receipt's order. */
  assetIds: string[];
}

/** Equipment use cases that act on more than one aggregate: receiving registers assets; a replacement takes over the failed asset's holder. */
@Injectable()
export class EquipmentService {
  constructor(private readonly commands: Commands) {}

  /**
   * Receives an order and registers every unit as an asset of the requesting department. Each asset's
   * id derives from the procurement and the unit's serial number, and each registration's command id from the
   * receipt's, so a retried receipt registers nothing twice.
   */
  async receive(procurementId: string, dto: ReceiveProcurementDto, metadata: CommandMetadata): Promise<ProcurementReceived> {
    const units = dto.units.map(({ itemNumber, serialNumber }) => ({ itemNumber, serialNumber, assetId: commandIdFrom('resource-asset', procurementId, serialNumber) }));
    const received = await this.commands.decide(procurements, { type: 'ReceiveProcurement', data: { procurementId, receivedOn: dto.receivedOn, units }, metadata });
    const plan = received.state;
    let checkpoint = received.checkpoint;
    for (const unit of plan?.units ?? []) {
      const item = plan?.items.find((candidate) => candidate.itemNumber === unit.itemNumber);
      if (!plan || !item) continue;
      const registered = await this.commands.execute(assets, {
        type: 'RegisterAsset',
        data: {
          assetId: unit.assetId,
          name: item.description,
          category: item.category,
          storageDevice: item.storageDevice,
          serialNumber: unit.serialNumber,
          departmentId: plan.departmentId,
          acquiredOn: plan.receivedOn ?? dto.receivedOn,
          serviceLifeMonths: item.serviceLifeMonths,
          procurementId,
          itemNumber: item.itemNumber,
        },
        metadata: followOn(metadata, `register-${unit.assetId}`),
      });
      checkpoint = registered.checkpoint ?? checkpoint;
    }
    return { id: procurementId, checkpoint, assetIds: (plan?.units ?? []).map((unit) => unit.assetId) };
  }

  /**
   * Replaces a failed asset: the failure's downtime ends, the failed asset is flagged unusable for
   * retirement, and the replacement, an asset in service, is given to whoever held the failed one.
   */
  async replace(assetId: string, dto: ReplaceDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const replacement = await this.commands.stateFor(assets, dto.replacementAssetId, metadata.actor);
    if (replacement?.status !== 'in-service' || replacement.retirementFlag) {
      throw new RuleViolation('replacement-unavailable', `Asset ${dto.replacementAssetId} is not in service, so it cannot replace another`);
    }
    const failed = await this.commands.stateFor(assets, assetId, metadata.actor);
    const replaced = await this.commands.decide(assets, { type: 'ReplaceFailedAsset', data: { assetId, replacedAt: dto.replacedAt, replacementAssetId: dto.replacementAssetId, notes: dto.notes }, metadata });
    const holder = failed?.allocation;
    if (!holder) return { id: assetId, checkpoint: replaced.checkpoint };
    const allocated = await this.commands.execute(assets, {
      type: 'AllocateAsset',
      data: { assetId: dto.replacementAssetId, departmentId: holder.departmentId, ...(holder.personId ? { personId: holder.personId } : {}) },
      metadata: followOn(metadata, 'allocate-replacement'),
    });
    return { id: assetId, checkpoint: allocated.checkpoint ?? replaced.checkpoint };
  }
}
