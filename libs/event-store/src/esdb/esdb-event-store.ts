import {
  ANY,
  BACKWARDS,
  DeadlineExceededError,
  END,
  FORWARDS,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { AppendOutcomeUnknownError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppendRequest,
  StreamRead,
  SubscribeToAllOptions,
  SubscriptionHealth,
} from '../event-store.port';
import { appendOneAfterAnother } from '../event-store.port';
import { connectEsdbClient, type EsdbClient, type EsdbRead } from './esdb-client';
import { classifyEsdbError, toPortError } from './esdb-errors';
import { DEFAULT_RESUBSCRIBE, followAll, type ResubscribeOptions } from './resilient-subscription';

export interface EsdbEventStoreOptions {
  /** e.g. esdb://node1:2113,node2:2113,node3:2113?tls=false */
  readonly connectionString: string;
  /** Deadline of every read and append (the client's own are infinite for reads). Default 10 s. */
  readonly deadlineMs?: number;
  readonly resubscribe?: ResubscribeOptions;
  /** Pause before reading back an append whose answer was lost, so a commit still replicating can land. Default 500 ms. */
  readonly settleMs?: number;
  /** For tests: a fake of the client. */
  readonly client?: EsdbClient;
}

/**
 * EventStoreDB / KurrentDB adapter. Client types and errors stop here: callers see only the port and
 * its typed errors. Every call asks for the leader (a follower may lag, and commands must decide on
 * the latest state) and carries a deadline; a NotLeader answer is retried once, after the client has
 * switched to the leader it names.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EsdbClient;
  private readonly deadline: number;
  private readonly resubscribe: ResubscribeOptions;
  private readonly settleMs: number;
  private lastHealth: SubscriptionHealth | undefined;

  constructor(options: EsdbEventStoreOptions) {
    this.client = options.client ?? connectEsdbClient(options.connectionString);
    this.deadline = options.deadlineMs ?? 10_000;
    this.resubscribe = options.resubscribe ?? DEFAULT_RESUBSCRIBE;
    this.settleMs = options.settleMs ?? 500;
  }

  /** The last health any subscription of this store reported (for status pages). */
  subscriptionHealth(): SubscriptionHealth | undefined {
    return this.lastHealth;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StreamRead> {
    const from = options.fromRevision ?? 0n;
    for (;;) {
      const events = await this.readForwards(stream, from);
      const last = events.at(-1);
      if (last) return { revision: last.revision, events };
      if (from === 0n) return { revision: 'no_stream', events };
      // Nothing at or after `from`. The last revision comes from a second read; if events landed in
      // between, answering it would claim events the caller never got, so read them instead.
      const revision = await this.lastRevision(stream);
      if (revision === 'no_stream' || revision < from) return { revision, events: [] };
    }
  }

  async appendToStream(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const payload = events.map((event) =>
      jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: (event.metadata ?? {}) as JSONType }),
    );
    try {
      return await this.withLeader(() => this.append(stream, payload, expected));
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw wrongExpected(stream, expected, error);
      if (classifyEsdbError(error) !== 'unanswered') throw toPortError(error, stream, sizeOf(payload));
      return this.resolveUnanswered(stream, events, payload, expected, error);
    }
  }

  /** No multi-stream transaction in EventStoreDB/KurrentDB: one append after another (see the port). */
  appendToStreams(appends: readonly StreamAppendRequest[]): Promise<AppendResult[]> {
    return appendOneAfterAnother(this, appends);
  }

  subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<RecordedEvent> {
    return followAll({
      client: this.client,
      after: options.after,
      signal: options.signal,
      resubscribe: this.resubscribe,
      toRecorded,
      ...(options.eventTypes ? { eventTypes: options.eventTypes } : {}),
      ...(options.onScanned ? { onScanned: options.onScanned } : {}),
      onHealth: (health) => {
        this.lastHealth = health;
        options.onHealth?.(health);
      },
    });
  }

  async headPosition(): Promise<Position | undefined> {
    // One server-filtered backward read: the server skips system events, however many follow the last user event.
    const resolved = await this.withLeader(() =>
      this.collectWithin(
        this.client.readAllFiltered({
          direction: BACKWARDS,
          fromPosition: END,
          maxCount: 1,
          filter: excludeSystemEvents(),
          requiresLeader: true,
          deadline: this.deadline,
        }),
      ),
    ).catch((error: unknown) => {
      throw toPortError(error, undefined);
    });
    const position = resolved[0]?.event?.position;
    return position ? { commit: position.commit, prepare: position.prepare } : undefined;
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async append(stream: string, payload: EventData[], expected: ExpectedRevision): Promise<AppendResult> {
    // The server gets the deadline too, but a connection that went silent would leave the promise pending for ever.
    const result = await within(
      this.deadline,
      this.client.appendToStream(stream, payload, {
        expectedRevision: toEsdbExpected(expected),
        requiresLeader: true,
        deadline: this.deadline,
      }),
      () => undefined,
    );
    const position = result.position ?? { commit: -1n, prepare: -1n };
    return { nextExpectedRevision: result.nextExpectedRevision, position: { commit: position.commit, prepare: position.prepare } };
  }

  /**
   * The append may or may not have been committed. Read back whether its events (ids derived from the
   * command) are where they would be; if not, resend once: with a revision or 'no_stream' the server
   * either recognises the ids or refuses the revision, so the events cannot land twice. Under 'any'
   * a resend could append again (see ExpectedRevision), so the caller is told the outcome is unknown.
   */
  private async resolveUnanswered(
    stream: string,
    events: readonly NewEvent[],
    payload: EventData[],
    expected: ExpectedRevision,
    cause: unknown,
  ): Promise<AppendResult> {
    const landed = await this.findLanded(stream, events, expected, true).catch(() => undefined);
    if (landed) return landed;
    if (typeof expected !== 'bigint' && expected !== 'no_stream') throw new AppendOutcomeUnknownError(stream, { cause });
    try {
      return await this.withLeader(() => this.append(stream, payload, expected));
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const after = await this.findLanded(stream, events, expected, false).catch(() => undefined);
        if (after) return after;
        throw wrongExpected(stream, expected, error);
      }
      if (classifyEsdbError(error) === 'unanswered') throw new AppendOutcomeUnknownError(stream, { cause: error });
      throw toPortError(error, stream, sizeOf(payload));
    }
  }

  private async findLanded(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    settle: boolean,
  ): Promise<AppendResult | undefined> {
    for (const wait of settle ? [0, this.settleMs] : [0]) {
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const found = await this.lookFor(stream, events, expected);
      if (found) return found;
    }
    return undefined;
  }

  private async lookFor(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult | undefined> {
    const first = events[0];
    if (!first) return undefined;
    let candidates: RecordedEvent[];
    if (typeof expected === 'bigint' || expected === 'no_stream') {
      const from = expected === 'no_stream' ? 0n : expected + 1n;
      candidates = await this.readForwards(stream, from, events.length);
    } else {
      // No place to look at: scan the stream's tail (newest first), bounded.
      const tail = await this.readTail(stream, events.length + 1000);
      const start = tail.findIndex((recorded) => recorded.id === first.id);
      candidates = start < 0 ? [] : tail.slice(start, start + events.length);
    }
    const matches = candidates.length === events.length && candidates.every((recorded, index) => recorded.id === events[index]!.id);
    const last = candidates.at(-1);
    return matches && last ? { nextExpectedRevision: last.revision, position: last.position } : undefined;
  }

  private async readForwards(stream: string, fromRevision: bigint, maxCount?: number): Promise<RecordedEvent[]> {
    const resolved = await this.readClient(stream, { direction: FORWARDS, fromRevision, ...(maxCount ? { maxCount } : {}) });
    return resolved.flatMap((event) => toRecorded(event) ?? []);
  }

  private async readTail(stream: string, maxCount: number): Promise<RecordedEvent[]> {
    const resolved = await this.readClient(stream, { direction: BACKWARDS, fromRevision: END, maxCount });
    return resolved.flatMap((event) => toRecorded(event) ?? []).reverse();
  }

  private async lastRevision(stream: string): Promise<bigint | 'no_stream'> {
    const [last] = await this.readTail(stream, 1);
    return last ? last.revision : 'no_stream';
  }

  private async readClient(
    stream: string,
    options: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: bigint | typeof END; maxCount?: number },
  ): Promise<ResolvedEvent[]> {
    try {
      return await this.withLeader(() =>
        this.collectWithin(this.client.readStream(stream, { ...options, requiresLeader: true, deadline: this.deadline })),
      );
    } catch (error) {
      if (classifyEsdbError(error) === 'stream_not_found') return [];
      throw toPortError(error, stream);
    }
  }

  /** Reads with our own deadline: the client's reads have none. A read past it is cancelled. */
  private collectWithin<T>(source: EsdbRead<T>): Promise<T[]> {
    return within(this.deadline, collect(source), () => void source.cancel?.().catch(() => undefined));
  }

  /** One retry on NotLeader: the client has by then dropped the follower's channel for the leader's. */
  private async withLeader<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (classifyEsdbError(error) !== 'not_leader') throw error;
      // The client switches channels in an error handler it does not await; let it run first.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return call();
    }
  }
}

/** Rejects with the client's own DeadlineExceededError, so it is classified like a server-side one. */
function within<T>(ms: number, work: Promise<T>, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new DeadlineExceededError(undefined, `no answer within ${ms} ms`));
    }, ms);
  });
  // A late failure of the abandoned call must not surface as an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

function wrongExpected(stream: string, expected: ExpectedRevision, error: WrongExpectedVersionError): WrongExpectedRevisionError {
  const actual = error.actualVersion;
  return new WrongExpectedRevisionError(stream, expected, typeof actual === 'bigint' ? actual : 'no_stream');
}

function sizeOf(payload: readonly EventData[]): number {
  return payload.reduce(
    (total, event) => total + Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata ?? {})),
    0,
  );
}

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const position = event.position ?? { commit: resolved.commitPosition ?? -1n, prepare: resolved.commitPosition ?? -1n };
  const decode = (value: unknown): unknown =>
    value instanceof Uint8Array ? (value.length === 0 ? {} : JSON.parse(Buffer.from(value).toString('utf8'))) : value;
  return {
    id: event.id,
    stream: event.streamId,
    type: event.type,
    revision: event.revision,
    position: { commit: position.commit, prepare: position.prepare },
    data: decode(event.data),
    metadata: decode(event.metadata ?? {}),
    recordedAt: event.created,
  };
}
