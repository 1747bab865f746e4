import Ajv2020 from 'ajv/dist/2020';
import { JsonSchema, createJsonSchemaValidator } from '@serviceledger/platform/core';

/** A schema the example generator cannot satisfy on its own: give it an `examples` annotation. */
export class NoExampleError extends Error {
  override readonly name = 'NoExampleError';
}

const AT = '2026-03-02T09:00:00.000Z';

// Compiles the `if` of conditional schemas, on the first one met.
let validator: Ajv2020 | undefined;

/**
 * An example value of a contract's JSON Schema, for the AsyncAPI document: the schema's own `examples` where it
 * has them, else a value built from its keywords (`const`, `enum`, `format`, bounds, `pattern` of the simple kind
 * the contracts use), every declared property present. The AsyncAPI spec checks each example against its schema,
 * so an example the schema refuses fails there rather than misleading a subscriber.
 */
export function exampleOf(schema: JsonSchema, name = 'value'): unknown {
  if (Array.isArray(schema['examples']) && schema['examples'].length) return schema['examples'][0];
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  if (Array.isArray(schema['anyOf'])) return exampleOf(schema['anyOf'][0] as JsonSchema, name);
  const type = Array.isArray(schema['type']) ? schema['type'].find((t) => t !== 'null') : schema['type'];
  switch (type) {
    case 'object':
      return objectExample(schema);
    case 'array':
      return arrayExample(schema, name);
    case 'string':
      return stringExample(schema, name);
    case 'integer':
    case 'number':
      return numberExample(schema, type);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      throw new NoExampleError(`no example for ${name}: its schema has no type`);
  }
}

function objectExample(schema: JsonSchema): Record<string, unknown> {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const example = Object.fromEntries(Object.entries(properties).map(([property, subschema]) => [property, exampleOf(subschema, property)]));
  return schema['if'] ? followConditional(schema, example) : example;
}

/**
 * Makes an example keep an `if`/`then`/`else`: the branch the example takes gets its properties' own examples, its
 * required properties present, and the properties its `not` forbids removed (an optional field that only goes with
 * another value, such as a web demand's sub-channel).
 */
function followConditional(schema: JsonSchema, example: Record<string, unknown>): Record<string, unknown> {
  validator ??= createJsonSchemaValidator();
  const branch = (validator.validate({ type: 'object', ...(schema['if'] as JsonSchema) }, example) ? schema['then'] : schema['else']) as JsonSchema | undefined;
  if (!branch) return example;
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const result = { ...example };
  for (const [property, subschema] of Object.entries((branch['properties'] ?? {}) as Record<string, JsonSchema>)) {
    result[property] = exampleOf({ ...properties[property], ...subschema }, property);
  }
  for (const property of (branch['required'] ?? []) as string[]) {
    if (!(property in result)) result[property] = exampleOf(properties[property] ?? {}, property);
  }
  for (const property of requiredIn(branch['not'] as JsonSchema | undefined)) delete result[property];
  return result;
}

/** The property names a schema requires, through `anyOf`: what a `not` of it forbids. */
function requiredIn(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const own = (schema['required'] ?? []) as string[];
  const alternatives = ((schema['anyOf'] ?? []) as JsonSchema[]).flatMap(requiredIn);
  return [...own, ...alternatives];
}

function arrayExample(schema: JsonSchema, name: string): unknown[] {
  const items = (schema['items'] ?? {}) as JsonSchema;
  const count = Math.max(1, Number(schema['minItems'] ?? 1));
  // Distinct items where the schema enumerates them, for `uniqueItems`.
  if (Array.isArray(items['enum'])) return items['enum'].slice(0, count);
  return Array.from({ length: count }, (_, index) => {
    const item = exampleOf(items, name);
    return typeof item === 'string' && index > 0 ? `${item}-${index + 1}` : item;
  });
}

function stringExample(schema: JsonSchema, name: string): string {
  switch (schema['format']) {
    case 'date-time':
      return AT;
    case 'date':
      return AT.slice(0, 10);
    case 'email':
      return 'someone@example.com';
    case 'uri':
      return 'https://example.com/';
    case 'uuid':
      return '0b6f8f2e-5d0c-4c8e-9a55-3f1e0b0f7a11';
  }
  if (typeof schema['pattern'] === 'string') return sampleOfPattern(schema['pattern'], name);
  const text = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  const minLength = Number(schema['minLength'] ?? 0);
  return text.length >= minLength ? text : text.padEnd(minLength, 'x');
}

function numberExample(schema: JsonSchema, type: 'integer' | 'number'): number {
  const minimum = schema['minimum'] as number | undefined;
  const exclusive = schema['exclusiveMinimum'] as number | undefined;
  const maximum = schema['maximum'] as number | undefined;
  const exclusiveMaximum = schema['exclusiveMaximum'] as number | undefined;
  let value = minimum ?? (exclusive !== undefined ? exclusive + 1 : 1);
  if (maximum !== undefined && value > maximum) value = maximum;
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) value = exclusiveMaximum - 1;
  return type === 'integer' ? Math.ceil(value) : value;
}

/**
 * A string matching a simple anchored pattern: literals, `\d`, character classes, groups with alternatives (the
 * first is taken) and the quantifiers `{n}`, `{n,}`, `?` (which takes the element once). Anything else is refused.
 */
export function sampleOfPattern(pattern: string, name = 'value'): string {
  const refuse = (): never => {
    throw new NoExampleError(`no example for ${name}: give its pattern ${pattern} an \`examples\` annotation`);
  };
  let position = 0;
  const atom = (): string => {
    const char = pattern[position];
    if (char === '\\') {
      const escaped = pattern[position + 1];
      position += 2;
      if (escaped === 'd') return '1';
      if (/[\\.^$|?*+()[\]{}-]/.test(escaped)) return escaped;
      return refuse();
    }
    if (char === '[') {
      const end = pattern.indexOf(']', position);
      if (end < 0 || pattern[position + 1] === '^') refuse();
      const first = pattern[position + 1];
      position = end + 1;
      return first;
    }
    if (char === '(') {
      position += 1;
      const chosen = sequence();
      while (pattern[position] === '|') {
        position += 1;
        sequence();
      }
      if (pattern[position] !== ')') refuse();
      position += 1;
      return chosen;
    }
    if ('.*+'.includes(char)) refuse();
    position += 1;
    return char;
  };
  const sequence = (): string => {
    let out = '';
    while (position < pattern.length && !'|)$'.includes(pattern[position])) {
      const element = atom();
      const quantifier = /^\{(\d+)(,\d*)?\}/.exec(pattern.slice(position));
      if (quantifier) {
        position += quantifier[0].length;
        out += element.repeat(Number(quantifier[1]));
      } else if (pattern[position] === '?') {
        position += 1;
        out += element;
      } else {
        out += element;
      }
    }
    return out;
  };
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) refuse();
  position = 1;
  const sample = sequence();
  if (position !== pattern.length - 1) refuse();
  return sample;
}
