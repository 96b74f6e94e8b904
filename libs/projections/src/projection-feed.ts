import { comparePositions, type EventStore, type Position, type RecordedEvent, type SubscriptionHealth } from '@so-goc/event-store';

/** A projection loop as the feed sees it. */
export interface FeedFollower {
  readonly handles: ReadonlySet<string>;
  /** What it has taken so far (applied, or waiting in its batch); the feed starts after the smallest. */
  received(): Position | undefined;
  push(event: RecordedEvent): void;
  /** The store looked at everything up to here: no event of the follower's types lies in between. */
  scanned(position: Position): void;
  /** The subscription failed for good (a store error that is not a dropped connection). */
  fail(error: unknown): void;
  health(health: SubscriptionHealth): void;
}

/**
 * One subscription to the store per process, fanned out to its projections (issue 20 item 4), instead
 * of one `$all` read loop per projection. The subscription asks only for the event types the followers
 * handle, filtered by the store (SQLite's query, EventStoreDB's server-side filter). It starts after the
 * smallest position any follower has; a follower that joins behind the feed (a projection rebuilt, or
 * one that started late) makes it start again from there, and the followers already past an event skip
 * it, so nothing is applied twice. Joins in the same turn of the event loop share one start.
 */
export class ProjectionFeed {
  private readonly followers = new Set<FeedFollower>();
  private controller: AbortController | undefined;
  private running: Promise<void> = Promise.resolve();
  private cursor: Position | undefined;
  private types = new Set<string>();
  private restartScheduled = false;
  private opened = 0;

  constructor(private readonly store: EventStore) {}

  /** How many subscriptions the feed has opened so far (a start, or a start again for a late follower). */
  get subscriptionsOpened(): number {
    return this.opened;
  }

  attach(follower: FeedFollower): void {
    this.followers.add(follower);
    if (this.restartScheduled) return;
    const position = follower.received();
    const behind =
      this.controller === undefined ||
      [...follower.handles].some((type) => !this.types.has(type)) ||
      (this.cursor !== undefined && (position === undefined || comparePositions(position, this.cursor) < 0));
    if (!behind) return;
    this.restartScheduled = true;
    setImmediate(() => {
      this.restartScheduled = false;
      this.restart();
    });
  }

  detach(follower: FeedFollower): void {
    this.followers.delete(follower);
    if (this.followers.size === 0) {
      this.controller?.abort();
      this.controller = undefined;
      this.cursor = undefined;
      this.types = new Set();
    }
  }

  async stop(): Promise<void> {
    this.followers.clear();
    this.controller?.abort();
    this.controller = undefined;
    await this.running;
  }

  private restart(): void {
    this.controller?.abort();
    if (this.followers.size === 0) return;
    const controller = new AbortController();
    this.controller = controller;
    let from: Position | undefined;
    let fromStart = false;
    for (const follower of this.followers) {
      const position = follower.received();
      if (position === undefined) fromStart = true;
      else if (!from || comparePositions(position, from) < 0) from = position;
    }
    if (fromStart) from = undefined;
    this.types = new Set([...this.followers].flatMap((follower) => [...follower.handles]));
    this.cursor = from;
    const previous = this.running;
    this.running = previous.then(() => this.run(from, [...this.types], controller.signal));
  }

  private async run(from: Position | undefined, eventTypes: readonly string[], signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    this.opened += 1;
    try {
      for await (const event of this.store.subscribeToAll({
        ...(from ? { after: from } : {}),
        signal,
        eventTypes,
        onScanned: (position) => {
          if (signal.aborted) return;
          this.cursor = position;
          for (const follower of [...this.followers]) follower.scanned(position);
        },
        onHealth: (health) => {
          for (const follower of [...this.followers]) follower.health(health);
        },
      })) {
        if (signal.aborted) break;
        this.cursor = event.position;
        for (const follower of [...this.followers]) follower.push(event);
      }
    } catch (error) {
      if (signal.aborted) return;
      for (const follower of [...this.followers]) follower.fail(error);
    }
  }
}
