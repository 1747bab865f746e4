import { Client } from 'pg';
import { READ_MODEL_LOCK } from './advisory-locks';

/** The right to be the one replica that runs something (a projection, a schedule). */
export interface Lease {
  readonly name: string;
  /** Resolves when the lease was lost (its connection dropped): stop the work at once. */
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

export interface Leases {
  /** The lease, or undefined when another holder has it. Never waits. */
  tryAcquire(name: string): Promise<Lease | undefined>;
  close(): Promise<void>;
}

/** Embedded default: one process owns the database, so leases only keep two runners of it apart. */
export class LocalLeases implements Leases {
  private readonly held = new Set<string>();

  async tryAcquire(name: string): Promise<Lease | undefined> {
    if (this.held.has(name)) return undefined;
    this.held.add(name);
    return { name, lost: new Promise<void>(() => undefined), release: async () => void this.held.delete(name) };
  }

  async close(): Promise<void> {
    this.held.clear();
  }
}

/**
 * Leases as PostgreSQL session-level advisory locks, all held on one dedicated connection per process
 * (not a pooled one: a pooled connection would carry the lock to whoever borrows it next). When the
 * connection drops, the server releases the locks, so another replica can take over; this side learns
 * it from the connection's error or from a heartbeat, and every lease it held reports `lost`.
 */
export class AdvisoryLockLeases implements Leases {
  private client?: Client;
  private connecting?: Promise<Client>;
  private readonly held = new Map<string, () => void>();
  private heartbeat?: NodeJS.Timeout;
  private closed = false;
  /** One query at a time on the lease connection (pg does not want overlapping queries on a client). */
  private serial: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly schema: string,
    private readonly heartbeatMs = 5000,
  ) {}

  async tryAcquire(name: string): Promise<Lease | undefined> {
    if (this.closed || this.held.has(name)) return undefined;
    const client = await this.connection();
    const { rows } = await this.exec<{ ok: boolean }>(client, 'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
      READ_MODEL_LOCK.lease,
      this.key(name),
    ]).catch((error: unknown) => {
      this.drop(client);
      throw error;
    });
    if (!rows[0]?.ok) return undefined;
    if (this.client !== client) {
      // Connection lost while asking: the lock went with it.
      return undefined;
    }
    let markLost!: () => void;
    const lost = new Promise<void>((resolve) => (markLost = resolve));
    this.held.set(name, markLost);
    this.startHeartbeat();
    return {
      name,
      lost,
      release: async () => {
        if (this.held.get(name) !== markLost) return;
        this.held.delete(name);
        if (this.client === client) {
          await this.exec(client, 'SELECT pg_advisory_unlock($1, hashtext($2))', [READ_MODEL_LOCK.lease, this.key(name)]).catch(() =>
            this.drop(client),
          );
        }
      },
    };
  }

  /** Leases of this process that are currently held (for status and tests). */
  get heldNames(): string[] {
    return [...this.held.keys()];
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    for (const markLost of this.held.values()) markLost();
    this.held.clear();
    // Ending the session releases its advisory locks.
    await client?.end().catch(() => undefined);
  }

  private exec<R extends Record<string, unknown>>(client: Client, text: string, values?: unknown[]): Promise<{ rows: R[] }> {
    const run = this.serial.then(() => client.query<R>(text, values));
    this.serial = run.catch(() => undefined);
    return run;
  }

  private key(name: string): string {
    return `${this.schema}:${name}`;
  }

  private connection(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      // A query that hangs (a half-open connection) counts as a dropped connection: its leases are lost.
      const timeout = Math.max(10_000, this.heartbeatMs * 2);
      const client = new Client({ connectionString: this.url, keepAlive: true, query_timeout: timeout, connectionTimeoutMillis: timeout });
      client.on('error', () => this.drop(client));
      client.on('end', () => this.drop(client));
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      this.client = client;
      return client;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** The session is gone, and its locks with it: every lease taken on it is lost. */
  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    for (const markLost of this.held.values()) markLost();
    this.held.clear();
    client.end().catch(() => undefined);
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const client = this.client;
      if (!client || this.held.size === 0) return;
      this.exec(client, 'SELECT 1').catch(() => this.drop(client));
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }
}
