/** Specs check the contract schemas with the validator the consumers and relays use. */
export { createJsonSchemaValidator } from '@serviceledger/platform/core';

/** Every property name a schema declares, at any depth (nested objects, arrays, `if`/`then` branches). */
export function schemaPropertyNames(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(schemaPropertyNames);
  if (!schema || typeof schema !== 'object') return [];
  const { properties, ...rest } = schema as Record<string, unknown>;
  const own = properties && typeof properties === 'object' ? Object.keys(properties) : [];
  return [...own, ...schemaPropertyNames(Object.values(properties ?? {})), ...schemaPropertyNames(Object.values(rest))];
}
