import { ReadAllOptions, ReadAllResult, Subscription, SubscribeOptions, SubscriptionHandler } from './event-store';

export interface Wakeup {
  /** Resolves on the next append this process sees, or after `timeoutMs`, whichever comes first. */
  wait(timeoutMs: number): Promise<void>;
  notify(): void;
}

export function createWakeup(): Wakeup {
  let waiters: Array<() => void> = [];
  return {
    wait(timeoutMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== done);
          resolve();
        }
        waiters.push(done);
      });
    },
    notify() {
      for (const w of [...waiters]) w();
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
  const loop = (async (): Promise<Error> => {
    try {
      while (!stopped) {
        const batch = await readAll({ after: checkpoint, filter: options.filter, batchSize: options.batchSize });
        if (stopped) break;
        if (batch.checkpoint !== undefined && batch.checkpoint !== checkpoint) {
          await handler(batch.events, batch.checkpoint);
          checkpoint = batch.checkpoint;
        }
        if (batch.isEnd && !stopped) await wake?.wait(pollIntervalMs);
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
