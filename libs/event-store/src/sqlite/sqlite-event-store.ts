import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendResult,
  ChainAnchor,
  ChainHead,
  ChainReport,
  EventStore,
  HashChainedStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppendRequest,
  StreamRead,
  SubscribeToAllOptions,
} from '../event-store.port';
import { AllStreamSubscription, type AllPage } from './all-stream-subscription';
import { AppendNotifier } from './append-notifier';
import { chainHash, GENESIS_HASH, migrateHashChain, readChainHead, readChainOrigin, verifyHashChainInPages } from './hash-chain';
import { migrateEventStoreSchema } from './schema';
import { EVENT_COLUMNS, StoredEvent, type EventRow } from './stored-event';

export interface SqliteEventStoreOptions {
  /** Path of the database file, or ':memory:'. */
  readonly file: string;
  /**
   * FULL (default): an act the officer saw recorded survives a power cut. NORMAL is faster and still
   * never corrupts the file, but may lose the last commits on power loss.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How often a live subscription looks for appends made by other processes. */
  readonly pollIntervalMs?: number;
  readonly pageSize?: number;
}

const NO_STREAM = -1;

/** Thrown inside the append transaction to roll it back when an event id is already taken. */
class DuplicateEventIdSignal extends Error {}

export class SqliteEventStore implements EventStore, HashChainedStore {
  private readonly db: Db;
  private readonly notifier = new AppendNotifier();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly lastRevision: Statement<[string], number>;
  private readonly insert: Statement<[number, string, number, string, string, string, string, number, string]>;
  private readonly lastLink: Statement<[], [number, string | null]>;
  private readonly findById: Statement<[string], [string, number, number]>;
  private readonly readStreamRows: Statement<[string, number], EventRow>;
  private readonly readAllPage: Statement<[number, number], EventRow>;
  private readonly readFilteredPage: (after: number, limit: number, types: string) => AllPage;
  private readonly appendTransaction: (stream: string, events: readonly NewEvent[], expected: ExpectedRevision) => AppendResult;
  private readonly appendManyTransaction: (appends: readonly StreamAppendRequest[]) => AppendResult[];
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    this.db = new Database(options.file);
    // First, so that opening the file while another process holds the lock waits instead of failing.
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    migrateEventStoreSchema(this.db);
    migrateHashChain(this.db);
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.pageSize = options.pageSize ?? 500;

    this.lastRevision = this.db.prepare<[string], number>('SELECT MAX(revision) FROM events WHERE stream = ?').pluck();
    this.insert = this.db.prepare(
      `INSERT INTO events (position, stream, revision, event_id, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.lastLink = this.db.prepare<[], [number, string | null]>('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1').raw();
    this.findById = this.db
      .prepare<[string], [string, number, number]>('SELECT stream, revision, position FROM events WHERE event_id = ?')
      .raw();
    this.readStreamRows = this.db
      .prepare<[string, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision`)
      .raw();
    this.readAllPage = this.db
      .prepare<[number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw();
    const maxPosition = this.db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
    // The filter runs in the query (issue 20 item 4): the rows of other types are never decoded or handed over.
    // Both statements read one snapshot, so "scanned up to the head" never passes an event not yet read.
    const filteredPage = this.db
      .prepare<[number, number, string, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT ?`,
      )
      .raw();
    this.readFilteredPage = this.db.transaction((after: number, limit: number, types: string): AllPage => {
      const head = maxPosition.get() ?? 0;
      const rows = filteredPage.all(after, head, types, limit);
      return { rows, scannedTo: rows.length === limit ? rows[rows.length - 1]![0] : Math.max(head, after) };
    });

    const appendBody = (stream: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult => {
      const current = this.lastRevision.get(stream) ?? NO_STREAM;
      if (!satisfies(expected, current)) {
        const retried = this.findRetriedAppend(stream, events, expected);
        if (retried) return retried;
        throw new WrongExpectedRevisionError(stream, expected, current === NO_STREAM ? 'no_stream' : BigInt(current));
      }
      if (events.length === 0) return { nextExpectedRevision: BigInt(current), position: position(maxPosition.get() ?? 0) };
      // Positions are taken inside the write lock, one after the last, so they follow commit order
      // without gaps; each hash is chained over the one before it (issue 16). The last link is read
      // here rather than kept in memory because other processes append to the same file.
      const now = Date.now();
      let revision = current;
      const link = this.lastLink.get();
      let lastPosition = link?.[0] ?? 0;
      let previousHash = link ? (link[1] ?? '') : GENESIS_HASH;
      for (const event of events) {
        revision += 1;
        try {
          const data = JSON.stringify(event.data);
          const metadata = JSON.stringify(event.metadata ?? {});
          const nextPosition = lastPosition + 1;
          previousHash = chainHash(previousHash, [nextPosition, stream, revision, event.id, event.type, data, metadata, now]);
          this.insert.run(nextPosition, stream, revision, event.id, event.type, data, metadata, now, previousHash);
          lastPosition = nextPosition;
        } catch (error) {
          if (isUniqueEventIdViolation(error)) throw new DuplicateEventIdSignal();
          throw error;
        }
      }
      return { nextExpectedRevision: BigInt(revision), position: position(lastPosition) };
    };
    this.appendTransaction = this.db.transaction(appendBody).immediate.bind(undefined);
    // Called inside the many-append transaction, a transaction function runs as a SAVEPOINT: an append
    // whose ids are already taken is undone alone, then recognised as a retry or refused (issue 19).
    const appendWithinSavepoint = this.db.transaction(appendBody);
    this.appendManyTransaction = this.db
      .transaction((appends: readonly StreamAppendRequest[]): AppendResult[] =>
        appends.map(({ stream, events, expected }) => {
          try {
            return appendWithinSavepoint(stream, events, expected);
          } catch (error) {
            if (!(error instanceof DuplicateEventIdSignal)) throw error;
            return this.retriedOrRefused(stream, events, expected);
          }
        }),
      )
      .immediate.bind(undefined);
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<StreamRead> {
    const from = Number(options.fromRevision ?? 0n);
    const events = this.readStreamRows.all(stream, from).map((row) => new StoredEvent(row));
    const last = events.at(-1);
    if (last) return Promise.resolve({ revision: last.revision, events });
    const current = this.lastRevision.get(stream) ?? NO_STREAM;
    return Promise.resolve({ revision: current === NO_STREAM ? 'no_stream' : BigInt(current), events });
  }

  appendToStream(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      const result = this.appendUnderLock(stream, events, expected);
      this.notifier.notify();
      return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** One transaction, one commit (one fsync at synchronous=FULL) for every append given: all or nothing. */
  appendToStreams(appends: readonly StreamAppendRequest[]): Promise<AppendResult[]> {
    try {
      const results = this.appendManyTransaction(appends);
      this.notifier.notify();
      return Promise.resolve(results);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<RecordedEvent> {
    const after = options.after ? Number(options.after.commit) : 0;
    const types = options.eventTypes ? JSON.stringify([...new Set(options.eventTypes)]) : undefined;
    const readPage =
      types === undefined
        ? (from: number, limit: number): AllPage => {
            const rows = this.readAllPage.all(from, limit);
            return { rows, scannedTo: rows.length > 0 ? rows[rows.length - 1]![0] : from };
          }
        : (from: number, limit: number): AllPage => this.readFilteredPage(from, limit, types);
    return new AllStreamSubscription(
      readPage,
      this.pageSize,
      this.notifier,
      this.pollIntervalMs,
      options.signal,
      () => this.closed,
      after,
      options.onScanned,
    );
  }

  headPosition(): Promise<Position | undefined> {
    const head = this.db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck().get();
    return Promise.resolve(head == null ? undefined : position(head));
  }

  chainHead(): Promise<ChainHead | undefined> {
    return Promise.resolve(readChainHead(this.db));
  }

  chainOrigin(): Promise<bigint> {
    return Promise.resolve(readChainOrigin(this.db));
  }

  verifyChain(anchors: readonly ChainAnchor[] = []): Promise<ChainReport> {
    return verifyHashChainInPages(this.db, anchors);
  }

  /**
   * SQLite's online backup API: pages are copied a step at a time while appends go on through this
   * connection (which the backup follows). Appends by another process restart the copy; after a few
   * restarts the rest is copied in one step, inside one read snapshot, so a busy writer cannot starve it.
   */
  async backupTo(file: string): Promise<ChainHead | undefined> {
    let lastRemaining = Number.POSITIVE_INFINITY;
    let restarts = 0;
    await this.db.backup(file, {
      progress: ({ remainingPages }) => {
        if (remainingPages > lastRemaining) restarts += 1;
        lastRemaining = remainingPages;
        return restarts >= 3 ? 1_000_000_000 : 512;
      },
    });
    // One self-contained file: whatever the copy holds in a write-ahead log goes into it, and it stays
    // a plain rollback-journal database until a store opens it again (which turns WAL back on).
    const copy = new Database(file);
    try {
      copy.pragma('journal_mode = DELETE');
      return readChainHead(copy);
    } finally {
      copy.close();
    }
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.notifier.notify();
      this.db.close();
    }
    return Promise.resolve();
  }

  private appendUnderLock(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    try {
      return this.appendTransaction(stream, events, expected);
    } catch (error) {
      if (!(error instanceof DuplicateEventIdSignal)) throw error;
    }
    // An id of this batch is already recorded: either the whole batch is a retry of an append that
    // succeeded, or the ids collide with other events (never acceptable).
    return this.db.transaction(() => this.retriedOrRefused(stream, events, expected)).immediate();
  }

  /** Within the write lock, after an append hit ids already recorded: a retry's result, or the refusal. */
  private retriedOrRefused(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const retried = this.findRetriedAppend(stream, events, expected);
    if (retried) return retried;
    const current = this.lastRevision.get(stream) ?? NO_STREAM;
    throw new WrongExpectedRevisionError(stream, expected, current === NO_STREAM ? 'no_stream' : BigInt(current));
  }

  /**
   * A retry is recognised when every id of the batch is already in this stream, consecutively, right
   * where the writer's expected revision says the batch would have gone (as EventStoreDB does).
   */
  private findRetriedAppend(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult | undefined {
    const first = events[0];
    if (!first) return undefined;
    const found = events.map((event) => this.findById.get(event.id));
    if (found.every((row) => row === undefined)) return undefined;
    const firstRow = found[0];
    const isSameBatch =
      firstRow !== undefined && found.every((row, index) => row !== undefined && row[0] === stream && row[1] === firstRow[1] + index);
    if (!isSameBatch) {
      const clash = events.find((_, index) => found[index] !== undefined) ?? first;
      throw new EventIdConflictError(stream, clash.id);
    }
    const lastRow = found[found.length - 1]!;
    if (!satisfies(expected, firstRow[1] - 1)) return undefined;
    return { nextExpectedRevision: BigInt(lastRow[1]), position: position(lastRow[2]) };
  }
}

function satisfies(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === NO_STREAM;
    case 'stream_exists':
      return current !== NO_STREAM;
    default:
      return BigInt(current) === expected;
  }
}

function position(global: number): Position {
  const value = BigInt(global);
  return { commit: value, prepare: value };
}

/** Duck-typed: under jest the native addon's error class can come from another realm than `Error`. */
function isUniqueEventIdViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
}
