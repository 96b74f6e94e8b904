/**
 * One process may host several apps (embedded mode). On SIGINT/SIGTERM they close in the order given:
 * HTTP servers stop taking requests first, then the projector finishes its batch, then the files close.
 */
export function closeOnSignals(closers: readonly (() => Promise<unknown>)[], log: (message: string) => void = console.log): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    log(`${signal}: closing`);
    void (async () => {
      for (const close of closers) {
        try {
          await close();
        } catch (error) {
          console.error('while closing:', error);
        }
      }
      process.exit(0);
    })();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
