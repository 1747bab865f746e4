import { ContractMapper, contractMessageFor } from '@serviceledger/platform/messaging';
import { EQUIPMENT_CONTRACTS, EQUIPMENT_FAILED_V1, EQUIPMENT_RETIRED_V1, EquipmentContractData } from '@serviceledger/resource/contracts';
import { AssetEvent, assets } from '@serviceledger/resource/domain';
import { ResourceRelayPart } from '../resource-relay';

/** The CloudEvents `source` of the equipment events. */
export const EQUIPMENT_SOURCE = '/serviceledger/resource';

/** Keyed and subjected by the asset id, so that an asset's events stay in order on the topic. */
const message = contractMessageFor<EquipmentContractData>({ source: EQUIPMENT_SOURCE, keyOf: (data) => data.assetId });

/**
 * Assets' domain events → equipment contract events: a failure (the risk signal) and a retirement are
 * published, field by field. Registration, allocation, maintenance, repairs, replacements, flags,
 * retirement requests and disposal stay inside the service: they name people, serial numbers, recyclers.
 */
export const mapEquipmentEvent: ContractMapper = (envelope) => {
  if (!envelope.stream.startsWith(assets.streamPrefix)) return undefined;
  const event = { type: envelope.type, data: envelope.data } as AssetEvent;
  const occurredAt = envelope.occurredAt;
  switch (event.type) {
    case 'AssetFailed': {
      const d = event.data;
      return message(envelope, EQUIPMENT_FAILED_V1, {
        assetId: d.assetId,
        assetName: d.assetName,
        category: d.category,
        departmentId: d.departmentId,
        failedAt: d.failedAt,
        severity: d.severity,
        failureNumber: d.failureNumber,
        occurredAt,
      });
    }
    case 'AssetRetired': {
      const d = event.data;
      return message(envelope, EQUIPMENT_RETIRED_V1, {
        assetId: d.assetId,
        assetName: d.name,
        category: d.category,
        departmentId: d.departmentId,
        reason: d.flag,
        retiredAt: d.retiredAt,
        occurredAt,
      });
    }
    case 'AssetRegistered':
    case 'AssetAllocated':
    case 'AssetReleased':
    case 'MaintenancePlanAdded':
    case 'MaintenanceFellDue':
    case 'MaintenanceOverdue':
    case 'MaintenancePerformed':
    case 'AssetRepaired':
    case 'AssetReplaced':
    case 'AssetFlaggedForRetirement':
    case 'RetirementRequested':
    case 'RetirementRejected':
    case 'AssetDisposed':
      return undefined;
    default:
      return notAnAssetEvent(event);
  }
};

/** The equipment share of the resource relay. */
export const equipmentRelayPart: ResourceRelayPart = {
  filter: { streamPrefixes: [assets.streamPrefix] },
  map: mapEquipmentEvent,
  contracts: EQUIPMENT_CONTRACTS,
};

/** Typed `never` so that an asset event added to the domain fails to compile here until it is mapped or listed as internal. */
function notAnAssetEvent(_event: never): undefined {
  return undefined;
}
