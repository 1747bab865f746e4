/** Quotes an SQL identifier (schema, table, channel), doubling embedded quotes. */
export function quoteIdent(name: string): string {
  if (!name || name.includes('\u0000')) throw new Error(`Invalid SQL identifier ${JSON.stringify(name)}`);
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * First keys of the two-int advisory locks the platform takes (`pg_advisory_lock(int4, int4)`); the
 * second key is `hashtext(...)` of what is locked. Advisory locks are per database, not per schema, so
 * the hashed text always includes the schema. The one-bigint key space does not overlap this one.
 */
export const ADVISORY_LOCK = {
  /** Held for the length of one append: serialises the appends to one stream. */
  stream: 0x534c0001,
  /** Held while migrations run. */
  migrations: 0x534c0002,
} as const;
