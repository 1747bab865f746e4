import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * A draft 2020-12 validator for the services' contract schemas, for specs. Strict, except
 * `strictRequired`: a schema's `if`/`then` may list in `required` properties declared at its top level,
 * which is standard JSON Schema but trips that ajv-only check.
 */
export function createJsonSchemaValidator(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** Every property name a schema declares, at any depth (nested objects, arrays, `if`/`then` branches). */
export function schemaPropertyNames(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(schemaPropertyNames);
  if (!schema || typeof schema !== 'object') return [];
  const { properties, ...rest } = schema as Record<string, unknown>;
  const own = properties && typeof properties === 'object' ? Object.keys(properties) : [];
  return [...own, ...schemaPropertyNames(Object.values(properties ?? {})), ...schemaPropertyNames(Object.values(rest))];
}
