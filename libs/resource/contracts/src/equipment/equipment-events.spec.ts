import { JSON_SCHEMA_DIALECT } from '@serviceledger/platform/core';
import { createJsonSchemaValidator, schemaPropertyNames } from '@serviceledger/platform/testing';
import { EQUIPMENT_CONTRACTS, EQUIPMENT_FAILED_V1, EQUIPMENT_RETIRED_V1, EQUIPMENT_TOPIC, EquipmentContractData, EquipmentContractType, isEquipmentEvent } from './equipment-events';

/** One complete payload per contract, optional fields included: the compiler checks them against the types. */
const EXAMPLES: { [Type in EquipmentContractType]: EquipmentContractData[Type] } = {
  [EQUIPMENT_FAILED_V1.type]: {
    assetId: 'a-1',
    assetName: 'Oscilloscope',
    category: 'technical',
    departmentId: 'tech-support',
    failedAt: '2026-03-02T01:00:00.000Z',
    severity: 'high',
    failureNumber: 1,
    occurredAt: '2026-03-02T01:10:00.000Z',
  },
  [EQUIPMENT_RETIRED_V1.type]: {
    assetId: 'a-1',
    assetName: 'Oscilloscope',
    category: 'technical',
    departmentId: 'tech-support',
    reason: 'service-life-reached',
    retiredAt: '2029-02-02T02:00:00.000Z',
    occurredAt: '2029-02-02T02:00:00.000Z',
  },
};

describe('resource equipment contracts (R-2.2, R-2.3)', () => {
  const ajv = createJsonSchemaValidator();

  it('publishes equipment.failed and equipment.retired v1 on the equipment topic', () => {
    expect(EQUIPMENT_CONTRACTS.map((c) => c.type)).toEqual(['serviceledger.resource.equipment.failed.v1', 'serviceledger.resource.equipment.retired.v1']);
    expect(new Set(EQUIPMENT_CONTRACTS.map((c) => c.topic))).toEqual(new Set([EQUIPMENT_TOPIC]));
    expect(EQUIPMENT_TOPIC).toBe('serviceledger.resource.equipment.v1');
  });

  it.each(EQUIPMENT_CONTRACTS.map((c) => [c.type, c] as const))('%s has a closed draft 2020-12 schema that accepts its example and nothing more', (type, contract) => {
    expect(contract.schema).toMatchObject({ $schema: JSON_SCHEMA_DIALECT, type: 'object', additionalProperties: false });
    const validate = ajv.compile(contract.schema);
    expect(validate(EXAMPLES[type])).toBe(true);
    expect(validate({ ...EXAMPLES[type], serialNumber: 'OSC-001' })).toBe(false);
  });

  it('keeps the risk signal’s fields: a failure carries asset, name, category, department, time and severity', () => {
    const { failureNumber: _optional, ...required } = EXAMPLES[EQUIPMENT_FAILED_V1.type];
    expect(ajv.compile(EQUIPMENT_FAILED_V1.schema)(required)).toBe(true);
    expect(EQUIPMENT_FAILED_V1.schema['required']).toEqual(['assetId', 'assetName', 'category', 'departmentId', 'failedAt', 'severity', 'occurredAt']);
    expect(ajv.compile(EQUIPMENT_FAILED_V1.schema)({ ...required, severity: 'catastrophic' })).toBe(false);
  });

  it('names no person, serial number, cost or disposal record', () => {
    const inside = ['personId', 'serialNumber', 'cost', 'recycler', 'dataWipe', 'notes', 'description'];
    for (const contract of EQUIPMENT_CONTRACTS) expect(schemaPropertyNames(contract.schema).filter((name) => inside.includes(name))).toEqual([]);
  });

  it('narrows a received message to its contract’s payload', () => {
    const message = { type: EQUIPMENT_FAILED_V1.type as string, data: EXAMPLES[EQUIPMENT_FAILED_V1.type] as unknown };
    expect(isEquipmentEvent(message, EQUIPMENT_FAILED_V1) && message.data.severity).toBe('high');
    expect(isEquipmentEvent(message, EQUIPMENT_RETIRED_V1)).toBe(false);
  });
});
