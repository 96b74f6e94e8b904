import type { Database, Statement } from 'better-sqlite3';
import {
  comparePositions,
  parsePosition,
  positionToString,
  type EventStore,
  type Position,
  type RecordedEvent,
  type SubscriptionHealth,
} from '@so-goc/event-store';
import type { Projection } from './projection';
import { ProjectionFeed, type FeedFollower } from './projection-feed';
import { removeShadowFile, shadowFileOf, swapInRebuilt } from './projection-runner-shadow';
import { migrateCheckpointTable, openReadModelDatabase } from './read-model-database';

/** 'rebuilding': a new version is being built beside the old tables, which keep answering meanwhile. */
export type ProjectionStatus = 'starting' | 'rebuilding' | 'running' | 'failed' | 'stopped';

export interface ProjectionState {
  readonly name: string;
  readonly version: number;
  readonly status: ProjectionStatus;
  readonly position: Position | undefined;
  readonly error?: string;
  readonly failedEventId?: string;
  /** Set by stores that can lose their server: 'resubscribing' while the subscription is being re-established. */
  readonly subscription?: SubscriptionHealth;
}

export interface ProjectionLogger {
  log(message: string): void;
  error(message: string): void;
  /** Told after each committed batch: how many events it held, the checkpoint now, and how long it took (structured logs, metrics). */
  batch?(projection: string, events: number, position: Position, durationMs: number): void;
}

interface CheckpointRow {
  version: number;
  position: string | null;
  status: 'running' | 'failed';
}

/** The stored tables were made by another version of the projection: rebuild them beside. */
const STALE_VERSION = Symbol('stale version');

/** An event the projection could not apply. Its batch was rolled back; the checkpoint did not move. */
export class PoisonEventError extends Error {
  override readonly name = 'PoisonEventError';
  constructor(
    readonly projection: string,
    readonly event: RecordedEvent,
    cause: unknown,
  ) {
    super(
      `Projection ${projection} stopped at event ${event.id} (${event.type}, stream ${event.stream} rev ${event.revision}, position ${positionToString(event.position)}): ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/**
 * Follows the store for one projection. Events are applied in batches; each batch and the checkpoint
 * after it commit in one SQLite transaction, so a crash leaves the read model exactly at its
 * checkpoint: nothing applied twice, nothing skipped.
 */
export class ProjectionLoop {
  private status: ProjectionStatus = 'stopped';
  private position: Position | undefined;
  private error: string | undefined;
  private failedEventId: string | undefined;
  private subscription: SubscriptionHealth | undefined;
  private controller = new AbortController();
  private running: Promise<void> = Promise.resolve();
  private readonly handled: ReadonlySet<string>;
  private readonly saveCheckpoint: Statement<[string, string, string]>;
  private readonly progressListeners = new Set<() => void>();

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    readonly projection: Projection,
    private readonly batchSize: number,
    private readonly logger: ProjectionLogger,
    /** The process's one subscription, shared with the other projections; a feed of its own when absent (a rebuild beside). */
    private readonly feed: ProjectionFeed = new ProjectionFeed(store),
  ) {
    this.handled = new Set(projection.handles);
    this.saveCheckpoint = db.prepare(
      `UPDATE projection_checkpoints SET position = ?, status = 'running', error = NULL, failed_event_id = NULL,
         failed_event_position = NULL, failed_event_type = NULL, updated_at = ? WHERE name = ?`,
    );
  }

  state(): ProjectionState {
    return {
      name: this.projection.name,
      version: this.projection.version,
      status: this.status,
      position: this.position,
      ...(this.error !== undefined ? { error: this.error } : {}),
      ...(this.failedEventId !== undefined ? { failedEventId: this.failedEventId } : {}),
      ...(this.subscription !== undefined ? { subscription: this.subscription } : {}),
    };
  }

  /** `gate`: what must hold before the first event is applied (the read models belong to this store); its rejection fails the loop. */
  start(gate?: Promise<void>): void {
    if (this.status === 'running' || this.status === 'starting') return;
    this.controller = new AbortController();
    this.status = 'starting';
    this.error = undefined;
    this.failedEventId = undefined;
    const signal = this.controller.signal;
    this.running = (gate ? gate.then(() => (signal.aborted ? undefined : this.run(signal))) : this.run(signal)).catch((error: unknown) => {
      this.status = 'failed';
      this.error = error instanceof Error ? error.message : String(error);
      this.logger.error(`PROJECTION STOPPED: ${this.error}`);
      this.notifyProgress();
    });
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
    if (this.status !== 'failed') this.status = 'stopped';
    this.notifyProgress();
  }

  /**
   * Replays everything into new tables beside the live ones, which go on following the store and
   * answering readers; once the new tables have caught up, the live loop pauses for the last few
   * events and the new tables replace the old in one transaction (issue 16: no NOT_FOUND meanwhile).
   * Without a file to build beside (an in-memory database), drops and replays in place.
   */
  async rebuild(): Promise<void> {
    const file = shadowFileOf(this.db, this.projection);
    if (!file) {
      await this.stop();
      this.db.transaction(() => this.reset())();
      this.start();
      return;
    }
    // Its own signal: the live loop may be stopped (the CLI rebuilds with the projector down) or stopped
    // midway below, and neither must cut the build short.
    const beside = await this.buildBeside(file, new AbortController().signal);
    try {
      await this.stop();
      if (this.position) await beside.catchUpTo(this.position);
      const position = await beside.finish();
      swapInRebuilt(this.db, this.projection, file, position);
      this.position = position;
    } finally {
      beside.discard();
      // Whether or not the swap happened, the live model goes on following the store.
      this.start();
    }
  }

  /** Resolves once this projection has applied `position`, or has failed or stopped. */
  waitFor(position: Position, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        const reached = this.position !== undefined && comparePositions(this.position, position) >= 0;
        if (reached || this.status === 'failed' || this.status === 'stopped' || signal?.aborted) {
          this.progressListeners.delete(check);
          resolve();
        }
      };
      this.progressListeners.add(check);
      signal?.addEventListener('abort', check, { once: true });
      check();
    });
  }

  private async run(signal: AbortSignal): Promise<void> {
    const from = this.db.transaction(() => this.prepareCheckpoint())();
    if (from === STALE_VERSION) {
      const file = shadowFileOf(this.db, this.projection)!;
      this.status = 'rebuilding';
      const beside = await this.buildBeside(file, signal);
      try {
        const position = await beside.finish();
        if (signal.aborted) return;
        swapInRebuilt(this.db, this.projection, file, position);
        this.position = position;
      } finally {
        beside.discard();
      }
    } else {
      this.position = from;
    }
    this.status = 'running';
    this.notifyProgress();
    this.logger.log(
      `Projection ${this.projection.name} v${this.projection.version} from ${this.position ? positionToString(this.position) : 'the beginning'}`,
    );

    // A batch is committed when it is full, or at the next turn of the event loop: during a catch-up
    // the store hands over a whole page before yielding, so that is once per page; when live, it is
    // right after the events that arrived. Nothing is paid per event but the push. The events come from
    // the process's one feed (issue 20 item 4), filtered to the types the projections handle; a position
    // the store scanned past (events of other types only) moves the checkpoint too.
    let batch: RecordedEvent[] = [];
    let scannedTo: Position | undefined;
    let received = this.position;
    let scheduled: NodeJS.Immediate | undefined;
    let failure: unknown;
    const flush = (): void => {
      if (scheduled) clearImmediate(scheduled);
      scheduled = undefined;
      if ((batch.length === 0 && scannedTo === undefined) || failure !== undefined) return;
      const full = batch;
      const end = scannedTo;
      batch = [];
      scannedTo = undefined;
      try {
        this.commit(full, end);
      } catch (error) {
        failure = error;
        this.controller.abort();
      }
    };
    await new Promise<void>((resolve) => {
      const follower: FeedFollower = {
        handles: this.handled,
        received: () => received,
        push: (event) => {
          // A feed started again for a follower further behind hands over events this one already has.
          if (failure !== undefined || signal.aborted || !isAfterCheckpoint(event.position, received)) return;
          received = event.position;
          batch.push(event);
          if (batch.length >= this.batchSize) flush();
          else scheduled ??= setImmediate(flush);
        },
        scanned: (position) => {
          if (failure !== undefined || signal.aborted || !isAfterCheckpoint(position, received)) return;
          received = position;
          scannedTo = position;
          scheduled ??= setImmediate(flush);
        },
        fail: (error) => {
          failure ??= error;
          this.controller.abort();
        },
        health: (health) => {
          if (health.state === 'resubscribing')
            this.logger.error(
              `Projection ${this.projection.name}: subscription dropped (attempt ${health.attempt}): ${health.lastError ?? ''}`,
            );
          this.subscription = health;
        },
      };
      const finish = (): void => {
        this.feed.detach(follower);
        resolve();
      };
      if (signal.aborted) return finish();
      signal.addEventListener('abort', finish, { once: true });
      this.feed.attach(follower);
    });
    flush();
    if (failure !== undefined) throw failure;
  }

  /** `scannedTo`: the store looked this far past the batch's last event (events of other types only). */
  private commit(batch: readonly RecordedEvent[], scannedTo?: Position): void {
    const lastEvent = batch[batch.length - 1];
    const end =
      lastEvent && (scannedTo === undefined || comparePositions(lastEvent.position, scannedTo) >= 0) ? lastEvent.position : scannedTo;
    if (!end || !isAfterCheckpoint(end, this.position)) return;
    let current: RecordedEvent | undefined;
    const started = performance.now();
    try {
      this.db.transaction(() => {
        for (const event of batch) {
          // A batch delivered again (a resubscription, a retried read) is applied once: the checkpoint
          // is the projection's idempotency key (architecture §5).
          if (!this.handled.has(event.type) || !isAfterCheckpoint(event.position, this.position)) continue;
          current = event;
          this.projection.apply(this.db, event);
        }
        this.saveCheckpoint.run(positionToString(end), new Date().toISOString(), this.projection.name);
      })();
    } catch (cause) {
      const at = current ?? lastEvent;
      if (!at) throw cause;
      const poison = new PoisonEventError(this.projection.name, at, cause);
      this.recordFailure(poison);
      throw poison;
    }
    this.position = end;
    this.logger.batch?.(this.projection.name, batch.length, end, performance.now() - started);
    this.notifyProgress();
  }

  private recordFailure(poison: PoisonEventError): void {
    this.failedEventId = poison.event.id;
    this.db
      .prepare(
        `UPDATE projection_checkpoints SET status = 'failed', error = ?, failed_event_id = ?, failed_event_position = ?,
           failed_event_type = ?, updated_at = ? WHERE name = ?`,
      )
      .run(
        poison.message,
        poison.event.id,
        positionToString(poison.event.position),
        poison.event.type,
        new Date().toISOString(),
        this.projection.name,
      );
  }

  /**
   * A second loop of the same projection on a file of its own, caught up to the store's head as it
   * was when the build began. The caller may catch it up further, then finishes and discards it.
   */
  private async buildBeside(
    file: string,
    signal: AbortSignal,
  ): Promise<{ catchUpTo(position: Position): Promise<void>; finish(): Promise<Position | undefined>; discard(): void }> {
    removeShadowFile(file);
    const shadowDb = openReadModelDatabase(file);
    migrateCheckpointTable(shadowDb);
    const quiet: ProjectionLogger = { log: () => undefined, error: (message) => this.logger.error(message) };
    const shadow = new ProjectionLoop(this.store, shadowDb, this.projection, this.batchSize, quiet);
    const stopOnAbort = (): void => void shadow.stop();
    signal.addEventListener('abort', stopOnAbort, { once: true });
    this.logger.log(`Projection ${this.projection.name} v${this.projection.version}: rebuilding beside the live tables in ${file}`);
    shadow.start();
    const catchUpTo = async (position: Position): Promise<void> => {
      await shadow.waitFor(position, signal);
      const state = shadow.state();
      if (state.status === 'failed') throw new Error(`Rebuild of ${this.projection.name} failed: ${state.error ?? 'unknown error'}`);
    };
    const head = await this.store.headPosition();
    try {
      if (head) await catchUpTo(head);
    } catch (error) {
      await shadow.stop();
      shadowDb.close();
      removeShadowFile(file);
      throw error;
    }
    return {
      catchUpTo,
      finish: async () => {
        await shadow.stop();
        return shadow.state().position;
      },
      discard: () => {
        signal.removeEventListener('abort', stopOnAbort);
        if (shadowDb.open) shadowDb.close();
        removeShadowFile(file);
      },
    };
  }

  private prepareCheckpoint(): Position | undefined | typeof STALE_VERSION {
    const row = this.db
      .prepare<[string], CheckpointRow>('SELECT version, position, status FROM projection_checkpoints WHERE name = ?')
      .get(this.projection.name);
    if (row && row.version !== this.projection.version && shadowFileOf(this.db, this.projection)) {
      this.logger.log(
        `Projection ${this.projection.name}: version ${row.version} → ${this.projection.version}, rebuilding beside the old tables, which answer until then`,
      );
      return STALE_VERSION;
    }
    if (!row || row.version !== this.projection.version) {
      if (row)
        this.logger.log(`Projection ${this.projection.name}: version ${row.version} → ${this.projection.version}, rebuilding from zero`);
      this.reset();
      return undefined;
    }
    this.projection.createTables(this.db);
    return row.position === null ? undefined : parsePosition(row.position);
  }

  private reset(): void {
    for (const table of this.projection.tables) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
    this.projection.createTables(this.db);
    this.db
      .prepare(
        `INSERT INTO projection_checkpoints (name, version, position, status, updated_at) VALUES (?, ?, NULL, 'running', ?)
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = NULL, status = 'running', error = NULL,
           failed_event_id = NULL, failed_event_position = NULL, failed_event_type = NULL, updated_at = excluded.updated_at`,
      )
      .run(this.projection.name, this.projection.version, new Date().toISOString());
    this.position = undefined;
  }

  private notifyProgress(): void {
    for (const listener of [...this.progressListeners]) listener();
  }
}

/** True for an event the projection has not applied yet: its position lies after the checkpoint. */
export function isAfterCheckpoint(position: Position, checkpoint: Position | undefined): boolean {
  return checkpoint === undefined || comparePositions(position, checkpoint) > 0;
}
