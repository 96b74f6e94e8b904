import type { Database } from 'better-sqlite3';
import { comparePositions, type EventStore, type Position } from '@so-goc/event-store';
import { ALL_PROJECTIONS, readModelsReached, type Projection } from '@so-goc/projections';

/** What the embedded process has instead of polling: the projector beside it. */
export interface CatchUpWaiter {
  waitUntilCaughtUp(position: Position, timeoutMs: number): Promise<void>;
}

export interface ReadYourWritesOptions {
  /** The longest a read waits for the read models (SOGOC_READ_YOUR_WRITES_MS, 3,000 by default). */
  readonly timeoutMs?: number;
  /** How often the checkpoint table is looked at when the projector is another process. */
  readonly pollMs?: number;
  /** Given when the projector runs in this process. */
  readonly runner?: CatchUpWaiter;
  readonly projections?: readonly Projection[];
}

export type Settled = 'reached' | 'nothing-written' | 'timed-out';

const TRACKED = Symbol('so-goc:written-positions');

interface Tracked {
  [TRACKED]?: { last: Position | undefined };
}

/**
 * Read-your-writes for the officers' API (issue 20 item 4). The process remembers the last position it
 * appended at; before answering a read it waits, bounded, until the read models have applied it. When the
 * projector runs in this process it waits on the projector itself; otherwise (`serve --only registry-api`,
 * several API nodes and one projector) it watches the checkpoints the projector commits to the shared
 * read-model file. After the bound the read answers from what is there, marked stale in a header.
 */
export class ReadYourWrites {
  private readonly written: { last: Position | undefined };
  readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly projections: readonly Projection[];

  constructor(
    store: EventStore,
    private readonly readModels: Database,
    private readonly options: ReadYourWritesOptions = {},
  ) {
    this.written = trackWrittenPositions(store);
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.pollMs = options.pollMs ?? 10;
    this.projections = options.projections ?? ALL_PROJECTIONS;
  }

  /** The last position this process appended at, if any. */
  lastWritten(): Position | undefined {
    return this.written.last;
  }

  /** Waits until the read models have applied everything this process wrote (or the bound passes). */
  async settle(): Promise<Settled> {
    const target = this.written.last;
    if (!target) return 'nothing-written';
    if (this.options.runner) {
      try {
        await this.options.runner.waitUntilCaughtUp(target, this.timeoutMs);
        return 'reached';
      } catch {
        return 'timed-out';
      }
    }
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      if (!this.readModels.open) return 'timed-out';
      if (readModelsReached(this.readModels, this.projections, target)) return 'reached';
      if (Date.now() >= deadline) return 'timed-out';
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }
}

/**
 * Wraps the store's append once per store object, remembering the highest position appended by this
 * process. Several readers of the same store share the record.
 */
export function trackWrittenPositions(store: EventStore): { last: Position | undefined } {
  const tracked = store as EventStore & Tracked;
  const existing = tracked[TRACKED];
  if (existing) return existing;
  const record: { last: Position | undefined } = { last: undefined };
  tracked[TRACKED] = record;
  const original = store.appendToStream.bind(store);
  store.appendToStream = async (stream, events, expected) => {
    const result = await original(stream, events, expected);
    if (events.length > 0 && (record.last === undefined || comparePositions(result.position, record.last) > 0))
      record.last = result.position;
    return result;
  };
  const originalMany = store.appendToStreams.bind(store);
  store.appendToStreams = async (appends) => {
    const results = await originalMany(appends);
    results.forEach((result, index) => {
      if (appends[index]!.events.length > 0 && (record.last === undefined || comparePositions(result.position, record.last) > 0))
        record.last = result.position;
    });
    return results;
  };
  return record;
}

export function readYourWritesTimeoutFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.SOGOC_READ_YOUR_WRITES_MS;
  if (raw === undefined || raw === '') return 3000;
  const parsed = Number(raw);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`SOGOC_READ_YOUR_WRITES_MS must be a number of milliseconds ≥ 0, not ${raw}`);
  return parsed;
}
