import { EventEnvelope } from './envelope';

/** Turns the stored shape of `type` at `fromVersion` into the shape of `fromVersion + 1`. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: unknown): unknown;
}

/** Applies upcasters in version order until no more apply: stored events are never rewritten. */
export class Upcasters {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: Upcaster[] = []) {
    for (const u of upcasters) this.byKey.set(`${u.type}@${u.fromVersion}`, u);
  }

  get isEmpty(): boolean {
    return this.byKey.size === 0;
  }

  apply<T extends EventEnvelope>(event: T): T {
    let current = event;
    for (;;) {
      const step = this.byKey.get(`${current.type}@${current.metadata.schemaVersion}`);
      if (!step) return current;
      current = {
        ...current,
        data: step.upcast(current.data),
        metadata: { ...current.metadata, schemaVersion: current.metadata.schemaVersion + 1 },
      };
    }
  }
}
