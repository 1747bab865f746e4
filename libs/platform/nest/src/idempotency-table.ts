import { EntitySchema } from 'typeorm';

export interface IdempotencyRow {
  scope: string;
  fingerprint: string;
  status: number;
  body: string;
  createdAt: Date;
}

/** Responses of completed requests that carried an Idempotency-Key, replayed to their retries. */
export const IdempotencyTable = new EntitySchema<IdempotencyRow>({
  name: 'platform_idempotency',
  columns: {
    scope: { type: String, primary: true, length: 400 },
    fingerprint: { type: String, length: 64 },
    status: { type: Number },
    body: { type: 'text' },
    createdAt: { type: Date, name: 'created_at' },
  },
});
