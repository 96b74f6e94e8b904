import type { EventStore, RecordedEvent } from './event-store.port';

/**
 * The folded state of one small, hot stream (the authority directory, access control), kept in
 * memory and brought up to date from the store on every read: only events after the cached revision
 * are read, so every request sees every committed event (a revoked token stops working at once) at
 * the cost of one indexed read.
 */
export class StreamStateCache<TState> {
  private state: TState;
  private revision: bigint | 'no_stream' = 'no_stream';
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly stream: string,
    initialState: TState,
    private readonly evolve: (state: TState, event: RecordedEvent) => TState,
  ) {
    this.state = initialState;
  }

  /**
   * Each call reads after it was made (never joins a read already under way, which could predate a
   * revocation the caller must see); reads are serialised so the fold stays in order.
   */
  current(): Promise<TState> {
    const next = this.queue.then(() => this.refresh());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async refresh(): Promise<TState> {
    const fromRevision = this.revision === 'no_stream' ? 0n : this.revision + 1n;
    const read = await this.store.readStream(this.stream, { fromRevision });
    for (const event of read.events) this.state = this.evolve(this.state, event);
    this.revision = read.revision;
    return this.state;
  }
}
