import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AppendExpectedRevision,
  type JSONType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadStreamOptions,
  RecordedEvent,
  StreamRead,
  SubscribeToAllOptions,
} from '../event-store.port';

export interface EsdbEventStoreOptions {
  /** e.g. esdb://node1:2113,node2:2113,node3:2113?tls=false */
  readonly connectionString: string;
}

/**
 * EventStoreDB / KurrentDB adapter. Client types and errors stop here: callers see only the port and
 * its typed errors. Event ids are kept, so the server's own idempotency recognises retried appends.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;

  constructor(options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StreamRead> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, { direction: FORWARDS, fromRevision: options.fromRevision ?? START })) {
        const recorded = toRecorded(resolved);
        if (recorded) events.push(recorded);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { revision: 'no_stream', events: [] };
      throw translate(error);
    }
    const last = events.at(-1);
    if (last || options.fromRevision === undefined) return { revision: last ? last.revision : 'no_stream', events };
    return { revision: await this.lastRevision(stream), events };
  }

  private async lastRevision(stream: string): Promise<bigint | 'no_stream'> {
    try {
      for await (const resolved of this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        if (resolved.event) return resolved.event.revision;
      }
      return 'no_stream';
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 'no_stream';
      throw translate(error);
    }
  }

  async appendToStream(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const payload = events.map((event) =>
      jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: (event.metadata ?? {}) as JSONType }),
    );
    try {
      const result = await this.client.appendToStream(stream, payload, { expectedRevision: toEsdbExpected(expected) });
      const position = result.position ?? { commit: -1n, prepare: -1n };
      return { nextExpectedRevision: result.nextExpectedRevision, position: { commit: position.commit, prepare: position.prepare } };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        throw new WrongExpectedRevisionError(stream, expected, typeof actual === 'bigint' ? actual : 'no_stream');
      }
      throw translate(error);
    }
  }

  async *subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<RecordedEvent> {
    const { signal } = options;
    if (signal.aborted) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: options.after && options.after.commit >= 0n ? { commit: options.after.commit, prepare: options.after.prepare } : START,
      filter: excludeSystemEvents(),
    });
    const stop = (): void => void subscription.unsubscribe();
    signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const resolved of subscription) {
        if (signal.aborted) return;
        const recorded = toRecorded(resolved);
        if (recorded) yield recorded;
      }
    } catch (error) {
      if (!signal.aborted) throw translate(error);
    } finally {
      signal.removeEventListener('abort', stop);
      await subscription.unsubscribe();
    }
  }

  async headPosition(): Promise<Position | undefined> {
    try {
      // $all ends with system events too; walk back to the last event a user stream holds.
      for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1000 })) {
        const event = resolved.event;
        if (event && !event.streamId.startsWith('$') && event.position) return { commit: event.position.commit, prepare: event.position.prepare };
      }
      return undefined;
    } catch (error) {
      throw translate(error);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
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

function toRecorded(resolved: ResolvedEvent): RecordedEvent | undefined {
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

/** With no server the client rejects with a plain Error ("14 UNAVAILABLE"), not UnavailableError. */
function translate(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/UNAVAILABLE|unavailable|ECONNREFUSED|DEADLINE|deadline|Failed to discover/.test(message)) {
    return new EventStoreUnavailableError(`EventStoreDB unreachable: ${message}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(message);
}
