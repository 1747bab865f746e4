/**
 * Retries an assertion until it holds, or fails with its last error: projections, consumers and the
 * scheduler catch up asynchronously, and a test waits for them without fixed sleeps.
 */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 5000): Promise<void> {
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
