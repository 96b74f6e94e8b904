import { setMaxListeners } from 'node:events';
import type { Database } from 'better-sqlite3';
import type { EventStore, Position } from '@so-goc/event-store';
import type { Projection } from './projection';
import { ProjectionLoop, type ProjectionLogger, type ProjectionState } from './projection-loop';
import { ProjectionFeed } from './projection-feed';
import { migrateCheckpointTable } from './read-model-database';
import { bindReadModelsToStore, StoreMismatchError, storeIdentityOf } from './store-identity';
import { readinessOf, recordHeadAtStart, recordProjectorStarting, type Readiness } from './projection-runner-readiness';

export interface ProjectionRunnerOptions {
  readonly batchSize?: number;
  readonly logger?: ProjectionLogger;
}

const consoleLogger: ProjectionLogger = {
  log: (message) => console.log(message),
  error: (message) => console.error(message),
};

/**
 * Runs every registered projection independently: each has its own checkpoint, so a poison event stops
 * only the projection that cannot apply it. They share one subscription to the store (ProjectionFeed),
 * filtered to the event types they handle.
 */
export class ProjectionRunner {
  private readonly loops: ReadonlyMap<string, ProjectionLoop>;
  private readonly logger: ProjectionLogger;
  /** The process's one subscription, fanned out to every projection (issue 20 item 4). */
  readonly feed: ProjectionFeed;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    private readonly projections: readonly Projection[],
    options: ProjectionRunnerOptions = {},
  ) {
    migrateCheckpointTable(db);
    this.logger = options.logger ?? consoleLogger;
    const names = new Set<string>();
    for (const projection of projections) {
      if (names.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      names.add(projection.name);
    }
    this.feed = new ProjectionFeed(store);
    this.loops = new Map(
      projections.map((projection) => [
        projection.name,
        new ProjectionLoop(store, db, projection, options.batchSize ?? 500, options.logger ?? consoleLogger, this.feed),
      ]),
    );
  }

  /** Readiness starts false and turns true once every projection has reached the head the store has now. */
  /**
   * Nothing is applied until the read-model file is known to belong to this store (issue 20 item 4):
   * pointed at another store, every projection fails with StoreMismatchError and readiness stays false.
   */
  start(): void {
    recordProjectorStarting(this.db);
    const bound = storeIdentityOf(this.store).then((identity) => {
      if (this.db.open) bindReadModelsToStore(this.db, identity);
    });
    bound
      .then(() => this.store.headPosition())
      .then((head) => {
        if (this.db.open) recordHeadAtStart(this.db, head);
      })
      .catch((error: unknown) =>
        this.logger.error(
          error instanceof StoreMismatchError
            ? `PROJECTOR REFUSED: ${error.message}`
            : `Projector could not read the store head: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    for (const loop of this.loops.values()) loop.start(bound);
  }

  readiness(): Readiness {
    return readinessOf(this.db, this.projections);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.loops.values()].map((loop) => loop.stop()));
    await this.feed.stop();
  }

  states(): ProjectionState[] {
    return [...this.loops.values()].map((loop) => loop.state());
  }

  async rebuild(name: string): Promise<void> {
    const loop = this.loops.get(name);
    if (!loop) throw new Error(`No projection named ${name}`);
    await loop.rebuild();
  }

  /**
   * Lets a caller read its own writes: resolves when every projection has applied `position` (or has
   * stopped). Rejects after `timeoutMs`.
   */
  async waitUntilCaughtUp(position: Position, timeoutMs = 10000): Promise<void> {
    const controller = new AbortController();
    // One listener per projection on the same signal: more than Node's default warning threshold of ten.
    setMaxListeners(this.loops.size + 10, controller.signal);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      await Promise.all([...this.loops.values()].map((loop) => loop.waitFor(position, controller.signal)));
    } finally {
      clearTimeout(timer);
    }
    if (controller.signal.aborted) throw new Error(`Projections did not reach the position within ${timeoutMs} ms`);
  }
}
