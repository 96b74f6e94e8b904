import type { Database } from 'better-sqlite3';
import { comparePositions, type EventStore, type Position } from '@so-goc/event-store';
import { ALL_PROJECTIONS, readModelsReached, type Projection } from '@so-goc/projections';
import { noteInWriteScope } from './write-position';

/** What the embedded process has instead of polling: the projector beside it. */
export interface CatchUpWaiter {
  waitUntilCaughtUp(position: Position, timeoutMs: number): Promise<void>;
}

export interface ReadYourWritesOptions {
  /** The longest a read waits for the read models (SOGOC_READ_YOUR_WRITES_MS, 5,000 by default). */
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
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.pollMs = options.pollMs ?? 10;
    this.projections = options.projections ?? ALL_PROJECTIONS;
  }

  /** The last position this process appended at, if any. */
  lastWritten(): Position | undefined {
    return this.written.last;
  }

  /**
   * Waits until the read models have applied everything this process wrote and `after` (a position a
   * client sent back from a write on another node, already checked with parseReadAfter), or the bound passes.
   */
  async settle(after?: Position): Promise<Settled> {
    const own = this.written.last;
    const target = own === undefined ? after : after === undefined || comparePositions(own, after) >= 0 ? own : after;
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
 * process. Several readers of the same store share the record. Inside a request's write scope
 * (withinWriteScope) appends and stream reads are noted there too, for the position its answer carries.
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
    if (events.length > 0) await noteInWriteScope(store, result.position);
    return result;
  };
  const originalRead = store.readStream.bind(store);
  store.readStream = async (...args: Parameters<EventStore['readStream']>) => {
    const read = await originalRead(...args);
    const last = read.events[read.events.length - 1];
    if (last) await noteInWriteScope(store, last.position);
    return read;
  };
  const originalMany = store.appendToStreams.bind(store);
  store.appendToStreams = async (appends) => {
    const results = await originalMany(appends);
    let furthest: Position | undefined;
    results.forEach((result, index) => {
      if (appends[index]!.events.length > 0 && (furthest === undefined || comparePositions(result.position, furthest) > 0))
        furthest = result.position;
    });
    if (furthest !== undefined) {
      if (record.last === undefined || comparePositions(furthest, record.last) > 0) record.last = furthest;
      await noteInWriteScope(store, furthest);
    }
    return results;
  };
  return record;
}

export function readYourWritesTimeoutFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.SOGOC_READ_YOUR_WRITES_MS;
  if (raw === undefined || raw === '') return 5000;
  const parsed = Number(raw);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`SOGOC_READ_YOUR_WRITES_MS must be a number of milliseconds ≥ 0, not ${raw}`);
  return parsed;
}
