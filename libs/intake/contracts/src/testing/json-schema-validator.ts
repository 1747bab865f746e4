import { dirname } from 'node:path';
import addFormats from 'ajv-formats';

/** ajv 8's `Ajv`, typed through ajv-formats, whose types come from the ajv 8 it depends on. */
export type Ajv = Parameters<typeof addFormats>[0];

/**
 * A draft 2020-12 validator for the contracts' schemas, for specs only.
 *
 * ajv 8 (the first with draft 2020-12) is so far only a transitive dependency: the top-level `ajv` is
 * eslint's ajv 6. So this takes the copy that ajv-formats uses, which is then also the one the formats
 * plug into; once ajv 8 is a devDependency it resolves to that all the same.
 *
 * Strict mode, except `strictRequired`: the schemas' `if`/`then` list in `required` properties that are
 * declared at the schema's top level, which is standard JSON Schema but trips that ajv-only check.
 */
export async function createJsonSchemaValidator(): Promise<Ajv> {
  const ajvFormats = dirname(require.resolve('ajv-formats/package.json'));
  const ajv2020: { default: new (options: object) => Ajv } = await import(
    require.resolve('ajv/dist/2020', { paths: [ajvFormats] })
  );
  const ajv = new ajv2020.default({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}
