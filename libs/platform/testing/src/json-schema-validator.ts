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
