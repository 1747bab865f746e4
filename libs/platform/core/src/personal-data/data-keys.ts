import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';

/** A data key as its table keeps it: wrapped by the master key; `wrappedKey` null once the subject was erased. */
export interface DataKeyRecord {
  keyId: string;
  subjectId: string;
  /** base64 of IV, tag and AES-256-GCM ciphertext of the key under the master key; null once shredded. */
  wrappedKey: string | null;
  /** Which master key wrapped it: the first 16 hex digits of the master key's SHA-256. */
  masterKeyId: string;
}

/** Where data keys live: a table of the event store's database, never the events. */
export interface DataKeyTable {
  forSubject(subjectId: string): Promise<DataKeyRecord | undefined>;
  byId(keyId: string): Promise<DataKeyRecord | undefined>;
  /** Inserts the record unless the subject has one already; answers the subject's record either way. */
  insert(record: DataKeyRecord): Promise<DataKeyRecord>;
  /**
   * Destroys the subject's key, keeping its id as a tombstone; a subject without a key gets `tombstone`,
   * so that it never gets one. True when either changed the table.
   */
  shred(tombstone: Tombstone): Promise<boolean>;
  /** Keys wrapped by `masterKeyId` that are not shredded. */
  wrappedBy(masterKeyId: string): Promise<DataKeyRecord[]>;
  /**
   * A master key other than `masterKeyId` that wraps a key not shredded, if there is one (shredded keys wrap
   * nothing). Cheap whatever the number of subjects: the lowest and the highest id of the master keys wrapping
   * live keys, each read off an index of them (`otherMasterKeyOf`).
   */
  masterKeyOtherThan(masterKeyId: string): Promise<string | undefined>;
  rewrap(keyId: string, wrappedKey: string, masterKeyId: string): Promise<void>;
  close(): Promise<void>;
}

/** What a subject's row becomes once it was erased. */
export type Tombstone = DataKeyRecord & { wrappedKey: null };

/** Of the lowest and the highest id of the master keys wrapping live keys, one that is not `masterKeyId`: every live key is wrapped by it when neither is. */
export function otherMasterKeyOf(masterKeyId: string, lowest: string | null | undefined, highest: string | null | undefined): string | undefined {
  return [lowest, highest].find((id): id is string => id !== null && id !== undefined && id !== masterKeyId);
}

/**
 * The configured master key is not the one that wraps the stored data keys: the wrong key, or a rotation not
 * finished. A process using it could not read those subjects' fields, and would wrap new keys under it.
 */
export class MasterKeyMismatchError extends Error {
  override readonly name = 'MasterKeyMismatchError';
  constructor(
    /** The id of the configured master key. */
    readonly configured: string,
    /** The id of a master key that wraps stored data keys. */
    readonly found: string,
  ) {
    super(`Data keys are wrapped by master key ${found}, not by the configured one (${configured}): configure that key, or finish the rotation`);
  }
}

/** A data key the store cannot find: the events were written against another key table. */
export class UnknownDataKeyError extends Error {
  override readonly name = 'UnknownDataKeyError';
  constructor(readonly keyId: string) {
    super(`Data key ${keyId} is not in the key table: the events and the key table do not belong together`);
  }
}

export class MasterKey {
  readonly id: string;

  private constructor(readonly key: Buffer) {
    this.id = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  /** From 32 bytes, base64 or hex encoded (PERSONAL_DATA_MASTER_KEY). */
  static parse(text: string): MasterKey {
    const trimmed = text.trim();
    const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
    if (key.length !== 32) throw new Error('The personal-data master key must be 32 bytes, base64 or hex encoded');
    return new MasterKey(key);
  }

  static generate(): MasterKey {
    return new MasterKey(randomBytes(32));
  }

  toString(): string {
    return this.key.toString('base64');
  }

  wrap(dataKey: Buffer, keyId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(keyId));
    const data = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
  }

  unwrap(wrapped: string, keyId: string): Buffer {
    const bytes = Buffer.from(wrapped, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
  }
}

const SUBJECTS_CACHED = 10_000;

/** A subject's data key, or `'shredded'` when the subject was erased. */
export type DataKey = { keyId: string; key: Buffer } | 'shredded';

/**
 * The data keys of every subject, unwrapped with the master key. Unwrapped keys are cached for a
 * short while: a process that did not shred a key itself stops decrypting with it within `cacheMs`.
 */
export class DataKeys {
  private readonly cache = new Map<string, { key: DataKey; until: number }>();
  private readonly erasedSubjects = new Map<string, { erased: boolean; until: number }>();

  constructor(
    private readonly table: DataKeyTable,
    private readonly master: MasterKey,
    private readonly cacheMs = 30_000,
  ) {}

  /** The subject's key, created on first use; `'shredded'` for an erased subject. */
  async forSubject(subjectId: string): Promise<DataKey> {
    const record =
      (await this.table.forSubject(subjectId)) ??
      (await this.table.insert(this.newRecord(subjectId)));
    return this.unwrapped(record);
  }

  async byId(keyId: string): Promise<DataKey> {
    const cached = this.cache.get(keyId);
    if (cached && cached.until > Date.now()) return cached.key;
    const record = await this.table.byId(keyId);
    if (!record) throw new UnknownDataKeyError(keyId);
    const key = this.unwrapped(record);
    this.cache.set(keyId, { key, until: Date.now() + this.cacheMs });
    return key;
  }

  /**
   * Refuses (MasterKeyMismatchError) when a stored live key is wrapped by another master key than this one: what a
   * process checks before it starts, so that it neither fails on those subjects nor wraps new keys under a key the
   * others do not have.
   */
  async checkMasterKey(): Promise<void> {
    const other = await this.table.masterKeyOtherThan(this.master.id);
    if (other !== undefined) throw new MasterKeyMismatchError(this.master.id, other);
  }

  async shred(subjectId: string): Promise<void> {
    const record = await this.table.forSubject(subjectId);
    await this.table.shred({ keyId: randomUUID(), subjectId, wrappedKey: null, masterKeyId: this.master.id });
    if (record) this.cache.delete(record.keyId);
    this.erasedSubjects.set(subjectId, { erased: true, until: Number.POSITIVE_INFINITY });
  }

  /** Whether the subject was erased: what a field stored before encryption reads as then (ADR 0016). */
  async isErased(subjectId: string): Promise<boolean> {
    const cached = this.erasedSubjects.get(subjectId);
    if (cached && cached.until > Date.now()) return cached.erased;
    const record = await this.table.forSubject(subjectId);
    const erased = record?.wrappedKey === null;
    if (this.erasedSubjects.size >= SUBJECTS_CACHED) this.erasedSubjects.clear();
    this.erasedSubjects.set(subjectId, { erased, until: Date.now() + this.cacheMs });
    return erased;
  }

  close(): Promise<void> {
    return this.table.close();
  }

  private newRecord(subjectId: string): DataKeyRecord {
    const keyId = randomUUID();
    return { keyId, subjectId, wrappedKey: this.master.wrap(randomBytes(32), keyId), masterKeyId: this.master.id };
  }

  private unwrapped(record: DataKeyRecord): DataKey {
    if (record.wrappedKey === null) return 'shredded';
    if (record.masterKeyId !== this.master.id) {
      throw new Error(`Data key ${record.keyId} is wrapped by master key ${record.masterKeyId}, not by the configured one (${this.master.id}): finish the rotation`);
    }
    return { keyId: record.keyId, key: this.master.unwrap(record.wrappedKey, record.keyId) };
  }
}

/** Re-wraps every live data key from `from` to `to`; the events are not touched. Returns how many. */
export async function rotateMasterKey(table: DataKeyTable, from: MasterKey, to: MasterKey): Promise<number> {
  const records = await table.wrappedBy(from.id);
  for (const record of records) {
    await table.rewrap(record.keyId, to.wrap(from.unwrap(record.wrappedKey!, record.keyId), record.keyId), to.id);
  }
  return records.length;
}
