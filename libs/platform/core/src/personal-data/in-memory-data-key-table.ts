import { DataKeyRecord, DataKeyTable, Tombstone } from './data-keys';

/** The key table of the in-memory event store: gone with the process, as its events are. */
export class InMemoryDataKeyTable implements DataKeyTable {
  private readonly bySubject = new Map<string, DataKeyRecord>();

  async forSubject(subjectId: string): Promise<DataKeyRecord | undefined> {
    return this.bySubject.get(subjectId);
  }

  async byId(keyId: string): Promise<DataKeyRecord | undefined> {
    return [...this.bySubject.values()].find((r) => r.keyId === keyId);
  }

  async insert(record: DataKeyRecord): Promise<DataKeyRecord> {
    if (!this.bySubject.has(record.subjectId)) this.bySubject.set(record.subjectId, { ...record });
    return this.bySubject.get(record.subjectId)!;
  }

  async shred(tombstone: Tombstone): Promise<boolean> {
    const record = this.bySubject.get(tombstone.subjectId);
    if (record?.wrappedKey === null) return false;
    this.bySubject.set(tombstone.subjectId, record ? { ...record, wrappedKey: null } : { ...tombstone });
    return true;
  }

  async wrappedBy(masterKeyId: string): Promise<DataKeyRecord[]> {
    return [...this.bySubject.values()].filter((r) => r.wrappedKey !== null && r.masterKeyId === masterKeyId);
  }

  async masterKeyOtherThan(masterKeyId: string): Promise<string | undefined> {
    return [...this.bySubject.values()].find((r) => r.wrappedKey !== null && r.masterKeyId !== masterKeyId)?.masterKeyId;
  }

  async rewrap(keyId: string, wrappedKey: string, masterKeyId: string): Promise<void> {
    const record = await this.byId(keyId);
    if (record) this.bySubject.set(record.subjectId, { ...record, wrappedKey, masterKeyId });
  }

  async close(): Promise<void> {}
}
