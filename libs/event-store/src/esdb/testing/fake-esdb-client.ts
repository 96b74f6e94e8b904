import {
  BACKWARDS,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  convertToCommandError,
  type AllStreamResolvedEvent,
  type AppendResult,
  type AppendToStreamOptions,
  type EventData,
  type Filter,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { Metadata, status } from '@grpc/grpc-js';
import type { EsdbClient, EsdbSubscription, FilteredReadAllOptions } from '../esdb-client';

interface Stored {
  readonly stream: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly data: string;
  readonly metadata: string;
  readonly created: Date;
}

interface LiveSubscription {
  open: boolean;
  wake?: () => void;
}

export type AppendFault =
  /** The server commits, then the answer is lost (deadline passes on the client). */
  | 'timeout_after_commit'
  /** The answer is lost and nothing was committed. */
  | 'timeout_before_commit'
  /** The connection drops after the request left; nothing was committed. */
  | 'unavailable_before_commit'
  /** The server commits and the answer never comes (a half-open connection): the call stays pending. */
  | 'silent_after_commit'
  /** No answer and nothing committed: the call stays pending. */
  | 'silent_before_commit';

export interface RecordedCall {
  readonly op: 'readStream' | 'appendToStream' | 'subscribeToAll' | 'readAllFiltered';
  readonly stream?: string;
  readonly options: {
    readonly requiresLeader?: boolean;
    readonly deadline?: number;
    readonly fromPosition?: unknown;
    readonly filter?: Filter;
  };
}

/**
 * An in-memory stand-in for the EventStoreDB client with the server's rules the adapter relies on
 * (optimistic concurrency, id-based idempotency for a revision or no_stream, an 'any' idempotency
 * cache lost on restart, MaxAppendSize, exclusive subscription start, NotLeader from a follower) and
 * switches to inject the faults a cluster produces. Errors are the client's own classes, built the
 * way the client builds them from gRPC statuses.
 */
export class FakeEsdbClient implements EsdbClient {
  readonly calls: RecordedCall[] = [];
  maxAppendSize = 1024 * 1024;
  /** True when the client sits on a follower: the next call that requires the leader gets NotLeader and moves to it. */
  onFollower = false;
  /** When set, a subscription resubscribed from a position also resends the event at that position. */
  resendsBoundaryEvent = false;
  closed = false;
  private readonly log: Stored[] = [];
  private readonly anyCache = new Set<string>();
  private readonly appendFaults: AppendFault[] = [];
  private readonly readHooks: (() => void)[] = [];
  private hangingReads = 0;
  /** Reads the adapter gave up on and cancelled. */
  cancelledReads = 0;
  private dropAfter: number | undefined;
  private failingSubscribes = 0;
  private nextPosition = 100n;
  private readonly waiters = new Set<() => void>();

  failNextAppend(...faults: AppendFault[]): void {
    this.appendFaults.push(...faults);
  }

  /** Runs `hook` right after the next stream read completes (to interleave an append). */
  afterNextRead(hook: () => void): void {
    this.readHooks.push(hook);
  }

  /** The next `count` stream reads never answer (until cancelled). */
  hangReads(count: number): void {
    this.hangingReads = count;
  }

  /** Every live subscription fails with UNAVAILABLE once it has delivered `events` more events. */
  dropSubscriptionsAfter(events: number): void {
    this.dropAfter = events;
  }

  /** The next `attempts` subscriptions fail at once, as while no node is up. */
  refuseSubscriptions(attempts: number): void {
    this.failingSubscribes = attempts;
  }

  /** A leader restart: the idempotency cache for 'any' appends is gone. */
  restartLeader(): void {
    this.anyCache.clear();
  }

  /** Events the server writes itself ($stats, $metadata, …) between user events. */
  appendSystemEvents(count: number): void {
    for (let index = 0; index < count; index += 1) this.store('$stats-node1', '$statsCollected', {}, {}, globalThis.crypto.randomUUID());
  }

  events(stream: string): Stored[] {
    return this.log.filter((event) => event.stream === stream);
  }

  async appendToStream(streamName: string, events: EventData[], options: AppendToStreamOptions): Promise<AppendResult> {
    this.calls.push({ op: 'appendToStream', stream: streamName, options });
    this.leaderCheck(options.requiresLeader);
    const fault = this.appendFaults.shift();
    const size = events.reduce(
      (total, event) => total + Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata ?? {})),
      0,
    );
    if (size > this.maxAppendSize) throw MaxAppendSizeExceededError.fromMaxAppendSize(this.maxAppendSize);
    if (fault === 'timeout_before_commit') throw new DeadlineExceededError();
    if (fault === 'unavailable_before_commit') throw grpcError(status.UNAVAILABLE, 'Connection dropped');
    if (fault === 'silent_before_commit') return new Promise<AppendResult>(() => undefined);
    const result = this.commit(streamName, events, options.expectedRevision ?? 'any');
    if (fault === 'timeout_after_commit') throw new DeadlineExceededError();
    if (fault === 'silent_after_commit') return new Promise<AppendResult>(() => undefined);
    return result;
  }

  readStream(streamName: string, options: ReadStreamOptions): AsyncIterable<ResolvedEvent> {
    this.calls.push({ op: 'readStream', stream: streamName, options });
    const check = (): void => this.leaderCheck(options.requiresLeader);
    const snapshot = (): Stored[] => {
      check();
      const events = this.events(streamName);
      if (events.length === 0) throw new StreamNotFoundError(undefined, streamName);
      const backwards = options.direction === BACKWARDS;
      const from = options.fromRevision;
      const ordered = backwards ? [...events].reverse() : events;
      const started = ordered.filter((event) =>
        from === undefined || from === 'start' || from === 'end' ? true : backwards ? event.revision <= from : event.revision >= from,
      );
      return started.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    };
    const hooks = this.readHooks;
    const hang = this.hangingReads > 0;
    if (hang) this.hangingReads -= 1;
    let release: (() => void) | undefined;
    const iterator = (async function* () {
      if (hang) await new Promise<void>((resolve) => (release = resolve));
      const events = snapshot();
      for (const event of events) yield resolved(event);
      hooks.shift()?.();
    })();
    return Object.assign(iterator, {
      cancel: async (): Promise<void> => {
        this.cancelledReads += 1;
        release?.();
      },
    });
  }

  readAllFiltered(options: FilteredReadAllOptions): AsyncIterable<AllStreamResolvedEvent> {
    this.calls.push({ op: 'readAllFiltered', options });
    this.leaderCheck(options.requiresLeader);
    const matching = this.log.filter((event) => matches(options.filter, event));
    const ordered = options.direction === BACKWARDS ? [...matching].reverse() : matching;
    const picked = ordered.slice(0, options.maxCount).map(resolved);
    return (async function* () {
      yield* picked;
    })();
  }

  subscribeToAll(options: SubscribeToAllOptions): EsdbSubscription {
    this.calls.push({ op: 'subscribeToAll', options });
    const fail = this.failingSubscribes > 0;
    if (fail) this.failingSubscribes -= 1;
    const from = options.fromPosition;
    const after = from === undefined || from === 'start' ? -1n : from === 'end' ? this.nextPosition : from.commit;
    const live: LiveSubscription = { open: true };
    const subscription: EsdbSubscription = {
      [Symbol.asyncIterator]: () => iterator,
      unsubscribe: async () => {
        live.open = false;
        live.wake?.();
      },
    };
    const iterator = this.deliver(live, options, after, fail, subscription);
    return subscription;
  }

  private async *deliver(
    live: LiveSubscription,
    options: SubscribeToAllOptions,
    after: bigint,
    fail: boolean,
    subscription: EsdbSubscription,
  ): AsyncGenerator<AllStreamResolvedEvent> {
    if (fail) throw grpcError(status.UNAVAILABLE, 'No connection established');
    this.leaderCheck(options.requiresLeader);
    const inclusive = this.resendsBoundaryEvent && after >= 0n;
    let delivered = 0;
    let cursor = 0;
    while (live.open) {
      const next = this.log.slice(cursor);
      cursor = this.log.length;
      for (const event of next) {
        if (inclusive ? event.position < after : event.position <= after) continue;
        if (options.filter && !matches(options.filter, event)) {
          // As the server does with checkpointInterval 1: a filtered-out event is reported as a checkpoint, the
          // position to read on from (just after it), and the callback is awaited before anything else is sent.
          await options.filter.checkpointReached?.(subscription as never, { commit: event.position + 1n, prepare: event.position + 1n });
          if (!live.open) return;
          continue;
        }
        if (this.dropAfter !== undefined && delivered >= this.dropAfter) {
          this.dropAfter = undefined;
          throw grpcError(status.UNAVAILABLE, 'Connection dropped');
        }
        delivered += 1;
        yield resolved(event);
        if (!live.open) return;
      }
      if (this.log.length > cursor) continue;
      await new Promise<void>((resolve) => {
        live.wake = resolve;
        this.waiters.add(resolve);
      });
      if (live.wake) this.waiters.delete(live.wake);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters) waiter();
  }

  private leaderCheck(requiresLeader: boolean | undefined): void {
    if (!requiresLeader || !this.onFollower) return;
    // As the real client does on NotLeader: drop the follower's channel and connect to the named leader.
    this.onFollower = false;
    const metadata = new Metadata();
    metadata.set('exception', 'not-leader');
    metadata.set('leader-endpoint-host', 'node2');
    metadata.set('leader-endpoint-port', '2113');
    throw convertToCommandError(
      Object.assign(new Error('Leader info available'), { code: status.NOT_FOUND, details: 'Leader info available', metadata }),
    );
  }

  private commit(streamName: string, events: EventData[], expected: NonNullable<AppendToStreamOptions['expectedRevision']>): AppendResult {
    const existing = this.events(streamName);
    const current = existing.at(-1)?.revision ?? -1n;
    const ids = events.map((event) => event.id);
    if (expected === 'any' && ids.every((id) => this.anyCache.has(id)))
      return this.resultFor(existing.filter((event) => ids.includes(event.id)));
    if (expected === 'no_stream' || typeof expected === 'bigint') {
      const from = expected === 'no_stream' ? 0 : Number(expected) + 1;
      const there = existing.slice(from, from + ids.length);
      if (there.length === ids.length && there.every((event, index) => event.id === ids[index])) return this.resultFor(there);
      const ok = expected === 'no_stream' ? existing.length === 0 : current === expected;
      if (!ok)
        throw new WrongExpectedVersionError(undefined, { streamName, expected, current: existing.length === 0 ? 'no_stream' : current });
    }
    if (expected === 'stream_exists' && existing.length === 0) {
      throw new WrongExpectedVersionError(undefined, { streamName, expected, current: 'no_stream' });
    }
    const stored = events.map((event, index) =>
      this.store(streamName, event.type, event.data, event.metadata ?? {}, event.id, current + 1n + BigInt(index)),
    );
    for (const id of ids) this.anyCache.add(id);
    for (const waiter of [...this.waiters]) waiter();
    return this.resultFor(stored);
  }

  private store(stream: string, type: string, data: unknown, metadata: unknown, id: string, revision?: bigint): Stored {
    const event: Stored = {
      stream,
      id,
      type,
      revision: revision ?? BigInt(this.events(stream).length),
      position: this.nextPosition,
      data: JSON.stringify(data),
      metadata: JSON.stringify(metadata),
      created: new Date(),
    };
    this.nextPosition += 100n;
    this.log.push(event);
    return event;
  }

  private resultFor(events: Stored[]): AppendResult {
    const last = events.at(-1)!;
    return { success: true, nextExpectedRevision: last.revision, position: { commit: last.position, prepare: last.position } };
  }
}

function matches(filter: Filter, event: Stored): boolean {
  const subject = filter.filterOn === 'eventType' ? event.type : event.stream;
  if ('regex' in filter) return new RegExp(filter.regex).test(subject);
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
}

function resolved(event: Stored): ResolvedEvent & AllStreamResolvedEvent {
  return {
    event: {
      streamId: event.stream,
      id: event.id,
      revision: event.revision,
      type: event.type,
      data: JSON.parse(event.data) as never,
      metadata: JSON.parse(event.metadata) as never,
      isJson: true,
      created: event.created,
      position: { commit: event.position, prepare: event.position },
    },
    commitPosition: event.position,
  } as ResolvedEvent & AllStreamResolvedEvent;
}

/** A gRPC status as the client receives it, turned into the client's error type the way the client does. */
function grpcError(code: status, details: string): Error {
  return convertToCommandError(
    Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata: new Metadata() }),
  );
}
