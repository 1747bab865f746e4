import { ReadAllOptions, ReadAllResult, Subscription, SubscribeOptions, SubscriptionHandler, matchesFilter } from './event-store';

/**
 * What one commit appended, when the store knows all of it: the head before and after, and each event's stream and
 * type. A subscription standing at `after` whose filter takes none of them moves to `checkpoint` without a read.
 */
export interface Appended {
  after: string | undefined;
  checkpoint: string;
  events: ReadonlyArray<{ stream: string; type: string }>;
}

export interface Wakeup {
  /** Resolves on the next append this process sees (with what it appended, when told), or after `timeoutMs` with nothing. */
  wait(timeoutMs: number): Promise<Appended | undefined>;
  notify(appended?: Appended): void;
}

export function createWakeup(): Wakeup {
  let waiters: Array<(appended?: Appended) => void> = [];
  return {
    wait(timeoutMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done(appended?: Appended) {
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== done);
          resolve(appended);
        }
        waiters.push(done);
      });
    },
    notify(appended) {
      for (const w of [...waiters]) w(appended);
    },
  };
}

/**
 * A push subscription over `readAll` for stores without server push: it reads from the checkpoint,
 * hands each batch to the handler (awaited, in order), and at the head waits for an append in this
 * process or the poll interval, which catches appends by other processes.
 */
export function pollingSubscription(
  readAll: (options: ReadAllOptions) => Promise<ReadAllResult>,
  wakeup: Wakeup,
  options: SubscribeOptions,
  handler: SubscriptionHandler,
  pollIntervalMs = 250,
): Subscription {
  let stopped = false;
  let checkpoint = options.after;
  let wake: Wakeup | undefined = wakeup;
  const passesOver = (appended: Appended) => appended.after === checkpoint && !appended.events.some((event) => matchesFilter(event, options.filter));
  const loop = (async (): Promise<Error> => {
    try {
      while (!stopped) {
        const batch = await readAll({ after: checkpoint, filter: options.filter, batchSize: options.batchSize });
        if (stopped) break;
        if (batch.checkpoint !== undefined && batch.checkpoint !== checkpoint) {
          await handler(batch.events, batch.checkpoint);
          checkpoint = batch.checkpoint;
        }
        if (!batch.isEnd || stopped) continue;
        // At the head, a commit that holds nothing for this filter is passed over without a read: most commits
        // concern few of a process's many subscriptions.
        for (let appended = await wake?.wait(pollIntervalMs); appended && !stopped && passesOver(appended); appended = await wake?.wait(pollIntervalMs)) {
          await handler([], appended.checkpoint);
          checkpoint = appended.checkpoint;
        }
      }
      return new Error('subscription stopped');
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  })();
  const failed = loop.then((error) => (stopped ? new Promise<Error>(() => undefined) : error));
  return {
    failed,
    async stop() {
      stopped = true;
      wake?.notify();
      wake = undefined;
      await loop;
    },
  };
}
