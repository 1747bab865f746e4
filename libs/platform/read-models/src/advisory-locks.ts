/**
 * First keys of the two-int advisory locks the read-model side takes on PostgreSQL (the second key is
 * `hashtext('<schema>:<name>')`, since advisory locks are per database, not per schema). The event
 * store adapter uses 0x534c0001 (stream appends) and 0x534c0002 (its migrations): keep them apart.
 */
export const READ_MODEL_LOCK = {
  /** Session lock held by the one replica that runs a projection (or a schedule). */
  lease: 0x534c0003,
  /** Transaction lock held while read-model migrations apply. */
  migrations: 0x534c0004,
} as const;
