import { defineIntakeContract } from './contract';
import { INTAKE_CUSTOMER_TOPIC } from './topics';
import { idSchema, instantSchema } from './schema-fragments';

/**
 * A customer's personal data was erased in intake (R-3.1, ADR 0016). It carries the customer's id and
 * when, nothing personal and not why: a service that keeps personal data of that customer (the
 * signatory of an acceptance report, in service-delivery) destroys its own copy of the customer's data
 * key and rewrites its read models to the erased marker.
 */
export interface CustomerErasedV1 {
  customerId: string;
  erasedAt: string;
  occurredAt: string;
}

export const CUSTOMER_ERASED_V1 = defineIntakeContract({
  event: 'customer.erased',
  version: 1,
  topic: INTAKE_CUSTOMER_TOPIC,
  description:
    'A customer’s personal data was erased in intake (R-3.1 嚴格控制客戶信息的訪問權限,防止客戶信息泄露): every service holding personal data of ' +
    'that customer erases its own copy. Ids and time only; who erased it and why stay in intake.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['customerId', 'erasedAt', 'occurredAt'],
    properties: { customerId: idSchema, erasedAt: instantSchema, occurredAt: instantSchema },
  },
});
