import { EventEnvelope } from '@serviceledger/platform/core';
import { contractMapperSpec } from '@serviceledger/platform/testing';
import { EQUIPMENT_FAILED_V1, EQUIPMENT_RETIRED_V1, EQUIPMENT_TOPIC } from '@serviceledger/resource/contracts';
import { AssetEvent } from '@serviceledger/resource/domain';
import { equipmentRelayPart, mapEquipmentEvent } from './equipment-contract-mapper';

const ASSET = '0b6f8f2e-5d0c-4c8e-9a55-3f1e0b0f7a11';
let position = 0;
const envelope = (event: AssetEvent, stream = `resource.asset-${ASSET}`): EventEnvelope => ({
  id: `event-${++position}`,
  type: event.type,
  data: event.data,
  stream,
  streamPosition: position,
  checkpoint: String(position),
  occurredAt: '2026-03-12T01:10:00.000Z',
  metadata: { correlationId: 'corr', causationId: 'cause', actor: { userId: 'rm-zhou', roles: [], departments: [] }, schemaVersion: 1 },
});

const failed: AssetEvent = {
  type: 'AssetFailed',
  data: { assetId: ASSET, assetName: 'Analyser', category: 'technical', failureNumber: 2, failedAt: '2026-03-12T01:00:00.000Z', severity: 'critical', description: 'Smoke from the PSU', departmentId: 'tech-support', reportedBy: 'tech-chen', reportedAt: '2026-03-12T01:10:00.000Z' },
};
const retired: AssetEvent = {
  type: 'AssetRetired',
  data: { assetId: ASSET, name: 'Analyser', category: 'technical', departmentId: 'tech-support', flag: 'unusable', reason: 'Burnt', requestedBy: 'rm-zhou', approvedBy: 'rm-wu', retiredAt: '2026-03-20T02:00:00.000Z', released: { departmentId: 'tech-support', personId: 'tech-chen' } },
};

describe('equipment contract events (R-2.2, R-2.3)', () => {
  const { schemaErrors, publishedTypes, internalTypes, contractTypes } = contractMapperSpec(equipmentRelayPart);

  it('publishes a failure as the risk signal, keyed by the asset, without its description or who reported it', () => {
    const message = mapEquipmentEvent(envelope(failed));
    expect(message).toMatchObject({
      type: EQUIPMENT_FAILED_V1.type,
      source: '/serviceledger/resource',
      topic: EQUIPMENT_TOPIC,
      key: ASSET,
      subject: ASSET,
      data: { assetId: ASSET, assetName: 'Analyser', category: 'technical', departmentId: 'tech-support', failedAt: '2026-03-12T01:00:00.000Z', severity: 'critical', failureNumber: 2, occurredAt: '2026-03-12T01:10:00.000Z' },
    });
    expect(schemaErrors({ type: EQUIPMENT_FAILED_V1.type, data: (message as { data: unknown }).data })).toEqual([]);
  });

  it('publishes a retirement with why the asset was flagged, and not who held it', () => {
    const message = mapEquipmentEvent(envelope(retired));
    expect((message as { data: unknown }).data).toEqual({
      assetId: ASSET,
      assetName: 'Analyser',
      category: 'technical',
      departmentId: 'tech-support',
      reason: 'unusable',
      retiredAt: '2026-03-20T02:00:00.000Z',
      occurredAt: '2026-03-12T01:10:00.000Z',
    });
    expect(schemaErrors({ type: EQUIPMENT_RETIRED_V1.type, data: (message as { data: unknown }).data })).toEqual([]);
  });

  it('publishes every contract of its catalogue and keeps the rest of an asset’s life inside, and maps no other stream', () => {
    const life = [
      envelope(failed),
      envelope(retired),
      envelope({ type: 'AssetAllocated', data: { assetId: ASSET, departmentId: 'tech-support', personId: 'tech-chen', allocatedBy: 'rm-zhou', allocatedAt: '2026-03-02T01:00:00.000Z' } }),
      envelope({ type: 'AssetReleased', data: { assetId: ASSET, previous: { departmentId: 'tech-support' }, note: 'Back to store', releasedBy: 'rm-zhou', releasedAt: '2026-03-03T01:00:00.000Z' } }),
    ];
    expect(publishedTypes(life)).toEqual(contractTypes);
    expect(internalTypes(life)).toEqual(['AssetAllocated', 'AssetReleased']);
    expect(mapEquipmentEvent(envelope(failed, 'resource.partner-p-1'))).toBeUndefined();
  });
});
