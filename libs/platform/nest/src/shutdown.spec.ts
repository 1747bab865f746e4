import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoggerService } from '@nestjs/common';
import { SignalledProcess, stopOnSignals } from './shutdown';
import { jsonLines, startSample } from './testing/sample-process';

/** A process to signal, which records what it was asked to do. */
function fakeProcess() {
  const events = new EventEmitter();
  const done = { killed: [] as Array<[number, string]>, exited: [] as number[] };
  const proc: SignalledProcess & { emit(signal: NodeJS.Signals): void; listeners(signal: NodeJS.Signals): number } = {
    pid: 4242,
    on: (signal, listener) => events.on(signal, listener),
    removeListener: (signal, listener) => events.removeListener(signal, listener),
    kill: (pid, signal) => done.killed.push([pid, signal]),
    exit: (code) => void done.exited.push(code),
    emit: (signal) => events.emit(signal, signal),
    listeners: (signal) => events.listenerCount(signal),
  };
  return { proc, done };
}

function recordingLogger() {
  const lines: Array<[string, string]> = [];
  const logger: LoggerService = {
    log: (message: string) => lines.push(['log', message]),
    error: (message: string) => lines.push(['error', message]),
    warn: (message: string) => lines.push(['warn', message]),
  };
  return { logger, lines };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('stopping on a signal', () => {
  it('logs as it starts, naming the signal, and as it ends, with how long it took; then ends the process by the same signal', async () => {
    const { proc, done } = fakeProcess();
    const { logger, lines } = recordingLogger();
    let finish!: () => void;
    const app = { close: jest.fn(() => new Promise<void>((resolve) => (finish = resolve))) };
    let clock = 1_000;
    stopOnSignals(app, proc, logger, () => clock);

    proc.emit('SIGTERM');
    expect(lines).toEqual([['log', "Stopping on SIGTERM: no new requests; finishing those in flight and the runners' current batches"]]);
    proc.emit('SIGINT');
    expect(app.close).toHaveBeenCalledTimes(1);
    clock = 1_250;
    finish();
    await settled();
    expect(lines[1]).toEqual(['log', 'Stopped on SIGTERM after 250 ms']);
    expect(lines).toHaveLength(2);
    expect(done).toEqual({ killed: [[4242, 'SIGTERM']], exited: [] });
    expect(proc.listeners('SIGTERM')).toBe(0);
  });

  it('logs a stop that failed, and exits 1', async () => {
    const { proc, done } = fakeProcess();
    const { logger, lines } = recordingLogger();
    stopOnSignals({ close: () => Promise.reject(new Error('checkpoint not saved')) }, proc, logger, () => 0);
    proc.emit('SIGINT');
    await settled();
    expect(lines[1]).toEqual(['error', expect.stringMatching(/^Stopping on SIGINT failed after 0 ms: Error: checkpoint not saved/)]);
    expect(done).toEqual({ killed: [], exited: [1] });
  });

  it('stops listening when the app was closed otherwise', () => {
    const { proc } = fakeProcess();
    const unsubscribe = stopOnSignals({ close: async () => undefined }, proc, recordingLogger().logger);
    expect(proc.listeners('SIGTERM')).toBe(1);
    unsubscribe();
    expect(proc.listeners('SIGTERM')).toBe(0);
  });
});

describe('a service process stopped with SIGTERM (runService)', () => {
  it('logs, in its structured log, that it stops on SIGTERM and that it stopped, and ends by the signal', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sl-stop-'));
    try {
      const sample = startSample('sample-main', { EVENT_STORE: 'memory', DATA_DIR: dataDir });
      const deadline = Date.now() + 60_000;
      while (!jsonLines(sample.stdout()).some((line) => line.message.startsWith('Listening on')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      sample.child.kill('SIGTERM');
      const outcome = await sample.outcome;
      expect(outcome).toMatchObject({ code: null, signal: 'SIGTERM', stderr: '' });
      const lines = jsonLines(outcome.stdout);
      const stopping = lines.findIndex((line) => line.message.startsWith('Stopping on SIGTERM'));
      expect(lines[stopping]).toMatchObject({ level: 'info', context: 'Platform', service: 'sample', message: "Stopping on SIGTERM: no new requests; finishing those in flight and the runners' current batches" });
      expect(lines[lines.length - 1]).toMatchObject({ level: 'info', context: 'Platform', service: 'sample', message: expect.stringMatching(/^Stopped on SIGTERM after \d+ ms$/) });
      expect(stopping).toBeGreaterThan(lines.findIndex((line) => line.message.startsWith('Listening on')));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
