import { createJsonSchemaValidator, schemaPropertyNames } from '@serviceledger/platform/testing';
import {
  SERVICE_DELIVERY_STANDARD_CONTRACTS,
  SERVICE_DELIVERY_STANDARD_TOPIC,
  SERVICE_DELIVERY_TOPICS,
  ServiceDeliveryStandardData,
  TECHNICAL_STANDARD_PUBLISHED_V1,
} from './index';

const EXAMPLE: ServiceDeliveryStandardData[typeof TECHNICAL_STANDARD_PUBLISHED_V1.type] = {
  standardId: 'printer-repair',
  version: 2,
  kind: 'operating-rule',
  businessCategory: 'technical-support',
  checkIds: ['power-isolated', 'parts-genuine'],
  publishedAt: '2026-12-01T01:00:00.000Z',
  occurredAt: '2026-12-01T01:00:00.000Z',
};

describe('service-delivery standard contracts (P-4.2)', () => {
  const validate = (data: unknown) => createJsonSchemaValidator().compile(TECHNICAL_STANDARD_PUBLISHED_V1.schema)(data);

  it('publishes technical-standard.published v1 on the standard topic, one of the service’s topics', () => {
    expect(TECHNICAL_STANDARD_PUBLISHED_V1.type).toBe('serviceledger.service-delivery.technical-standard.published.v1');
    expect(SERVICE_DELIVERY_STANDARD_CONTRACTS.map((c) => c.topic)).toEqual([SERVICE_DELIVERY_STANDARD_TOPIC]);
    expect(Object.values(SERVICE_DELIVERY_TOPICS)).toContain(SERVICE_DELIVERY_STANDARD_TOPIC);
  });

  it('accepts a version with its check ids, and refuses one without checks or with a check twice', () => {
    expect(validate(EXAMPLE)).toBe(true);
    expect(validate({ ...EXAMPLE, checkIds: [] })).toBe(false);
    expect(validate({ ...EXAMPLE, checkIds: ['a', 'a'] })).toBe(false);
    expect(validate({ ...EXAMPLE, kind: 'guideline' })).toBe(false);
  });

  it('carries no free text: titles, documents and the wording of checks stay in service-delivery', () => {
    const text = ['title', 'description', 'documents', 'checks', 'evidence'];
    expect(schemaPropertyNames(TECHNICAL_STANDARD_PUBLISHED_V1.schema).filter((name) => text.includes(name))).toEqual([]);
  });
});
