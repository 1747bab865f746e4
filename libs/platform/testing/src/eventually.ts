/**
 * Retries an assertion until it holds, or fails with its last error: projections, consumers and the
 * scheduler catch up asynchronously, and a test waits for them without fixed sleeps. The default wait is long
 * (15 s) because it costs nothing when things go well: six services catching up in one process on a loaded
 * two-core machine can take more than 5 s.
 */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * Reads until the value read answers `done`, and returns that value; past the deadline it fails with
 * what it waited for and the last value read.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  let value!: T;
  await eventually(async () => {
    value = await read();
    if (!done(value)) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
  }, timeoutMs);
  return value;
}
