import {
  BACKWARDS,
  EVENT_TYPE,
  EventStoreDBClient,
  type AllStreamResolvedEvent,
  type AppendResult as EsdbAppendResult,
  type AppendToStreamOptions,
  type BaseOptions,
  type Direction,
  type EventData,
  type Filter,
  type ReadPosition,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { CallOptions, Channel, Metadata } from '@grpc/grpc-js';
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';

/** A finite read; the real client's reads can be cancelled, which frees the gRPC call. */
export type EsdbRead<T> = AsyncIterable<T> & { cancel?(): Promise<void> };

export interface EsdbSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
}

export interface FilteredReadAllOptions extends BaseOptions {
  readonly direction: Direction;
  readonly fromPosition: ReadPosition;
  readonly maxCount: number;
  readonly filter: Filter;
}

/**
 * The part of the EventStoreDB client the adapter uses, so a fake can stand in for it in fault
 * tests. Note that 6.2.1 ignores the `deadline` option of reads and subscriptions (it passes an
 * infinite one to gRPC), so the adapter enforces its own. Shapes are the client's own (6.2.1); the two additions exist because 6.2.1 lacks them:
 * a server-filtered `$all` read (its `readAll` always sends "no filter") and a `close` that also
 * closes the gRPC channel (its `dispose` only cancels open calls).
 */
export interface EsdbClient {
  readStream(streamName: string, options: ReadStreamOptions): EsdbRead<ResolvedEvent>;
  appendToStream(streamName: string, events: EventData[], options: AppendToStreamOptions): Promise<EsdbAppendResult>;
  subscribeToAll(options: SubscribeToAllOptions): EsdbSubscription;
  readAllFiltered(options: FilteredReadAllOptions): EsdbRead<AllStreamResolvedEvent>;
  close(): Promise<void>;
}

/** The client's protected plumbing (plain properties at run time), used for the filtered read and to find the channel. */
interface ClientInternals {
  GRPCStreamCreator: <T>(client: typeof StreamsClient, debugName: string, creator: (client: StreamsClient) => T) => () => Promise<T>;
  callArguments: (options: BaseOptions, callOptions: { deadline: number }) => [Metadata, CallOptions];
  getChannel: () => Promise<Channel>;
}

class RealEsdbClient implements EsdbClient {
  private readonly internals: ClientInternals;
  private channel: Promise<Channel> | undefined;

  constructor(private readonly client: EventStoreDBClient) {
    this.internals = client as unknown as ClientInternals;
    const getChannel = this.internals.getChannel;
    // The client forgets a failed channel and opens another; remember the latest so close() can close it
    // without opening (and discovering) one just to close it.
    this.internals.getChannel = () => (this.channel = getChannel());
  }

  readStream(streamName: string, options: ReadStreamOptions): EsdbRead<ResolvedEvent> {
    return this.client.readStream(streamName, options);
  }

  appendToStream(streamName: string, events: EventData[], options: AppendToStreamOptions): Promise<EsdbAppendResult> {
    return this.client.appendToStream(streamName, events, options);
  }

  subscribeToAll(options: SubscribeToAllOptions): EsdbSubscription {
    return this.client.subscribeToAll(options);
  }

  readAllFiltered({ direction, fromPosition, maxCount, filter, ...baseOptions }: FilteredReadAllOptions): EsdbRead<AllStreamResolvedEvent> {
    const options = new ReadReq.Options();
    const uuidOption = new ReadReq.Options.UUIDOption();
    uuidOption.setString(new Empty());
    const all = new ReadReq.Options.AllOptions();
    if (fromPosition === 'start') all.setStart(new Empty());
    else if (fromPosition === 'end') all.setEnd(new Empty());
    else {
      const position = new ReadReq.Options.Position();
      position.setCommitPosition(fromPosition.commit.toString(10));
      position.setPreparePosition(fromPosition.prepare.toString(10));
      all.setPosition(position);
    }
    const expression = new ReadReq.Options.FilterOptions.Expression();
    if ('prefixes' in filter) expression.setPrefixList(filter.prefixes);
    if ('regex' in filter) expression.setRegex(filter.regex);
    const filterOptions = new ReadReq.Options.FilterOptions();
    if (filter.filterOn === EVENT_TYPE) filterOptions.setEventType(expression);
    else filterOptions.setStreamIdentifier(expression);
    // How many non-matching events the server may skip per page before answering; it keeps paging
    // until maxCount events matched or the log ends, so this bounds latency, not correctness.
    filterOptions.setMax(filter.maxSearchWindow ?? 4096);
    filterOptions.setCheckpointintervalmultiplier(1);
    options.setAll(all);
    options.setFilter(filterOptions);
    options.setResolveLinks(false);
    options.setCount(String(maxCount));
    options.setUuidOption(uuidOption);
    options.setReadDirection(direction === BACKWARDS ? ReadReq.Options.ReadDirection.BACKWARDS : ReadReq.Options.ReadDirection.FORWARDS);
    const request = new ReadReq();
    request.setOptions(options);
    const createGrpcStream = this.internals.GRPCStreamCreator(StreamsClient, 'readAllFiltered', (grpc) =>
      grpc.read(request, ...this.internals.callArguments(baseOptions, { deadline: Infinity })),
    );
    return new ReadStream(createGrpcStream, convertGrpcEvent, {}) as unknown as EsdbRead<AllStreamResolvedEvent>;
  }

  async close(): Promise<void> {
    await this.client.dispose();
    const channel = this.channel;
    this.channel = undefined;
    if (!channel) return;
    try {
      (await channel).close();
    } catch {
      // Discovery never found a node, so no channel was opened.
    }
  }
}

export function connectEsdbClient(connectionString: string): EsdbClient {
  return new RealEsdbClient(EventStoreDBClient.connectionString(connectionString));
}
