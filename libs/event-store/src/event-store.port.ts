/**
 * The one interface through which anything reads or writes events. Adapters: sqlite/ (embedded
 * default) and esdb/ (EventStoreDB/KurrentDB). No adapter type crosses this boundary.
 */

/** A place in the store's global order. Totally ordered within one store; compare with comparePositions. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/**
 * What the writer believes about the stream: a revision (0-based, the last event it has seen),
 * 'no_stream' (it must not exist yet), 'stream_exists', or 'any' (no check: avoid in deciders).
 *
 * Retries are recognised (nothing appended twice) for sure only with a revision or 'no_stream': the
 * store checks the ids at the places the events would go. Under 'any' and 'stream_exists' a retry is
 * recognised only while the store remembers the ids: SQLite always; EventStoreDB/KurrentDB only from
 * an in-memory cache on the leader, lost on a restart or an election, so a retry may append again.
 */
export type ExpectedRevision = bigint | 'no_stream' | 'stream_exists' | 'any';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface NewEvent {
  /** A UUID. Retrying an append with the same ids appends nothing twice. */
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

export interface RecordedEvent {
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  /** 0-based, gapless within the stream. */
  readonly revision: bigint;
  readonly position: Position;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recordedAt: Date;
}

export interface StreamRead {
  /** Revision of the last event, or 'no_stream' when nothing was ever appended. */
  readonly revision: bigint | 'no_stream';
  readonly events: readonly RecordedEvent[];
}

export interface AppendResult {
  readonly nextExpectedRevision: bigint;
  readonly position: Position;
}

/** How a live subscription fares; adapters that can lose their server report it (the embedded one never does). */
export interface SubscriptionHealth {
  /** 'resubscribing': the server dropped the subscription; it is retried with backoff, forever. */
  readonly state: 'subscribed' | 'resubscribing';
  /** Failed attempts in a row so far (0 once events flow again). */
  readonly attempt: number;
  readonly since: Date;
  readonly lastError?: string;
}

export interface SubscribeToAllOptions {
  /** Yield only events strictly after this position; from the beginning when absent. */
  readonly after?: Position;
  readonly signal: AbortSignal;
  /** Told whenever the subscription is dropped and re-established, so a projector can show it. */
  readonly onHealth?: (health: SubscriptionHealth) => void;
  /**
   * Only events of these types are yielded, filtered by the store itself where it can (SQLite: in the
   * query; EventStoreDB: a server-side event-type filter), so a process whose projections use a few
   * types does not carry the rest of the log over the wire. Absent: every type.
   */
  readonly eventTypes?: readonly string[];
  /**
   * With `eventTypes`: told that the store has looked at everything up to this position, events filtered
   * out included, after every event before it was yielded. A follower moves its checkpoint there, so that
   * "caught up with the head" holds when the head is an event it does not handle. Never told a position
   * before an event still to be yielded.
   */
  readonly onScanned?: (position: Position) => void;
}

export interface ReadStreamOptions {
  /** Read only events at or after this revision; `revision` in the answer is still the stream's last. */
  readonly fromRevision?: bigint;
}

/** One stream's part of a multi-stream append (`appendToStreams`). */
export interface StreamAppendRequest {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
}

export interface EventStore {
  readStream(stream: string, options?: ReadStreamOptions): Promise<StreamRead>;
  appendToStream(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Several appends, made in the order given with exactly the meaning of `appendToStream` each (its own
   * expected revision, its retry recognised by its ids; a stream may come twice, the second append's
   * revision continuing the first's). Answers one result per request, in order. On the first refused
   * request (WrongExpectedRevisionError, EventIdConflictError) the requests after it are not made.
   * SQLite: all in one transaction (one commit for a chunk of a large act instead of one per stream,
   * issue 19), so a refusal writes nothing at all. EventStoreDB/KurrentDB has no multi-stream
   * transaction: the appends are made one after another, and those before a refusal stay written —
   * callers must already cope with that, as with any sequence of appends cut short by a crash.
   */
  appendToStreams(appends: readonly StreamAppendRequest[]): Promise<AppendResult[]>;
  /**
   * Catches up from `after`, then follows live appends until the signal aborts. A dropped connection
   * does not end it: the adapter resubscribes from the last event it yielded (see onHealth).
   */
  subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<RecordedEvent>;
  /** Position of the last recorded event (user events only), or undefined for an empty store. */
  headPosition(): Promise<Position | undefined>;
  close(): Promise<void>;
}

/** The last event of a hash-chained store: its global position and the chain hash up to it (hex SHA-256). */
export interface ChainHead {
  readonly position: bigint;
  readonly hash: string;
}

/** A chain head the registry signed; verification checks the stored chain still passes through it. */
export interface ChainAnchor extends ChainHead {
  readonly signedAt: string;
}

export interface ChainBreak {
  /** The first position at which the stored log no longer is the one that was appended. */
  readonly position: bigint;
  readonly reason: 'missing' | 'altered' | 'unchained' | 'rewritten';
  readonly eventId?: string;
  readonly stream?: string;
  readonly type?: string;
  readonly description: string;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  /** Head of the stretch that verified. */
  readonly head: ChainHead | undefined;
  readonly anchorsMatched: number;
  readonly break?: ChainBreak;
}

/**
 * A store whose events each carry a hash chained over the previous one, in append order (issue 16).
 * The SQLite adapter is chained: whoever can write its file could otherwise insert, edit or delete
 * events unseen. The ESDB adapter is not chained: EventStoreDB is append-only by its own design and
 * its files are not ours to write.
 */
export interface HashChainedStore {
  chainHead(): Promise<ChainHead | undefined>;
  /** Positions up to which hashes were computed when an older store was first chained (0: from the start). */
  chainOrigin(): Promise<bigint>;
  verifyChain(anchors: readonly ChainAnchor[]): Promise<ChainReport>;
  /** A consistent copy of the whole store to `file`, taken while appends go on; resolves with the copy's head. */
  backupTo(file: string): Promise<ChainHead | undefined>;
}

export function isHashChained(store: EventStore): store is EventStore & HashChainedStore {
  return typeof (store as Partial<HashChainedStore>).chainHead === 'function';
}

/** `appendToStreams` as consecutive appends: for adapters (and wrappers) with no multi-stream transaction. */
export async function appendOneAfterAnother(
  store: Pick<EventStore, 'appendToStream'>,
  appends: readonly StreamAppendRequest[],
): Promise<AppendResult[]> {
  const results: AppendResult[] = [];
  for (const { stream, events, expected } of appends) results.push(await store.appendToStream(stream, events, expected));
  return results;
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function positionToString(position: Position): string {
  return `${position.commit}/${position.prepare}`;
}

export function parsePosition(text: string): Position {
  const match = /^(-?\d+)\/(-?\d+)$/.exec(text);
  if (!match) throw new Error(`Not a stored position: ${text}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}
