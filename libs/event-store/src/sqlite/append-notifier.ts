/**
 * Wakes live subscriptions. Appends made by this process wake them at once; appends made by another
 * process on the same file (the CLI while the server runs) are found by the poll.
 */
export class AppendNotifier {
  private waiters = new Set<() => void>();

  notify(): void {
    if (this.waiters.size === 0) return;
    const woken = this.waiters;
    this.waiters = new Set();
    for (const wake of woken) wake();
  }

  waitForAppend(signal: AbortSignal, pollMs: number): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
