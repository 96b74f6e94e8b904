import { foldEvents, type Decider, type DomainEvent } from '@so-goc/domain';
import { decodeEvent, type EventStore, type RecordedEvent, type StreamRead } from '@so-goc/event-store';

/**
 * The streams a workflow read, each folded by its decider, with the revision it was read at: the
 * appends that follow are made at exactly those revisions, so a concurrent act on any of them makes
 * the workflow decide again instead of writing on stale facts.
 */
export class StreamReads {
  private readonly revisions = new Map<string, bigint | 'no_stream'>();
  private readonly recorded = new Map<string, readonly RecordedEvent[]>();

  /** `firstReads`: streams the caller already read (to authorize the act on its record), used instead of reading them again. */
  constructor(
    private readonly store: EventStore,
    private readonly firstReads: ReadonlyMap<string, StreamRead> = new Map(),
  ) {}

  async state<TCommand, TState, TEvent extends DomainEvent>(decider: Decider<TCommand, TState, TEvent>, stream: string): Promise<TState> {
    const read = this.firstReads.get(stream) ?? (await this.store.readStream(stream));
    this.revisions.set(stream, read.revision);
    this.recorded.set(stream, read.events);
    return foldEvents(
      decider,
      read.events.map((recorded) => decodeEvent<TEvent>(recorded)),
    );
  }

  revisionOf(stream: string): bigint | 'no_stream' {
    const revision = this.revisions.get(stream);
    if (revision === undefined) throw new Error(`A workflow appended to ${stream} without reading it first`);
    return revision;
  }

  eventsOf(stream: string): readonly RecordedEvent[] {
    return this.recorded.get(stream) ?? [];
  }
}
