interface Closeable {
  close(): Promise<void>;
}

/**
 * What the platform's providers open while the app is built: the event store, the read-model database, the bus.
 * Nest builds them side by side and, when one fails, abandons the others without closing them, so that a pool left
 * open keeps the process (a test's, or one that failed to start) alive until its connections time out. Here the
 * first failure closes whatever was opened, and whatever opens after it is closed as it arrives.
 */
export class StartupResources {
  private readonly opened: Closeable[] = [];
  private failed = false;

  async open<T extends Closeable>(open: () => Promise<T>): Promise<T> {
    let resource: T;
    try {
      resource = await open();
    } catch (error) {
      this.failed = true;
      await Promise.all(this.opened.splice(0).map((r) => r.close().catch(() => undefined)));
      throw error;
    }
    if (this.failed) await resource.close().catch(() => undefined);
    else this.opened.push(resource);
    return resource;
  }
}
