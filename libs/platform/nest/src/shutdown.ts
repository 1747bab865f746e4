import { LoggerService, Logger, ShutdownSignal } from '@nestjs/common';

/** What of `process` the shutdown uses; a test passes a stand-in. */
export interface SignalledProcess {
  readonly pid: number;
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  removeListener(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  kill(pid: number, signal: NodeJS.Signals): unknown;
  exit(code: number): never | void;
}

/** The signals Nest's shutdown hooks answer (`ShutdownSignal`), which the process answered before it logged its stops. */
const SIGNALS = Object.values(ShutdownSignal) as NodeJS.Signals[];

/**
 * A signal that ends the process (SIGTERM from Kubernetes, SIGINT from a terminal) stops the app gracefully, as
 * Nest's shutdown hooks did: the server stops taking requests and finishes those in flight, the runners stop after
 * their current batch and save their checkpoints, the connections close (PlatformRuntime). One log line says that
 * it starts and on which signal, one that it ended and how long it took, so that the log tells a stop from a
 * crash; then the process ends by the same signal, as it would have without a handler. A second signal meanwhile
 * is ignored. A failure to stop is logged and exits 1. Returns what stops listening, for an app closed otherwise.
 */
export function stopOnSignals(
  app: { close(): Promise<void> },
  proc: SignalledProcess = process,
  logger: LoggerService = new Logger('Platform'),
  now: () => number = Date.now,
): () => void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = now();
    logger.log(`Stopping on ${signal}: no new requests; finishing those in flight and the runners' current batches`);
    app.close().then(
      () => {
        logger.log(`Stopped on ${signal} after ${now() - started} ms`);
        unsubscribe();
        proc.kill(proc.pid, signal);
      },
      (error: unknown) => {
        logger.error(`Stopping on ${signal} failed after ${now() - started} ms: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        proc.exit(1);
      },
    );
  };
  const unsubscribe = () => {
    for (const signal of SIGNALS) proc.removeListener(signal, stop);
  };
  for (const signal of SIGNALS) proc.on(signal, stop);
  return unsubscribe;
}
