import { Exclusive } from './exclusive';
import { Lease, Leases } from './leases';

/** One lock server shared by every replica; a replica's connection can be cut, which frees its locks. */
class LockServer {
  private readonly holders = new Map<string, { replica: string; lose: () => void }>();

  leasesOf(replica: string): Leases {
    return {
      tryAcquire: async (name: string): Promise<Lease | undefined> => {
        if (this.holders.has(name)) return undefined;
        let lose!: () => void;
        const lost = new Promise<void>((resolve) => (lose = resolve));
        this.holders.set(name, { replica, lose });
        return { name, lost, release: async () => void (this.holders.get(name)?.replica === replica && this.holders.delete(name)) };
      },
      close: async () => undefined,
    };
  }

  /** The server ends the replica's session, as a network partition or a failover would. */
  cut(replica: string): void {
    for (const [name, holder] of this.holders) {
      if (holder.replica !== replica) continue;
      this.holders.delete(name);
      holder.lose();
    }
  }
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('Exclusive: one replica runs the work', () => {
  const retryMs = 20;
  let server: LockServer;
  const running: Exclusive[] = [];

  beforeEach(() => (server = new LockServer()));
  afterEach(async () => {
    for (const e of running.splice(0)) await e.stop();
  });

  function replica(name: string, log: string[]): Exclusive {
    const exclusive = new Exclusive(
      server.leasesOf(name),
      'projection:test',
      {
        lead: async () => void log.push(`${name} leads`),
        abdicate: async () => void log.push(`${name} stops`),
        // Following reads the leader's progress from the database: a retry takes a while.
        follow: () => new Promise((r) => setTimeout(r, retryMs)),
      },
      { retryMs },
    );
    running.push(exclusive);
    return exclusive;
  }

  it('a replica whose lease was lost lets a replica whose connection held take over', async () => {
    for (let round = 0; round < 10; round++) {
      const log: string[] = [];
      const a = replica('A', log);
      await a.start();
      const b = replica('B', log);
      await b.start();
      // B's retries run out of step with the loss, as they do between two processes.
      await new Promise((r) => setTimeout(r, round * 4));

      server.cut('A');
      await until(() => b.leading);
      expect(a.leading).toBe(false);
      expect(log).toEqual(['A leads', 'A stops', 'B leads']);
      await a.stop();
      await b.stop();
    }
  });

  it('a replica alone takes its lease back after the loss, a few retries later', async () => {
    const log: string[] = [];
    const a = replica('A', log);
    await a.start();
    const cutAt = Date.now();
    server.cut('A');
    await until(() => log.length === 3);
    expect(log).toEqual(['A leads', 'A stops', 'A leads']);
    expect(a.leading).toBe(true);
    expect(Date.now() - cutAt).toBeGreaterThanOrEqual(retryMs * 5);
  });

  it('a stopped replica gives the lease up, and the waiting one takes it within a retry or two', async () => {
    const log: string[] = [];
    const a = replica('A', log);
    await a.start();
    const b = replica('B', log);
    await b.start();
    expect(b.leading).toBe(false);
    await a.stop();
    await until(() => b.leading);
    expect(log).toEqual(['A leads', 'A stops', 'B leads']);
  });
});
