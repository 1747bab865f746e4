import { Contract, JsonSchema } from './contract';

/** Every published contract version's schema, by CloudEvents type: what consumers were promised (ADR 0012). */
export type ContractSnapshot = Record<string, JsonSchema>;

export interface CompatibilityReport {
  /** Changes that break a consumer of a recorded version: each needs a new version (with an upcaster) instead. */
  breaking: string[];
  /** Versions new since the snapshot, or grown compatibly (new optional fields): to record in the snapshot. */
  unrecorded: string[];
}

/** Keywords that document a schema without constraining it: a change to them breaks nobody. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment', 'deprecated']);
const SUBSCHEMA = new Set(['items', 'if', 'then', 'else', 'not', 'contains', 'propertyNames', 'additionalProperties']);
const SUBSCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);

/** The snapshot of a catalogue: each version's schema, in the order of their types. */
export function contractSnapshot(contracts: readonly Pick<Contract, 'type' | 'schema'>[]): ContractSnapshot {
  return Object.fromEntries([...contracts].sort((a, b) => a.type.localeCompare(b.type)).map((contract) => [contract.type, contract.schema]));
}

/**
 * The contract compatibility gate: compares the catalogue with the recorded snapshot. A recorded version may only
 * gain optional properties and change its annotations; any other change — a field removed, retyped or newly
 * required, an enum value removed or added, a constraint changed — and a recorded version dropped from the
 * catalogue are breaking.
 */
export function compareWithSnapshot(snapshot: ContractSnapshot, contracts: readonly Pick<Contract, 'type' | 'schema'>[]): CompatibilityReport {
  const current = contractSnapshot(contracts);
  const breaking: string[] = [];
  const unrecorded: string[] = [];
  for (const [type, recorded] of Object.entries(snapshot)) {
    const schema = current[type];
    if (!schema) breaking.push(`${type}: the published version is gone from the catalogue (consumers still read its messages)`);
    else breaking.push(...breakingChanges(recorded, schema).map((change) => `${type}: ${change}`));
  }
  for (const [type, schema] of Object.entries(current)) {
    if (!(type in snapshot)) unrecorded.push(`${type}: a new version`);
    else if (!sameJson(snapshot[type], schema) && breakingChanges(snapshot[type], schema).length === 0) unrecorded.push(`${type}: grown compatibly`);
  }
  return { breaking, unrecorded };
}

/** What in `after` breaks a consumer of `before`, each change named with the field it is at (`data.customer.tier`). */
export function breakingChanges(before: JsonSchema, after: JsonSchema, at = 'data'): string[] {
  const changes: string[] = [];
  const keywords = new Set([...Object.keys(before), ...Object.keys(after)].filter((keyword) => !ANNOTATIONS.has(keyword)));
  for (const keyword of keywords) {
    const was = before[keyword];
    const is = after[keyword];
    if (keyword === 'properties') changes.push(...propertyChanges(before, after, at));
    else if (keyword === 'required') changes.push(...requiredChanges(before, after, at));
    else if (was === undefined) changes.push(`${at} gained the constraint ${keyword}: ${show(is)}`);
    else if (is === undefined) changes.push(`${at} lost the constraint ${keyword}: ${show(was)}`);
    else if (keyword === 'enum') changes.push(...enumChanges(was, is, at));
    else if (keyword === 'type') changes.push(...(sameJson(was, is) ? [] : [`${at} retyped from ${show(was)} to ${show(is)}`]));
    else if (SUBSCHEMA.has(keyword) && isSchema(was) && isSchema(is)) changes.push(...breakingChanges(was, is, `${at}(${keyword})`));
    else if (SUBSCHEMA_LISTS.has(keyword) && Array.isArray(was) && Array.isArray(is) && was.length === is.length) {
      was.forEach((schema, index) => changes.push(...breakingChanges(schema as JsonSchema, is[index] as JsonSchema, `${at}(${keyword}[${index}])`)));
    } else if (!sameJson(was, is)) changes.push(`${at}: ${keyword} changed from ${show(was)} to ${show(is)}`);
  }
  return changes;
}

function propertyChanges(before: JsonSchema, after: JsonSchema, at: string): string[] {
  const was = (before['properties'] ?? {}) as Record<string, JsonSchema>;
  const is = (after['properties'] ?? {}) as Record<string, JsonSchema>;
  const field = (name: string) => `${at}.${name}`;
  return Object.entries(was).flatMap(([name, schema]) =>
    name in is ? breakingChanges(schema, is[name], field(name)) : [`field ${field(name)} removed`],
  );
}

function requiredChanges(before: JsonSchema, after: JsonSchema, at: string): string[] {
  const was = new Set((before['required'] ?? []) as string[]);
  const is = new Set((after['required'] ?? []) as string[]);
  const known = (before['properties'] ?? {}) as Record<string, unknown>;
  const stillThere = (after['properties'] ?? {}) as Record<string, unknown>;
  return [
    ...[...is].filter((name) => !was.has(name)).map((name) => (name in known ? `field ${at}.${name} became required` : `required field ${at}.${name} added`)),
    // A removed field is reported as removed; one still there but optional now may be missing from new messages.
    ...[...was].filter((name) => !is.has(name) && name in stillThere).map((name) => `field ${at}.${name} is no longer required`),
  ];
}

function enumChanges(was: unknown, is: unknown, at: string): string[] {
  if (!Array.isArray(was) || !Array.isArray(is)) return sameJson(was, is) ? [] : [`${at}: enum changed from ${show(was)} to ${show(is)}`];
  const removed = was.filter((value) => !is.some((other) => sameJson(value, other)));
  const added = is.filter((value) => !was.some((other) => sameJson(value, other)));
  return [
    ...(removed.length ? [`${at}: enum value(s) ${removed.map(show).join(', ')} removed`] : []),
    ...(added.length ? [`${at}: enum value(s) ${added.map(show).join(', ')} added (a consumer handles only the values it was promised)`] : []),
  ];
}

/** Equal as JSON values: key order and where the objects were made (a parsed file, a clone) do not matter. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return JSON.stringify(value);
}
